"""Legal bases of calendar items as links: every part an item names, and the way back from the law."""
from __future__ import annotations

from dataclasses import replace

from ..model import Basis
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


def law_link(corpus, basis: Basis, from_dir: str) -> str:
    """A legal reference: a link to the exact unit of a law we hold (each part when it names several),
    else the law's full title on hover."""
    law = corpus.laws.get(basis.law or "")
    units = unit_anchors(corpus, basis)
    if law and units:
        url = f"{from_dir}zakony/{law.id}.md"
        text = f"[{esc(basis.text)}]({url}#{units[0][1]})"
        if len(units) > 1:
            text += " (" + ", ".join(f"[{label}]({url}#{anchor})" for label, anchor in units) + ")"
        return text
    if law:
        return f'<span class="ikko-law" title="{attr(law.full_title)}">{esc(basis.text)}</span>'
    return esc(basis.text)


def citing_items(corpus, law) -> list[tuple[str, object, object]]:
    """(law anchor, election, item) for every item of an approved calendar plan whose basis names a unit of
    ``law`` (illustrative plans repeat their template's bases and would only multiply the links)."""
    out = []
    for election in sorted((e for e in corpus.elections.values() if not e.illustrative), key=lambda e: e.voting_day):
        for item in election.items:
            for basis in item.basis:
                if basis.law != law.id:
                    continue
                for _, anchor in unit_anchors(corpus, basis):
                    out.append((anchor, election, item))
    return out


def cited_by_section(corpus, law, from_dir: str = "../") -> str:
    """"Ссылки из календарных планов": each cited unit with links back to the items."""
    cites = citing_items(corpus, law)
    if not cites:
        return ""
    out = ["## Ссылки из календарных планов {#ssylki-iz-planov}", "",
           "Пункты календарных планов выборов, основанные на статьях этого закона:", ""]
    by_anchor: dict[str, list] = {}
    for anchor, election, item in cites:
        by_anchor.setdefault(anchor, []).append((election, item))
    for anchor, items in by_anchor.items():
        links = "; ".join(f"[п. {item.number}]({from_dir}vybory/{e.id}.md#{item.anchor}) календарного плана "
                          f"выборов {e.voting_day:%d.%m.%Y} — {esc(item.action)}" for e, item in items)
        out.append(f"- [{anchor_label(anchor)}](#{anchor}): {links}")
    return "\n".join(out) + "\n"


def anchor_label(anchor: str) -> str:
    """"st-4-p-17" -> "ст. 4, п. 17" (the anchor scheme of ikko.anchors)."""
    parts = anchor.split("-")
    label = f"ст. {parts[1]}"
    if len(parts) >= 4 and parts[2] == "p":
        label += f", п. {parts[3]}"
    if len(parts) >= 6 and parts[4] == "pp":
        label += f", пп. {parts[5]}"
    return label
