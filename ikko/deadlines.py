"""Deadline arithmetic of election calendar plans (Federal Law 67-ФЗ, art. 11.1).

Periods are counted in calendar days and a deadline that falls on a weekend
or holiday is not moved. The counting forms (``before``, ``after``, …) and the
anchors (``voting_day``, ``publication``, …) are named once, with their
published wording, arithmetic and a tested example, in ``ikko.rules``
(``ikko/rules/vocabulary.py``); this module reads rules from data and counts
dates with them. An anchor that is an event with no fixed date gives no date at
all (the rule is shown in words and never gets an invented date).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from . import ru_format
# printed_agrees, printed_dates and PRINTED_DATE are re-exported: callers import them from here too
from .rules import (ANCHORS, COUNT_FORMS, FORMS, TEXT, Anchor, Form, TimeZoneKind,  # noqa: F401
                    printed_agrees, printed_dates)
from .rules.agree import PRINTED_DATE  # noqa: F401

MOSCOW = ru_format.MOSCOW


class RuleError(ValueError):
    """A rule that cannot be understood; the message is Russian, for editors."""


@dataclass(frozen=True)
class Point:
    form: Form                  # how it is counted
    n: int = 0                  # days (or months) for counting forms
    fixed: date | None = None   # for form "date"
    anchor: Anchor | None = None  # None for a fixed date
    event: str | None = None    # the words of an event with no fixed date
    item: int | None = None     # for anchor "item": the number of the item counted from
    time: str | None = None     # "HH:MM" (24:00 = end of the day)
    tz: str = "local"           # "local" or "moscow"


@dataclass(frozen=True)
class Rule:
    """``on`` xor (``not_before`` and/or ``not_after``); a text rule has none."""

    on: Point | None = None
    not_before: Point | None = None
    not_after: Point | None = None

    @property
    def is_text(self) -> bool:
        return not (self.on or self.not_before or self.not_after)

    def points(self) -> list[tuple[str, Point]]:
        return [(k, p) for k, p in (("on", self.on), ("not_before", self.not_before),
                                    ("not_after", self.not_after)) if p]

    def anchors(self) -> set[str]:
        return {p.anchor for _, p in self.points() if p.anchor}

    def items(self) -> set[int]:
        """Numbers of the items this rule counts from."""
        return {p.item for _, p in self.points() if p.anchor == Anchor.ITEM}


TEXT_RULE = Rule()


@dataclass(frozen=True)
class ElectionDates:
    """The dates a calendar plan is counted from."""

    voting_days: tuple[date, ...]
    decision: date | None
    publication: date | None
    items: dict[int, date] | None = None   # dates of items other rules count from

    def anchor(self, name: str, item: int | None = None) -> date | None:
        if name == Anchor.ITEM:
            return (self.items or {}).get(item)
        if name in (Anchor.VOTING_DAY, Anchor.LAST_VOTING_DAY):
            return self.voting_days[-1]
        if name == Anchor.FIRST_VOTING_DAY:
            return self.voting_days[0]
        if name == Anchor.DECISION:
            return self.decision
        if name == Anchor.PUBLICATION:
            return self.publication
        return None  # "event": no fixed date


@dataclass(frozen=True)
class Bound:
    day: date
    time: str | None = None
    tz: str = "local"

    def moment(self, local_tz: str) -> datetime | None:
        """The exact moment for a timed bound; 24:00 is the start of the next day."""
        if not self.time:
            return None
        hours, minutes = (int(x) for x in self.time.split(":"))
        zone = ZoneInfo(MOSCOW if self.tz == TimeZoneKind.MOSCOW else local_tz)
        day = self.day + timedelta(days=hours // 24)
        return datetime.combine(day, time(hours % 24, minutes), tzinfo=zone)


@dataclass(frozen=True)
class Timing:
    """What a rule gives for one election: a day, a window, or nothing (text)."""

    start: Bound | None = None   # first allowed day (or the day itself)
    end: Bound | None = None     # last allowed day; equals start for a single day
    undated: bool = False        # depends on an event with no fixed date, or text

    @property
    def days(self) -> list[date]:
        """Dated bounds in published order (not earlier …, not later …)."""
        if self.start and self.end and self.start.day == self.end.day and self.start is self.end:
            return [self.start.day]
        return [b.day for b in (self.start, self.end) if b]


def point_date(point: Point, dates: ElectionDates) -> date | None:
    if point.form == Form.DATE:
        return point.fixed
    base = dates.anchor(point.anchor or Anchor.EVENT, point.item)
    if base is None:
        return None
    count = _COUNTS.get(point.form)
    if count is None:
        raise RuleError(f"неизвестная форма отсчета «{point.form}»")
    return count(base, point.n)


_COUNTS = {form.value: info.count for form, info in FORMS.items()}   # a Form hashes as its name


def _bound(point: Point | None, dates: ElectionDates) -> Bound | None:
    if point is None:
        return None
    day = point_date(point, dates)
    return Bound(day, point.time, point.tz) if day else None


def timing(rule: Rule, dates: ElectionDates) -> Timing:
    if rule.is_text:
        return Timing(undated=True)
    if rule.on:
        bound = _bound(rule.on, dates)
        return Timing(bound, bound, undated=bound is None)
    start, end = _bound(rule.not_before, dates), _bound(rule.not_after, dates)
    undated = (rule.not_before and not start) or (rule.not_after and not end)
    return Timing(start, end, undated=bool(undated and not (start or end)))


# --- reading rules from data --------------------------------------------------

def parse_point(raw: dict) -> Point:
    forms = [k for k in COUNT_FORMS if k in raw]
    if not forms and "of" in raw:
        raw, forms = {**raw, Form.SHIFT.value: 0}, [Form.SHIFT.value]   # "в день X": the anchor day itself
    if len(forms) != 1:
        raise RuleError("в границе срока должен быть ровно один способ отсчета: "
                        + ", ".join(COUNT_FORMS))
    form = Form(forms[0])
    if form == Form.DATE:
        if "of" in raw:
            raise RuleError("для фиксированной даты (date) не указывают «of»")
        return Point(Form.DATE, fixed=parse_date(raw["date"]), time=raw.get("time"), tz=raw.get("tz", "local"))
    n = raw[form]
    anchor = raw.get("of")
    if anchor not in ANCHORS:
        raise RuleError(f"не указано, от какого события считать («of»: {', '.join(ANCHORS)})")
    anchor = Anchor(anchor)
    if anchor == Anchor.EVENT and not raw.get("event"):
        raise RuleError("для «of: event» нужно поле «event» со словами события")
    if anchor == Anchor.ITEM and not isinstance(raw.get("item"), int):
        raise RuleError("для «of: item» нужно поле «item» с номером пункта, от срока которого считать")
    if form != Form.SHIFT and n < 0:
        raise RuleError(f"число дней «{form}» не может быть отрицательным")
    return Point(form, n, anchor=anchor, event=raw.get("event"), item=raw.get("item"), time=raw.get("time"),
                 tz=raw.get("tz", "local"))


def parse_rule(raw) -> Rule:
    if raw == TEXT:
        return TEXT_RULE
    if not isinstance(raw, dict):
        raise RuleError("правило срока: «text» или набор полей on / not_before / not_after")
    if "on" in raw and len(raw) > 1:
        raise RuleError("«on» (в день …) не сочетается с not_before / not_after")
    rule = Rule(**{k: parse_point(v) for k, v in raw.items()})
    return rule


YEARS = range(1990, 2101)  # the commission's documents; "0023" or "2203" is a typo, not a date


def parse_date(text: str) -> date:
    try:
        day = date.fromisoformat(str(text))
    except ValueError:
        raise RuleError(f"несуществующая дата «{text}» (формат ГГГГ-ММ-ДД)") from None
    if day.year not in YEARS:
        raise RuleError(f"год {day.year:04d} в дате «{text}» вне допустимых {YEARS[0]}–{YEARS[-1]}")
    return day


def describe(day: date) -> str:
    return ru_format.day(day)


def _bound_text(b: Bound) -> str:
    text = describe(b.day)
    if b.time:
        text += " " + ru_format.clock(b.time, moscow=b.tz == TimeZoneKind.MOSCOW)
    return text


def describe_timing(t: Timing | None) -> str:
    """A timing in words as the site shows it ("не позднее 11.07.2023", "с … по …")."""
    if t is None or t.undated or not (t.start or t.end):
        return "дата не определена"
    if t.start and t.end and (t.start is t.end or t.start == t.end):
        return _bound_text(t.start)
    if t.start and t.end:
        return f"с {_bound_text(t.start)} по {_bound_text(t.end)}"
    if t.end:
        return f"не позднее {_bound_text(t.end)}"
    return f"не ранее {_bound_text(t.start)}"


# --- the published document governs -------------------------------------------------
# A plan's printed date is what the commission approved; the rule's count is a check.
# Only a printed date that cannot be (before the election was called) gives way to the count.

AFTER_PRINTED = re.compile(r"\bпосле\s+(\d{2}\.\d{2}\.\d{4})", re.IGNORECASE)


def printed_days(printed: str | None) -> list[date]:
    """The days a printed cell names, as days a deadline can fall on: "после 10.09.2023" is 11.09.2023."""
    after = set(printed_dates(" ".join(m.group(1) for m in AFTER_PRINTED.finditer(printed or ""))))
    return [day + timedelta(days=1) if day in after else day for day in printed_dates(printed)]


@dataclass(frozen=True)
class Governed:
    """What a deadline shows: the printed days where possible, with the rule's count kept as a check."""

    timing: Timing | None          # what pages and feeds show
    computed: Timing | None        # the rule's count
    impossible: bool = False       # the printed date cannot be; the count is used

    @property
    def differs(self) -> bool:
        """The printed days govern and the count gives other days: pages show "по расчету: …"."""
        return not self.impossible and self.computed is not None and self.timing != self.computed


def _with_days(t: Timing, days: list[date]) -> Timing | None:
    """The timing with its bounds moved to the printed days, keeping printed times and zones."""
    if t.start is not None and t.start is t.end:
        return Timing(*(2 * [replace(t.start, day=days[0])])) if len(days) == 1 else None
    bounds = [b for b in (t.start, t.end) if b]
    if len(days) != len(bounds):
        return None
    moved = dict(zip(("start", "end") if t.start else ("end",), (replace(b, day=d) for b, d in zip(bounds, days))))
    return Timing(moved.get("start"), moved.get("end"))


def governing(printed: str | None, computed: Timing | None, earliest: date | None) -> Governed:
    """The printed date governs where it is possible (not before ``earliest``, the decision calling the election)."""
    if computed is None or computed.undated:
        return Governed(computed, computed)
    days = printed_days(printed)
    if printed_agrees(days, computed.days):
        return Governed(computed, computed)
    if earliest and any(d < earliest for d in days):
        return Governed(computed, computed, impossible=True)
    moved = _with_days(computed, days)
    return Governed(moved, computed) if moved else Governed(computed, computed)
