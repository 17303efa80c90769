"""The five published source documents kept in the repository (``sources/``).

They are the provenance of ``data/``: tests, importers and the benchmark read them
from here. ``IKKO_SOURCES`` may point at another copy, but nothing depends on it.
"""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES_DIR = Path(os.environ.get("IKKO_SOURCES") or ROOT / "sources")

WORK_REPORT_2023 = "000_a13131c35a25e1bc.txt"
WORK_PLAN_2024 = "001_232baa38efc78b8e.txt"
WORK_REPORT_2020_H2 = "002_d012d08cf39e9ccc.txt"
LAW_1_OZ = "003_f75d93f3ac3fc182.txt"
CALENDAR_ZS_2023 = "004_109e17d32d2b8609.txt"


def source_path(name: str) -> Path:
    """Path of a source document; a missing one is an error, never a reason to skip."""
    path = SOURCES_DIR / name
    if not path.is_file():
        raise FileNotFoundError(f"source document not found: {path} (the repository's sources/ folder)")
    return path


def source_text(name: str) -> str:
    return source_path(name).read_text(encoding="utf-8")
