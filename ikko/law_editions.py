"""A law as in force on a date: the text we hold plus the changes of amending laws in force by then.

An amendment is data (``data/laws/<id>/amendments.yaml``): for each amending law, its
effective date and its changes, each with a target provision (article, part, point,
paragraph), edits (replace_words, exclude_words, exclude_sentence, repeal, new_wording,
add) and the source's verbatim note. Each edit must apply exactly: words that are not
found where the change points are an error naming the file, line and field, unless the
change carries an explicit ``editorial`` resolution (shown on the page) or is recorded
as ``not_applied`` with the reason (also shown).

Editions: the text as held (in force up to the day before the first change) and one
edition per effective date. Every unit keeps its anchor in every edition; a repealed
unit stays, reading "утратил(а) силу", so links into older wordings never break.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from . import anchors
from .errors import Problems
from .model import Article, Law, Part, Point
from .yamldoc import Doc, field_name

PUNCT = ",.;:)"
SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[А-ЯЁA-Z\"«])")


@dataclass(frozen=True)
class Edit:
    op: str                       # replace_words | exclude_words | exclude_sentence | repeal | new_wording | add
    words: str | None = None
    with_: str | None = None
    sentence: int | None = None
    text: str | None = None
    number: str | None = None


@dataclass
class Change:
    law: str                      # id of the amending law
    effective: date
    target: dict                  # as printed in the source: article / part / point / paragraph
    edits: list[Edit]
    source: str                   # the source's note, verbatim
    editorial: dict | None = None  # {target?: {...}, note: "..."}: an open correction of the source
    not_applied: str | None = None  # why the change is recorded but not applied
    place: tuple = ()             # path of the change in its file, for messages

    @property
    def applied_target(self) -> dict:
        return (self.editorial or {}).get("target") or self.target


@dataclass
class Wording:
    """One earlier wording of a unit, replaced on ``change.effective``."""

    change: Change
    text: str
    points: list[Point] = field(default_factory=list)   # a part's points as they were
    title: str | None = None                            # an article's title, when the article went
    parts: list[Part] = field(default_factory=list)     # an article's parts, when the article went


@dataclass
class Edition:
    law: Law                      # the consolidated text (a copy of the held text)
    since: date | None            # in force from (None: the text as held, start not recorded)
    until: date | None            # last day in force (None: in force now / open)
    changes: list[Change] = field(default_factory=list)   # applied in this edition (cumulative)
    repealed: dict[str, Change] = field(default_factory=dict)     # anchor -> change that repealed it
    history: dict[str, list[Wording]] = field(default_factory=dict)  # anchor -> earlier wordings, oldest first
    added: dict[str, Change] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        """Stable URL part: the first day in force, or for the held text the last day."""
        return (self.since or self.until).isoformat()

    def in_force_on(self, day: date) -> bool:
        return (self.since is None or self.since <= day) and (self.until is None or day <= self.until)


def describe_target(target: dict) -> str:
    """{article: 5, part: 12, paragraph: 1} -> "ст. 5 п. 12 абз. 1"."""
    out = [f"ст. {target['article']}"]
    if "part" in target:
        out.append(f"п. {target['part']}")
    if "point" in target:
        out.append(f"пп. {target['point']}")
    if "paragraph" in target:
        out.append(f"абз. {target['paragraph']}")
    return " ".join(out)


def paragraphs_of(part: Part, point_number: str | None) -> list[Part | Point]:
    """The paragraphs (абзацы) of a part or of a numbered point, in order: the unit itself first, then
    the unnumbered paragraphs that follow it up to the next numbered point."""
    if point_number is None:
        out: list = [part]
        for pt in part.points:
            if pt.number is not None:
                break
            out.append(pt)
        return out
    out, inside = [], False
    for pt in part.points:
        if pt.number == point_number:
            out, inside = [pt], True
        elif inside and pt.number is None:
            out.append(pt)
        elif inside:
            break
    return out


def resolve(law: Law, target: dict) -> tuple[Article | Part | Point | None, Part | None, str]:
    """(unit, its part or None, what is missing) for a target."""
    art = law.article(str(target["article"]))
    if art is None:
        return None, None, f"нет статьи {target['article']}"
    if "part" not in target:
        return art, None, ""
    part = next((p for p in art.parts if p.number == str(target["part"])), None)
    if part is None:
        return None, None, f"в ст. {art.number} нет пункта {target['part']}"
    point = target.get("point")
    if point is not None and not any(pt.number == str(point) for pt in part.points):
        return None, None, f"в ст. {art.number} п. {part.number} нет подпункта {point}"
    if "paragraph" not in target:
        unit = part if point is None else next(pt for pt in part.points if pt.number == str(point))
        return unit, part, ""
    paras = paragraphs_of(part, None if point is None else str(point))
    n = int(target["paragraph"])
    if not 1 <= n <= len(paras):
        return None, None, f"в {describe_target(target)} только {len(paras)} абз."
    return paras[n - 1], part, ""


def _join(before: str, new: str, after: str) -> str:
    """Splice ``new`` between ``before`` and ``after`` with the spacing of the rest of the text."""
    if new:
        if new[0] in PUNCT:
            before = before.rstrip()
        return before + new + after
    if not after or after[0] in PUNCT:
        return before.rstrip() + after
    if before.endswith(" ") and after.startswith(" "):
        return before + after[1:]
    if not before:
        return after.lstrip()
    return before + after


def replace_all(text: str, words: str, new: str) -> tuple[str, int]:
    """Every occurrence of ``words`` replaced (a change of words applies to each, as the law is drafted)."""
    count = text.count(words)
    out = text
    start = len(out)
    while True:
        i = out.rfind(words, 0, start)
        if i < 0:
            break
        out = _join(out[:i], new, out[i + len(words):])
        start = i
    return out, count


def law_phrase(amending: Law | None, law_id: str) -> str:
    if amending is None or not (amending.date and amending.number):
        return law_id
    head = "Закон Кемеровской области – Кузбасса" if amending.kind == "regional_law" else "Закон"
    return f"{head} от {amending.date:%d.%m.%Y} № {amending.number}"


def repealed_wording(unit, change: Change, amending: Law | None) -> str:
    what = "Утратила силу" if isinstance(unit, Article) else (
        "Абзац утратил силу" if isinstance(unit, Point) and unit.number is None else "Утратил силу")
    return f"{what} с {change.effective:%d.%m.%Y}. – {law_phrase(amending, change.law)}."


class _Apply:
    def __init__(self, edition: Edition, doc: Doc | None, problems: Problems | None, laws: dict):
        self.edition, self.doc, self.problems, self.laws = edition, doc, problems, laws

    def fail(self, change: Change, path: tuple, message: str) -> None:
        where = change.place + path
        if self.problems is None:
            raise ValueError(f"{field_name(where)}: {message}")
        self.problems.add(self.doc.at(*where), field_name(where), message)

    def remember(self, unit, change: Change) -> None:
        points = copy.deepcopy(unit.points) if isinstance(unit, Part) else []
        title = unit.title if isinstance(unit, Article) else None
        parts = copy.deepcopy(unit.parts) if isinstance(unit, Article) else []
        text = "" if isinstance(unit, Article) else unit.text
        self.edition.history.setdefault(unit.anchor, []).append(Wording(change, text, points, title, parts))

    def change(self, change: Change) -> None:
        law = self.edition.law
        target = change.applied_target
        target_key = ("editorial", "target") if change.editorial and change.editorial.get("target") else ("target",)
        unit, part, missing = resolve(law, target)
        if unit is None:
            self.fail(change, target_key, f"{missing} (изменение: {change.source[:120]})")
            return
        if unit.anchor in self.edition.repealed:
            self.fail(change, target_key, f"{describe_target(target)} уже утратил силу")
            return
        for k, edit in enumerate(change.edits):
            self.edit(change, unit, part, edit, ("edits", k), target)
        self.edition.changes.append(change)

    def edit(self, change: Change, unit, part: Part | None, edit: Edit, path: tuple, target: dict) -> None:
        amending = self.laws.get(change.law)
        if edit.op == "repeal":
            self.remember(unit, change)
            self.edition.repealed[unit.anchor] = change
            if isinstance(unit, Article):
                unit.parts = [Part(None, repealed_wording(unit, change, amending), f"{unit.anchor}-utratila-silu")]
                return
            unit.text = repealed_wording(unit, change, amending)
            if isinstance(unit, Part):
                unit.points = []
            return
        if edit.op == "add":
            self.add(change, unit, edit, path, target)
            return
        if isinstance(unit, Article) and edit.op not in ("replace_words", "exclude_words"):
            self.fail(change, path + ("op",), f"«{edit.op}» применяется к пункту или абзацу, а указана вся статья")
            return
        if edit.op in ("replace_words", "exclude_words"):
            # A change of words in a part (or a point) applies to all its paragraphs.
            scope = [unit]
            if isinstance(unit, Article):
                scope = [u for p in unit.parts for u in [p, *p.points]]
            elif "paragraph" not in target and isinstance(unit, Part):
                scope += unit.points
            elif "paragraph" not in target and isinstance(unit, Point) and part is not None:
                scope = paragraphs_of(part, unit.number)
            found = 0
            for u in scope:
                new, count = replace_all(u.text, edit.words, edit.with_ or "")
                if count:
                    self.set_text(u, new, change)
                    found += count
            if not found:
                self.fail(change, path + ("words",),
                          f"слова «{edit.words}» не найдены в {describe_target(target)}: "
                          f"«{(unit.title if isinstance(unit, Article) else unit.text)[:200]}»")
            return
        old = unit.text
        if edit.op == "exclude_sentence":
            sentences = SENTENCE_RE.split(old)
            if len(sentences) < edit.sentence:
                self.fail(change, path + ("sentence",),
                          f"в {describe_target(target)} {len(sentences)} предл., нет предложения {edit.sentence}")
                return
            new = " ".join(s for i, s in enumerate(sentences, 1) if i != edit.sentence)
        elif edit.op == "new_wording":
            new = edit.text
        else:  # the schema allows no other operation
            self.fail(change, path + ("op",), f"неизвестная операция «{edit.op}»")
            return
        self.set_text(unit, new, change)

    def set_text(self, unit, new: str, change: Change) -> None:
        """New wording of a unit; the wording before this change is kept once per change."""
        history = self.edition.history.get(unit.anchor)
        if not history or history[-1].change is not change:
            self.remember(unit, change)
        unit.text = new

    def add(self, change: Change, unit, edit: Edit, path: tuple, target: dict) -> None:
        """A new part of an article, or a new numbered point of a part, placed in number order."""
        if isinstance(unit, Article):
            siblings, make = unit.parts, lambda: Part(edit.number, edit.text, anchors.part(unit.anchor, edit.number, 0))
        elif isinstance(unit, Part):
            siblings, make = unit.points, lambda: Point(edit.number, edit.text, anchors.point(unit.anchor, edit.number, 0))
        else:
            self.fail(change, path + ("op",), "дополнить можно статью (новым пунктом) или пункт (новым подпунктом)")
            return
        if any(s.number == edit.number for s in siblings):
            self.fail(change, path + ("number",), f"в {describe_target(target)} уже есть номер {edit.number}")
            return
        key = _number_key(edit.number)
        at = len(siblings)
        for i, s in enumerate(siblings):
            if s.number is not None and _number_key(s.number) > key:
                at = i
                break
        new = make()
        siblings.insert(at, new)
        self.edition.added[new.anchor] = change


def _number_key(number: str) -> tuple:
    first = number.split(" - ")[0]
    if first.isalpha():
        return (ord(first[0]),)
    return tuple(int(x) for x in first.split("-") if x.isdigit())


def editions(law: Law, changes: list[Change], laws: dict, doc: Doc | None = None,
             problems: Problems | None = None) -> list[Edition]:
    """The held text and one edition per effective date, oldest first; each edition includes all earlier
    changes. A change that cannot apply is reported (or raised when no ``problems`` is given)."""
    days = sorted({c.effective for c in changes})
    base = Edition(copy.deepcopy(law), None, days[0] - timedelta(days=1) if days else None)
    out = [base]
    current = base
    for i, day in enumerate(days):
        edition = Edition(copy.deepcopy(current.law), day, days[i + 1] - timedelta(days=1) if i + 1 < len(days) else None,
                          list(current.changes), dict(current.repealed),
                          {k: list(v) for k, v in current.history.items()}, dict(current.added))
        applier = _Apply(edition, doc, problems, laws)
        for change in changes:
            if change.effective == day and not change.not_applied:
                applier.change(change)
        out.append(edition)
        current = edition
    return out


def edition_on(editions_: list[Edition], day: date) -> Edition:
    """The edition in force on ``day`` (the held text for days before any change)."""
    return next((e for e in reversed(editions_) if e.in_force_on(day)), editions_[0])


def units(law: Law) -> dict[str, str]:
    """anchor -> text of every unit: articles (title), parts and points, in order."""
    out: dict[str, str] = {}
    for part in law.preamble:
        out[part.anchor] = part.text
    for art in law.articles:
        out[art.anchor] = art.title
        for part in art.parts:
            out[part.anchor] = part.text
            for pt in part.points:
                out[pt.anchor] = pt.text
    return out


def differences(old: Edition, new: Edition) -> list[tuple[str, str | None, str | None]]:
    """(anchor, old text, new text) of every unit whose text differs, in document order (a unit only the
    newer edition has comes right after the unit it follows there)."""
    a, b = units(old.law), units(new.law)
    order = list(a)
    previous = None
    for k in b:
        if k not in a:
            order.insert(order.index(previous) + 1 if previous in order else len(order), k)
        previous = k
    return [(k, a.get(k), b.get(k)) for k in order if a.get(k) != b.get(k)]


# --- loading ------------------------------------------------------------------------------
REQUIRED = {"replace_words": ("words", "with"), "exclude_words": ("words",), "exclude_sentence": ("sentence",),
            "repeal": (), "new_wording": ("text",), "add": ("number", "text")}


def changes_from(doc: Doc, laws: dict, problems: Problems, law: Law | None = None) -> list[Change]:
    """The change records of an amendments file (already checked against its schema)."""
    from .deadlines import RuleError, parse_date
    out: list[Change] = []
    for li, amending in enumerate(doc.data["amending_laws"]):
        if amending["law"] not in laws:
            problems.add(doc.at("amending_laws", li, "law"), field_name(("amending_laws", li, "law")),
                         f"закон «{amending['law']}» не описан в data/laws/")
        try:
            effective = parse_date(amending["effective"])
        except RuleError as exc:
            problems.add(doc.at("amending_laws", li, "effective"), field_name(("amending_laws", li, "effective")),
                         str(exc))
            continue
        if law is not None and law.date and effective <= law.date:
            problems.add(doc.at("amending_laws", li, "effective"), field_name(("amending_laws", li, "effective")),
                         f"изменения с {effective:%d.%m.%Y} не могут действовать раньше принятия закона "
                         f"({law.date:%d.%m.%Y})")
            continue
        for ci, raw in enumerate(amending["changes"]):
            place = ("amending_laws", li, "changes", ci)
            if not raw.get("edits") and not raw.get("not_applied"):
                problems.add(doc.at(*place), field_name(place),
                             "нет ни правок (edits), ни причины, по которой изменение не применяется (not_applied)")
                continue
            edits = []
            for k, e in enumerate(raw.get("edits", ())):
                missing = [name for name in REQUIRED[e["op"]] if name not in e]
                if missing:
                    problems.add(doc.at(*place, "edits", k), field_name(place + ("edits", k)),
                                 f"для «{e['op']}» нужно поле «{missing[0]}»")
                    continue
                edits.append(Edit(e["op"], e.get("words"), e.get("with"), e.get("sentence"), e.get("text"),
                                  e.get("number")))
            out.append(Change(amending["law"], effective, dict(raw["target"]), edits, raw["source"],
                              raw.get("editorial"), raw.get("not_applied"), place))
    return out


def attach(law: Law, doc: Doc, laws: dict, problems: Problems) -> None:
    """Compute the editions of ``law`` from its amendments file; problems name the file, line and field."""
    from .deadlines import RuleError, parse_date
    changes = changes_from(doc, laws, problems, law)
    law.editions = editions(law, changes, laws, doc, problems)   # before law.changes: editions copy the law
    law.changes = changes
    complete_to = doc.data.get("complete_to")
    if complete_to:
        try:
            law.complete_to = parse_date(complete_to)
        except RuleError as exc:
            problems.add(doc.at("complete_to"), "complete_to", str(exc))
    law.complete_note = doc.data.get("complete_note")


def target_anchor(law: Law, target: dict) -> str | None:
    """Anchor of the unit a target names in ``law`` (None if there is no such unit)."""
    unit, _, _ = resolve(law, target)
    return unit.anchor if unit is not None else None
