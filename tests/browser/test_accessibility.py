"""axe-core in the browser: no serious or critical accessibility violation on the main pages.

Rules: axe's defaults (WCAG 2.0/2.1/2.2 A and AA, plus best practices), run on the page as a reader
gets it, with ikko.js applied (the filter shown, the next deadlines computed, search results shown).
"""
from __future__ import annotations

import pytest

from .browser_support import CALENDAR, HOME, LAW, PLAN, SEARCH

pytestmark = pytest.mark.browser

PAGES = {
    "home": HOME,
    "calendar": CALENDAR,
    "law": LAW,
    "plan": PLAN,
    "search with results": SEARCH + "?q=комиссия",
    "subscription": "podpiska/",
}
BLOCKING = ("serious", "critical")


def axe_violations(page, axe_script) -> list[dict]:
    page.add_script_tag(path=str(axe_script))
    return page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ['violations']});
        return result.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' — ' + n.failureSummary.split('\\n')[1])
        }));
    }""")


@pytest.mark.parametrize("name", PAGES)
def test_no_serious_violations(name, page, base_url, axe_script):
    response = page.goto(base_url + PAGES[name])
    assert response.ok, f"{PAGES[name]}: HTTP {response.status}"
    if name == "search with results":
        page.locator(".ikko-search__link").first.wait_for()
    if name == "home":
        page.locator(".ikko-upcoming[data-computed], .ikko-upcoming .ikko-upcoming__empty").first.wait_for()
    violations = axe_violations(page, axe_script)
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    report = "\n".join(f"- {v['impact']} {v['id']}: {v['help']}\n    " + "\n    ".join(v["nodes"]) for v in blocking)
    assert not blocking, f"{name} ({PAGES[name] or '/'}):\n{report}"
