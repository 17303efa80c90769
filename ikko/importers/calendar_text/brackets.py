"""The one bracket scanner of the importer: round brackets and «» quotes, as the plans print them.

A bracket inside «…» is part of a title, not of the text's structure; a stray closing
bracket never makes the depth negative.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Mark:
    index: int
    char: str
    depth: int      # round brackets open after this character
    quoted: bool    # inside «…» after this character
    closes: bool    # this ")" closed a bracket


def scan(text: str, start: int = 0) -> Iterator[Mark]:
    depth = quote = 0
    for k in range(start, len(text)):
        ch, closes = text[k], False
        if ch == "«":
            quote += 1
        elif ch == "»":
            quote = max(0, quote - 1)
        elif ch == "(" and not quote:
            depth += 1
        elif ch == ")" and not quote and depth:
            depth -= 1
            closes = True
        yield Mark(k, ch, depth, quote > 0, closes)


def paren_end(text: str, start: int) -> tuple[int, bool]:
    """Index after the ")" closing the "(" at ``start``, and whether it is closed at all.

    004 leaves some basis parentheses open: "(п. 2 ст. 6 Закона … (далее – ЗКО)" ends the cell.
    """
    for mark in scan(text, start):
        if mark.closes and mark.depth == 0:
            return mark.index + 1, True
    return len(text), False


def top_level(text: str, char: str) -> list[int]:
    """Indexes of ``char`` outside any brackets and quotes."""
    return [m.index for m in scan(text) if m.char == char and not m.depth and not m.quoted]


def is_open(text: str) -> bool:
    """Does the text leave a bracket or a quote open (the next line goes on with it)?"""
    last = None
    for last in scan(text):
        pass
    return bool(last and (last.depth or last.quoted))
