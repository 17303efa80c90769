"""MkDocs hook: Russian full-text search with Pagefind, and the deadlines the home page counts down.

Why Pagefind and not Material's search: Material's lunr search matches prefixes
only (it appends ``*`` to every term, so lunr never stems), and it ships the
whole index to every reader. Pagefind indexes the built HTML, stems Russian
(Snowball), and loads only the index chunks and page fragments a query needs.

What this hook does:

- ``on_config``: nothing but a check that Material's own ``search`` plugin is
  off (two search boxes with different results would confuse readers).
- ``on_files``: if the navigation does not list the static search page
  ``poisk.md``, it is marked as intentionally outside it (the header search
  form, added by ``assets/ikko.js``, leads there), so strict builds pass.
- ``on_post_page``: marks the article of every content page with
  ``data-pagefind-body`` so headers, menus and footers are not indexed; the
  search page and 404 are not marked and therefore not indexed.
- ``on_post_build``: writes ``assets/deadlines.json`` from the validated corpus
  (never from the clock) and starts the Pagefind binary from the ``pagefind[bin]``
  package over the built HTML into ``pagefind/``; the site hook writes feeds and
  open data while it runs (they are not HTML), then this hook waits for it.
  A failure stops the build.
"""
from __future__ import annotations

import html
import json
import logging
import subprocess
import time
from pathlib import Path

from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import InclusionLevel

from ikko.deadlines import describe_timing
from ikko.feeds import shorten
from ikko.pages.search_marks import marks
from ikko.site import get_site

log = logging.getLogger("mkdocs.ikko.search")

SEARCH_PAGE = "poisk.md"
BUNDLE_DIR = "pagefind"
DEADLINES_JSON = "assets/deadlines.json"
ARTICLE = '<article class="md-content__inner md-typeset">'
# Parts of an article that are not content: permalink marks, the executor filter, feed links, and a
# page's own table of contents (.ikko-toc, or data-pagefind-ignore on it), which repeats its headings.
EXCLUDE = [".headerlink", ".ikko-filter", ".ikko-subscribe", ".ikko-toc", ".md-source-file", ".md-content__button",
           # table headers, deadline states and the links to executor pages repeat on every item or page
           "thead", ".ikko-state", ".ikko-finished", ".ikko-executors", ".ikko-feed-links",
           # a law's edition notes ("в ред. Закона … № 106-ОЗ", 168 of them) and per-article link lines: found
           # through «Изменяющие законы», they would otherwise match every query for a law's name
           ".ikko-note", ".ikko-meta"]
ACTION_MAX = 160


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
    if page.file.src_uri == SEARCH_PAGE or ARTICLE not in output:
        return output
    root = Path(config["config_file_path"]).parent
    corpus = get_site(root / config["extra"].get("data_dir", "data"), config.get("site_url")).corpus
    attrs = marks(page.file.src_uri, corpus)     # kind filter and weight: ikko/pages/search_marks.py
    if attrs is None:
        return output
    extra = "".join(f' {k}="{html.escape(v)}"' for k, v in attrs.items())
    return output.replace(ARTICLE, ARTICLE[:-1] + f" data-pagefind-body{extra}>", 1)


def deadlines(corpus) -> dict:
    """Every dated deadline of every election, for the home page's "next deadlines" list.

    Dates are ISO days; which of them are "upcoming" is decided in the reader's
    browser, in the election's time zone, so the built site never depends on
    the day it was built.
    """
    elections = []
    # Illustrative plans (worked examples from a template) are not deadlines anyone must meet.
    for e in sorted((e for e in corpus.elections.values() if not e.illustrative), key=lambda e: e.voting_day):
        items = []
        for item in e.items:
            for d in item.deadlines:
                t = d.timing
                if t is None or t.undated or not (t.start or t.end):
                    continue
                action = item.action if not d.action else f"{item.action.rstrip(' :')}: {d.action}"
                items.append({
                    "item": item.number,
                    "deadline": d.index,
                    "action": shorten(action, ACTION_MAX),
                    "start": t.start.day.isoformat() if t.start else None,
                    "end": t.end.day.isoformat() if t.end else None,
                    "when": describe_timing(t),
                    "url": f"vybory/{e.id}/#{item.anchor}",
                })
        elections.append({
            "id": e.id,
            "title": e.title,
            "url": f"vybory/{e.id}/",
            "timezone": e.timezone,
            "voting_day": e.voting_day.isoformat(),
            "deadlines": items,
        })
    return {"elections": elections}


def _write_deadlines(config) -> None:
    root = Path(config["config_file_path"]).parent
    site = get_site(root / config["extra"].get("data_dir", "data"), config.get("site_url"))
    out = Path(config["site_dir"]) / DEADLINES_JSON
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(deadlines(site.corpus), ensure_ascii=False, separators=(",", ":")) + "\n",
                   encoding="utf-8")


def pagefind_command(site_dir: str) -> list[str]:
    from pagefind_bin import get_executable
    return [str(get_executable()), "--site", site_dir, "--output-subdir", BUNDLE_DIR,
            "--force-language", "ru", "--exclude-selectors", ", ".join(EXCLUDE), "--quiet"]


_RUNNING: dict = {}   # site_dir -> (Pagefind process, start time)


@event_priority(50)   # before the site hook writes feeds and open data …
def _start_indexing(config):
    _write_deadlines(config)
    try:
        process = subprocess.Popen(pagefind_command(config["site_dir"]), stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True)
    except (OSError, ImportError, FileNotFoundError) as exc:
        raise Abort(f"Поиск не построен: не запускается Pagefind ({exc}). "
                    "Установите зависимости проекта (pagefind[bin]).") from None
    _RUNNING[config["site_dir"]] = (process, time.monotonic())


@event_priority(-50)  # … and wait for it after them: Pagefind indexes on the other core meanwhile
def _finish_indexing(config):
    process, started = _RUNNING.pop(config["site_dir"])
    try:
        output, _ = process.communicate(timeout=300)
    except subprocess.TimeoutExpired:
        process.kill()
        raise Abort("Поиск не построен: Pagefind работал дольше 5 минут") from None
    if process.returncode != 0:
        raise Abort("Поиск не построен: Pagefind завершился с ошибкой\n" + output)
    entry = Path(config["site_dir"]) / BUNDLE_DIR / "pagefind-entry.json"
    if not entry.exists():
        raise Abort(f"Поиск не построен: нет {entry}")
    log.info("Pagefind: индекс поиска построен за %.1f с", time.monotonic() - started)


on_post_build = CombinedEvent(_start_indexing, _finish_indexing)
