"""The site as one object: the validated corpus and its pages, built once per build."""
from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path

from . import feeds
from .load import Corpus, load_corpus
from .pages import Page, full_markdown, site_pages

_CACHE: dict[tuple, tuple] = {}   # (data dir, URL) -> (data fingerprint, Site)


@dataclass
class Site:
    corpus: Corpus
    site_url: str
    pages: list[Page]

    def page(self, path: str) -> Page:
        for p in self.pages:
            if p.path == path:
                return p
        raise KeyError(path)

    def markdown(self, path: str) -> str:
        return full_markdown(self.page(path), self.corpus)


def normalize_url(url: str | None) -> str:
    url = url or "http://127.0.0.1:8000/"
    return url if url.endswith("/") else url + "/"


def _fingerprint(data_dir: Path) -> tuple:
    """Names, sizes and modification times of the data files: an edit makes a new site."""
    return tuple((p.relative_to(data_dir).as_posix(), st.st_size, st.st_mtime_ns)
                 for p in sorted(data_dir.rglob("*.y*ml")) for st in (p.stat(),))


def get_site(data_dir: Path, site_url: str | None, check_data: bool = False) -> Site:
    """Load once per (data folder, URL); hooks, macros and the CLI share it.

    ``check_data`` (once per build, in the hook's on_config) reloads when the data files
    changed since the last load: ``python -m ikko build`` validates before MkDocs starts and
    MkDocs reuses that load, while ``mkdocs serve`` gets a fresh load after every edit.
    Pages ask without the check, so rendering never re-reads the folder.
    """
    data_dir = Path(data_dir)
    key = (str(data_dir.resolve()), normalize_url(site_url))
    cached = _CACHE.get(key)
    fingerprint = _fingerprint(data_dir) if check_data or cached is None else cached[0]
    if cached is None or cached[0] != fingerprint:
        if cached is not None:
            forget()  # the data changed: drop the old corpus before loading the new one
        corpus = load_corpus(data_dir)
        _CACHE[key] = cached = (fingerprint, Site(corpus, key[1], site_pages(corpus, key[1])))
        # The corpus lives for the whole build: keep the garbage collector from re-walking it
        # on every collection while pages render (it cost ~2 s of a 10× build).
        gc.collect()
        gc.freeze()
    return cached[1]


def forget() -> None:
    """Drop cached sites and feeds (tests that build several corpora)."""
    _CACHE.clear()
    feeds.forget()
    gc.unfreeze()  # let the dropped corpus be collected
