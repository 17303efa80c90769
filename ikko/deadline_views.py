"""Deadlines as election staff read them: "Д−N" from voting day, and whether a deadline is past.

Staff count a campaign backwards from voting day: "Д−60" is 60 days before
the first voting day; after the last voting day, "Д+3". A deadline's state
(прошел / идет / сегодня / предстоит) depends on the reader's day, so the site
computes it in the browser; the state written into the page is the one on the
build date, for readers without JavaScript, and says which day it is for.

The build date never comes from the clock silently: ``IKKO_BUILD_DATE``
(YYYY-MM-DD) or ``SOURCE_DATE_EPOCH`` (reproducible builds) fix it; without
them it is today's date.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .deadlines import Timing

MINUS = "−"   # U+2212, as printed in "Д−60"

PAST, OPEN, TODAY, AHEAD = "past", "open", "today", "ahead"
STATE_WORDS = {PAST: "прошел", OPEN: "идет", TODAY: "сегодня", AHEAD: "предстоит"}


def day_label(day: date, voting_days) -> str:
    """"Д−3" before the first voting day, "Д" on a voting day, "Д+10" after the last."""
    first, last = voting_days[0], voting_days[-1]
    if day < first:
        return f"Д{MINUS}{(first - day).days}"
    if day > last:
        return f"Д+{(day - last).days}"
    return "Д"


def timing_label(t: Timing | None, voting_days) -> str:
    """The Д−N of a deadline: one day, or the first and last day of a window ("Д−45 … Д−3")."""
    if t is None or t.undated or not (t.start or t.end):
        return "—"
    first = (t.start or t.end).day
    last = (t.end or t.start).day
    if first == last:
        return day_label(first, voting_days)
    if t.start and t.end:
        return f"{day_label(first, voting_days)} … {day_label(last, voting_days)}"
    if t.end:
        return f"до {day_label(last, voting_days)}"
    return f"с {day_label(first, voting_days)}"


@dataclass(frozen=True)
class Span:
    """The days a deadline occupies, for the state: an open start or end stays open."""

    start: date | None
    end: date | None


def span(t: Timing | None) -> Span | None:
    if t is None or t.undated or not (t.start or t.end):
        return None
    return Span(t.start.day if t.start else None, t.end.day if t.end else None)


def state(s: Span | None, today: date) -> str | None:
    """past: the last day is behind; today: the (last) day is today; open: inside a window; else ahead."""
    if s is None:
        return None
    if s.end is not None and s.end < today:
        return PAST
    if s.end == today:
        return TODAY
    if s.start is None or s.start > today:
        return AHEAD
    return OPEN


def election_over(voting_days, today: date) -> bool:
    return voting_days[-1] < today


def governing_day(t: Timing | None) -> date | None:
    """The day a deadline is met by: its last day, or the first day of a "не ранее" deadline."""
    if t is None or t.undated or not (t.start or t.end):
        return None
    return (t.end or t.start).day


def weekend_deadlines(election) -> list[tuple[int, date]]:
    """(item number, day) of every dated deadline whose governing day is a Saturday or Sunday."""
    out = []
    for item in election.items:
        if item.excluded:
            continue
        for d in item.deadlines:
            day = governing_day(d.timing)
            if day is not None and day.weekday() >= 5:
                out.append((item.number, day))
    return out
