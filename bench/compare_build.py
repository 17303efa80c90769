"""Build two commits of the project and compare their site/ and calendars/ file by file.

    .venv/bin/python bench/compare_build.py [BASE [HEAD]]      # defaults: main, the working tree
    .venv/bin/python bench/compare_build.py --write-snapshot REF   # tests/snapshots/output.sha256

Each side is ``git archive``d into a temporary folder (the working tree is
copied as is) and built there with ``python -m ikko build`` in a fresh process
that imports ``ikko`` from that folder, with IKKO_BUILD_DATE=2026-12-01 (the
tests' build date) unless the environment sets another. Calendars must be
byte-identical; site files are compared byte for byte except ``sitemap.xml.gz``,
whose gzip header holds the time of the build (its content is compared
instead), and ``pagefind/``, which differs between two builds of the same commit.
Exit status 0 when everything is identical.

``--write-snapshot REF`` builds REF the same way and writes the SHA-256 of every
output file that is the same from run to run (``manifest``) to
tests/snapshots/output.sha256, which tests/test_same_output.py compares with a
build of the working tree.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARTS = ("ikko", "macros", "docs", "overrides", "data", "sources", "mkdocs.yml", "calendars/README.md")
BUILD_DATE = "2026-12-01"          # as in tests/conftest.py
SNAPSHOT = ROOT / "tests" / "snapshots" / "output.sha256"
# Output that differs from run to run of the same commit (seen by building one commit twice), so it is
# left out of comparisons and of the snapshot:
UNSTABLE_DIRS = ("site/pagefind/",)        # Pagefind's filter index and its hashed file names
UNSTABLE_FILES = ("site/sitemap.xml.gz",)  # gzip header holds the time of the build (sitemap.xml is kept)
# Not built but copied verbatim from the repository (and absent from the tests' project copies):
COPIED_FILES = ("calendars/README.md",)


def unstable(path: str) -> bool:
    """``path`` (relative to the project, "site/…" or "calendars/…") is not the same from run to run."""
    return path.startswith(UNSTABLE_DIRS) or path in UNSTABLE_FILES


def checkout(ref: str | None, into: Path) -> Path:
    into.mkdir(parents=True)
    if ref is None:   # the working tree
        for part in PARTS:
            src = ROOT / part
            if src.is_dir():
                shutil.copytree(src, into / part, ignore=shutil.ignore_patterns("__pycache__"))
            elif src.exists():
                (into / part).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, into / part)
    else:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", ref],
                                 check=True, capture_output=True).stdout
        tar_path = into.parent / (into.name + ".tar")
        tar_path.write_bytes(archive)
        with tarfile.open(tar_path) as tar:
            tar.extractall(into, filter="data")
        tar_path.unlink()
    (into / "calendars").mkdir(exist_ok=True)
    return into


def build(project: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(project), NO_MKDOCS_2_WARNING="1")
    env.setdefault("IKKO_BUILD_DATE", BUILD_DATE)
    proc = subprocess.run([sys.executable, "-m", "ikko", "--root", str(project), "build"], cwd=project,
                          env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{proc.stdout}{proc.stderr}")


def files(folder: Path) -> dict[str, bytes]:
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.name.endswith(".gz"):
                data = gzip.decompress(data)
            out[path.relative_to(folder).as_posix()] = data
    return out


def compare(a: Path, b: Path) -> dict[str, tuple[int, list[str]]]:
    """For site/ and calendars/: (number of files on either side, paths that differ or exist on one side)."""
    report = {}
    for name in ("calendars", "site"):
        left, right = files(a / name), files(b / name)
        paths = sorted(set(left) | set(right))
        paths = [p for p in paths if not unstable(f"{name}/{p}")]
        report[name] = (len(paths), [p for p in paths if left.get(p) != right.get(p)])
    return report


def manifest(project: Path) -> dict[str, str]:
    """"calendars/…" or "site/…" -> SHA-256 of every built file that is the same from run to run."""
    out = {}
    for name in ("calendars", "site"):
        for path in sorted((project / name).rglob("*")):
            rel = f"{name}/{path.relative_to(project / name).as_posix()}"
            if path.is_file() and not unstable(rel) and rel not in COPIED_FILES:
                out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return dict(sorted(out.items()))


def snapshot_header(commit: str, subject: str, build_date: str) -> str:
    return f"# built from commit {commit} ({subject}), IKKO_BUILD_DATE={build_date}"


def read_snapshot(path: Path = SNAPSHOT) -> tuple[str, dict[str, str]]:
    """(the header line, path -> SHA-256)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines[0], {p: h for h, p in (line.split("  ", 1) for line in lines[1:] if line)}


def write_snapshot(ref: str) -> Path:
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(ROOT), *args], check=True, capture_output=True, text=True).stdout.strip()
    commit, subject = git("rev-parse", f"{ref}^{{commit}}"), git("log", "-1", "--format=%s", ref)
    build_date = os.environ.get("IKKO_BUILD_DATE", BUILD_DATE)
    with tempfile.TemporaryDirectory(prefix="ikko-snapshot-") as tmp:
        project = checkout(commit, Path(tmp) / "project")
        build(project)
        files = manifest(project)
    SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
    SNAPSHOT.write_text("\n".join([snapshot_header(commit, subject, build_date)]
                                  + [f"{digest}  {path}" for path, digest in files.items()]) + "\n", encoding="utf-8")
    return SNAPSHOT


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", nargs="?", default="main")
    parser.add_argument("head", nargs="?", default=None, help="a commit; default: the working tree")
    parser.add_argument("--write-snapshot", metavar="REF",
                        help="build REF and write tests/snapshots/output.sha256 instead of comparing")
    args = parser.parse_args(argv)
    if args.write_snapshot:
        path = write_snapshot(args.write_snapshot)
        print(f"{path.relative_to(ROOT)}: {len(read_snapshot(path)[1])} files")
        return 0
    with tempfile.TemporaryDirectory(prefix="ikko-compare-") as tmp:
        a = checkout(args.base, Path(tmp) / "base")
        b = checkout(args.head, Path(tmp) / "head")
        build(a)
        build(b)
        report = compare(a, b)
    ok = True
    for name, (total, differ) in report.items():
        print(f"{name}: {total - len(differ)}/{total} identical")
        for path in differ[:20]:
            print(f"  differs: {path}")
        ok &= not differ
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
