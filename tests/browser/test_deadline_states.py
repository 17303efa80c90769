"""Д−N and deadline states on the reader's day (fixed clock), the finished banner, and the executor sheet."""
from __future__ import annotations

import pytest

from .browser_support import CALENDAR

pytestmark = pytest.mark.browser

STATES = {"past": "прошел", "today": "сегодня", "open": "идет", "ahead": "предстоит"}
EXECUTOR = "vybory/zs-2023/ispolniteli/tik/"


def expected_state(start: str | None, end: str | None, today: str) -> str:
    """The rule, written again: past after the last day, today on it, open inside a window, else ahead."""
    if end and end < today:
        return "past"
    if end == today:
        return "today"
    if not start or start > today:
        return "ahead"
    return "open"


def open_on(new_page, base_url, path: str, moment: str):
    page = new_page()
    page.clock.set_fixed_time(moment)
    page.goto(base_url + path)
    return page


def cells(page) -> list[dict]:
    return page.eval_on_selector_all(".ikko-state", """els => els.map(e => ({
        start: e.dataset.start || null, end: e.dataset.end || null, text: e.textContent,
        item: e.closest('.ikko-item') ? e.closest('.ikko-item').id : null}))""")


@pytest.mark.parametrize("moment, today, item19", [
    ("2023-08-28T12:00:00+07:00", "2023-08-28", "предстоит"),   # the day before "не позднее 29.08.2023"
    ("2023-08-29T12:00:00+07:00", "2023-08-29", "сегодня"),
    ("2023-08-30T12:00:00+07:00", "2023-08-30", "прошел"),
])
def test_every_state_on_a_fixed_day(new_page, base_url, moment, today, item19):
    page = open_on(new_page, base_url, CALENDAR, moment)
    found = cells(page)
    assert len(found) > 100
    for c in found:
        assert c["text"] == STATES[expected_state(c["start"], c["end"], today)], c
    assert [c["text"] for c in found if c["item"] == "p-19"] == [item19]
    # Д−N of item 19: 29.08.2023 is 10 days before the first voting day, 08.09.2023.
    row = page.locator("#p-19 tbody tr").first
    assert row.locator("td").nth(2).inner_text() == "Д−10"
    assert f"на сегодня, {today[8:]}.{today[5:7]}.{today[:4]}" in page.locator(".ikko-state-day").inner_text()


def test_finished_banner_follows_the_readers_day(new_page, base_url):
    before = open_on(new_page, base_url, CALENDAR, "2023-09-10T20:00:00+07:00")
    assert not before.locator(".ikko-finished").is_visible(), "the election is over on its own voting day"
    after = open_on(new_page, base_url, CALENDAR, "2023-09-11T08:00:00+07:00")
    assert after.locator(".ikko-finished").is_visible()
    assert "Выборы завершены" in after.locator(".ikko-finished").inner_text()


def test_without_javascript_the_build_day_states_are_shown(new_page, base_url):
    page = new_page(java_script_enabled=False)
    page.goto(base_url + CALENDAR)
    texts = {c["text"] for c in cells(page)}
    assert texts <= set(STATES.values()) and texts
    assert "день публикации сайта" in page.locator(".ikko-state-day").inner_text()


def test_executor_sheet_prints_clean_and_in_date_order(new_page, base_url):
    page = open_on(new_page, base_url, EXECUTOR, "2023-08-01T09:00:00+07:00")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
                     ".ikko-header-search", ".headerlink"):
        hidden = page.eval_on_selector_all(selector, "els => els.every(e => e.offsetParent === null || "
                                                     "getComputedStyle(e).display === 'none')")
        assert hidden, f"{selector} is printed"
    assert "ТИК" in page.locator("h1").inner_text()
    table = page.locator(".ikko-executor table").first
    assert table.is_visible()
    assert table.evaluate("t => getComputedStyle(t.querySelector('td')).borderTopStyle") == "solid"
    header = table.locator("thead th").all_inner_texts()
    assert header == ["Дата", "Д−N", "Состояние", "Пункт", "Что сделать", "Основание"]
    rows = table.evaluate("""t => [...t.querySelectorAll('tbody tr')].map(r => {
        const s = r.querySelector('.ikko-state'); return (s.dataset.end || s.dataset.start); })""")
    assert rows == sorted(rows) and len(rows) > 10
    states = table.locator(".ikko-state").all_inner_texts()
    assert "прошел" in states and "предстоит" in states      # on 01.08.2023, the clock of the test
    # The item link leads to the item on the plan page; the feed of this executor is linked.
    assert page.locator(".ikko-executor a[href^='http'][href$='calendars/zs-2023/tik.ics']").count() == 1
    assert page.locator(".ikko-executor a[href^='webcal:'][href$='calendars/zs-2023/tik.ics']").count() == 1
    first = table.locator("tbody tr td:nth-child(4) a").first
    assert first.get_attribute("href").startswith("../../#p-")
