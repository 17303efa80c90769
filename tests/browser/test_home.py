"""The home page's "next deadlines": computed in the browser on the reader's day, from assets/deadlines.json."""
from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser

LIST = ".ikko-upcoming .ikko-upcoming__item"


def expected_upcoming(data: dict, today: str, limit: int = 10) -> list[tuple[str, int, int, int, str]]:
    """The rule, written again independently: elections not yet voted; a window not yet open counts by its
    first day, an open one by its last day; today's deadlines are still ahead; earliest first."""
    out = []
    for order, e in enumerate(data["elections"]):
        if e["voting_day"] < today:
            continue
        for d in e["deadlines"]:
            key = d["start"] if d["start"] and d["start"] >= today else d["end"]
            if key and key >= today:
                out.append((key, d["item"], d["deadline"], order, e["id"]))
    return sorted(out)[:limit]


def open_home_on(new_page, base_url, moment: str, **context_options):
    page = new_page(**context_options)
    page.clock.set_fixed_time(moment)
    page.goto(base_url)
    return page


def test_next_ten_deadlines_on_1_july_2023(new_page, base_url, site_dir):
    page = open_home_on(new_page, base_url, "2023-07-01T09:00:00+07:00")
    page.locator(".ikko-upcoming[data-computed]").wait_for()
    rows = page.eval_on_selector_all(LIST, """lis => lis.map(li => ({
        date: li.dataset.date, text: li.textContent, href: li.querySelector('a').getAttribute('href')}))""")
    data = json.loads((site_dir / "assets" / "deadlines.json").read_text(encoding="utf-8"))
    expected = expected_upcoming(data, "2023-07-01")
    assert len(rows) == len(expected) == 10
    assert [r["date"] for r in rows] == [e[0] for e in expected]
    assert [int(r["text"].split("п. ")[1].split(".")[0]) for r in rows] == [e[1] for e in expected]
    assert rows[0]["date"] == "2023-07-01" and "(сегодня)" in rows[0]["text"]
    assert all(r["href"].endswith(f"/vybory/{e[4]}/#p-{e[1]}") for r, e in zip(rows, expected))
    # Each link leads to the item on the calendar page.
    page.locator(LIST + " a").first.click()
    page.wait_for_url(f"**/vybory/{expected[0][4]}/#p-{expected[0][1]}")
    assert page.locator(f"#p-{expected[0][1]}").is_visible()


def test_in_the_election_zone_the_day_changes_at_local_midnight(new_page, base_url):
    """30 June 2023, 21:30 for a reader in Moscow is already 1 July in Kemerovo (MSK+4)."""
    page = open_home_on(new_page, base_url, "2023-06-30T21:30:00+03:00", timezone_id="Europe/Moscow")
    assert page.evaluate("new Date().getDate()") == 30
    page.locator(".ikko-upcoming[data-computed]").wait_for()
    assert page.locator(LIST).first.get_attribute("data-date") == "2023-07-01"


def test_after_every_voting_day_the_list_says_so(new_page, base_url):
    page = open_home_on(new_page, base_url, "2099-01-01T12:00:00+07:00")
    empty = page.locator(".ikko-upcoming .ikko-upcoming__empty")
    empty.wait_for()
    assert "Ближайших сроков по утвержденным календарным планам нет" in empty.inner_text()
    assert page.locator(".ikko-upcoming a[href*='vybory/']").count() >= 1, "the list of elections is gone"
    # The message never contradicts the list below it: every election listed is either voted or an example.
    entries = page.locator(".ikko-upcoming li").all_inner_texts()
    if any("примерный план" in e for e in entries):
        assert "Примерные планы в списке ниже не утверждены" in empty.inner_text()


def test_without_javascript_the_static_list_stays(new_page, base_url):
    page = new_page(java_script_enabled=False)
    page.goto(base_url)
    links = page.locator(".ikko-upcoming a")
    assert links.count() >= 1
    assert all("vybory/" in (links.nth(i).get_attribute("href") or "") for i in range(links.count()))
