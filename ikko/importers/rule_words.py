"""Russian deadline wording of calendar plans -> machine rules (forms and anchors: ikko/rules/vocabulary.py).

Used by the calendar-plan importer: "Не позднее чем за 60 дней до дня голосования"
becomes ``{not_after: {before: 60, of: voting_day}}``. Wording it cannot read gives
``rule: text`` and the item is listed for an editor.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..rules import TEXT, Anchor, Form, TimeZoneKind
from .common import clean, ru_date

_CARDINALS = {
    "один": 1, "одна": 1, "одного": 1, "одних": 1, "одни": 1, "одной": 1, "два": 2, "две": 2, "двух": 2,
    "двое": 2, "три": 3, "трех": 3, "трёх": 3, "трое": 3, "четыре": 4, "четырех": 4, "пять": 5, "пяти": 5,
    "шесть": 6, "шести": 6, "семь": 7, "семи": 7, "восемь": 8, "восьми": 8, "девять": 9, "девяти": 9,
    "десять": 10, "десяти": 10, "пятнадцать": 15, "пятнадцати": 15, "двадцать": 20, "двадцати": 20,
    "тридцать": 30, "тридцати": 30,
}
_ORDINALS = {"первый": 1, "второй": 2, "третий": 3, "четвертый": 4, "пятый": 5, "шестой": 6, "седьмой": 7,
             "восьмой": 8, "девятый": 9, "десятый": 10, "пятнадцатый": 15, "двадцатый": 20, "тридцатый": 30}
_DAY_WORD = {"одно": 1, "дву": 2, "двух": 2, "тре": 3, "трех": 3, "трёх": 3, "четырех": 4, "пяти": 5,
             "шести": 6, "семи": 7, "восьми": 8, "девяти": 9, "десяти": 10, "пятнадцати": 15, "двадцати": 20,
             "тридцати": 30}
NUM = r"(\d+|" + "|".join(sorted(_CARDINALS, key=len, reverse=True)) + r")"
UNIT = r"(дн(?:ей|я)|день|суток|недел[юиь]|месяц(?:а|ев)?|час(?:а|ов)?|лет|года?)"

# Words that state no date at all: rule "text", not a problem.
UNDATED_RE = re.compile(
    r"^(?:вне периода|по мере|незамедлительно$|в срок, установленный|весь период|не реже|не менее|"
    r"в течение (?:\S+ )?(?:час|сут\w* с момента)|в течение \S+ сут\w* с момента|ежедневно|постоянно)",
    re.IGNORECASE)
VOTING_ANCHOR_RE = re.compile(
    r"^(?:до\s+)?(?:дня|дню|день)?\s*(?:\((?P<which>первого|последнего|первому|последнему)\s+дн[юя]\)\s*)?"
    r"(?:\([^)]*\)\s*)?голосования$", re.IGNORECASE)
PUBLICATION_RE = re.compile(r"официального опубликования(?:\s*\(публикации\))?\s+решения о назначении выборов$")


def number(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return _CARDINALS.get(word)


@dataclass
class RuleContext:
    action: str


def _event(text: str) -> str:
    text = clean(text).rstrip(" ,;.")
    return text[:1].lower() + text[1:]


def _anchor(phrase: str, ctx: RuleContext, with_prep: str = "") -> dict:
    """``of`` for the words after "до"/"со дня"/"после": a voting day, the decision, or an event."""
    phrase = clean(phrase).rstrip(" ,;.")
    m = VOTING_ANCHOR_RE.match(phrase)
    if m:
        which = (m.group("which") or "").lower()
        return {"of": (Anchor.FIRST_VOTING_DAY if which.startswith("перв") else
                       Anchor.LAST_VOTING_DAY if which.startswith("послед") else Anchor.VOTING_DAY).value}
    if PUBLICATION_RE.search(phrase):
        return {"of": Anchor.PUBLICATION.value}
    if re.fullmatch(r"(?:его\s+)?принятия(?:\s+решения о назначении выборов)?", phrase) and \
            re.search(r"решени\w* о назначении выборов", ctx.action):
        return {"of": Anchor.DECISION.value}      # "со дня его принятия" in the row of that decision
    return {"of": Anchor.EVENT.value, "event": _event(f"{with_prep} {phrase}".strip())}


def _time(clause: str) -> tuple[str, dict]:
    """Take a time of day out of the clause: {"time": "18:00"} / {"time": "24:00", "tz": "moscow"}."""
    m = re.search(r"\s*(?:до\s+)?(\d{1,2})(?:[.:](\d{2}))?\s+час(?:а|ов)?\s+по московскому времени", clause)
    if m:
        return clause[:m.start()] + " " + clause[m.end():], {"time": f"{int(m.group(1)):02d}:{m.group(2) or '00'}",
                                                            "tz": TimeZoneKind.MOSCOW.value}
    m = re.search(r"\s*(?:до\s+)?(\d{1,2})[.:](\d{2})(?:\s+час(?:а|ов))?(?:\s+в)?\s+по местному времени", clause)
    if m:
        return clause[:m.start()] + " " + clause[m.end():], {"time": f"{int(m.group(1)):02d}:{m.group(2)}"}
    m = re.search(r"\s*в ноль часов(?: по местному времени)?", clause)
    if m:
        return clause[:m.start()] + " " + clause[m.end():], {"time": "00:00"}
    m = re.match(r"^(не позднее)\s+(\d{1,2})[.:](\d{2})\s+", clause, re.IGNORECASE)
    if m:
        return m.group(1) + " " + clause[m.end():], {"time": f"{int(m.group(2)):02d}:{m.group(3)}"}
    return clause, {}


def _point(clause: str, ctx: RuleContext) -> tuple[str, dict] | None:
    """(kind, point) of one bound: kind is not_after / not_before / on / None (from the prefix)."""
    clause, time = _time(clean(clause))
    clause = clean(clause).rstrip(" ,;.")
    kind = None
    m = re.match(r"^(не позднее|не ранее)(?:\s+чем)?\s*", clause, re.IGNORECASE)
    if m:
        kind = "not_after" if m.group(1).lower() == "не позднее" else "not_before"
        clause = clause[m.end():]
    point = _count(clause, ctx)
    if point is None:
        return None
    form_kind, body = point
    return kind or form_kind, {**body, **time}


NEXT = object()   # a wording's reader passes: the next wording is tried


@dataclass(frozen=True)
class Wording:
    """One published wording of a bound: its pattern, how it reads, and a real example with what it gives.

    ``read`` returns (kind, point) — kind is the bound the wording implies when no "не позднее /
    не ранее" precedes it —, None when the words are recognised but give no date rule
    ("через 2 часа …"), or NEXT to let the next wording try.
    """

    name: str
    pattern: re.Pattern
    read: Callable[[re.Match, str, RuleContext], object]
    example: str
    gives: tuple[str | None, dict] | None


def _w(name: str, pattern: str, example: str, gives, read) -> Wording:
    return Wording(name, re.compile(pattern, re.IGNORECASE), read, example, gives)


def _before(m, c, ctx):
    if m.group(2) is not None and m.group(2).startswith(("час", "сут")):
        return NEXT
    n = number(m.group(1))
    if m.group(2) and m.group(2).startswith("недел"):
        n *= 7
    return "not_before", {Form.BEFORE.value: n, **_anchor(m.group(3), ctx)}


def _through(m, c, ctx):
    n, unit, prep, rest = number(m.group(1)), m.group(2), m.group(3).lower(), m.group(4)
    if unit.startswith(("час", "сут", "лет", "год")):
        return None
    if unit.startswith("месяц"):
        return "not_after", {Form.MONTHS_AFTER.value: n, **_anchor(rest, ctx, prep)}
    n *= 7 if unit.startswith("недел") else 1
    form = Form.AFTER if prep == "со дня" else Form.AFTER_DAY
    return "not_after", {form.value: n, **_anchor(rest, ctx, prep)}


def _nth_day(m, c, ctx):
    n = int(m.group(1)) if m.group(1) else _ORDINALS.get((m.group(2) or "").lower())
    if not n:
        return NEXT
    form = Form.NTH_DAY_AFTER if m.group(3).lower() == "после дня" else Form.WITHIN
    return "not_after", {form.value: n, **_anchor(m.group(4), ctx, m.group(3).lower())}


def _n_day_term(m, c, ctx):
    n = int(m.group(1)) if m.group(1).isdigit() else _DAY_WORD.get(m.group(1).lower())
    if not n:
        return NEXT
    return "not_after", {Form.WITHIN.value: n, **_anchor(m.group(3), ctx, m.group(2).lower())}


def _during(m, c, ctx):
    n, unit, prep = number(m.group(1)), m.group(2), m.group(3).lower()
    if unit.startswith("час") or (unit == "суток" and prep != "со дня") or unit.startswith(("лет", "год")):
        return None
    if unit.startswith("месяц"):
        return "not_after", {Form.MONTHS_WITHIN.value: n, **_anchor(m.group(4), ctx, prep)}
    n *= 7 if unit.startswith("недел") else 1
    return "not_after", {Form.WITHIN.value: n, **_anchor(m.group(4), ctx, prep)}


def _expiry(m, c, ctx):
    if not m.group(2).startswith(("дн", "день")):
        return NEXT
    return "not_before", {Form.AFTER.value: number(m.group(1)), **_anchor(m.group(3), ctx, "со дня")}


def _day_before(m, c, ctx):
    # The day before voting that lasts several days is the day before its first day.
    a = _anchor(m.group(1), ctx)
    if a["of"] == Anchor.VOTING_DAY:
        a = {"of": Anchor.FIRST_VOTING_DAY.value}
    if a["of"] == Anchor.EVENT:
        return None
    return "on", {Form.SHIFT.value: -1, **a}


def _day_after(m, c, ctx):
    a = _anchor(m.group(1), ctx)
    if a["of"] == Anchor.EVENT:
        a["event"] = _event(m.group(1))
    return "on", {Form.SHIFT.value: 1, **a}


def _voting_day(m, c, ctx):
    which = (m.group(1) or "").lower()
    return "on", {Form.SHIFT.value: 0, "of": {"первого": Anchor.FIRST_VOTING_DAY.value,
                                              "последнего": Anchor.LAST_VOTING_DAY.value}
                  .get(which, Anchor.VOTING_DAY.value)}


def _voting_days(m, c, ctx):
    return "window", {"not_before": {Form.SHIFT.value: 0, "of": Anchor.FIRST_VOTING_DAY.value},
                      "not_after": {Form.SHIFT.value: 0, "of": Anchor.LAST_VOTING_DAY.value}}


def _event_day(m, c, ctx):
    if re.search(r"\bчас|в течение", c):
        return NEXT
    return "on", {Form.SHIFT.value: 0, "of": Anchor.EVENT.value, "event": _event(c)}   # "в день формирования УИК"


def _at_once(m, c, ctx):
    return "on", {Form.SHIFT.value: 0, "of": Anchor.EVENT.value, "event": _event(m.group(1) or m.group(2))}


def _after_day(m, c, ctx):
    return "not_before", {Form.AFTER_DAY.value: 0, **_anchor(m.group(1), ctx, "после дня")}


def _since(m, c, ctx):
    a = _anchor(m.group(2), ctx, m.group(1).lower())
    if a["of"] == Anchor.EVENT:
        a["event"] = _event(c)
    return "not_before", {Form.SHIFT.value: 0, **a}


def _until_event(m, c, ctx):
    if c.lower().startswith("до дня голосования"):
        return NEXT
    return "not_after", {Form.SHIFT.value: 0, "of": Anchor.EVENT.value, "event": _event(c)}


# The wordings of one bound, tried in this order (the first that reads the words wins).
# Each example is a bound as a plan prints it, after "не позднее / не ранее" is taken off.
WORDINGS: tuple[Wording, ...] = (
    _w("за N дней до", rf"^(?:за\s+)?{NUM}(?:\s+и менее)?\s+{UNIT}?\s*(до\s+.+|\(.+)$",
       "за 70 дней до дня голосования", ("not_before", {"before": 70, "of": "voting_day"}), _before),
    _w("через N дней со дня / после дня", rf"^через\s+{NUM}\s+{UNIT}\s+(со дня|после дня|после)\s+(.+)$",
       "через 10 дней после дня голосования", ("not_after", {"after_day": 10, "of": "voting_day"}), _through),
    _w("на N-й день после дня / со дня", r"^на\s+(\d+)?-?(?:й\s+)?(\w+)?\s*день\s+(после дня|со дня)\s+(.+)$",
       "на третий день со дня голосования", ("not_after", {"within": 3, "of": "voting_day"}), _nth_day),
    _w("в N-дневный срок", r"^в\s+(\d+|\w+?)-?дневный срок\s+(со дня|после)\s+(.+)$",
       "в десятидневный срок со дня официального опубликования (публикации) решения о назначении выборов",
       ("not_after", {"within": 10, "of": "publication"}), _n_day_term),
    _w("в течение N дней / месяцев", rf"^в течение\s+{NUM}\s+{UNIT}\s+(со дня|после дня|после)\s+(.+)$",
       "В течение 2 месяцев со дня голосования", ("not_after", {"months_within": 2, "of": "voting_day"}), _during),
    _w("по истечении N дней", rf"^по истечении\s+{NUM}\s+{UNIT}\s+со дня\s+(.+)$",
       "По истечении 60 дней со дня голосования", ("not_before", {"after": 60, "of": "voting_day"}), _expiry),
    _w("в день, предшествующий", r"^(?:в\s+)?(?:день|дня),\s+предшествующ\w+\s+(.+)$",
       "в день, предшествующий дню (первому дню) голосования",
       ("on", {"shift": -1, "of": "first_voting_day"}), _day_before),
    _w("в день, следующий за", r"^(?:в\s+)?(?:день|дня),\s+следующ\w+\s+за\s+(.+)$",
       "дня, следующего за днем предоставления помещения",
       ("on", {"shift": 1, "of": "event", "event": "днем предоставления помещения"}), _day_after),
    _w("в день голосования", r"^(?:в\s+)?(первого|последнего)?\s*(?:дня|день)\s+голосования$",
       "первого дня голосования", ("on", {"shift": 0, "of": "first_voting_day"}), _voting_day),
    _w("в дни голосования", r"^(?:в\s+)?дни\s+голосования(?:\s+до момента окончания голосования)?$",
       "В дни голосования до момента окончания голосования",
       ("window", {"not_before": {"shift": 0, "of": "first_voting_day"},
                   "not_after": {"shift": 0, "of": "last_voting_day"}}), _voting_days),
    _w("в день события", r"^(?:в\s+)?день\s+([^-–—]+)$",
       "в день формирования УИК", ("on", {"shift": 0, "of": "event", "event": "в день формирования УИК"}), _event_day),
    _w("незамедлительно / одновременно", r"^(?:незамедлительно|сразу)\s+(после\s+.+)$|^(одновременно с\s+.+)$",
       "Сразу после формирования УИК", ("on", {"shift": 0, "of": "event", "event": "после формирования УИК"}),
       _at_once),
    _w("после дня", r"^после\s+дня\s+(.+)$",
       "после дня официального опубликования решения о назначении выборов",
       ("not_before", {"after_day": 0, "of": "publication"}), _after_day),
    _w("после / со дня / с момента", r"^(после|со дня|с момента|по завершении|после завершения)\s+(.+)$",
       "со дня представления сведений", ("not_before", {"shift": 0, "of": "event",
                                                         "event": "со дня представления сведений"}), _since),
    _w("до события", r"^до\s+(.+)$",
       "До начала распространения соответствующих агитационных материалов",
       ("not_after", {"shift": 0, "of": "event",
                      "event": "до начала распространения соответствующих агитационных материалов"}), _until_event),
)


def read_bound(c: str, ctx: RuleContext) -> tuple[Wording | None, tuple[str | None, dict] | None]:
    """The wording that reads one bound, and what it gives (None: no date rule)."""
    for wording in WORDINGS:
        m = wording.pattern.match(c)
        if not m:
            continue
        got = wording.read(m, c, ctx)
        if got is not NEXT:
            return wording, got
    return None, None


def _count(c: str, ctx: RuleContext) -> tuple[str | None, dict] | None:
    """The counting part of a bound; the kind it implies when no "не позднее/не ранее" precedes."""
    return read_bound(c, ctx)[1]


WINDOW_RES = (
    re.compile(r"^(не ранее\b.+?)\s+и\s+(не позднее\b.+)$", re.IGNORECASE),
    re.compile(r"^((?:после|со дня|с момента|по завершении|после завершения|за)\b.+?)(?:,\s*но|\s+и)\s+"
               r"((?:не позднее|до|прекращается)\b.+)$", re.IGNORECASE),
)


def parse_rule(words_text: str, ctx: RuleContext) -> tuple[object, bool]:
    """(rule, understood). Unreadable words give ("text", False); words with no date ("text", True)."""
    w = clean(words_text).rstrip(" ;,")
    w = re.sub(r"\s*[-–]\s*ежедневно$", "", w)
    w = re.sub(r"^а\s+", "", w)
    if UNDATED_RE.match(w):
        return TEXT, True
    rule = _rule(w, ctx)
    m = re.search(r"\bне (?:позднее|ранее)\b", w[1:], re.IGNORECASE)
    if rule is None and m:
        rule = _rule(w[m.start() + 1:], ctx)     # "В исключительных случаях не позднее …"
    return (rule, True) if rule else (TEXT, False)


def _rule(w: str, ctx: RuleContext) -> dict | None:
    m = re.match(r"^с\s+(\d{1,2})[.:](\d{2})\s+до\s+(\d{1,2})[.:](\d{2})\s+по местному времени\s+"
                 r"(?:с\s+)?(\d{2}\.\d{2}\.\d{4})(?:\s+по\s+(\d{2}\.\d{2}\.\d{4}))?$", w, re.IGNORECASE)
    if m:   # "с 8.00 до 20.00 по местному времени с 08.09.2023 по 10.09.2023": fixed dates, see _anchor_dates
        first, last = ru_date(m.group(5)), ru_date(m.group(6) or m.group(5))
        return {"not_before": {Form.DATE.value: first, "time": f"{int(m.group(1)):02d}:{m.group(2)}"},
                "not_after": {Form.DATE.value: last, "time": f"{int(m.group(3)):02d}:{m.group(4)}"}}
    m = re.match(rf"^за\s+{NUM}\s*[-–]\s*{NUM}\s+{UNIT}\s+(до\s+.+)$", w, re.IGNORECASE)
    if m:   # "За 50 - 30 дней до дня голосования": a window
        a, b = number(m.group(1)), number(m.group(2))
        anchor = _anchor(m.group(4), ctx)
        return {"not_before": {Form.BEFORE.value: a, **anchor}, "not_after": {Form.BEFORE.value: b, **anchor}}
    for window in WINDOW_RES:
        m = window.match(w)
        if not m:
            continue
        first, second = m.group(1), m.group(2)
        second = re.sub(r"^прекращается\s+", "", second, flags=re.IGNORECASE)
        end = _point(second, ctx)
        start = _point(first, ctx)
        if start is None and end is not None:
            # "Не ранее чем за 45 и не позднее чем за 3 дня до дня …": the first bound borrows the tail.
            tail = re.search(rf"\b{NUM}\s+(.*)$", clean(_time(second)[0]))
            head = re.match(rf"^(.*?\b{NUM})(?:\s+{UNIT})?\s*$", first)
            if tail and head:
                start = _point(f"{head.group(1)} {tail.group(2)}", ctx)
        if start and end:
            return {"not_before": start[1], "not_after": end[1]}
    single = _point(w, ctx)
    if single is None:
        return None
    kind, point = single
    if kind == "window":
        return point
    if kind == "not_after" and re.match(r"^в\s+(?:течение|\S+-?дневный срок)", w, re.IGNORECASE) and \
            point.get("of") in (Anchor.VOTING_DAY, Anchor.PUBLICATION, Anchor.DECISION):
        # "В десятидневный срок со дня опубликования": a period from that day, both ends dated.
        return {"not_before": {Form.SHIFT.value: 0, "of": point["of"]}, "not_after": point}
    return {kind or "on": point}


# =========================================================================== executors
