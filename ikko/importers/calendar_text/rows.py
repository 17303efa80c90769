"""Stage 1: the flattened table -> header lines and sections of rows of cells."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..common import Result, clean

SECTION_RE = re.compile(r"^([IVXLC]+)\.\s+(.+)$")
ROW_RE = re.compile(r"^(\d{1,3})(?:-(\d{1,2}))?\.?(?:\s+(.*))?$")
TABLE_HEAD = {"№", "п/п", "Содержание мероприятия", "Срок", "исполнения", "Исполнители", "Срок исполнения"}


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
