"""Build two commits of the project and compare their site/ and calendars/ file by file.

    .venv/bin/python bench/compare_build.py [BASE [HEAD]]      # defaults: main, the working tree

Each side is ``git archive``d into a temporary folder (the working tree is
copied as is) and built there with ``python -m ikko build`` in a fresh process
that imports ``ikko`` from that folder. Calendars must be byte-identical; site
files are compared byte for byte except ``sitemap.xml.gz``, whose gzip header
holds the time of the build (its content is compared instead). Exit status 0
when everything is identical.
"""
from __future__ import annotations

import argparse
import gzip
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARTS = ("ikko", "macros", "docs", "overrides", "data", "sources", "mkdocs.yml", "calendars/README.md")


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
        report[name] = (len(paths), [p for p in paths if left.get(p) != right.get(p)])
    return report


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", nargs="?", default="main")
    parser.add_argument("head", nargs="?", default=None, help="a commit; default: the working tree")
    args = parser.parse_args(argv)
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
