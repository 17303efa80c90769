"""``python -m ikko build``: the pipeline from data to a published site and calendars.

load and validate → compute everything once (``Build``) → write pages, feeds,
open data and the deadlines list into one staging folder → render HTML (MkDocs)
→ index search (Pagefind) → swap site/ and calendars/ in together. Nothing is
published unless every step succeeded; see ``publish`` for the lock and swap.
"""
from __future__ import annotations

import time
from pathlib import Path

from . import children, publish, search
from .control import pause_at
from .pipeline import Build
from .render import default_renderer

OUTPUTS = ("site", "calendars")


def build_all(root: Path, log=print, renderer=None) -> dict:
    """Validate data, write calendars/ and site/. Raises DataError before writing anything."""
    root = Path(root).resolve()
    renderer = renderer or default_renderer()
    with publish.locked(root, log):
        publish.recover(root, log)
        t0 = time.perf_counter()
        build = Build.compute(root)
        pause_at("computed")
        t1 = time.perf_counter()
        staging = publish.new_staging(root)
        try:
            build.write_docs(staging / "docs")
            build.write_calendars(staging / "calendars")
            pause_at("staged")
            site = staging / "site"
            renderer.render(build, staging / "docs", site)
            pause_at("rendered")
            t2 = time.perf_counter()
            indexer = search.start(site)
            build.write_site_files(site)   # feeds and open data are not HTML: written while Pagefind indexes
            pause_at("indexing")
            search.finish(indexer, site)
            t3 = time.perf_counter()
            publish.swap_in(root, staging, OUTPUTS)
        finally:
            children.kill_all()
            publish.discard(staging)
    events = sum(len(f.events) for f in build.feeds)
    stats = {"feeds": len(build.feeds), "events": events, "pages": len(build.pages),
             "load_s": t1 - t0, "site_s": t2 - t1, "search_s": t3 - t2, "total_s": time.perf_counter() - t0}
    log(f"Готово: {stats['pages']} страниц, {stats['feeds']} календарей, {events} событий "
        f"за {stats['total_s']:.1f} с (данные {stats['load_s']:.1f} с, сайт {stats['site_s']:.1f} с, "
        f"поиск {stats['search_s']:.1f} с).")
    return stats


def write_feeds(feeds, target: Path) -> int:
    """Write feeds as .ics files under ``target`` (tests and tools; the build publishes via staging)."""
    from .feeds import to_ical
    from .pipeline import write_file
    for feed in feeds:
        write_file(Path(target) / feed.path, to_ical(feed))
    return sum(len(f.events) for f in feeds)
