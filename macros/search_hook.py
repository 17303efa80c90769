"""MkDocs hook for Pagefind search (the indexing itself is in ``ikko.search``).

- ``on_config``: a check that Material's own ``search`` plugin is off (two
  search boxes with different results would confuse readers).
- ``on_files``: if the navigation does not list the static search page, it is
  marked as intentionally outside it (the header search form, added by
  ``assets/ikko.js``, leads there), so strict builds pass.
- ``on_post_page``: marks the article of every content page with
  ``data-pagefind-body`` so headers, menus and footers are not indexed.
"""
from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import InclusionLevel

from ikko.render.mkdocs import BUILD_KEY
from ikko.search import SEARCH_PAGE, mark_body


def on_config(config):
    if "search" in config["plugins"] or "material/search" in config["plugins"]:
        raise PluginError("search_hook: site search is Pagefind; remove the «search» plugin from mkdocs.yml")
    return config


def _in_nav(entry, path: str) -> bool:
    if isinstance(entry, dict):
        return any(_in_nav(v, path) for v in entry.values())
    if isinstance(entry, list):
        return any(_in_nav(v, path) for v in entry)
    return entry == path


def on_files(files, config):
    page = files.get_file_from_path(SEARCH_PAGE)
    if page is not None and not _in_nav(config.get("nav"), SEARCH_PAGE):
        page.inclusion = InclusionLevel.NOT_IN_NAV   # reached from the header form; no "omitted" warning
    return files


def on_post_page(output, page, config):
    return mark_body(output, page.file.src_uri, config["extra"][BUILD_KEY].corpus)
