"""Shared fixtures: the real corpus, a built copy of the real site, and throwaway project copies."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("IKKO_BUILD_DATE", "2026-12-01")   # the build's "today" (ikko.builddate): deterministic


def copy_project(target: Path) -> Path:
    """A disposable copy of everything a build reads."""
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, target / name)
    for name in ("docs", "macros", "data", "overrides"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    (target / "calendars").mkdir()
    return target


def build_project(project: Path) -> Path:
    from ikko.build import build_all
    build_all(project, log=lambda *_: None)
    return project


@pytest.fixture(scope="session")
def corpus():
    from ikko.load import load_corpus
    return load_corpus(ROOT / "data", ROOT)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The real data built once: site/ and calendars/ of a project copy."""
    return build_project(copy_project(tmp_path_factory.mktemp("built")))


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path)
