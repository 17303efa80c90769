"""Child processes that must die with the build (Pagefind writing into a staging folder).

On Linux each child asks the kernel for SIGKILL when its parent dies
(PR_SET_PDEATHSIG), so even a build killed with SIGKILL leaves no indexer
running; a build stopped by SIGTERM/SIGINT kills its children itself.
"""
from __future__ import annotations

import ctypes
import signal
import subprocess
import sys

_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:   # runs in the child, between fork and exec
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


class Children:
    """The children of one build; ``kill_all`` on the way out."""

    def __init__(self):
        self.running: list[subprocess.Popen] = []

    def start(self, command: list[str]) -> subprocess.Popen:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                   preexec_fn=_die_with_parent if sys.platform == "linux" else None)
        self.running.append(process)
        return process

    def forget(self, process: subprocess.Popen) -> None:
        if process in self.running:
            self.running.remove(process)

    def kill_all(self) -> None:
        for process in self.running:
            if process.poll() is None:
                process.kill()
                process.wait()
        self.running.clear()


# One table of this process's children: signal handlers need it, and a process has one set of children.
_CHILDREN = Children()
start, forget, kill_all = _CHILDREN.start, _CHILDREN.forget, _CHILDREN.kill_all
