"""The build as one explicit object: everything computed once, then written, then rendered.

``Build.compute`` loads and validates the data and derives every output from
it (pages' Markdown, feeds' bytes, open data, the home page's deadlines).
Nothing here imports MkDocs: the renderer (``ikko.render``), the export and the
MkDocs hooks all take a ``Build``. There is no module-level cache: a new
``Build`` is a new load.
"""
from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable

import yaml

from .feeds import Feed, FeedIndex, all_feeds, election_feeds, plan_feeds, to_ical
from .load import Corpus, load_corpus
from .opendata import Dataset, datasets, to_csv, to_json
from .pages import Page, full_markdown, nav, site_pages
from .upcoming import DEADLINES_JSON, deadlines
from . import urls

DEFAULT_URL = "http://127.0.0.1:8000/"


def normalize_url(url: str | None) -> str:
    url = url or DEFAULT_URL
    return url if url.endswith("/") else url + "/"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: its ``!ENV`` and ``!!python/name`` tags become plain values."""


def _any_tag(loader, suffix, node):
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        return values[-1] if values else None   # !ENV [NAME, default]: the default
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    return loader.construct_scalar(node)


_ConfigLoader.add_multi_constructor("!", _any_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def read_config(config_file: Path) -> dict:
    with open(config_file, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_ConfigLoader) or {}


def front_matter(meta: dict) -> str:
    """YAML front matter written by the YAML library: a title is data, whatever characters it has."""
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10**6) + "---\n"


def feeds_of(corpus: Corpus, site_url: str, previous: "Build | None" = None) -> list[Feed]:
    """Every feed, in ``all_feeds``' order; an election or plan object shared with the previous build
    (the preview's partial reload keeps unchanged ones) keeps its previous feeds."""
    if previous is None:
        return all_feeds(corpus, site_url)
    before: dict[tuple[str, str], list[Feed]] = {}   # ("plan" | "election", id) -> its feeds
    for f in previous.feeds:
        before.setdefault(urls.feed_source(f.path), []).append(f)
    out: list[Feed] = []
    for e in corpus.elections.values():
        kept = previous.corpus.elections.get(e.id) is e and ("election", e.id) in before
        out += before[("election", e.id)] if kept else election_feeds(e, site_url)
    for p in corpus.plans.values():
        kept = previous.corpus.plans.get(p.id) is p and ("plan", p.id) in before
        out += before[("plan", p.id)] if kept else plan_feeds(p, site_url)
    return out


class UidClash(RuntimeError):
    """Two events would share a UID: calendar apps would merge them, so nothing is published."""


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


def hand_written_pages(docs_dir: Path) -> list[tuple[str, str]]:
    """(title, path) of the Markdown pages in docs/: they go at the end of the navigation."""
    out = []
    for path in sorted(docs_dir.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        title = next((line[len("title:"):].strip() for line in text.splitlines() if line.startswith("title:")),
                     path.stem)
        out.append((title, path.relative_to(docs_dir).as_posix()))
    return out


@dataclass
class Build:
    root: Path
    site_url: str
    corpus: Corpus
    pages: list[Page]
    markdown: dict[str, str]            # page path -> its Markdown (without front matter)
    feeds: list[Feed]
    feed_bytes: dict[str, bytes]        # path under calendars/ -> .ics bytes, serialized once
    datasets: list[Dataset]
    opendata: dict[str, bytes]          # path under opendata/ -> JSON or CSV bytes
    upcoming: bytes                     # assets/deadlines.json
    docs_dir: Path = field(init=False)

    def __post_init__(self):
        self.docs_dir = self.root / read_config(self.root / "mkdocs.yml").get("docs_dir", "docs")

    @classmethod
    def compute(cls, root: Path, site_url: str | None = None, *, read=None, previous: "Build | None" = None,
                stale: Callable[[str, Corpus], bool] | None = None, corpus: Corpus | None = None) -> "Build":
        """Load, validate and derive every output. Raises DataError before anything is written.

        The preview passes ``read`` (a parse cache), the ``previous`` build and ``stale`` (which pages the
        edit can change): other pages keep their Markdown, and a feed or dataset equal to the previous one
        keeps its bytes; it may pass the ``corpus`` it reloaded (``ikko.incremental``). A full build passes
        none of them.
        """
        root = Path(root).resolve()
        config = read_config(root / "mkdocs.yml")
        site_url = normalize_url(site_url or config.get("site_url"))
        data_dir = root / (config.get("extra") or {}).get("data_dir", "data")
        if corpus is None:
            corpus = load_corpus(data_dir, root, **({"read": read} if read else {}))
        old = previous if previous is not None and previous.site_url == site_url else None
        feeds = feeds_of(corpus, site_url, old)
        clashes = check_uids(feeds)
        if clashes:
            raise UidClash("\n".join(clashes))
        sets = datasets(corpus)
        pages = site_pages(corpus, site_url, FeedIndex(feeds), sets)

        def markdown_of(page: Page) -> str:
            if old is not None and stale is not None and not stale(page.path, corpus) and page.path in old.markdown:
                return old.markdown[page.path]
            return full_markdown(page, corpus)

        def same(before, after) -> bool:
            return before is not None and before == after

        old_feeds = {f.path: f for f in old.feeds} if old else {}
        feed_bytes = {f.path: old.feed_bytes[f.path] if old_feeds.get(f.path) is f or same(old_feeds.get(f.path), f)
                      else to_ical(f)
                      for f in feeds}
        old_sets = {d.path: d for d in old.datasets} if old else {}
        opendata: dict[str, bytes] = {}
        for ds in sets:
            reuse = same(old_sets.get(ds.path), ds)
            opendata[f"{ds.path}.json"] = old.opendata[f"{ds.path}.json"] if reuse else to_json(ds)
            opendata[f"{ds.path}.csv"] = old.opendata[f"{ds.path}.csv"] if reuse else to_csv(ds)
        upcoming = (json.dumps(deadlines(corpus), ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
        return cls(root, site_url, corpus, pages, {p.path: markdown_of(p) for p in pages}, feeds, feed_bytes,
                   sets, opendata, upcoming)

    # --- what every engine needs ------------------------------------------------------
    def page_source(self, path: str) -> str:
        """A generated page as a Markdown file: escaped front matter, then the page. No template syntax is
        evaluated on it by any engine we run (MkDocs without macros)."""
        return front_matter({"title": self.page(path).title}) + self.markdown[path]

    def page(self, path: str) -> Page:
        return self._pages_by_path[path]

    @cached_property
    def _pages_by_path(self) -> dict[str, Page]:
        # page() is asked once per page by the renderer and the hooks: a scan each time would be quadratic
        return {p.path: p for p in self.pages}

    def nav(self) -> list:
        return nav(self.pages) + [{title: path} for title, path in hand_written_pages(self.docs_dir)]

    def site_files(self) -> dict[str, bytes]:
        """Files the site serves besides its pages: feeds, open data, the deadlines list."""
        files = {urls.feed_file(path): data for path, data in self.feed_bytes.items()}
        files.update({urls.dataset_file(path): data for path, data in self.opendata.items()})
        files[DEADLINES_JSON] = self.upcoming
        return files

    # --- writing ----------------------------------------------------------------------
    def write_docs(self, out: Path) -> None:
        """docs/ as an engine reads it: the hand-written pages and assets plus every generated page."""
        shutil.copytree(self.docs_dir, out, dirs_exist_ok=True)
        for page in self.pages:
            write_file(out / page.path, self.page_source(page.path).encode("utf-8"))

    def write_calendars(self, out: Path) -> None:
        """calendars/ as published: every feed, and the folder's README kept from the repository."""
        out.mkdir(parents=True, exist_ok=True)
        readme = self.root / "calendars" / "README.md"
        if readme.exists():
            shutil.copy2(readme, out / "README.md")
        for path, data in self.feed_bytes.items():
            write_file(out / path, data)

    def write_site_files(self, site_dir: Path) -> None:
        for rel, data in self.site_files().items():
            write_file(site_dir / rel, data)


def write_file(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
