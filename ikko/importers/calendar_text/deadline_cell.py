"""A deadline cell -> [{words, printed}] in published order, and a note."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..common import NUM_DATE_RE


@dataclass
class CellDeadline:
    """One deadline of a cell: its words, and the dates printed under them."""

    words: str | None = None
    printed: str | None = None


FRAGMENT_RE = re.compile(r"^(?:не позднее|не ранее|с|по|до|после)$", re.IGNORECASE)


def _has_date(text: str) -> bool:
    return bool(NUM_DATE_RE.search(text))


def _lower_start(text: str) -> bool:
    return text[:1].islower() or text[:1].isdigit()


def parse_deadline_cell(cell: list[tuple[int, str]]) -> tuple[list[CellDeadline], str | None]:
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
    out: list[CellDeadline] = []
    for kind, block in blocks:
        if kind == "W":
            out.append(CellDeadline(" ".join(block).rstrip(" ;")))
            continue
        printed = block[0]
        for line in block[1:]:
            segment = printed.split("\n")[-1]
            fresh = not _lower_start(line) and (_has_date(line) or FRAGMENT_RE.match(line))
            printed += ("\n" if _has_date(segment) and fresh else " ") + line
        if out and out[-1].printed is None:
            out[-1].printed = printed
        else:
            out.append(CellDeadline(printed, printed))
    return _split_alternatives(out), note


ALT_WORDS_RE = re.compile(r",\s+(?=а\s)")
ALT_PRINTED_RE = re.compile(r",\s+(?=[а-яё])")


def _split_alternatives(deadlines: list[CellDeadline]) -> list[CellDeadline]:
    """"Не позднее …, а в исключительных случаях не позднее …" is two deadlines, words and dates alike."""
    out = []
    for d in deadlines:
        parts = _resplit(d.words)
        if len(parts) == 1 or d.words == d.printed:
            out.append(d)
            continue
        printed = d.printed
        pieces = [p for p in ALT_PRINTED_RE.split(printed)] if printed else []
        for k, words_part in enumerate(parts):
            entry = CellDeadline(words_part)
            if pieces and len(pieces) == len(parts):
                entry.printed = pieces[k]
            elif printed and k == 0:
                entry.printed = printed
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
