"""Publishing outputs all together, or not at all: a lock, one staging folder, a journaled swap.

- ``locked``: one build per project at a time (``flock`` on the project folder itself,
  so no lock file is left behind);
  a second build waits for the first instead of mixing its files into it.
- ``new_staging``: every output of a build is written into one folder beside
  the targets (same file system, so swapping is a rename).
- ``swap_in``: a journal names the staging folder and the new folders' inodes,
  then each target is exchanged with its new version (``renameat2`` with
  ``RENAME_EXCHANGE`` on Linux: no moment without a site). A build killed in
  the middle leaves the journal; ``recover`` at the start of the next build
  completes the swap (the new outputs were complete before the journal was
  written) and removes what is left.
"""
from __future__ import annotations

import ctypes
import errno
import fcntl
import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from .control import pause_at

JOURNAL = ".ikko-publish.json"
STAGING_PREFIX = ".ikko-staging-"
LEFTOVER_PREFIXES = (STAGING_PREFIX, ".site-", ".calendars-")   # the last two: older versions' staging
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


@contextmanager
def locked(root: Path, log=print):
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log("Идет другая сборка этого проекта; ждем ее окончания…")
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)   # closing releases the lock


def new_staging(root: Path) -> Path:
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=root))
    staging.chmod(0o755)   # mkdtemp makes it private; the site is public
    return staging


def discard(staging: Path) -> None:
    """Remove a staging folder that was not published (no journal names it)."""
    if staging.exists() and _journal(staging.parent).get("staging") != staging.name:
        shutil.rmtree(staging, ignore_errors=True)


def swap_in(root: Path, staging: Path, names: tuple[str, ...]) -> None:
    """Make ``staging/<name>`` the new ``root/<name>`` for every name, as one step that survives a kill."""
    journal = {"staging": staging.name, "inodes": {name: (staging / name).stat().st_ino for name in names}}
    _write_journal(root, journal)
    for k, name in enumerate(names):
        _replace(root / name, staging / name)
        if k == 0:
            pause_at("swapping")
    _finish(root, staging)


def recover(root: Path, log=print) -> None:
    """Complete an interrupted swap and remove what earlier builds left; say what was done."""
    journal = _journal(root)
    if journal:
        staging = root / journal["staging"]
        done = []
        for name, inode in journal["inodes"].items():
            target, new = root / name, staging / name
            if target.exists() and target.stat().st_ino == inode:
                continue
            if new.exists() and new.stat().st_ino == inode:
                _replace(target, new)
                done.append(name)
        _finish(root, staging)
        log("Предыдущая сборка была прервана во время публикации; публикация завершена"
            + (f" (заменены: {', '.join(done)})." if done else "."))
    old_site = root / "site.old"
    if old_site.exists():
        if not (root / "site").exists():
            os.replace(old_site, root / "site")
            log("Сайт восстановлен из site.old, оставленного прерванной сборкой.")
        else:
            shutil.rmtree(old_site, ignore_errors=True)
            log("Удалена папка site.old, оставленная прерванной сборкой.")
    leftovers = sorted(p.name for p in root.iterdir() if p.is_dir() and p.name.startswith(LEFTOVER_PREFIXES))
    for name in leftovers:
        shutil.rmtree(root / name, ignore_errors=True)
    if leftovers:
        log(f"Удалены остатки прерванной сборки: {', '.join(leftovers)}.")


def _replace(target: Path, new: Path) -> None:
    """Put ``new`` at ``target``; the old target (if any) goes to ``new``'s place."""
    if not target.exists():
        os.replace(new, target)
        return
    if not _exchange(new, target):
        # No atomic exchange on this system: two renames. A kill between them leaves the journal,
        # and recover() finds the target missing and puts the new folder in place.
        aside = new.with_name(new.name + ".old")
        os.replace(target, aside)
        os.replace(new, target)
        os.replace(aside, new)


def _exchange(a: Path, b: Path) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(a), None, str(b))


def _journal(root: Path) -> dict:
    try:
        return json.loads((root / JOURNAL).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


def _write_journal(root: Path, journal: dict) -> None:
    tmp = root / (JOURNAL + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(journal, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, root / JOURNAL)


def _finish(root: Path, staging: Path) -> None:
    (root / JOURNAL).unlink(missing_ok=True)
    shutil.rmtree(staging, ignore_errors=True)   # now holds the previous outputs
