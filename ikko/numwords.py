"""Numbers written in Russian words ("свыше ста восьмидесяти", "одно заседание").

Reports sometimes spell a figure out; the validator still checks that the
figure's value is what its quoted text says.
"""
from __future__ import annotations

import re

_STEMS = [  # (prefix of the word forms, value); longer prefixes first where they overlap
    ("одиннадцат", 11), ("двенадцат", 12), ("тринадцат", 13), ("четырнадцат", 14), ("пятнадцат", 15),
    ("шестнадцат", 16), ("семнадцат", 17), ("восемнадцат", 18), ("девятнадцат", 19),
    ("двадцат", 20), ("тридцат", 30), ("сорок", 40), ("пятьдесят", 50), ("пятидесят", 50),
    ("шестьдесят", 60), ("шестидесят", 60), ("семьдесят", 70), ("семидесят", 70),
    ("восемьдесят", 80), ("восьмидесят", 80), ("девяносто", 90),
    ("двест", 200), ("двухсот", 200), ("трист", 300), ("трехсот", 300), ("четырест", 400), ("пятьсот", 500),
    ("сто", 100), ("ста", 100),
    ("миллион", 1_000_000), ("тысяч", 1000),
    ("один", 1), ("одн", 1), ("два", 2), ("две", 2), ("двух", 2), ("три", 3), ("трех", 3), ("трёх", 3),
    ("четыре", 4), ("четырех", 4), ("пят", 5), ("пять", 5), ("шест", 6), ("сем", 7), ("восем", 8),
    ("восьм", 8), ("девят", 9), ("десят", 10),
]
_EXACT_ONLY = {"сто", "ста", "сем", "пят", "шест", "три", "два", "две", "одн"}


def _word_value(word: str) -> int | None:
    for stem, value in _STEMS:
        if word.startswith(stem):
            rest = word[len(stem):]
            if len(rest) <= 3 or stem not in _EXACT_ONLY:
                return value
    return None


def values_in(text: str) -> set[float]:
    """Every number the text states, in digits ("32 080", "97,58") or in words."""
    found: set[float] = set()
    for raw in re.findall(r"\d[\d\u00a0 ]*(?:,\d+)?", text):
        try:
            found.add(float(raw.replace("\u00a0", "").replace(" ", "").replace(",", ".")))
        except ValueError:
            pass
    total, big = 0, 0
    for word in re.findall(r"[а-яё]+", text.lower()) + [""]:
        value = _word_value(word) if word else None
        if value is None:
            if total or big:
                found.add(float(big + total))
            total, big = 0, 0
        elif value >= 1000:
            big += (total or 1) * value
            total = 0
            found.add(float(value))  # "более миллиона" states one million
        else:
            total += value
    return found
