"""Draft an election calendar plan (``data/elections/<id>/election.yaml``) from its plain-text export.

Usage::

    python -m ikko.importers.calendar_text SOURCE.txt OUT.yaml [--id zs-2026] [--timezone …] [--data data]

The export (``sources/004_…txt``) is the plan's table flattened to
lines. A line led by a tab starts a cell; the lines after it without a tab
go on in the same cell. A row is ``→N.`` (number cell) then the action cell
(with the legal basis in parentheses), the deadline cell (the rule in words,
then the computed date as printed) and the executors cell. ``→N-K.`` rows
are sub-rows of item N (the agitation period of 004): they become
deadlines of N with their own ``action``. ``→IV. TITLE`` starts a section.

What becomes what:

* header: ``УТВЕРЖДЕН постановлением … от … № …`` -> ``approved``;
  ``КАЛЕНДАРНЫЙ ПЛАН`` and the lines after it -> ``plan_title`` and ``title``;
  ``Дата официального опубликования постановления <body> от … № … «<title>» –
  <date>`` + the periodical -> ``decision``; ``День голосования – …`` (and the
  dates of the item "Проведение голосования", when voting lasts several days)
  -> ``voting_days``;
* action cell: the text without the basis parentheses; "- " list lines, the
  lines after a ":" and separate paragraphs are sub-actions, which the
  deadlines of the row are given to (the last sub-action gets the last
  deadline: a deadline printed once may serve the first sub-actions);
* basis: each reference of a parenthesis that starts like one ("п. 2 ст. 6
  ЗКО", "п.п. 2, 3 ст. 10 ЗКО", "пп. 1 п. 18 ст. 41 ЗКО", "ст. 49 ЗКО",
  "Закон … № 93-ОЗ …") with ``law`` (by the number printed in it, or by a
  short name defined by "(далее – X)" earlier in the document, or by the
  ``short_names`` of ``data/laws``), ``article``, ``parts``, ``points``;
* deadline cell: words and printed dates paired; "…, а в исключительных
  случаях …" makes two deadlines; a whole line in parentheses is a ``note``;
* ``rule``: parsed from the words (see ``parse_rule``); words it cannot read
  give ``rule: text`` and the item is listed as needing an editor. Rules are
  recomputed and compared with the printed dates; a disagreement is listed;
* executors: names and abbreviations of ``data/registry/executors.yaml``
  -> ids; ``executors_text`` keeps the printed cell when it says more.

Every line that could not be placed and every item needing an editor is
listed on stderr (Russian, with the source line number).
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..deadlines import ElectionDates, RuleError, describe, timing
from ..deadlines import parse_rule as rule_from_data
from ..rules import TEXT, printed_agrees, printed_dates
from .common import (
    NUM_DATE_RE,
    FlowDict,
    FlowList,
    Result,
    clean,
    default_data_dir,
    definitions,
    nominative,
    parse_approval,
    registry,
    ru_date,
    run_cli,
    starts_with_words,
    words,
)
from .rule_words import RuleContext, parse_rule

SCHEMA_LINE = "# yaml-language-server: $schema=../../../schemas/election.schema.json"
DEFAULT_TZ = "Asia/Novokuznetsk"

SECTION_RE = re.compile(r"^([IVXLC]+)\.\s+(.+)$")
ROW_RE = re.compile(r"^(\d{1,3})(?:-(\d{1,2}))?\.?(?:\s+(.*))?$")
TABLE_HEAD = {"№", "п/п", "Содержание мероприятия", "Срок", "исполнения", "Исполнители", "Срок исполнения"}


# =========================================================================== rows and cells
@dataclass
class Row:
    number: int
    sub: int | None
    line: int
    cells: list[list[tuple[int, str]]] = field(default_factory=list)   # [(line, clean text)] per cell


@dataclass
class Section:
    number: str
    title: str
    line: int
    rows: list[Row] = field(default_factory=list)


def split_rows(lines: list[str], result: Result) -> tuple[list[tuple[int, str]], list[Section]]:
    """Header lines and the sections with their rows of cells."""
    header: list[tuple[int, str]] = []
    sections: list[Section] = []
    row: Row | None = None
    for lineno, raw in enumerate(lines, 1):
        text = clean(raw)
        tab = raw.startswith("\t")
        m = SECTION_RE.match(text) if tab or not sections else None
        if m:
            sections.append(Section(m.group(1), m.group(2), lineno))
            row = None
            continue
        m = ROW_RE.match(text) if tab and sections else None
        if m and (m.group(3) is None or len(m.group(3)) <= 2):
            row = Row(int(m.group(1)), int(m.group(2)) if m.group(2) else None, lineno)
            sections[-1].rows.append(row)
            if m.group(3):
                result.problem(lineno, f"пункт {m.group(1)}: лишние символы «{m.group(3)}» после номера отброшены")
            continue
        if not sections:
            if text:
                header.append((lineno, text))
            continue
        if row is None:
            if text:
                result.problem(lineno, f"строка вне пункта плана, не размещена: «{text[:80]}»")
            continue
        if tab:
            row.cells.append([])
        if not row.cells:
            if text:
                result.problem(lineno, f"пункт {row.number}: строка до первой ячейки, не размещена: «{text[:80]}»")
            continue
        if text:
            row.cells[-1].append((lineno, text))
    return header, sections


# =========================================================================== header
DECISION_RE = re.compile(
    r"Дата официального опубликования\s+(?:постановления|решения)\s+(?P<body>.+?)\s+от\s+"
    r"(?P<date>\d{1,2}\s+\S+\s+\d{4})\s*(?:года|г\.)?\s*№\s*(?P<number>\S+)\s+«(?P<title>.+?)»\s*[–—-]\s*"
    r"(?P<published>\d{1,2}\s+\S+\s+\d{4})\s*(?:года|г\.)?\s*(?P<publication>«[^»]+»)?")
VOTING_RE = re.compile(r"Д(?:ень|ни) голосования\s*[–—-]\s*(?P<days>.+)$")
PLAN_TITLE_START = re.compile(r"^КАЛЕНДАРНЫЙ ПЛАН\b", re.IGNORECASE)
TRAILING_DATE_RE = re.compile(r"\s*\d{1,2}\s+\S+\s+\d{4}\s+года\s*$")


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


def parse_header(header: list[tuple[int, str]], result: Result) -> dict:
    """approved, plan_title, title, decision, voting_days; lines that are none of these are listed."""
    text = " ".join(t for _, t in header)
    placed: set[int] = set()
    out: dict = {}
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
        out["plan_title"] = title
        m = re.search(r"по подготовке и проведению\s+(выбор\w*|референдум\w*)\s+(.+)$", title)
        if m:
            head = "Выборы" if m.group(1).startswith("выбор") else "Референдум"
            out["title"] = f"{head} {TRAILING_DATE_RE.sub('', m.group(2))}"
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
        m = re.search(r"(\d{1,2}\s+\S+\s+\d{4})\s+года\s*$", out.get("plan_title", ""))
        voting = [ru_date(m.group(1))] if m else []
    if not voting:
        result.problem(1, "не найден день голосования («День голосования – ДД.ММ.ГГГГ»): заполните voting_days")
    for k, (lineno, t) in enumerate(header):
        if k not in placed and t not in TABLE_HEAD and not re.fullmatch(r"\d", t):
            result.problem(lineno, f"строка заголовка не размещена: «{t[:80]}»")
    return {**out, "voting_days": voting, "approved": approved, "decision": decision}


# =========================================================================== basis
REF_START = (r"(?:пп\.|п\.\s*п\.|п\.|ч\.|ст\.|Закон|закон|Федеральн|Положени|Распоряжени|Постановлени|"
             r"постановлени|Поряд|Инструкци|Указ)")
REF_START_RE = re.compile(r"^\s*" + REF_START)
REF_RE = re.compile(
    r"^(?:пп\.\s*(?P<points>[\dа-я]+(?:\s*,\s*[\dа-я]+)*)\s*)?"
    r"(?:(?P<pk>п\.\s*п\.|п\.|ч\.)\s*(?P<parts>\d+(?:[.\-]\d+)*(?:\s*[,–-]\s*\d+(?:[.\-]\d+)*)*)\s*)?"
    r"(?:ст\.\s*(?P<article>\d+(?:[.\-]\d+)*)\s*)?(?P<rest>.*)$", re.S)
LAW_NUMBER_RE = re.compile(r"№\s*(\d+(?:/\d+)?-[0-9A-Za-zА-Яа-яёЁ]+)")


def paren_end(text: str, start: int) -> tuple[int, bool]:
    """Index after the ")" closing the "(" at ``start``, and whether it is closed at all.

    004 leaves some basis parentheses open: "(п. 2 ст. 6 Закона … (далее – ЗКО)" ends the cell.
    """
    depth, quote = 0, 0
    for k in range(start, len(text)):
        ch = text[k]
        if ch == "«":
            quote += 1
        elif ch == "»":
            quote = max(0, quote - 1)
        elif ch == "(" and not quote:
            depth += 1
        elif ch == ")" and not quote:
            depth -= 1
            if depth == 0:
                return k + 1, True
    return len(text), False


def strip_basis(text: str) -> tuple[str, list[str]]:
    """Text without its basis parentheses, and their contents."""
    found, out, k = [], [], 0
    while k < len(text):
        if text[k] == "(" and REF_START_RE.match(text[k + 1:]):
            end, closed = paren_end(text, k)
            inner = text[k + 1:end - 1] if closed else text[k + 1:end]
            found.append(clean(inner))
            k = end
            continue
        out.append(text[k])
        k += 1
    rest = clean("".join(out))
    rest = re.sub(r"\s+([.;,])", r"\1", rest)
    if found and re.search(r"\)\.\s*$", text) and rest.endswith("."):
        rest = rest[:-1].rstrip()      # "… Федерации (п. 36 ст. 68 ФЗ …)." : the full stop closed the basis
    return rest, found


def split_refs(inner: str) -> list[str]:
    """"п. 4 ст. 20, п. 6 ст. 22 ЗКО" -> two references; commas inside «…» or "п.п. 2, 3" stay."""
    out, depth, quote, last = [], 0, 0, 0
    for k, ch in enumerate(inner):
        if ch == "«":
            quote += 1
        elif ch == "»":
            quote = max(0, quote - 1)
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == "," and not depth and not quote and REF_START_RE.match(inner[k + 1:]):
            out.append(clean(inner[last:k]))
            last = k + 1
    out.append(clean(inner[last:]))
    return [r for r in out if r]


def expand_parts(pk: str, raw: str) -> list[str]:
    """"2, 3" -> [2, 3]; "п.п. 5-14" -> 5 … 14; "2.1 - 2.2" -> [2.1, 2.2]; "п. 11-1" stays "11-1"."""
    out = []
    for token in (t.strip() for t in raw.split(",")):
        m = re.fullmatch(r"(\S+)\s+[–-]\s+(\S+)", token)
        if m:
            out += [m.group(1), m.group(2)]
            continue
        m = re.fullmatch(r"(\d+)\s*[–-]\s*(\d+)", token)
        if m and pk.replace(" ", "") == "п.п." and int(m.group(2)) > int(m.group(1)):
            out += [str(n) for n in range(int(m.group(1)), int(m.group(2)) + 1)]
            continue
        out.append(token.replace("–", "-").replace(" ", ""))
    return out


@dataclass
class Laws:
    """The laws of ``data/laws`` and the short names the document defines."""

    entries: list[dict]
    defined: dict[str, str] = field(default_factory=dict)       # short name -> law id

    def by_number(self, text: str) -> str | None:
        m = LAW_NUMBER_RE.search(text)
        if not m:
            return None
        number = m.group(1).lower()
        hits = [e for e in self.entries if str(e.get("number") or "").lower().replace(" ", "") == number]
        if len(hits) > 1:
            day = ru_date(text[:m.start()])
            hits = [e for e in hits if day and str(e.get("date")) == day.isoformat()] or hits[:0]
        return hits[0]["id"] if len(hits) == 1 else None

    def by_short_name(self, text: str) -> str | None:
        names = list(self.defined.items())
        names += [(n, e["id"]) for e in self.entries for n in e.get("short_names") or ()]
        best = None
        for name, law_id in names:
            if starts_with_words(text, name) and (best is None or len(words(name)) > len(words(best[0]))):
                best = (name, law_id)
        return best[1] if best else None


def proposed_law_id(number: str) -> str | None:
    """Id by the project's scheme for a law not in data/laws yet: 24-ОЗ -> zko-24-oz, 87/728-8 -> cik-87-728-8."""
    m = re.fullmatch(r"(\d+)-(ОЗ|ФЗ|ФКЗ)", number, re.IGNORECASE)
    if m:
        return {"оз": f"zko-{m.group(1)}-oz", "фз": f"fz-{m.group(1)}", "фкз": f"fkz-{m.group(1)}"}[m.group(2).lower()]
    m = re.fullmatch(r"(\d+)/(\d+)-([0-9IVX]+)", number)
    if m:
        return f"cik-{m.group(1)}-{m.group(2)}-{m.group(3).lower()}"
    return None


def parse_basis(inner: str, laws: Laws, result: Result, line: int, item: int) -> list[dict]:
    out: list[dict] = []
    for ref in split_refs(inner):
        m = REF_RE.match(ref)
        entry: dict = {"text": ref}
        rest = clean(m.group("rest")) if m else ref
        law = laws.by_number(ref) or (laws.by_short_name(rest) if rest else None)
        if law is None and LAW_NUMBER_RE.search(ref):
            law = proposed_law_id(LAW_NUMBER_RE.search(ref).group(1))
            if law:
                result.problem(line, f"пункт {item}: закон № {LAW_NUMBER_RE.search(ref).group(1)} не описан в "
                                     f"data/laws/ — в черновике law: {law}, добавьте data/laws/{law}.yaml")
        if law:
            entry["law"] = law
            for _, short in definitions(ref):
                laws.defined.setdefault(short, law)
        elif rest:
            result.problem(line, f"пункт {item}: не удалось определить закон ссылки «{ref[:80]}»")
        if m and m.group("article"):
            entry["article"] = m.group("article")
        if m and m.group("parts"):
            entry["parts"] = FlowList(expand_parts(m.group("pk"), m.group("parts")))
        if m and m.group("points"):
            entry["points"] = FlowList(p.strip() for p in m.group("points").split(","))
        out.append(entry)
    # "п. 4 ст. 20, п. 6 ст. 22 ЗКО": a reference without a law takes the law of the next one.
    following = None
    for entry in reversed(out):
        if "law" in entry:
            following = entry["law"]
        elif following and REF_RE.match(entry["text"]) and not clean(REF_RE.match(entry["text"]).group("rest")):
            entry["law"] = following
    ordered = []
    for entry in out:
        ordered.append({k: entry[k] for k in ("text", "law", "article", "parts", "points") if k in entry})
    return ordered


# =========================================================================== action cell
def _open(text: str) -> bool:
    return text.count("(") > text.count(")") or text.count("«") > text.count("»")


def parse_action(cell: list[tuple[int, str]]) -> tuple[str, list[str], list[str]]:
    """(action, sub-actions, basis parentheses) of an action cell."""
    logical: list[str] = []
    list_mode = False
    for _, line in cell:
        is_dash = bool(re.match(r"^[-–]\s", line))
        if logical and _open(logical[-1]):
            logical[-1] += " " + line
        elif logical and not is_dash and not list_mode and (line[:1].islower() or line.startswith("(")):
            logical[-1] += " " + line
        elif logical and line.startswith("(") and not is_dash:
            logical[-1] += " " + line          # a basis printed on its own line belongs to the line above
        else:
            logical.append(line)
        if len(logical) == 1 and logical[0].rstrip().endswith(":"):
            list_mode = True
    bases: list[str] = []
    texts = []
    for line in logical:
        text, found = strip_basis(line)
        bases += found
        texts.append(text)
    if not texts:
        return "", [], bases
    main, rest = texts[0], texts[1:]
    subs = [re.sub(r"^[-–]\s+", "", t).rstrip(" ;") for t in rest]
    dashed = any(re.match(r"^[-–]\s", line) for line in logical[1:])
    if rest and not dashed and not main.endswith(":"):
        # Separate paragraphs without a list (item 30 of 004): each is an action of its own.
        return "\n".join(texts), texts, bases
    return main, [s for s in subs if s], bases


# =========================================================================== deadline cell
FRAGMENT_RE = re.compile(r"^(?:не позднее|не ранее|с|по|до|после)$", re.IGNORECASE)


def _has_date(text: str) -> bool:
    return bool(NUM_DATE_RE.search(text))


def _lower_start(text: str) -> bool:
    return text[:1].islower() or text[:1].isdigit()


def parse_deadline_cell(cell: list[tuple[int, str]]) -> tuple[list[dict], str | None]:
    """[{words, printed}] in published order, and a note (a whole line in parentheses)."""
    lines = [t for _, t in cell]
    blocks: list[list] = []          # [kind, [lines]]
    note = None
    for k, line in enumerate(lines):
        nxt = lines[k + 1] if k + 1 < len(lines) else ""
        if line.startswith("(") and line.endswith(")") and not _has_date(line) and blocks:
            note = line
            continue
        if _has_date(line):
            kind = "P"
        elif FRAGMENT_RE.match(line) and _has_date(nxt):
            kind = "P"
        elif blocks and nxt[:1].islower() and _has_date(nxt) and not _lower_start(line):
            kind = "P"               # "Вне периода …, а в исключительных случаях" / "не позднее 01.07.2023"
        elif blocks and blocks[-1][0] == "P" and _lower_start(line):
            kind = "P"
        else:
            kind = "W"
        if blocks and blocks[-1][0] == kind and (kind == "P" or _lower_start(line)):
            blocks[-1][1].append(line)
        else:
            blocks.append([kind, [line]])
    out: list[dict] = []
    for kind, block in blocks:
        if kind == "W":
            out.append({"words": " ".join(block).rstrip(" ;")})
            continue
        printed = block[0]
        for line in block[1:]:
            segment = printed.split("\n")[-1]
            fresh = not _lower_start(line) and (_has_date(line) or FRAGMENT_RE.match(line))
            printed += ("\n" if _has_date(segment) and fresh else " ") + line
        if out and "printed" not in out[-1]:
            out[-1]["printed"] = printed
        else:
            out.append({"words": printed, "printed": printed})
    return _split_alternatives(out), note


ALT_WORDS_RE = re.compile(r",\s+(?=а\s)")
ALT_PRINTED_RE = re.compile(r",\s+(?=[а-яё])")


def _split_alternatives(deadlines: list[dict]) -> list[dict]:
    """"Не позднее …, а в исключительных случаях не позднее …" is two deadlines, words and dates alike."""
    out = []
    for d in deadlines:
        parts = _resplit(d["words"])
        if len(parts) == 1 or d.get("words") == d.get("printed"):
            out.append(d)
            continue
        printed = d.get("printed")
        pieces = [p for p in ALT_PRINTED_RE.split(printed)] if printed else []
        for k, words_part in enumerate(parts):
            entry = {"words": words_part}
            if pieces and len(pieces) == len(parts):
                entry["printed"] = pieces[k]
            elif printed and k == 0:
                entry["printed"] = printed
            out.append(entry)
    return out


def _resplit(words_text: str) -> list[str]:
    parts, last = [], 0
    for m in ALT_WORDS_RE.finditer(words_text):
        tail = words_text[m.end():]
        nxt = ALT_WORDS_RE.search(tail)
        clause = tail[:nxt.start()] if nxt else tail
        if re.search(r"не позднее|не ранее", clause, re.IGNORECASE):
            parts.append(words_text[last:m.start()])
            last = m.end()
    parts.append(words_text[last:])
    return parts


SKIP_WORDS = re.compile(r"^(?:зарегистрированн\w+|соответствующ\w+)\s+", re.IGNORECASE)


@dataclass
class Executors:
    entries: list[dict]

    def _match(self, text: str) -> tuple[dict, str] | None:
        """Registry entry whose name (or abbreviation) opens ``text``; the longest one."""
        text = SKIP_WORDS.sub("", text)
        first = (words(text) or [""])[0].lower()
        best = None
        for e in self.entries:
            head = (words(e["name"]) or [""])[0].lower()
            if first.endswith(OBLIQUE) and first[-2:] != head[-2:]:
                continue        # "… заявок кандидатов, избирательных объединений": a qualifier, not a name
            abbr = e.get("abbr")
            if abbr and re.match(re.escape(abbr) + r"(?![А-ЯЁа-яё])", text):
                cand = (e, abbr)
            elif starts_with_words(text, e["name"]):
                cand = (e, e["name"])
            elif "," in e["name"] and len(words(e["name"].split(",")[0])) >= 4 and \
                    starts_with_words(text, e["name"].split(",")[0]):
                cand = (e, e["name"].split(",")[0])
            elif abbr and " " in abbr and abbr in text and starts_with_words(text, e["name"], 1):
                cand = (e, e["name"])     # "Филиалы ПАО «Сбербанк России»": the name with its abbreviation
            else:
                continue
            if best is None or len(words(cand[1])) > len(words(best[1])):
                best = cand
        return best

    def ids(self, text: str) -> list[str]:
        """Executors named at the start of each comma-separated piece (and after "и")."""
        text = re.sub(DEFINITION_PAREN, "", text)
        text = re.sub(r"\s*\(", ", ", text).replace(")", "")   # "Лица, … участки (ТИК, командиры …)"
        found: list[str] = []
        pieces = [p.strip() for p in re.split(r"[,;]", text)]
        k = 0
        while k < len(pieces):
            piece = pieces[k]
            hit = self._match(", ".join(pieces[k:])) if piece else None
            if hit:
                found.append(hit[0]["id"])
                span = len(hit[1].split(","))      # names with commas span several pieces
                rest = re.split(r"\s+и\s+", SKIP_WORDS.sub("", piece), maxsplit=1)
                if span == 1 and len(rest) == 2:
                    more = self._match(rest[1])   # "Организации телерадиовещания и редакции …"
                    if more:
                        found.append(more[0]["id"])
                k += span
            else:
                # "Председатели и секретари УИК": an abbreviation is the executor the piece is about.
                found += [e["id"] for e in self.entries if e.get("abbr") and
                          re.search(r"(?<![А-ЯЁа-яё])" + re.escape(e["abbr"]) + r"(?![А-ЯЁа-яё])", piece)]
                k += 1
        return list(dict.fromkeys(found))

    def plain(self, text: str) -> bool:
        """Is the cell just a list of registry names/abbreviations (no executors_text needed)?"""
        rest = clean(re.sub(DEFINITION_PAREN, "", text))
        labels = sorted({e["name"] for e in self.entries} | {e["abbr"] for e in self.entries if e.get("abbr")},
                        key=len, reverse=True)
        first = True
        while rest:
            hit = next((lab for lab in labels if (rest.startswith(lab) if first else
                                                  rest.lower().startswith(lab.lower()))
                        and (len(rest) == len(lab) or rest[len(lab)] in ",;")), None)
            if hit is None:
                return False
            rest = rest[len(hit):].lstrip(",; ")
            first = False
        return True


DEFINITION_PAREN = r"\s*\(далее\s*[–—-][^()]*\)"
OBLIQUE = ("ых", "их", "ов", "ам", "ям", "ами", "ями")      # genitive/dative plural: never a cell's subject


def executor_groups(cell: list[tuple[int, str]]) -> list[str]:
    groups: list[str] = []
    for _, line in cell:
        prev = groups[-1] if groups else None
        abbr_only = bool(re.fullmatch(r"[А-ЯЁ]{2,}", line))
        if prev is not None and (_open(prev) or _lower_start(line) or line.startswith("(") or
                                 (abbr_only and prev[-1:].isalpha() and prev.split()[-1].islower())):
            groups[-1] = prev + " " + line     # "Командиры воинских частей по решению" / "ИККО"
        else:
            groups.append(line)
    return groups


# =========================================================================== assembly
@dataclass
class Context:
    laws: Laws
    executors: Executors
    result: Result
    editor: list[tuple[int, str]] = field(default_factory=list)


def build_item(rows: list[Row], ctx: Context) -> dict:
    main = rows[0]
    result = ctx.result
    cells = main.cells
    if len(cells) != 3:
        result.problem(main.line, f"пункт {main.number}: ожидалось 3 ячейки (мероприятие, срок, исполнители), "
                                  f"найдено {len(cells)} — проверьте черновик")
    while len(cells) < 3:
        cells.append([])
    for extra in cells[3:]:
        for lineno, text in extra:
            result.problem(lineno, f"пункт {main.number}: лишняя ячейка, не размещена: «{text[:80]}»")
    line = cells[0][0][0] if cells[0] else main.line
    action, subs, bases = parse_action(cells[0])
    basis: list[dict] = []
    for inner in bases:
        for entry in parse_basis(inner, ctx.laws, result, line, main.number):
            if entry not in basis:
                basis.append(entry)
    item: dict = {"number": main.number, "action": action}
    if not action:
        result.problem(main.line, f"пункт {main.number}: нет текста мероприятия")
    if basis:
        item["basis"] = basis
    if len(rows) > 1:
        # Sub-rows N-1, N-2 … carry the deadlines; the main row's empty cells give none.
        deadlines = []
        for row in rows[1:]:
            while len(row.cells) < 3:
                row.cells.append([])
            sub_action, _, sub_bases = parse_action(row.cells[0])
            for inner in sub_bases:
                for entry in parse_basis(inner, ctx.laws, result, row.line, main.number):
                    if entry not in basis:
                        basis.append(entry)
            for d in make_deadlines(row, [sub_action] if sub_action else [], action, ctx):
                deadlines.append(d)
        item["deadlines"] = deadlines
    else:
        item["deadlines"] = make_deadlines(main, subs, action, ctx, note_holder=item)
    if "note" in item:
        item["note"] = item.pop("note")   # the remark is printed below the deadline: keep that order
    return item


def make_deadlines(row: Row, subs: list[str], action: str, ctx: Context, note_holder: dict | None = None) -> list[dict]:
    result = ctx.result
    dl, note = parse_deadline_cell(row.cells[1])
    if note and note_holder is not None:
        note_holder["note"] = note        # moved after the deadlines by build_item
    if not dl:
        dl = [{}]
        ctx.editor.append((row.line, f"пункт {row.number}: ячейка срока пуста — rule: text"))
    n = max(len(subs), len(dl))
    if subs and len(dl) > len(subs):
        result.problem(row.line, f"пункт {row.number}: сроков ({len(dl)}) больше, чем подпунктов ({len(subs)}) — "
                                 "проверьте, к какому подпункту относится каждый срок")
    groups = executor_groups(row.cells[2])
    if len(groups) == 1 and n > 1 and len(groups[0].split(";")) == n:
        groups = [g.strip() for g in groups[0].split(";")]
    if len(groups) not in (0, 1, n, len(dl)):
        result.problem(row.cells[2][0][0], f"пункт {row.number}: строк исполнителей ({len(groups)}) не столько, "
                                           f"сколько сроков ({n}) — исполнители объединены")
        groups = [" ".join(groups)]
    out = []
    for k in range(n):
        d_index = max(0, k - (n - len(dl))) if len(subs) >= len(dl) else k
        d = dl[min(d_index, len(dl) - 1)]
        entry: dict = {}
        if subs:
            entry["action"] = subs[min(k, len(subs) - 1)]
        if d.get("words"):
            entry["words"] = d["words"]
        if d.get("printed"):
            entry["printed"] = d["printed"]
        if d.get("words"):
            rule, understood = parse_rule(d["words"], RuleContext(action))
            if not understood:
                ctx.editor.append((row.line, f"пункт {row.number}: срок «{d['words'][:90]}» не разобран — "
                                             "rule: text, нужна правка редактора"))
        else:
            rule = "text"
        entry["rule"] = rule
        text = groups[k] if len(groups) == n else groups[d_index] if len(groups) == len(dl) and len(groups) > 1 \
            else groups[0] if groups else ""
        ids = ctx.executors.ids(text) if text else []
        if text and not ids:
            ctx.editor.append((row.line, f"пункт {row.number}: исполнитель «{text[:80]}» не найден в "
                                         "data/registry/executors.yaml — добавьте его"))
        entry["executors"] = FlowList(ids)
        if text and not ctx.executors.plain(text):
            entry["executors_text"] = text
        out.append(entry)
    return out


def _check_rules(doc: dict, lines: dict[int, int], ctx: Context) -> None:
    """Recompute every rule and compare it with the printed dates, as the validator will."""
    try:
        dates = ElectionDates(tuple(doc["voting_days"]), doc["decision"]["date"], doc["decision"]["published"])
    except (TypeError, KeyError):
        return
    for section in doc["sections"]:
        for item in section["items"]:
            for d in item["deadlines"]:
                printed = printed_dates(d.get("printed"))
                if not printed or d["rule"] == TEXT:
                    continue
                try:
                    days = timing(rule_from_data(d["rule"]), dates).days
                except (RuleError, TypeError, ValueError):
                    continue
                if not printed_agrees(printed, days):
                    ctx.editor.append((lines.get(item["number"], 1),
                                       f"пункт {item['number']}: по правилу «{d.get('words', '')[:70]}» — "
                                       f"{', '.join(map(describe, days))}, "
                                       f"в документе {', '.join(map(describe, printed))} — проверьте правило"))


def _anchor_dates(doc: dict) -> None:
    """A fixed date that is a voting day (or the decision) is written as that anchor.

    "с 08.09.2023 по 10.09.2023" in the item on voting then follows the voting days if
    the election is moved, and the rule reads as the words mean it.
    """
    days = list(doc.get("voting_days") or [])
    named = {}
    if doc.get("decision"):
        named[doc["decision"].get("published")] = "publication"
        named[doc["decision"].get("date")] = "decision"
    if days:
        named[days[0]] = "first_voting_day" if len(days) > 1 else "voting_day"
        named[days[-1]] = "last_voting_day" if len(days) > 1 else "voting_day"
    for section in doc["sections"]:
        for item in section["items"]:
            for d in item["deadlines"]:
                if not isinstance(d["rule"], dict):
                    continue
                for key, point in d["rule"].items():
                    if point.get("date") in named:
                        rest = {k: point[k] for k in ("time", "tz") if k in point}
                        d["rule"][key] = point = {"shift": 0, "of": named[point["date"]], **rest}
                    if len(days) == 1 and point.get("of") in ("first_voting_day", "last_voting_day"):
                        point["of"] = "voting_day"     # one voting day: "the day before voting" is plain


def _voting_days(doc: dict) -> None:
    """Several voting days: the item "Проведение голосования" prints "с 08.09.2023 по 10.09.2023"."""
    days = doc.get("voting_days") or []
    if len(days) != 1:
        return
    for section in doc["sections"]:
        for item in section["items"]:
            if not re.match(r"^Проведение голосования", item.get("action", "")):
                continue
            for d in item["deadlines"]:
                found = printed_dates(d.get("printed"))
                if len(found) >= 2 and found[-1] == days[0] and 0 < (found[-1] - found[0]).days < 7:
                    n = (found[-1] - found[0]).days
                    doc["voting_days"] = [found[0] + dt.timedelta(days=k) for k in range(n + 1)]
                    return


def convert(source_text: str, executors: list[dict], laws: list[dict], election_id: str = "election",
            timezone: str = DEFAULT_TZ) -> Result:
    result = Result({})
    header, sections = split_rows(source_text.split("\n"), result)
    head = parse_header(header, result)
    ctx = Context(Laws(laws), Executors(executors), result)
    doc: dict = {"id": election_id, "title": head.get("title"), "plan_title": head.get("plan_title"),
                 "timezone": timezone, "voting_days": head["voting_days"], "approved": head["approved"],
                 "decision": head["decision"], "sections": []}
    lines: dict[int, int] = {}
    for section in sections:
        items = []
        groups: list[list[Row]] = []
        for row in section.rows:
            if row.sub is not None and groups and groups[-1][0].number == row.number:
                groups[-1].append(row)
            else:
                if row.sub is not None:
                    result.problem(row.line, f"подпункт {row.number}-{row.sub} без пункта {row.number}")
                groups.append([row])
        for group in groups:
            lines[group[0].number] = group[0].line
            items.append(build_item(group, ctx))
        doc["sections"].append({"number": section.number, "title": section.title, "items": items})
    seen: set[int] = set()
    for section in doc["sections"]:
        for item in section["items"]:
            if item["number"] in seen:
                result.problem(lines[item["number"]], f"пункт {item['number']} повторяется")
            seen.add(item["number"])
    _voting_days(doc)
    _anchor_dates(doc)
    doc["voting_days"] = FlowList(doc["voting_days"])
    for section in doc["sections"]:
        for item in section["items"]:
            for d in item["deadlines"]:
                if isinstance(d["rule"], dict):
                    d["rule"] = {k: FlowDict(v) for k, v in d["rule"].items()}
    _check_rules(doc, lines, ctx)
    for lineno, message in dict.fromkeys(ctx.editor):   # a deadline shared by sub-actions is listed once
        result.problem(lineno, "нужен редактор: " + message)
    result.doc = doc
    return result


def load_laws(data_dir: Path) -> list[dict]:
    out = []
    for path in sorted((data_dir / "laws").glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        out.append({k: raw.get(k) for k in ("id", "number", "date", "short_names")})
    return out


def _convert_cli(text: str, args: argparse.Namespace) -> Result:
    election_id = args.id or (args.out.parent.name if args.out.name == "election.yaml" else args.out.stem)
    return convert(text, registry(args.data / "registry" / "executors.yaml"), load_laws(args.data),
                   election_id, args.timezone)


def _arguments(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("--id", help="идентификатор выборов (по умолчанию имя папки OUT, если файл election.yaml)")
    ap.add_argument("--timezone", default=DEFAULT_TZ, help=f"часовой пояс выборов (по умолчанию {DEFAULT_TZ})")
    ap.add_argument("--data", type=Path, default=default_data_dir(),
                    help="папка data/ с реестром исполнителей и законами (по умолчанию data/ проекта)")


def main(argv: list[str] | None = None) -> int:
    return run_cli("calendar_text", __doc__.split("\n\n")[0], _convert_cli, SCHEMA_LINE, _arguments, argv)


if __name__ == "__main__":
    raise SystemExit(main())
