"""The repository is self-contained: a fresh clone with nothing beside it builds and tests.

Every input (the five source documents included) is inside the repository; a tracked file that
points outside it would make a clean checkout, a contributor's machine or a hosted CI runner fail.
"""
from __future__ import annotations

import functools
import re
import subprocess
from pathlib import Path

from ikko.sources import (CALENDAR_ZS_2023, LAW_1_OZ, ROOT, WORK_PLAN_2024, WORK_REPORT_2020_H2,
                          WORK_REPORT_2023, source_path)

SHARED = "sha" + "red"  # spelled apart so this file does not match its own patterns
# In any tracked file: the sibling folder of the old layout (as a path or joined with "/"), or a
# machine-specific absolute path.
OUTSIDE = re.compile(r"(?:\.\./)+" + SHARED + r"\b|\b" + SHARED + r"/sources\b"
                     r"|\.parents?(?:\[\d\])?\s*/\s*[\"']" + SHARED + r"[\"']"
                     r"|(?<![\w.:-])/(?:work|home|root|Users)/\w")
# In the files that name filesystem paths (build scripts and configuration), any path that climbs
# out of the repository from the file's folder or from the root, where commands run.
CLIMB = re.compile(r"(?<![\w.])((?:\.\./)+)[\w.-]*")
SCRIPTS = re.compile(r"^(Makefile|\.ci/.*|\.github/.*|pyproject\.toml|mkdocs\.yml|package\.json|.*\.sh)$")


@functools.cache
def tracked_text_files() -> tuple[tuple[str, str], ...]:
    names = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    out = []
    for name in filter(None, names.decode().split("\0")):
        path = ROOT / name
        if path.is_file() and not path.is_symlink():
            try:
                out.append((name, path.read_text(encoding="utf-8")))
            except UnicodeDecodeError:
                continue
    return tuple(out)


def outside_references(name: str, text: str) -> list[str]:
    found = []
    folder = (ROOT / name).parent
    for lineno, line in enumerate(text.splitlines(), 1):
        for match in OUTSIDE.finditer(line):
            found.append(f"{name}:{lineno}: {match.group(0)}")
        if SCRIPTS.match(name):
            for match in CLIMB.finditer(line):
                if any(not (base / match.group(1)).resolve().is_relative_to(ROOT) for base in (folder, ROOT)):
                    found.append(f"{name}:{lineno}: {match.group(0)}")
    return found


def test_the_five_source_documents_are_in_the_repository():
    for name in (WORK_REPORT_2023, WORK_PLAN_2024, WORK_REPORT_2020_H2, LAW_1_OZ, CALENDAR_ZS_2023):
        path = source_path(name)
        assert path.parent == ROOT / "sources", path
        assert path.stat().st_size > 20_000, f"{name} looks truncated"
        assert (f"sources/{name}", path.read_text(encoding="utf-8")) in tracked_text_files(), f"{name} is not tracked"
    readme = (ROOT / "sources" / "README.md").read_text(encoding="utf-8")
    for number in ("83/628-7", "81/606-7", "1-ОЗ", "48/354-7"):
        assert number in readme


def test_no_tracked_file_refers_to_a_path_outside_the_repository():
    offenders = [line for name, text in tracked_text_files() for line in outside_references(name, text)]
    assert not offenders, "tracked files refer to paths outside the repository:\n" + "\n".join(offenders)


def test_the_outside_check_catches_the_old_layout():
    """Each form a reference outside the repository took before, in the kind of file it was in."""
    cases = {
        "tests/test_x.py": f'SOURCES = Path(os.environ.get("IKKO_SOURCES", ROOT.parent / "{SHARED}" / "sources"))',
        "ikko/importers/x.py": f"The export (``{SHARED}/sources/004_…txt``)",
        "README.md": f"cat ../{SHARED}/FIELD-NOTES.md",
        "Makefile": "\tcp ../../data.txt .",
        ".ci/run": "python /" + "home/runner/tool.py",
    }
    for name, line in cases.items():
        assert outside_references(name, line), (name, line)
    # …and stays quiet on what is fine: site links and schema paths written into data/.
    assert not outside_references("ikko/pages/plan.py", "[подписка](../../podpiska.md)")
    assert not outside_references("ikko/importers/law_text.py", "$schema=../../schemas/law.schema.json")
