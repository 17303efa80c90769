"""Russian full-text search with Pagefind over the built HTML.

Why Pagefind and not Material's search: Material's lunr search matches prefixes
only (it appends ``*`` to every term, so lunr never stems), and it ships the
whole index to every reader. Pagefind indexes the built HTML, stems Russian
(Snowball), and loads only the index chunks and page fragments a query needs.

Only the article of a content page is indexed: ``mark_body`` adds
``data-pagefind-body`` to it; the search page and 404 are not marked.
"""
from __future__ import annotations

import subprocess
import time
from pathlib import Path

from . import children
from .pages.md import attr
from .pages.search_marks import marks

SEARCH_PAGE = "poisk.md"
BUNDLE_DIR = "pagefind"
ARTICLE = '<article class="md-content__inner md-typeset">'
# Parts of an article that are not content: permalink marks, the executor filter, feed links, and a
# page's own table of contents (.ikko-toc, or data-pagefind-ignore on it), which repeats its headings.
EXCLUDE = [".headerlink", ".ikko-filter", ".ikko-subscribe", ".ikko-toc", ".md-source-file", ".md-content__button",
           # table headers, deadline states and the links to executor pages repeat on every item or page
           "thead", ".ikko-state", ".ikko-finished", ".ikko-executors", ".ikko-feed-links",
           # a law's edition notes ("в ред. Закона … № 106-ОЗ", 168 of them) and per-article link lines: found
           # through «Изменяющие законы», they would otherwise match every query for a law's name
           ".ikko-note", ".ikko-meta",
           # earlier wordings of a law unit: search leads to the text in force; they are on the edition pages
           ".ikko-earlier",
           # a person's plan items: the plan's own text, found on the plan; the person is found by name
           ".ikko-owned"]
TIMEOUT_S = 300


class SearchError(RuntimeError):
    pass


def mark_body(html: str, src_uri: str, corpus) -> str:
    """Mark the article for indexing, with its kind filter and weight (ikko/pages/search_marks.py)."""
    if src_uri == SEARCH_PAGE or ARTICLE not in html:
        return html
    attrs = marks(src_uri, corpus)
    if attrs is None:          # not indexed (per-executor pages, illustrative copies)
        return html
    extra = "".join(f' {k}="{attr(v)}"' for k, v in attrs.items())
    return html.replace(ARTICLE, ARTICLE[:-1] + f" data-pagefind-body{extra}>", 1)


def pagefind_command(site_dir: str) -> list[str]:
    from pagefind_bin import get_executable
    return [str(get_executable()), "--site", site_dir, "--output-subdir", BUNDLE_DIR,
            "--force-language", "ru", "--exclude-selectors", ", ".join(EXCLUDE), "--quiet"]


def start(site_dir: Path) -> subprocess.Popen:
    """Start indexing (it runs on the other core while the caller writes non-HTML files)."""
    try:
        return children.start(pagefind_command(str(site_dir)))
    except (OSError, ImportError) as exc:
        raise SearchError(f"Поиск не построен: не запускается Pagefind ({exc}). "
                          "Установите зависимости проекта (pagefind[bin]).") from None


def finish(process: subprocess.Popen, site_dir: Path) -> float:
    """Wait for Pagefind; returns the seconds it took. A failure raises SearchError."""
    started = time.monotonic()
    try:
        output, _ = process.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise SearchError(f"Поиск не построен: Pagefind работал дольше {TIMEOUT_S} с") from None
    finally:
        children.forget(process)
    if process.returncode != 0:
        raise SearchError("Поиск не построен: Pagefind завершился с ошибкой\n" + (output or ""))
    entry = Path(site_dir) / BUNDLE_DIR / "pagefind-entry.json"
    if not entry.exists():
        raise SearchError(f"Поиск не построен: нет {entry}")
    return time.monotonic() - started


def index(site_dir: Path) -> float:
    return finish(start(site_dir), site_dir)
