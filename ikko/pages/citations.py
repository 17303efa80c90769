"""Legal bases of calendar items as links to every part of a law we hold that an item names.

The way back (law article -> items citing it) is on the law page itself (``law._backlinks``)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from ..model import Basis
from .law import unit_url
from .md import attr, esc


def unit_anchors(corpus, basis: Basis) -> list[tuple[str, str]]:
    """(label, anchor) of each part (or point) of a law we hold that the reference names, in its order."""
    law = corpus.laws.get(basis.law or "")
    if not (law and law.has_text and basis.article):
        return []
    out = []
    parts = basis.parts or ((),)
    for number in parts:
        unit = replace(basis, parts=(number,) if number else ())
        if len(parts) > 1:
            unit = replace(unit, points=())
        anchor = corpus.law_unit_anchor(unit)
        if anchor:
            out.append((f"п. {number}" if number else f"ст. {basis.article}", anchor))
    return out


def law_link(corpus, basis: Basis, from_dir: str, on: date | None = None) -> str:
    """A legal reference: a link to the exact unit of a law we hold (each part when it names several), in the
    edition in force on day ``on`` (the plan's approval), else the law's full title on hover."""
    law = corpus.laws.get(basis.law or "")
    units = unit_anchors(corpus, basis)
    if law and units:
        url = lambda anchor: from_dir + unit_url(law, anchor, on)
        text = f"[{esc(basis.text)}]({url(units[0][1])})"
        if len(units) > 1:
            text += " (" + ", ".join(f"[{label}]({url(anchor)})" for label, anchor in units) + ")"
        return text
    if law:
        return f'<span class="ikko-law" title="{attr(law.full_title)}">{esc(basis.text)}</span>'
    return esc(basis.text)
