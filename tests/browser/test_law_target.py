"""A law point reached from a calendar item's basis link is marked on arrival."""
from __future__ import annotations

import pytest

from .browser_support import CALENDAR

pytestmark = pytest.mark.browser


def test_basis_link_lands_on_a_marked_law_part(page, base_url):
    page.goto(base_url + CALENDAR + "#p-85")
    # the 2023 plan cites the edition in force on its approval (zakony/zko-1-oz/redakcii/<date>/)
    links = page.locator("#p-85 a[href*='zakony/zko-1-oz/'][href*='#st-4-p-']")
    assert links.count() >= 2                  # «п.п. 16, 17»: the reference and each part
    page.locator("#p-85 a[href$='#st-4-p-17']").first.click()
    page.wait_for_url("**/zakony/zko-1-oz/**#st-4-p-17")
    target = page.locator("#st-4-p-17")
    assert target.evaluate("e => e.matches(':target')")
    assert target.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    other = page.locator("#st-4-p-16")
    assert other.evaluate("e => getComputedStyle(e).outlineStyle") != "solid"
