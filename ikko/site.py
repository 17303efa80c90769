"""The site as one object: the validated corpus and its pages, built once per build."""
from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path

from . import feeds
from .load import Corpus, load_corpus
from .pages import Page, full_markdown, site_pages

_CACHE: dict[tuple, "Site"] = {}


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


def get_site(data_dir: Path, site_url: str | None) -> Site:
    """Load once per (data folder, URL); MkDocs hooks and macros share it."""
    key = (str(Path(data_dir).resolve()), normalize_url(site_url))
    if key not in _CACHE:
        corpus = load_corpus(Path(data_dir))
        _CACHE[key] = Site(corpus, key[1], site_pages(corpus, key[1]))
        # The corpus lives for the whole build: keep the garbage collector from re-walking it
        # on every collection while pages render (it cost ~2 s of a 10× build).
        gc.collect()
        gc.freeze()
    return _CACHE[key]


def forget() -> None:
    """Drop cached sites (mkdocs serve reloads after an edit of data/)."""
    _CACHE.clear()
    feeds.forget()
    gc.unfreeze()  # let the dropped corpus be collected
