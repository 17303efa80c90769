"""The calendar plan page: executor filter (by keyboard), the page without JavaScript, and print."""
from __future__ import annotations

import re

import pytest

from .browser_support import CALENDAR

pytestmark = pytest.mark.browser

ITEMS = ".ikko-item[data-executors]"


def visible_items(page) -> list[str]:
    return page.eval_on_selector_all(ITEMS, "els => els.filter(e => e.offsetParent !== null).map(e => e.id)")


def executors_of(page) -> dict[str, list[str]]:
    return page.eval_on_selector_all(
        ITEMS, "els => Object.fromEntries(els.map(e => [e.id, e.dataset.executors.split(/\\s+/)]))")


def test_filter_by_keyboard(page, base_url):
    page.goto(base_url + CALENDAR)
    select = page.locator("form.ikko-filter select")
    assert select.is_visible(), "the filter stays hidden: ikko.js did not start"
    everything = visible_items(page)
    assert len(everything) == page.locator(ITEMS).count() > 100

    # Reach the filter with Tab from the focusable element just before it, as a keyboard user does.
    page.evaluate("""() => {
        const form = document.querySelector('form.ikko-filter');
        const before = [...document.querySelectorAll('a[href], summary, button, input, select, [tabindex]')]
            .filter(e => e.tabIndex >= 0 && !form.contains(e) && e.checkVisibility()
                         && (form.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_PRECEDING));
        // The last one that takes focus (links inside a closed <details> do not).
        for (const e of before.reverse()) { e.focus(); if (document.activeElement === e) return; }
    }""")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('form.ikko-filter select')")

    page.keyboard.press("ArrowDown")          # the first executor after "все исполнители"
    chosen = select.input_value()
    assert chosen, "ArrowDown on the focused list chose nothing"
    shown = visible_items(page)
    owners = executors_of(page)
    assert shown == [i for i, ex in owners.items() if chosen in ex]
    assert 0 < len(shown) < len(everything)
    assert re.search(rf"Показано пунктов: {len(shown)} из {len(everything)}",
                     page.locator("form.ikko-filter output").inner_text())
    assert f"ispolnitel={chosen}" in page.url

    # Further down the list, one key press at a time, to МФЦ (two items).
    position = select.evaluate("s => [...s.options].findIndex(o => o.value === 'mfc')")
    for _ in range(position - 1):
        page.keyboard.press("ArrowDown")
    assert select.input_value() == "mfc"
    assert visible_items(page) == [i for i, ex in owners.items() if "mfc" in ex]
    # A section with none of this executor's items loses its heading too.
    hidden_headings = page.eval_on_selector_all("article h2", "hs => hs.filter(h => h.hidden).map(h => h.id)")
    assert hidden_headings, "no section heading hidden for an executor with two items"
    # Lists that point to items (deadlines without a fixed date) show only this executor's items.
    stray = page.eval_on_selector_all(
        "article li > a[href^='#p-']",
        "as => as.filter(a => a.offsetParent !== null && document.getElementById(a.hash.slice(1)).hidden)"
        ".map(a => a.hash)")
    assert not stray, f"links to hidden items still shown: {stray}"

    page.keyboard.press("Home")               # back to "все исполнители"
    assert select.input_value() == ""
    assert visible_items(page) == everything
    assert "ispolnitel=" not in page.url
    assert not page.eval_on_selector_all("article h2", "hs => hs.some(h => h.hidden)")


def test_filter_from_address(page, base_url):
    page.goto(base_url + CALENDAR + "?ispolnitel=mfc")
    assert page.locator("form.ikko-filter select").input_value() == "mfc"
    owners = executors_of(page)
    assert visible_items(page) == [i for i, ex in owners.items() if "mfc" in ex]


def test_without_javascript_everything_is_shown(new_page, base_url):
    page = new_page(java_script_enabled=False)
    page.goto(base_url + CALENDAR)
    assert not page.locator("form.ikko-filter").is_visible(), "a filter that cannot work is shown"
    assert len(visible_items(page)) == page.locator(ITEMS).count()


def test_print_is_a_clean_document(page, base_url):
    page.goto(base_url + CALENDAR + "?ispolnitel=mfc")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary",
                     ".md-footer", "form.ikko-filter select", ".ikko-header-search", ".headerlink"):
        hidden = page.eval_on_selector_all(selector, "els => els.every(e => e.offsetParent === null || "
                                                     "getComputedStyle(e).display === 'none')")
        assert hidden, f"{selector} is printed"
    table = page.locator(".ikko-item:not([hidden]) table").first
    assert table.is_visible()
    border = table.evaluate("t => getComputedStyle(t.querySelector('td')).borderTopStyle")
    assert border == "solid", "table cells are printed without rules"
    # The printout says whose deadlines it lists.
    assert "МФЦ" in page.locator("form.ikko-filter output").inner_text()
    assert page.locator("form.ikko-filter output").is_visible()
