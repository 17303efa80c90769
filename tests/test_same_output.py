"""The build of this tree gives the same files as the build of the commit the snapshot was made from.

tests/snapshots/output.sha256 holds the SHA-256 of every file of calendars/ and site/ that is the same
from run to run (bench/compare_build.py ``manifest`` says what is left out and why), built from a commit
named in its first line. A refactoring must leave it unchanged; a change meant to alter the output
updates the snapshot in the same commit series.
"""
from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path

from ikko import builddate

ROOT = Path(__file__).resolve().parents[1]
HOW = ("If the change is intended, run `python bench/compare_build.py --write-snapshot HEAD` after "
       "committing it and commit tests/snapshots/output.sha256.")
SHOWN = 20


def _compare_build():
    spec = importlib.util.spec_from_file_location("compare_build", ROOT / "bench" / "compare_build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_output_is_the_same_as_the_snapshots_build(built):
    cb = _compare_build()
    header, expected = cb.read_snapshot()
    match = re.fullmatch(r"# built from commit ([0-9a-f]{40}) \(.*\), IKKO_BUILD_DATE=(\S+)", header)
    assert match, f"unreadable first line of {cb.SNAPSHOT}: {header!r}"
    assert builddate.today().isoformat() == match.group(2), (
        f"the fixture builds on {builddate.today()}, the snapshot on {match.group(2)}: dates shown on pages "
        f"differ. {HOW}")
    actual = cb.manifest(built)
    added = sorted(set(actual) - set(expected))
    removed = sorted(set(expected) - set(actual))
    changed = sorted(p for p in set(actual) & set(expected) if actual[p] != expected[p])
    if added or removed or changed:
        lines = [f"+ {p}" for p in added] + [f"- {p}" for p in removed] + [f"~ {p}" for p in changed]
        more = f"\n… and {len(lines) - SHOWN} more" if len(lines) > SHOWN else ""
        raise AssertionError(
            f"the output differs from the build of commit {match.group(1)} "
            f"({len(added)} added, {len(removed)} removed, {len(changed)} changed):\n"
            + "\n".join(lines[:SHOWN]) + more + f"\n{HOW}")


def test_sitemap_is_dated_by_the_build_date_not_the_clock(built):
    """MkDocs dates the sitemap by the clock unless SOURCE_DATE_EPOCH is set: the renderer gives it the
    build's date, so a rebuild of the same data on another day gives the same file."""
    text = (built / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", text)) == {builddate.today().isoformat()}
    assert builddate.EPOCH not in os.environ   # set for MkDocs only while it renders
