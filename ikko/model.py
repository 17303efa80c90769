"""Domain objects: what the data means, independent of files and of the site engine."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from . import ru_format
from .deadlines import ElectionDates, Rule, Timing, governing, timing


class Kind(StrEnum):
    """A closed set of names written in data and open data; compares equal to its plain string."""


class PeriodKind(Kind):
    """What a work-plan period is; only months and dates give calendar events."""

    MONTHS = "months"
    DATES = "dates"
    YEAR = "year"                    # "весь период", "в течение года"
    AS_NEEDED = "as_needed"          # "по мере необходимости"
    PER_SCHEDULE = "per_schedule"    # "в соответствии с утвержденными сроками"
    NONE = "none"                    # no period printed


class ResponsibleKind(Kind):
    PERSON = "person"
    DEPARTMENT = "department"


class EventStatus(Kind):
    """RFC 5545 STATUS of a calendar event: a removed item stays in the feed as cancelled."""

    CONFIRMED = "CONFIRMED"
    TENTATIVE = "TENTATIVE"          # an illustrative plan's event: not a real deadline
    CANCELLED = "CANCELLED"


# --- registries -----------------------------------------------------------------
@dataclass(frozen=True)
class Executor:
    id: str
    name: str
    abbr: str | None = None

    @property
    def label(self) -> str:
        return self.abbr or self.name


@dataclass(frozen=True)
class Abbreviation:
    abbr: str
    full: str


@dataclass(frozen=True)
class Responsible:
    """A person or a department named as responsible in work plans."""

    id: str
    name: str
    kind: ResponsibleKind
    aliases: tuple[str, ...] = ()
    position: str | None = None


# The first regional law titled "Закон Кемеровской области – Кузбасса" is 106-ОЗ of this day (source 003);
# laws passed before it are "Закон Кемеровской области".
REGION_RENAMED = date(2019, 10, 7)


# --- laws -------------------------------------------------------------------------
@dataclass(frozen=True)
class Note:
    kind: str                 # edited | introduced | repealed
    laws: tuple[str, ...]
    text: str


@dataclass
class Point:
    number: str | None
    text: str
    anchor: str
    notes: list[Note] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)


@dataclass
class Part:
    number: str | None
    text: str
    anchor: str
    notes: list[Note] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)


@dataclass(frozen=True)
class Pending:
    law: str
    effective: date
    text: str
    target: str | None = None
    part: str | None = None
    change: str | None = None


@dataclass
class Article:
    number: str
    title: str
    anchor: str
    chapter: "Chapter"
    parts: list[Part] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    pending: list[Pending] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)   # bookmarks of the source, kept as extra anchors

    def all_notes(self) -> list[Note]:
        out = list(self.notes)
        for part in self.parts:
            out += part.notes
            for point in part.points:
                out += point.notes
        return out

    def amending_laws(self) -> list[str]:
        """Ids of laws that changed this article, in first-mention order."""
        seen: dict[str, None] = {}
        for note in self.all_notes():
            for law in note.laws:
                seen.setdefault(law)
        for p in self.pending:
            seen.setdefault(p.law)
        return list(seen)


@dataclass
class Chapter:
    number: str
    title: str
    anchor: str
    articles: list[Article] = field(default_factory=list)


@dataclass
class Law:
    id: str
    kind: str
    title: str | None
    number: str | None = None
    date: date | None = None
    short_names: tuple[str, ...] = ()
    preamble: list[Part] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)
    # from data/laws/<id>/amendments.yaml (see law_editions): change records and the editions they make
    changes: list = field(default_factory=list)
    editions: list = field(default_factory=list)
    complete_to: date | None = None      # the collection holds every change published up to this day
    complete_note: str | None = None

    @property
    def has_text(self) -> bool:
        return bool(self.chapters)

    @property
    def articles(self) -> list[Article]:
        return [a for c in self.chapters for a in c.articles]

    def article(self, number: str) -> Article | None:
        return next((a for a in self.articles if a.number == number), None)

    @property
    def full_title(self) -> str:
        kinds = {"federal_law": "Федеральный закон", "federal_constitutional_law": "Федеральный конституционный закон",
                 "regional_law": "Закон Кемеровской области – Кузбасса", "cik_act": "Постановление ЦИК России",
                 "code": "", "other": ""}
        head = kinds.get(self.kind, "")
        if self.kind == "regional_law" and self.date and self.date < REGION_RENAMED:
            head = "Закон Кемеровской области"   # the region's name when the law was passed
        if self.date:
            head += f" от {ru_format.day(self.date)}"
        if self.number:
            head += f" № {self.number}"
        head = head.strip()
        if self.title:
            return f"{head} «{self.title}»" if head else self.title
        return head or self.id


# --- election calendar plans --------------------------------------------------------
@dataclass(frozen=True)
class Basis:
    text: str
    law: str | None = None
    article: str | None = None
    parts: tuple[str, ...] = ()
    points: tuple[str, ...] = ()


@dataclass
class Deadline:
    index: int                       # 1-based position within the item: part of the UID
    words: str | None                # None where the published cell is empty
    rule: Rule
    executors: tuple[Executor, ...]
    printed: str | None = None
    executors_text: str | None = None
    action: str | None = None
    timing: Timing | None = None     # what the plan says: the printed days where possible, else the count
    computed: Timing | None = None   # the rule's count for the election's dates (a check on ``timing``)
    printed_impossible: bool = False  # the printed date cannot be (e.g. before the election was called)

    def settle(self, dates: ElectionDates) -> None:
        governed = governing(self.printed, timing(self.rule, dates), dates.decision)
        self.timing, self.computed, self.printed_impossible = governed.timing, governed.computed, governed.impossible


@dataclass
class CalendarItem:
    number: int
    action: str
    section: "CalendarSection"
    basis: list[Basis] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    note: str | None = None
    excluded: "Resolution | None" = None          # removed by this amending resolution
    history: list["ItemChange"] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"p-{self.number}"

    @property
    def executors(self) -> list[Executor]:
        seen: dict[str, Executor] = {}
        for d in self.deadlines:
            for e in d.executors:
                seen.setdefault(e.id, e)
        return list(seen.values())


@dataclass
class CalendarSection:
    number: str
    title: str
    items: list[CalendarItem] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"razdel-{self.number.lower()}"


@dataclass(frozen=True)
class Resolution:
    date: date
    number: str
    body: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class ItemChange:
    """One value of an item that an amending resolution changed."""

    resolution: Resolution
    what: str                  # Russian label of the field ("срок (подпункт 1)", "исполнители", …)
    old: str
    new: str


@dataclass(frozen=True)
class Decision:
    """The decision calling the election, as the plan's header prints it (its dates are in ``ElectionDates``)."""

    body: str = ""
    number: str = ""
    title: str = ""
    publication: str = ""      # the periodical it was published in

    @classmethod
    def from_data(cls, raw: dict) -> "Decision":
        return cls(raw.get("body", ""), str(raw.get("number", "")), raw.get("title", ""), raw.get("publication", ""))


@dataclass
class Election:
    id: str
    title: str
    timezone: str
    dates: ElectionDates
    approved: Resolution | None     # None only for an illustrative plan
    decision: Decision
    plan_title: str | None = None
    sections: list[CalendarSection] = field(default_factory=list)
    source: str = ""                # data file, for messages
    template: str | None = None     # id of the election whose plan gives the rules
    illustrative: bool = False      # a worked example, not an approved plan
    short_title: str | None = None  # what calendar apps show before the year is cut off ("ЗС Кузбасса")
    prepared: date | None = None    # the day an illustrative plan was prepared: its feeds' DTSTAMP
    note: str | None = None
    removed: list[int] = field(default_factory=list)
    amendments: list[Resolution] = field(default_factory=list)  # amending resolutions, in date order
    # (amending resolution or None for the plan as first published, that edition), oldest first
    editions: list[tuple["Resolution | None", "Election"]] = field(default_factory=list)

    @property
    def items(self) -> list[CalendarItem]:
        return [i for s in self.sections for i in s.items]

    rules_approved: date | None = None  # approval of the plan whose rules a template election uses

    @property
    def stamp(self) -> date:
        """DTSTAMP of the feeds: the plan's approval; for an illustrative plan, the day it was prepared.

        Never another plan's resolution: an example must not claim the date of an approved plan.
        """
        return self.approved.date if self.approved else (self.prepared or self.dates.decision)

    @property
    def voting_day(self) -> date:
        return self.dates.voting_days[-1]

    @property
    def executors(self) -> list[Executor]:
        seen: dict[str, Executor] = {}
        for item in self.items:
            for e in item.executors:
                seen.setdefault(e.id, e)
        return sorted(seen.values(), key=lambda e: e.label)

    def compute(self) -> list[int]:
        """Compute every deadline; items counted from other items go after them.

        Returns the numbers of items caught in a cycle of such references.
        """
        numbers = {i.number for i in self.items}
        known: dict[int, date] = {}
        done: set[int] = set()
        pending = list(self.items)
        while pending:
            waiting = [i for i in pending
                       if any(n in numbers and n not in done for d in i.deadlines for n in d.rule.items())]
            ready = [i for i in pending if i not in waiting]
            if not ready:  # a cycle: compute without the item dates so pages still render
                for item in waiting:
                    for d in item.deadlines:
                        d.settle(self.dates)
                return [i.number for i in waiting]
            dates = replace(self.dates, items=dict(known))
            for item in ready:
                for d in item.deadlines:
                    d.settle(dates)
                dated = [d.timing for d in item.deadlines if d.timing and (d.timing.end or d.timing.start)]
                if dated:
                    known[item.number] = (dated[0].end or dated[0].start).day
                done.add(item.number)
            pending = waiting
        return []


# --- work plans ---------------------------------------------------------------------
@dataclass(frozen=True)
class Period:
    """A work-plan period: months of the plan year, explicit dates, or a kind without dates."""

    words: str | None
    kind: PeriodKind
    months: tuple[int, ...] = ()     # 1..12, in order
    dates: tuple[date, ...] = ()
    separate_plan: bool = False      # "(по отдельному плану)"


@dataclass
class PlanItem:
    number: str
    text: str
    section: "PlanSection"
    period: Period
    responsible: list[Responsible] = field(default_factory=list)
    responsible_text: str | None = None
    month: int | None = None
    excluded: Resolution | None = None
    history: list[ItemChange] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return "p-" + self.number.replace(".", "-")


@dataclass
class PlanSection:
    number: int
    title: str
    items: list[PlanItem] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"razdel-{self.number}"


@dataclass
class WorkPlan:
    id: str
    title: str
    year: int
    approved: Resolution
    sections: list[PlanSection] = field(default_factory=list)
    source: str = ""
    amendments: list[Resolution] = field(default_factory=list)
    editions: list[tuple["Resolution | None", "WorkPlan"]] = field(default_factory=list)

    @property
    def items(self) -> list[PlanItem]:
        return [i for s in self.sections for i in s.items]


# --- reports ------------------------------------------------------------------------
@dataclass(frozen=True)
class Figure:
    id: str
    label: str
    value: float
    quote: str
    unit: str | None = None
    note: str | None = None      # the editor's remark: "более", a lower bound, a row sum that differs
    period: str | None = None    # the span the figure covers when it is not the report's period, as the text says


@dataclass(frozen=True)
class Breakdown:
    id: str
    title: str
    rows: tuple[Figure, ...]
    unit: str | None = None
    note: str | None = None


@dataclass
class ReportSection:
    number: str | None
    title: str | None
    paragraphs: list[str]
    figures: list[Figure] = field(default_factory=list)
    breakdowns: list[Breakdown] = field(default_factory=list)

    @property
    def anchor(self) -> str | None:
        from .anchors import slug_number
        return f"razdel-{slug_number(self.number)}" if self.number else None


@dataclass
class Report:
    id: str
    title: str
    start: date
    end: date
    sections: list[ReportSection]
    resolution: Resolution | None = None
    resolution_paragraphs: list[str] = field(default_factory=list)
    signatures: list[dict] = field(default_factory=list)

    def figure(self, figure_id: str) -> Figure | None:
        return next((f for s in self.sections for f in s.figures if f.id == figure_id), None)
