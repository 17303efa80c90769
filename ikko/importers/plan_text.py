"""Draft a work plan (``data/plans/<id>.yaml``) from the plain-text export of a published plan.

Usage::

    python -m ikko.importers.plan_text SOURCE.txt OUT.yaml [--id plan-2025] [--data data]

The export is a Word table flattened to lines (``sources/001_…txt``):
the cells of a row come one per line, some led by a tab, some on one line
separated by runs of spaces, with blank lines anywhere. So a line is placed
by what it *says*, not by where it stands:

* ``УТВЕРЖДЕН постановлением … от 22 декабря 2023 г. № 81/606-7`` -> ``approved``;
  ``ПЛАН`` and the lines after it -> ``title`` (``на 2024 год`` -> ``year``);
* ``N. Title`` (N = the next section number; the title may go on over several
  lines) -> a section; ``N.M. Text`` -> an item;
* a capitalised month alone on a line (``Январь``) -> the ``month`` of the
  items printed under it;
* a cell made only of period words (months, ranges, "весь период",
  "ежеквартально", "в соответствии с / утвержденными сроками",
  "(по отдельному плану)" …) -> ``period``, continued on the next lines;
* a cell that starts like a responsible person or body ("Петрова Е.А.",
  "члены …", "юридический отдел", a name of the people/departments
  registries or a "(далее – X)" short name defined before) -> ``responsible``,
  continued on the following lines until the next item;
* anything else inside an item continues its text (a line after one ending
  with ":" or ";" starts a new line of the text, as the list in 5.12).

"по состоянию на 1 января, 1 апреля … 2024 года" in an item's text gives
``dates``. Every line that could not be placed, and every responsible piece
not found in the registries, is listed on stderr with its line number.
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from .common import (GENITIVE_MONTHS, FlowList, MONTH_NAMES, Result, clean, default_data_dir, definitions,
                     parse_approval, registry, run_cli)

SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/plan.schema.json"

ITEM_RE = re.compile(r"^(\d{1,2})\.(\d{1,3})\.?\s+(.*)$")
SECTION_RE = re.compile(r"^(\d{1,2})\.(?:\s+(.*))?$")
YEAR_RE = re.compile(r"на\s+(\d{4})\s+год")
COLUMNS_RE = re.compile(r"\s{3,}")   # cells printed side by side (section 8 of 001)

_MONTH = "|".join(MONTH_NAMES)
_GEN_MONTH = "|".join(GENITIVE_MONTHS)
PERIOD_ATOM_RE = re.compile(
    rf"\b(?:{_MONTH})\b|весь период|в течение (?:всего )?года|по мере необходимости|ежеквартально|"
    rf"ежемесячно|еженедельно|постоянно|в соответствии с|утвержденными сроками|по отдельному плану|"
    rf"до \d{{1,2}} (?:{_GEN_MONTH})")
PERIOD_GLUE_RE = re.compile(r"^[\s,;:.()–—\-и]*$")
DATES_RE = re.compile(rf"по состоянию на ((?:\d{{1,2}} (?:{_GEN_MONTH})(?:,\s*|\s+и\s+))*\d{{1,2}} (?:{_GEN_MONTH}))"
                      rf"\s+(\d{{4}})\s+года")
# "Петрова Е.А." or "Е.А. Петрова"
PERSON_RE = re.compile(r"^(?:[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ]\.\s?[А-ЯЁ]\.|"
                       r"[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+)")
# How a responsible body is named when it is not a person ("члены Рабочей группы", "юридический отдел").
BODY_START_RE = re.compile(r"^(?:члены|член|аппарат|председател|руководител|управлени|сотрудник|работник|"
                           r"заместител|секретар|начальник|специалист|консультант|советник|главн|ведущ)",
                           re.IGNORECASE)
BODY_WORD_RE = re.compile(r"\b(?:отдел|отдела|служба|центр|группа|сектор)\b", re.IGNORECASE)


def is_period(cell: str) -> bool:
    """Only period words and separators ("февраль – март,", "(по отдельному плану)")."""
    low = cell.lower()
    return bool(PERIOD_ATOM_RE.search(low)) and bool(PERIOD_GLUE_RE.match(PERIOD_ATOM_RE.sub(" ", low)))


def month_heading(raw: str, text: str) -> str | None:
    """"Январь" alone and not in a cell (a tab leads the period cells, "→февраль")."""
    if raw.startswith("\t") or text[:1].islower():
        return None
    return text.lower() if text.lower() in MONTH_NAMES else None


@dataclass
class Item:
    number: str
    line: int
    text: list[str]
    month: str | None = None
    period: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    state: str = "text"          # what the next unclassified line continues

    def add_text(self, piece: str) -> None:
        # A list inside the text (item 5.12) keeps its lines: the previous one ends with ":" or ";".
        sep = "\n" if self.text and self.text[-1].rstrip()[-1:] in ":;" else " "
        self.text.append(sep + piece if self.text else piece)


@dataclass
class Section:
    number: int
    title: list[str]
    line: int
    items: list[Item] = field(default_factory=list)


class Parser:
    def __init__(self, names: set[str]):
        self.names = set(names)           # registry names and aliases of responsible persons/bodies
        self.header: list[tuple[int, str]] = []
        self.sections: list[Section] = []
        self.item: Item | None = None
        self.month: str | None = None
        self.heading_open = False
        self.result = Result({})

    # -- classification
    def looks_responsible(self, cell: str) -> bool:
        first = cell.split(",")[0].strip()
        if not first:
            return False
        if first in self.names or any(cell.startswith(n) for n in self.names if len(n) > 3):
            return True
        return bool(PERSON_RE.match(first) or BODY_START_RE.match(first) or
                    (BODY_WORD_RE.search(first) and first[:1].islower()))

    # -- lines
    def feed(self, lineno: int, raw: str) -> None:
        text = clean(raw)
        if not text:
            return
        m = ITEM_RE.match(text)
        if m and self.sections:
            self.new_item(lineno, m)
            return
        m = SECTION_RE.match(text)
        if m and int(m.group(1)) == len(self.sections) + 1 and not ITEM_RE.match(text):
            self.sections.append(Section(int(m.group(1)), [m.group(2)] if m.group(2) else [], lineno))
            self.item, self.month, self.heading_open = None, None, True
            return
        if not self.sections:
            self.header.append((lineno, text))
            return
        month = month_heading(raw, text)
        if month:
            self.month, self.item, self.heading_open = month, None, False
            return
        if self.heading_open and self.item is None:
            self.sections[-1].title.append(text)
            return
        if self.item is None:
            self.result.problem(lineno, f"строка вне пункта плана, не размещена: «{text[:80]}»")
            return
        for cell in COLUMNS_RE.split(raw.strip()):
            self.cell(lineno, clean(cell))

    def new_item(self, lineno: int, m: re.Match) -> None:
        section = self.sections[-1]
        number = f"{m.group(1)}.{m.group(2)}"
        if int(m.group(1)) != section.number:
            self.result.problem(lineno, f"пункт {number} стоит в разделе {section.number}")
        if any(i.number == number for s in self.sections for i in s.items):
            self.result.problem(lineno, f"пункт {number} повторяется")
        first = COLUMNS_RE.split(m.group(3).strip())
        self.item = Item(number, lineno, [], self.month)
        self.heading_open = False
        section.items.append(self.item)
        self.item.add_text(clean(first[0]))
        for cell in first[1:]:
            self.cell(lineno, clean(cell))

    def cell(self, lineno: int, cell: str) -> None:
        item = self.item
        if not cell:
            return
        if is_period(cell):
            # Period words are never a responsible's name: side-by-side cells (section 8 of 001)
            # put the rest of the period on the line of the responsible.
            item.period.append(cell)
            if item.state != "responsible":
                item.state = "period"
        elif item.state == "responsible" or self.looks_responsible(cell):
            item.responsible.append(cell)
            item.state = "responsible"
        elif item.state == "text":
            item.add_text(cell)
        else:
            self.result.problem(lineno, f"пункт {item.number}: строка после срока не похожа на ответственных, "
                                        f"не размещена: «{cell[:80]}»")


def _dates(text: str) -> list[dt.date]:
    m = DATES_RE.search(text)
    if not m:
        return []
    year = int(m.group(2))
    out = []
    for d, mon in re.findall(rf"(\d{{1,2}}) ({_GEN_MONTH})", m.group(1)):
        out.append(dt.date(year, GENITIVE_MONTHS.index(mon) + 1, int(d)))
    return out


def _header(parser: Parser, result: Result, plan_id: str | None) -> dict:
    lines = parser.header
    joined = " ".join(t for _, t in lines)
    approved = parse_approval(joined)
    title_from = next((k for k, (_, t) in enumerate(lines) if re.match(r"^план\b", t, re.IGNORECASE)), None)
    title = " ".join(t for _, t in lines[title_from:]) if title_from is not None else None
    placed = set(range(title_from, len(lines))) if title_from is not None else set()
    if approved:
        start = next((k for k, (_, t) in enumerate(lines) if t.startswith("УТВЕРЖДЕН")), 0)
        end = next((k for k, (_, t) in enumerate(lines) if k >= start and "№" in t), start)
        placed |= set(range(start, end + 1))
    for k, (lineno, text) in enumerate(lines):
        if k not in placed:
            result.problem(lineno, f"строка заголовка не размещена: «{text[:80]}»")
    first_line = parser.sections[0].line if parser.sections else 1
    if not approved:
        result.problem(first_line, "не найдено «УТВЕРЖДЕН постановлением … от … № …»: заполните approved")
    if not title:
        result.problem(first_line, "не найден заголовок «ПЛАН …»: заполните title")
    m = YEAR_RE.search(title or "")
    year = int(m.group(1)) if m else None
    if year is None:
        result.problem(first_line, "в заголовке нет «на ГГГГ год»: заполните year")
    return {"id": plan_id or (f"plan-{year}" if year else "plan"), "title": title, "year": year,
            "approved": approved}


def convert(source_text: str, names: set[str] = frozenset(), plan_id: str | None = None) -> Result:
    """Parse the export; ``names`` are the registry names/aliases of responsible persons and bodies."""
    parser = Parser(names)
    for lineno, raw in enumerate(source_text.split("\n"), 1):
        parser.feed(lineno, raw)
        if parser.item and parser.item.state == "responsible":
            # "(далее – Информационный центр)" names a body the next items use alone.
            parser.names |= {d for _, d in definitions(" ".join(parser.item.responsible))}
    result = parser.result
    doc = _header(parser, result, plan_id)
    sections = []
    for s in parser.sections:
        items = []
        for it in s.items:
            entry: dict = {"number": it.number}
            if it.month:
                entry["month"] = it.month
            entry["text"] = "".join(it.text)
            if not entry["text"]:
                result.problem(it.line, f"пункт {it.number}: нет текста")
            if it.period:
                entry["period"] = " ".join(it.period).rstrip(" ,;")
                dates = _dates(entry["text"])
                if dates:
                    entry["dates"] = FlowList(dates)
            if it.responsible:
                entry["responsible"] = " ".join(it.responsible).rstrip(" ,;")
                for piece in (p.strip() for p in re.split(r"[,;]", entry["responsible"])):
                    if piece and piece not in parser.names and not any(
                            piece == d for _, d in definitions(entry["responsible"])):
                        result.problem(it.line, f"пункт {it.number}: ответственный «{piece}» не найден в реестрах "
                                                "data/registry/people.yaml, departments.yaml — добавьте его")
            items.append(entry)
        title = " ".join(s.title)
        if not title:
            result.problem(s.line, f"раздел {s.number}: нет названия")
        sections.append({"number": s.number, "title": title, "items": items})
    doc["sections"] = sections
    result.doc = doc
    return result


def registry_names(data_dir: Path) -> set[str]:
    names = set()
    for kind in ("people", "departments"):
        for entry in registry(data_dir / "registry" / f"{kind}.yaml"):
            names.add(entry["name"])
            names.update(entry.get("aliases", ()))
    return names


def _convert_cli(text: str, args: argparse.Namespace) -> Result:
    return convert(text, registry_names(args.data), args.id)


def _arguments(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("--id", help="идентификатор плана (по умолчанию plan-<год из заголовка>)")
    ap.add_argument("--data", type=Path, default=default_data_dir(),
                    help="папка data/ с реестрами ответственных (по умолчанию data/ проекта)")


def main(argv: list[str] | None = None) -> int:
    return run_cli("plan_text", __doc__.split("\n\n")[0], _convert_cli, SCHEMA_LINE, _arguments, argv)


if __name__ == "__main__":
    raise SystemExit(main())
