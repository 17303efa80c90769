"""MkDocs hook: what only MkDocs needs from the pipeline.

Under ``python -m ikko build`` the pipeline has already validated the data and
written every page into the staged docs folder; this hook then only sets the
navigation and marks pages that are outside it. Under plain ``mkdocs build`` or
``mkdocs serve`` it computes the same ``Build`` itself (a data error stops the
build with every problem listed), adds the pages as generated files, and after
the build writes feeds, open data and the search index into the site.
``mkdocs serve`` also watches data/.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel

from ikko import builddate, search
from ikko.errors import DataError
from ikko.pages.md import html_title
from ikko.pipeline import Build, UidClash
from ikko.render.mkdocs import BUILD_KEY, STAGED_KEY

log = logging.getLogger("mkdocs.ikko")
EPOCH_SET = "ikko_epoch_set"   # this hook set SOURCE_DATE_EPOCH for the build and removes it after


def _build(config) -> Build:
    return config["extra"][BUILD_KEY]


def on_config(config):
    if not config["extra"].get(STAGED_KEY):
        try:
            config["extra"][BUILD_KEY] = Build.compute(Path(config["config_file_path"]).parent,
                                                       config.get("site_url"))
        except DataError as exc:
            raise Abort("Ошибки в данных, сайт не собран:\n" + str(exc) +
                        f"\nИтого ошибок: {len(exc.problems)}") from None
        except UidClash as exc:
            raise Abort(f"Сайт не собран: {exc}") from None
        # MkDocs dates the sitemap by the clock: with IKKO_BUILD_DATE it gets that date, as under `ikko build`
        epoch = builddate.epoch_for_tools()
        if epoch is not None:
            os.environ[builddate.EPOCH] = epoch
            config["extra"][EPOCH_SET] = True
    build = _build(config)
    for w in build.corpus.warnings:
        log.info(str(w))
    config["nav"] = build.nav()
    return config


def on_files(files, config):
    build = _build(config)
    staged = config["extra"].get(STAGED_KEY)
    generated = []
    for page in build.pages:
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        if staged:
            file = files.get_file_from_path(page.path)
            file.inclusion = inclusion
        else:
            file = File.generated(config, page.path, content=build.page_source(page.path), inclusion=inclusion)
        generated.append(file)
    # Hand-written files first, then the pages in the pipeline's order, staged or not (the sitemap follows it).
    paths = {p.path for p in build.pages}
    return Files([f for f in files if f.src_uri not in paths] + generated)


def on_page_content(html, page, config, files):
    """Generated pages' titles (also those outside the navigation), escaped once for the theme's templates."""
    build = _build(config)
    if page.file.src_uri in build.markdown:
        page.meta["title"] = html_title(build.page(page.file.src_uri).title)
    return html


def on_post_build(config):
    """Plain ``mkdocs build``/``serve``: feeds, open data, deadlines and search, as the pipeline writes them."""
    if config["extra"].get(STAGED_KEY):
        return
    _unset_epoch(config)
    site_dir = Path(config["site_dir"])
    process = search.start(site_dir)
    _build(config).write_site_files(site_dir)
    try:
        seconds = search.finish(process, site_dir)
    except search.SearchError as exc:
        raise Abort(str(exc)) from None
    log.info("Pagefind: индекс поиска построен за %.1f с", seconds)


def _unset_epoch(config) -> None:
    if config["extra"].pop(EPOCH_SET, False):
        os.environ.pop(builddate.EPOCH, None)


def on_serve(server, config, builder):
    """Edits to data/ rebuild the preview, as edits to docs/ do."""
    data_dir = Path(config["config_file_path"]).parent / config["extra"].get("data_dir", "data")
    server.watch(str(data_dir))
    return server
