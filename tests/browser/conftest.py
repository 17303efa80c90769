"""Browser tests: the real site, built once, served on 127.0.0.1 and driven in Debian's Chromium.

What they need is installed by ``.ci/install-browser``: Debian's ``chromium`` (Playwright's pip
package drives it; Playwright never downloads a browser here), a Java runtime for the Nu HTML
Checker, and ``npm ci`` for axe-core and vnu-jar (``make test`` runs it). A missing tool fails these tests
with the command to run, locally and under CI: a broken install cannot pass as green.
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from .browser_support import (AXE, CHROMIUM, CHROMIUM_FLAGS, INSTALL_HINT, ROOT, VNU, VNU_RUNS, Background,
                             vnu_base_command, vnu_pages)


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: needs Chromium, Java and node_modules (bash .ci/install-browser)")


def missing(what: str):
    """A missing tool fails the test, locally and under CI alike: nothing is skipped for want of an input."""
    pytest.fail(f"{what} is not installed: {INSTALL_HINT}", pytrace=False)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The real project's site, built by ``mkdocs build`` (hooks included: Pagefind, deadlines.json)."""
    out = tmp_path_factory.mktemp("browser-site") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # --no-strict: a link warning from a page in progress must not hide what these tests check;
    # tests/test_links.py checks every internal link and anchor of the built site.
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--no-strict", "--quiet", "-d", str(out)],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, f"mkdocs build failed:\n{run.stdout}\n{run.stderr}"
    assert (out / "pagefind" / "pagefind-entry.json").exists(), "the build made no Pagefind index"
    checker = _start_vnu(out)
    yield out
    if checker is not None:
        checker.stop()


def _start_vnu(site: Path) -> Background | None:
    command = vnu_base_command()
    if command is None:
        return None
    VNU_RUNS[site] = Background([*command, "--errors-only", "--format", "json", *map(str, vnu_pages(site))])
    return VNU_RUNS[site]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@pytest.fixture(scope="session")
def base_url(site_dir) -> str:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(_QuietHandler, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        missing(f"Chromium ({CHROMIUM})")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright for Python")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, base_url):
    """Factory of pages in fresh contexts that reach only the test server; JS errors fail the test."""
    contexts, errors = [], []

    def make(**context_options):
        options = {"locale": "ru-RU", "timezone_id": "Asia/Novokuznetsk", **context_options}
        context = browser.new_context(**options)
        # Only our server: an external request (a web font, say) is refused at once instead of hanging.
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base_url)
                      else route.abort())
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on("pageerror", lambda exc: errors.append(f"{page.url}: {exc}"))
        return page

    yield make
    for context in contexts:
        context.close()
    assert not errors, "JavaScript errors in the page:\n" + "\n".join(errors)


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.exists():
        missing(f"axe-core ({AXE})")
    return AXE


@pytest.fixture(scope="session")
def vnu_result(site_dir) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of the Nu HTML Checker run over every page of ``site_dir``."""
    if not VNU.exists():
        missing(f"vnu-jar ({VNU})")
    if not shutil.which("java"):
        missing("Java (default-jre-headless)")
    return VNU_RUNS[site_dir].result()
