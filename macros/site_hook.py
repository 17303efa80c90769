"""MkDocs hook: adds one generated page per data object and the calendars to the site.

Validation happens first (on_config): a data error stops the build with every
problem listed, before anything is written.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, InclusionLevel

from ikko.errors import DataError
from ikko.feeds import all_feeds, to_ical
from ikko.opendata import datasets, to_csv, to_json
from ikko.pages import nav
from ikko.pages.md import html_title
from ikko.site import get_site

log = logging.getLogger("mkdocs.ikko")
# No data in the stub: macros render it, so a title here would run as Jinja. Titles reach HTML via
# the navigation and on_page_content, escaped by md.html_title.
STUB = "---\nrender_macros: true\n---\n{{{{ ikko_page({path!r}) }}}}\n"


def _site(config, check_data: bool = False):
    root = Path(config["config_file_path"]).parent
    return get_site(root / config["extra"].get("data_dir", "data"), config.get("site_url"), check_data)


def on_config(config):
    try:
        site = _site(config, check_data=True)
    except DataError as exc:
        raise Abort("Ошибки в данных, сайт не собран:\n" + str(exc) +
                    f"\nИтого ошибок: {len(exc.problems)}") from None
    for w in site.corpus.warnings:
        log.info(str(w))
    config["nav"] = nav(site.pages) + _static_pages(Path(config["docs_dir"]))
    return config


def _static_pages(docs_dir: Path) -> list:
    """Hand-written pages in docs/ (e.g. the search page) go at the end of the navigation."""
    out = []
    for path in sorted(docs_dir.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        title = next((line[len("title:"):].strip() for line in text.splitlines() if line.startswith("title:")),
                     path.stem)
        out.append({title: path.relative_to(docs_dir).as_posix()})
    return out


def on_files(files, config):
    site = _site(config)
    for page in site.pages:
        content = STUB.format(path=page.path)
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.path, content=content, inclusion=inclusion))
    return files


def on_page_content(html, page, config, files):
    """Generated pages' titles (also those outside the navigation), set after macros have run."""
    generated = {p.path: p for p in _site(config).pages}
    if page.file.src_uri in generated:
        page.meta["title"] = html_title(generated[page.file.src_uri].title)
    return html


def on_post_build(config):
    """Write every feed and open dataset into the site so each is downloadable at a stable URL."""
    site = _site(config)
    out = Path(config["site_dir"])
    files = {f"calendars/{feed.path}": to_ical(feed) for feed in all_feeds(site.corpus, site.site_url)}
    for ds in datasets(site.corpus):
        files[f"opendata/{ds.path}.json"] = to_json(ds)
        files[f"opendata/{ds.path}.csv"] = to_csv(ds)
    for rel, content in files.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
