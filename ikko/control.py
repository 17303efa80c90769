"""Test hooks into a running build: pause at a named stage so a test can kill it there.

``IKKO_PAUSE_AT=<stage>`` makes the build print ``ikko: пауза: <stage>`` and wait
forever at that stage (the test then kills it). Unset, it costs nothing.
"""
from __future__ import annotations

import os
import sys
import time

STAGES = ("computed", "staged", "rendered", "indexing", "swapping")


def pause_at(stage: str) -> None:
    assert stage in STAGES, stage
    if os.environ.get("IKKO_PAUSE_AT") != stage:
        return
    print(f"ikko: пауза: {stage}", flush=True)
    sys.stdout.flush()
    while True:
        time.sleep(3600)
