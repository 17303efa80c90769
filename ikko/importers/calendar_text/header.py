"""Stage 2: the lines above the table -> approved, plan_title, title, decision, voting_days."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..common import Result, nominative, parse_approval, ru_date
from .rows import TABLE_HEAD

DECISION_RE = re.compile(
    r"Дата официального опубликования\s+(?:постановления|решения)\s+(?P<body>.+?)\s+от\s+"
    r"(?P<date>\d{1,2}\s+\S+\s+\d{4})\s*(?:года|г\.)?\s*№\s*(?P<number>\S+)\s+«(?P<title>.+?)»\s*[–—-]\s*"
    r"(?P<published>\d{1,2}\s+\S+\s+\d{4})\s*(?:года|г\.)?\s*(?P<publication>«[^»]+»)?")
VOTING_RE = re.compile(r"Д(?:ень|ни) голосования\s*[–—-]\s*(?P<days>.+)$")
PLAN_TITLE_START = re.compile(r"^КАЛЕНДАРНЫЙ ПЛАН\b", re.IGNORECASE)
TRAILING_DATE_RE = re.compile(r"\s*\d{1,2}\s+\S+\s+\d{4}\s+года\s*$")


@dataclass
class Header:
    """What the lines above the table say about the plan; None where the document does not say it."""

    approved: dict | None = None
    plan_title: str | None = None
    title: str | None = None
    decision: dict | None = None
    voting_days: list[dt.date] = field(default_factory=list)


def voting_days_in(text: str) -> list[dt.date]:
    """"10.09.2023", "20 сентября 2026 года", "с 18.09.2026 по 20.09.2026", "18, 19 и 20 сентября 2026 года"."""
    m = re.search(r"с\s+(.+?)\s+по\s+(.+)$", text)
    if m and ru_date(m.group(1)) and ru_date(m.group(2)):
        first, last = ru_date(m.group(1)), ru_date(m.group(2))
        return [first + dt.timedelta(days=k) for k in range((last - first).days + 1)]
    m = re.search(r"((?:\d{1,2},\s*)*\d{1,2}\s+и\s+)(\d{1,2}\s+\S+\s+\d{4})", text)
    if m and ru_date(m.group(2)):
        last = ru_date(m.group(2))
        return [last.replace(day=int(d)) for d in re.findall(r"\d{1,2}", m.group(1))] + [last]
    found = [d for d in (ru_date(p) for p in re.split(r",|\sи\s", text)) if d]
    return found


def parse_header(header: list[tuple[int, str]], result: Result) -> Header:
    """approved, plan_title, title, decision, voting_days; lines that are none of these are listed."""
    text = " ".join(t for _, t in header)
    placed: set[int] = set()
    out = Header()
    approved = parse_approval(text)
    if approved is None:
        result.problem(1, "не найдено «УТВЕРЖДЕН постановлением … от … № …»: заполните approved")
    else:
        first = next((k for k, (_, t) in enumerate(header) if t.startswith("УТВЕРЖДЕН")), 0)
        last = next((k for k, (_, t) in enumerate(header) if k >= first and "№" in t), first)
        placed |= set(range(first, last + 1))
    start = next((k for k, (_, t) in enumerate(header) if PLAN_TITLE_START.match(t)), None)
    stop = next((k for k, (_, t) in enumerate(header) if t.startswith("Дата официального опубликования")),
                None)
    voting_at = next((k for k, (_, t) in enumerate(header) if VOTING_RE.search(t)), None)
    ends = [k for k in (stop, voting_at) if k is not None]
    if start is None:
        result.problem(1, "не найден заголовок «КАЛЕНДАРНЫЙ ПЛАН …»: заполните plan_title и title")
    else:
        title_end = min([k for k in ends if k > start] or [len(header)])
        title_end = next((k for k in range(start, title_end) if header[k][1] in TABLE_HEAD), title_end)
        placed |= set(range(start, title_end))
        # "КАЛЕНДАРНЫЙ ПЛАН" is a typographic heading: the data keeps the words in sentence case.
        title = re.sub(r"^КАЛЕНДАРНЫЙ ПЛАН", "Календарный план", " ".join(t for _, t in header[start:title_end]))
        out.plan_title = title
        m = re.search(r"по подготовке и проведению\s+(выбор\w*|референдум\w*)\s+(.+)$", title)
        if m:
            head = "Выборы" if m.group(1).startswith("выбор") else "Референдум"
            out.title = f"{head} {TRAILING_DATE_RE.sub('', m.group(2))}"
    decision = None
    m = DECISION_RE.search(text)
    if m:
        decision = {"body": nominative(m.group("body")), "date": ru_date(m.group("date")),
                    "number": m.group("number"), "title": m.group("title"),
                    "published": ru_date(m.group("published"))}
        if m.group("publication"):
            decision["publication"] = m.group("publication")
        block_end = min([k for k in ends if stop is not None and k > stop] or [len(header)])
        block_end = next((k for k in range(stop, block_end) if header[k][1] in TABLE_HEAD), block_end)
        placed |= set(range(stop, block_end))
    else:
        result.problem(1, "не найдено «Дата официального опубликования постановления … от … № … «…» – …»: "
                          "заполните decision")
    voting: list[dt.date] = []
    if voting_at is not None:
        voting = voting_days_in(VOTING_RE.search(header[voting_at][1]).group("days"))
        placed.add(voting_at)
    if not voting:
        m = re.search(r"(\d{1,2}\s+\S+\s+\d{4})\s+года\s*$", out.plan_title or "")
        voting = [ru_date(m.group(1))] if m else []
    if not voting:
        result.problem(1, "не найден день голосования («День голосования – ДД.ММ.ГГГГ»): заполните voting_days")
    for k, (lineno, t) in enumerate(header):
        if k not in placed and t not in TABLE_HEAD and not re.fullmatch(r"\d", t):
            result.problem(lineno, f"строка заголовка не размещена: «{t[:80]}»")
    out.voting_days, out.approved, out.decision = voting, approved, decision
    return out
