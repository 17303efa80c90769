"""The pipeline (``python -m ikko build``) and plain ``mkdocs build`` (the hooks compute the same Build)
publish the same site: every HTML page, feed, dataset and search file byte for byte. The engine only
renders; what it renders does not depend on who drives it. ``bench/compare_build.py`` makes the same
comparison between two commits."""
from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from test_plan_pages import build_site


@pytest.fixture(scope="module")
def mkdocs_site(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory).root


def files(root: Path) -> dict[str, bytes]:
    out = {}
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            out[path.relative_to(root).as_posix()] = gzip.decompress(data) if path.suffix == ".gz" else data
    return out


def unstable(path: str) -> bool:
    """Pagefind's filter index (the «Вид» filter) is written in a different order on every run, even of the
    same site, and the entry and meta files name it by hash; everything else must match byte for byte."""
    return path.startswith("pagefind/filter/") or path.endswith(".pf_meta") or path == "pagefind/pagefind-entry.json"


def test_pipeline_and_plain_mkdocs_build_publish_the_same_files(built, mkdocs_site):
    mine, theirs = files(built / "site"), files(mkdocs_site)
    assert len(mine) > 250 and any(p.startswith("pagefind/") for p in mine)
    assert sum(map(unstable, mine)) == sum(map(unstable, theirs)) >= 3
    mine = {p: d for p, d in mine.items() if not unstable(p)}
    theirs = {p: d for p, d in theirs.items() if not unstable(p)}
    assert sorted(mine) == sorted(theirs)
    assert [p for p in sorted(mine) if mine[p] != theirs[p]] == []


def test_published_calendars_are_the_ones_the_site_serves(built):
    published = files(built / "calendars")
    served = {p[len("calendars/"):]: d for p, d in files(built / "site").items() if p.startswith("calendars/")}
    published.pop("README.md", None)   # the folder's README stays in the repository, not on the site
    assert len(published) > 100 and published == served
