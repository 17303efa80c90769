"""Plans built from a template: the template's own dates, written in its words, become this election's.

An item's wording may print dates ("с 08.09.2023 по 10.09.2023"); a derived plan must not keep the
template's year. Each printed date is mapped to the derived election's date by what it is: a voting
day, the decision, its publication, or a bound of the item's own deadline; any other date moves by
the distance between the two main voting days.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from .deadlines import describe
from .model import CalendarItem, Deadline, Election

DATE = re.compile(r"\b(\d{1,2})\.(\d{2})\.(\d{4})\b")
SAME_DAY_RANGE = re.compile(r"\bс (\d{2}\.\d{2}\.\d{4}) по \1\b")


def anchor_map(election: Election, template: Election) -> dict[date, date]:
    """Template dates of the anchors to this election's (voting days by position from the first)."""
    out: dict[date, date] = {}
    mine, theirs = election.dates.voting_days, template.dates.voting_days
    for k, day in enumerate(theirs):
        out[day] = mine[min(k, len(mine) - 1)]
    out[theirs[-1]] = mine[-1]          # the main (last) voting day is always the main one
    for name in ("decision", "publication"):
        if getattr(template.dates, name) and getattr(election.dates, name):
            out[getattr(template.dates, name)] = getattr(election.dates, name)
    return out


def _deadline_map(mine: Deadline, theirs: Deadline | None) -> dict[date, date]:
    if theirs is None or not mine.timing or mine.timing.undated:
        return {}
    out = {}
    for t in (theirs.computed, theirs.timing):
        if t and not t.undated and len(t.days) == len(mine.timing.days):
            out.update(zip(t.days, mine.timing.days))
    return out


def substitute(text: str | None, mapping: dict[date, date], shift: timedelta) -> str | None:
    """Every dd.mm.yyyy in ``text`` as this election's date; "с X по X" of one day becomes "X"."""
    if not text:
        return text

    def one(m: re.Match) -> str:
        try:
            day = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            return m.group(0)
        return describe(mapping.get(day, day + shift))

    return SAME_DAY_RANGE.sub(r"\1", DATE.sub(one, text))


def localize(election: Election, template: Election) -> None:
    """Rewrite the template's dates in the words of every item of ``election`` (in place)."""
    anchors = anchor_map(election, template)
    shift = election.voting_day - template.voting_day
    theirs = {i.number: i for i in template.items}
    for item in election.items:
        source: CalendarItem | None = theirs.get(item.number)
        item_map = dict(anchors)
        for d in item.deadlines:
            other = source.deadlines[d.index - 1] if source and d.index <= len(source.deadlines) else None
            item_map.update(_deadline_map(d, other))
        item.action = substitute(item.action, item_map, shift)
        item.note = substitute(item.note, item_map, shift)
        for d in item.deadlines:
            mapping = {**item_map, **_deadline_map(d, source.deadlines[d.index - 1]
                                                    if source and d.index <= len(source.deadlines) else None)}
            d.words = substitute(d.words, mapping, shift)
            d.action = substitute(d.action, mapping, shift)
            d.executors_text = substitute(d.executors_text, mapping, shift)


def localize_all(elections: dict[str, Election]) -> None:
    for election in elections.values():
        template = elections.get(election.template or "")
        if template is None:
            continue
        for _, edition in election.editions or [(None, election)]:
            localize(edition, template)
