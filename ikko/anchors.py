"""Stable, readable anchors for law units. They are promises: never change the scheme."""
from __future__ import annotations

_LATIN = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                  ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
                   "r", "s", "t", "u", "f", "h", "ts", "ch", "sh", "sch", "", "y", "", "e", "yu", "ya"]))


def slug_number(number: str) -> str:
    """"11-1" -> "11-1", "2.2" -> "2-2", "а" -> "a"."""
    out = "".join(_LATIN.get(ch, ch) for ch in number.strip().lower())
    return "".join(ch if ch.isalnum() else "-" for ch in out).strip("-")


def article(number: str) -> str:
    return f"st-{slug_number(number)}"


def part(article_anchor: str, number: str | None, unnumbered_index: int) -> str:
    if number:
        return f"{article_anchor}-p-{slug_number(number)}"
    return f"{article_anchor}-abz-{unnumbered_index}"


def point(part_anchor: str, number: str | None, unnumbered_index: int) -> str:
    if number:
        return f"{part_anchor}-pp-{slug_number(number)}"
    return f"{part_anchor}-abz-{unnumbered_index}"


def chapter(number: str) -> str:
    return f"glava-{slug_number(number)}"
