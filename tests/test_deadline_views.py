"""Д−N and deadline states: the rule on the real plan, and what the election pages show."""
from __future__ import annotations

import re
from datetime import date, timedelta
from html import unescape

from ikko.deadline_views import (AHEAD, OPEN, PAST, TODAY, Span, day_label, governing_day, state, timing_label,
                                 weekend_deadlines)


def test_day_label_counts_calendar_days_from_the_first_and_after_the_last_voting_day():
    days = (date(2023, 9, 8), date(2023, 9, 9), date(2023, 9, 10))
    assert day_label(date(2023, 9, 7), days) == "Д−1"
    assert day_label(date(2023, 6, 9), days) == "Д−91"
    assert [day_label(d, days) for d in days] == ["Д", "Д", "Д"]
    assert day_label(date(2023, 9, 20), days) == "Д+10"


def test_state_before_on_and_after_every_deadline_of_the_plan(corpus):
    """Every dated deadline of every plan: ahead the day before its first day, past the day after its last."""
    checked = 0
    for e in corpus.elections.values():
        for item in e.items:
            for d in item.deadlines:
                t = d.timing
                if t is None or t.undated or not (t.start or t.end):
                    continue
                s = Span(t.start.day if t.start else None, t.end.day if t.end else None)
                first, last = s.start or s.end, s.end or s.start
                assert state(s, first - timedelta(days=1)) == AHEAD
                if s.end:
                    assert state(s, s.end) == TODAY
                    assert state(s, s.end + timedelta(days=1)) == PAST
                if s.start and s.end and s.start < s.end:
                    assert state(s, s.start) == OPEN
                checked += 1
    assert checked > 300


def test_weekend_deadlines_of_2023_are_counted_on_the_page(built, corpus):
    e = corpus.elections["zs-2023"]
    weekend = weekend_deadlines(e)
    assert all(day.weekday() >= 5 for _, day in weekend)
    assert 20 <= len(weekend) <= 40
    html = (built / "site/vybory/zs-2023/index.html").read_text(encoding="utf-8")
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    assert f"На субботу или воскресенье приходится сроков: {len(weekend)}" in text
    assert "в документах базы не сказано" in text and "статьей 11.1" in text


def test_every_dated_deadline_row_shows_its_day_label_and_state(built, corpus):
    for e in corpus.elections.values():
        html = (built / f"site/vybory/{e.id}/index.html").read_text(encoding="utf-8")
        for item in e.items:
            if item.excluded:
                continue
            start = html.index(f'id="{item.anchor}"')
            block = html[start:html.find('class="ikko-item', start + 10)]
            for d in item.deadlines:
                label = timing_label(d.timing, e.dates.voting_days)
                if governing_day(d.timing):
                    assert f"<td>{label}</td>" in block, (e.id, item.number, label)
            states = re.findall(r'class="ikko-state ikko-state--(\w+)"', block)
            assert len(states) == sum(1 for d in item.deadlines if governing_day(d.timing)), (e.id, item.number)


def test_finished_banner_only_on_elections_voted_before_the_build(built, corpus):
    for e in corpus.elections.values():
        html = (built / f"site/vybory/{e.id}/index.html").read_text(encoding="utf-8")
        banner = re.search(r'<div class="admonition success ikko-finished"[^>]*>', html).group(0)
        over = e.voting_day < date.today()
        assert ("hidden" not in banner) == over, e.id
        if e.illustrative:
            assert "Примерный план" in html


def test_an_executor_page_for_every_executor_of_every_election(built, corpus):
    pages = 0
    for e in corpus.elections.values():
        for ex in e.executors:
            html = (built / f"site/vybory/{e.id}/ispolniteli/{ex.id}/index.html").read_text(encoding="utf-8")
            rows = re.findall(r'<td><a href="\.\./\.\./#p-(\d+)">', html)
            mine = [(governing_day(d.timing), i.number) for i in e.items if not i.excluded
                    for d in i.deadlines if ex in d.executors and governing_day(d.timing)]
            assert [int(n) for n in rows] == [n for _, n in sorted(mine)], (e.id, ex.id)
            if any(f.endswith(f"/{ex.id}.ics") for f in [p.as_posix() for p in (built / "calendars" / e.id).iterdir()]):
                assert f"calendars/{e.id}/{ex.id}.ics" in html
            pages += 1
        election = (built / f"site/vybory/{e.id}/index.html").read_text(encoding="utf-8")
        assert all(f'href="ispolniteli/{ex.id}/"' in election for ex in e.executors)
    assert pages > 100
