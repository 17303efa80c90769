"""Constants and helpers shared by the browser tests."""
from __future__ import annotations

import os
import shutil
import subprocess
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("IKKO_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
NODE_MODULES = ROOT / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
INSTALL_HINT = "run `bash .ci/install-browser` first"

# The pages the checks visit, as URL paths under the site root.
HOME = ""
CALENDAR = "vybory/zs-2023/"
LAW = "zakony/zko-1-oz/"
PLAN = "plany/plan-2024/"
SEARCH = "poisk/"


class Background:
    """The Nu HTML Checker over every page, started as soon as the site is built: it takes 10-20 s
    (mostly its own start), which then overlap the browser tests instead of adding to them."""

    def __init__(self, command: list[str]):
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.output: tuple[int, str, str] | None = None
        self.thread = threading.Thread(target=self._wait, name="vnu", daemon=True)
        self.thread.start()

    def _wait(self):
        out, err = self.process.communicate()
        self.output = (self.process.returncode, out, err)

    def result(self, timeout: float = 300) -> tuple[int, str, str]:
        self.thread.join(timeout)
        assert self.output is not None, f"vnu did not finish in {timeout} s"
        return self.output

    def stop(self):
        if self.process.poll() is None:
            self.process.kill()
        self.thread.join(5)


VNU_RUNS: dict[Path, Background] = {}


def vnu_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts)


def vnu_base_command() -> list[str] | None:
    java = shutil.which("java")
    return [java, "-Xss8m", "-jar", str(VNU)] if java and VNU.exists() else None
