"""``python -m ikko export OUT/``: the whole site as an engine-neutral project, without MkDocs.

OUT/docs holds every page as plain Markdown with YAML front matter (written by
the YAML library, so a title is data whatever its characters), the hand-written
pages and assets, the feeds under calendars/, open data under opendata/ and
assets/deadlines.json. OUT/mkdocs.yml is a minimal configuration: navigation,
Markdown extensions, MkDocs' default theme, no plugins or hooks. Plain MkDocs
builds it with ``--strict``; other engines that read mkdocs.yml (Zensical) can
too. The search index is built from HTML, so it is not part of the export: run
Pagefind over the rendered site (see ``ikko.search``).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from .pipeline import Build, read_config

# Settings of the project's mkdocs.yml that mean the same to any engine reading mkdocs.yml.
KEPT = ("site_name", "site_description", "site_url", "markdown_extensions", "extra_css", "extra_javascript")


def export_config(build: Build) -> dict:
    project = read_config(build.root / "mkdocs.yml")
    config = {k: project[k] for k in KEPT if k in project}
    config.update({
        "docs_dir": "docs",
        "theme": {"name": "mkdocs", "locale": "ru"},
        "plugins": [],
        "nav": build.nav(),
        "not_in_nav": "\n".join("/" + p.path for p in build.pages if not p.in_nav),
        "validation": {"nav": {"omitted_files": "warn"}, "links": {"not_found": "warn", "anchors": "warn"}},
    })
    return config


def export(root: Path, out: Path) -> Build:
    """Write the export into ``out`` (replaced if it exists). Raises DataError before writing anything."""
    build = Build.compute(root)
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    build.write_docs(docs)
    build.write_site_files(docs)
    (out / "mkdocs.yml").write_text(
        yaml.safe_dump(export_config(build), allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")
    return build
