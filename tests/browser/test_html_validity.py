"""The Nu HTML Checker (vnu.jar from npm's vnu-jar, run on Java) over every page of the built site.

No error is allowed except those in ALLOWED, each with the reason it cannot be fixed in our files.
Warnings are not checked. Marked ``browser`` because it needs the same installation
(``bash .ci/install-browser``: Java and node_modules), not a browser.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .browser_support import CALENDAR, HOME, LAW, PLAN, vnu_pages

pytestmark = pytest.mark.browser

# (pattern of the message, where it may occur, why it stays)
ALLOWED = [
    (r"^Attribute “autocomplete” is only allowed when the input type is",
     r'<input class="md-toggle"',
     "Material's own template (partials/toggles): the hidden checkboxes that open the menu drawer and the "
     "search overlay carry autocomplete=off so that Firefox does not restore them as open on Back. "
     "Changing it needs a theme override; browsers ignore the attribute there."),
    (r"^Bad value “” for attribute “tabindex” on element “label”",
     r'<label class="md-nav__link',
     "Material's own navigation template writes tabindex=\"\" on a section label when neither "
     "navigation.expand nor navigation.prune is on; browsers treat it as absent. Needs a theme override."),
    (r"^The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
     r'<label class="md-nav__title" for="__toc">',
     "Material's table of contents (partials/toc) labels the checkbox #__toc, which only the primary "
     "navigation renders, and only for a page listed in the navigation; pages kept out of it (one page per "
     "person or department responsible in work plans) get the label without the checkbox. Harmless: the "
     "label toggles nothing. Goes away if those pages enter the nav or hide their table of contents."),
]
MAIN_PAGES = [HOME, CALENDAR, LAW, PLAN, "poisk/", "podpiska/"]


def allowed(message: dict) -> bool:
    extract = message.get("extract", "")
    return any(re.search(pattern, message.get("message", "")) and re.search(where, extract)
               for pattern, where, _ in ALLOWED)


@pytest.fixture(scope="module")
def vnu_messages(site_dir, vnu_result) -> dict[str, list[dict]]:
    """Messages per page (path under the site), from the run conftest started right after the build."""
    returncode, stdout, stderr = vnu_result
    pages = vnu_pages(site_dir)
    # vnu exits 1 when it found errors; its report is on stderr.
    assert returncode in (0, 1), stderr[-2000:]
    report = json.loads(stderr or stdout)
    out: dict[str, list[dict]] = {p.relative_to(site_dir).as_posix(): [] for p in pages}
    for m in report["messages"]:
        path = Path(unquote(urlsplit(m.get("url", "")).path))
        try:
            key = path.resolve().relative_to(site_dir.resolve()).as_posix()
        except ValueError:
            key = str(path)
        out.setdefault(key, []).append(m)
    return out


@pytest.mark.parametrize("url", MAIN_PAGES, ids=lambda u: u or "home")
def test_main_page_is_built(url, site_dir):
    assert (site_dir / url / "index.html").exists(), f"{url or '/'} is not in the built site"


def test_no_html_errors_but_the_allowed(vnu_messages):
    problems = [f"{page}:{m.get('lastLine', '?')}: {m.get('message')}\n    {m.get('extract', '').strip()[:160]}"
                for page, messages in sorted(vnu_messages.items()) for m in messages
                if m.get("type") == "error" and not allowed(m)]
    non_document = [f"{page}: {m.get('message')}" for page, messages in vnu_messages.items() for m in messages
                    if m.get("type") == "non-document-error"]
    assert not non_document, "\n".join(non_document)
    assert not problems, f"{len(problems)} HTML errors:\n" + "\n".join(problems[:40])


def test_allow_list_is_still_needed(vnu_messages):
    """An allowed error that no longer occurs is removed from ALLOWED, so the list stays true."""
    seen = {i for messages in vnu_messages.values() for m in messages for i, (pattern, where, _) in enumerate(ALLOWED)
            if re.search(pattern, m.get("message", "")) and re.search(where, m.get("extract", ""))}
    unused = [ALLOWED[i][0] for i in range(len(ALLOWED)) if i not in seen]
    assert not unused, f"allowed but never seen, remove from ALLOWED: {unused}"
