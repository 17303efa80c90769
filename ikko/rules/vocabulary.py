"""The one vocabulary of deadline rules: counting forms and anchors (67-ФЗ, art. 11.1).

Each counting form is named once here, with the published wording it stands
for, its arithmetic and a real example from the 2023 calendar plan (seed 004:
decision 09.06.2023, publication 13.06.2023, voting 08–10.09.2023). The
engine (``ikko.deadlines``), the JSON Schema (``ikko.schema``), the importer's
wording reader (``ikko.importers.rule_words``) and the tables in
``data/README.md`` all take their names from these enums; tests run every
example through the importer and the engine.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Callable

from dateutil.relativedelta import relativedelta


class Form(StrEnum):
    """How a bound is counted from its anchor (the key of a point in ``rule``)."""

    BEFORE = "before"
    AFTER = "after"
    AFTER_DAY = "after_day"
    NTH_DAY_AFTER = "nth_day_after"
    WITHIN = "within"
    MONTHS_AFTER = "months_after"
    MONTHS_WITHIN = "months_within"
    SHIFT = "shift"
    DATE = "date"


    @property
    def info(self) -> FormInfo:
        return FORMS[self]

    def count(self, base: date, n: int) -> date:
        return FORMS[self].count(base, n)


class Anchor(StrEnum):
    """What a bound is counted from (``of`` in ``rule``)."""

    VOTING_DAY = "voting_day"
    FIRST_VOTING_DAY = "first_voting_day"
    LAST_VOTING_DAY = "last_voting_day"
    DECISION = "decision"
    PUBLICATION = "publication"
    ITEM = "item"
    EVENT = "event"


class BoundKey(StrEnum):
    """The keys of a rule: one day, or the ends of a window (not to be confused with a computed deadlines.Bound)."""

    ON = "on"
    NOT_BEFORE = "not_before"
    NOT_AFTER = "not_after"


class TimeZoneKind(StrEnum):
    LOCAL = "local"      # the election's own zone
    MOSCOW = "moscow"    # "по московскому времени"


TEXT = "text"   # a rule that gives no date ("по мере необходимости"): shown in words only


@dataclass(frozen=True)
class Example:
    """A wording as a calendar plan prints it, the rule it means and the date printed under it."""

    words: str
    rule: dict
    printed: str


@dataclass(frozen=True)
class FormInfo:
    key: str            # the key as written in data ("before: N")
    wording: str        # the published wording, X being the anchor
    formula: str        # the date it gives
    count: Callable[[date, int], date]
    example: Example


def _days(k: int) -> Callable[[date, int], date]:
    return lambda base, n: base + timedelta(days=n + k)


FORMS: dict[Form, FormInfo] = {
    Form.BEFORE: FormInfo(
        "before: N", "не позднее (ранее) чем за N дней до дня X", "X − (N + 1)",
        lambda base, n: base - timedelta(days=n + 1),
        Example("Не позднее чем за 70 дней до дня голосования",
                {"not_after": {"before": 70, "of": "voting_day"}}, "Не позднее 01.07.2023")),
    Form.AFTER: FormInfo(
        "after: N", "через N дней со дня X", "X + N", _days(0),
        Example("Не позднее чем через три дня со дня официального опубликования решения о назначении выборов",
                {"not_after": {"after": 3, "of": "publication"}}, "Не позднее 16.06.2023")),
    Form.AFTER_DAY: FormInfo(
        "after_day: N", "через N дней после дня X", "X + N + 1", _days(1),
        Example("Не позднее чем через 10 дней после дня голосования",
                {"not_after": {"after_day": 10, "of": "voting_day"}}, "Не позднее 21.09.2023")),
    Form.NTH_DAY_AFTER: FormInfo(
        "nth_day_after: N", "на N-й день после дня X", "X + N", _days(0),
        Example("Не позднее чем на десятый день после дня официального опубликования (публикации) "
                "решения о назначении выборов",
                {"not_after": {"nth_day_after": 10, "of": "publication"}}, "Не позднее 23.06.2023")),
    Form.WITHIN: FormInfo(
        "within: N", "в N-дневный срок со дня X (день X — первый)", "X + N − 1", _days(-1),
        Example("Не позднее чем в десятидневный срок со дня официального опубликования (публикации) "
                "решения о назначении выборов",
                {"not_after": {"within": 10, "of": "publication"}}, "Не позднее 22.06.2023")),
    Form.MONTHS_AFTER: FormInfo(
        "months_after: N", "через N месяца(ев) со дня X", "X + N месяцев",
        lambda base, n: base + relativedelta(months=n),
        Example("Не позднее чем через три месяца со дня голосования",
                {"not_after": {"months_after": 3, "of": "voting_day"}}, "Не позднее 10.12.2023")),
    Form.MONTHS_WITHIN: FormInfo(
        "months_within: N", "в течение N месяцев со дня X (день X — первый)", "X + N месяцев − 1",
        lambda base, n: base + relativedelta(months=n) - timedelta(days=1),
        Example("В течение 2 месяцев со дня голосования",
                {"not_before": {"shift": 0, "of": "voting_day"},
                 "not_after": {"months_within": 2, "of": "voting_day"}}, "С 10.09.2023 по 09.11.2023")),
    Form.SHIFT: FormInfo(
        "shift: K", "в день X (K = 0), в день, предшествующий дню X (K = −1)", "X + K", _days(0),
        Example("Не позднее 10.00 по местному времени в день, предшествующий дню (первому дню) голосования",
                {"not_after": {"shift": -1, "of": "first_voting_day", "time": "10:00"}},
                "Не позднее 10.00 07.09.2023")),
    Form.DATE: FormInfo(
        "date: ГГГГ-ММ-ДД", "фиксированная календарная дата (без of)", "эта дата",
        lambda base, n: base,  # never counted: the date is the point itself
        Example("С 8.00 до 20.00 по местному времени с 08.09.2023 по 10.09.2023",
                {"not_before": {"date": "2023-09-08", "time": "08:00"},
                 "not_after": {"date": "2023-09-10", "time": "20:00"}}, "С 08.09.2023 по 10.09.2023")),
}

ANCHOR_WORDS: dict[Anchor, str] = {
    Anchor.VOTING_DAY: "«дня голосования» (основной, то есть последний, день)",
    Anchor.FIRST_VOTING_DAY: "«дня (первого дня) голосования»",
    Anchor.LAST_VOTING_DAY: "«дня (последнего дня) голосования»",
    Anchor.DECISION: "«со дня его принятия» — день принятия решения о назначении выборов",
    Anchor.PUBLICATION: "«со дня официального опубликования решения о назначении выборов»",
    Anchor.ITEM: "срок другого пункта плана (`item: 31`)",
    Anchor.EVENT: "событие без фиксированной даты (`event: \"<слова>\"`): срок показывается словами, без даты",
}

TEXT_EXAMPLE = Example("По мере необходимости", TEXT, "")

COUNT_FORMS: tuple[str, ...] = tuple(f.value for f in Form)
ANCHORS: tuple[str, ...] = tuple(a.value for a in Anchor)
BOUNDS: tuple[str, ...] = tuple(b.value for b in BoundKey)
TIME_ZONES: tuple[str, ...] = tuple(z.value for z in TimeZoneKind)


def forms_table() -> str:
    """The Markdown table of counting forms, as ``data/README.md`` prints it."""
    rows = ["| counting key | published form | date |", "|---|---|---|"]
    rows += [f"| `{i.key}` | {i.wording} | {i.formula} |" for i in FORMS.values()]
    return "\n".join(rows)


def anchors_table() -> str:
    """The Markdown table of anchors, as ``data/README.md`` prints it."""
    rows = ["| anchor (`of`) | published words |", "|---|---|"]
    rows += [f"| `{a.value}` | {words} |" for a, words in ANCHOR_WORDS.items()]
    return "\n".join(rows)
