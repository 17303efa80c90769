"""The whole build: validate, then write every feed and the site, each all-or-nothing.

Nothing is written unless the data is valid; each output is built in a
temporary folder beside its target and swapped in only when complete, so a
failure never leaves a half-written site/ or calendars/.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import json
import time
from pathlib import Path

from .errors import engine_warnings_shown
from .feeds import Feed, all_feeds, to_ical
from .site import get_site, normalize_url


def site_url_of(config_file: Path) -> str:
    from mkdocs.config import load_config
    return normalize_url(load_config(str(config_file)).get("site_url"))


def check_uids(feeds: list[Feed]) -> list[str]:
    """Two different events must never share a UID (calendar apps would merge them)."""
    seen: dict[str, tuple] = {}
    clashes = []
    for feed in feeds:
        for ev in feed.events:
            key = (ev.summary, ev.start)
            if ev.uid in seen and seen[ev.uid] != key:
                clashes.append(f"{feed.path}: UID {ev.uid} уже занят другим событием")
            seen.setdefault(ev.uid, key)
    return clashes


def write_feeds(feeds: list[Feed], target: Path) -> int:
    """Replace the feed folders in ``target`` (keeping its README) atomically per build."""
    target.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".calendars-", dir=target.parent))
    try:
        for feed in feeds:
            path = staging / feed.path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(to_ical(feed))
        for old in target.iterdir():
            if old.name != "README.md":
                shutil.rmtree(old) if old.is_dir() else old.unlink()
        for new in staging.iterdir():
            os.replace(new, target / new.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return sum(len(f.events) for f in feeds)


def build_site(config_file: Path, site_dir: Path) -> None:
    """mkdocs build into a fresh folder, then swap it in place of ``site_dir``."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the site is public
    try:
        config = load_config(str(config_file), site_dir=str(staging))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            with engine_warnings_shown():  # strict mode's "Aborted with N warnings" must list them
                build(config)
        finally:
            config.plugins.on_shutdown()
        old = site_dir.with_name(site_dir.name + ".old")
        if site_dir.exists():
            os.replace(site_dir, old)
        os.replace(staging, site_dir)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def build_all(root: Path, log=print) -> dict:
    """Validate data, write calendars/ and site/. Raises DataError before writing anything."""
    t0 = time.perf_counter()
    config_file = root / "mkdocs.yml"
    site = get_site(root / "data", site_url_of(config_file), check_data=True)
    feeds = all_feeds(site.corpus, site.site_url)
    clashes = check_uids(feeds)
    if clashes:
        raise RuntimeError("\n".join(clashes))
    t1 = time.perf_counter()
    events = write_feeds(feeds, root / "calendars")
    t2 = time.perf_counter()
    build_site(config_file, root / "site")
    t3 = time.perf_counter()
    stats = {"feeds": len(feeds), "events": events, "pages": len(site.pages),
             "load_s": t1 - t0, "feeds_s": t2 - t1, "site_s": t3 - t2, "total_s": t3 - t0}
    log(f"Готово: {stats['pages']} страниц, {stats['feeds']} календарей, {events} событий "
        f"за {stats['total_s']:.1f} с (данные {stats['load_s']:.1f} с, календари {stats['feeds_s']:.1f} с, "
        f"сайт {stats['site_s']:.1f} с).")
    return stats


def export_markdown(root: Path, out: Path) -> int:
    """Write every page as plain Markdown (no macros) for any engine."""
    site = get_site(root / "data", site_url_of(root / "mkdocs.yml"), check_data=True)
    for page in site.pages:
        path = out / page.path
        path.parent.mkdir(parents=True, exist_ok=True)
        # a JSON string is valid YAML: quotes and backslashes in a title cannot break the front matter
        path.write_text(f"---\ntitle: {json.dumps(page.title, ensure_ascii=False)}\n---\n" + site.markdown(page.path),
                        encoding="utf-8")
    return len(site.pages)
