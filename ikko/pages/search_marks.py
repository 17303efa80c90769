"""What the search index is told about each page: its kind (the «Вид» filter) and how much it weighs.

Pagefind reads these as attributes of the indexed article: ``data-pagefind-filter="Вид:закон"`` offers the
kinds as a filter, ``data-pagefind-weight`` scales every word of the page (1 = normal). Real documents
outrank worked examples (illustrative plans) and lists that only repeat them (per-person pages); per-executor
deadline pages are not indexed at all: each of their rows is an item of the election page, which is found;
nor are a law's edition and comparison pages, nor a plan by months: they repeat the text in force or the plan,
which search leads to;
nor are the items of an illustrative plan (``ITEM_IGNORE``): they repeat their template's text word for word,
and Pagefind's phrase search ranks without page weights, so they would outrank the approved plan.
"""
from __future__ import annotations

import posixpath

from .. import urls

KIND = "Вид"
LAW, CALENDAR, PLAN, REPORT = "закон", "календарный план", "план работы", "отчет"
ITEM_IGNORE = "data-pagefind-ignore"
DERIVED_WEIGHT = 0.1     # illustrative plans, per-person lists


def _owner(src_path: str, ids, page) -> str | None:
    """The id whose page (``page(id)``) is ``src_path`` or holds it in its folder ("zakony/<id>/redakcii/…")."""
    for i in ids:
        own = page(i)
        if src_path == own or src_path.startswith(own.removesuffix(".md") + "/"):
            return i
    return None


def marks(src_path: str, corpus) -> dict[str, str] | None:
    """Attributes for the article of the page built from ``src_path`` ("vybory/zs-2023.md"); None: not indexed."""
    attrs: dict[str, str] = {}
    election = _owner(src_path, corpus.elections, urls.election_page)
    if election is not None and src_path != urls.election_page(election):
        return None                                   # vybory/<election>/ispolniteli/<executor>
    law = _owner(src_path, corpus.laws, urls.law_page)
    if law is not None and src_path != urls.law_page(law):
        return None        # a law's editions and their comparison: search leads to the text in force
    if any(src_path == urls.plan_by_months_page(p) for p in corpus.plans):
        return None        # the plan by months: the plan's items again
    plan = _owner(src_path, corpus.plans, urls.plan_page)
    people = src_path.startswith(posixpath.dirname(urls.RESPONSIBLE) + "/")
    if src_path == urls.SUBSCRIPTION:                 # how to subscribe: not a document, found by its title
        attrs["data-pagefind-weight"] = str(DERIVED_WEIGHT)
    elif election is not None:
        attrs["data-pagefind-filter"] = f"{KIND}:{CALENDAR}"
        if corpus.elections[election].illustrative:
            attrs["data-pagefind-weight"] = str(DERIVED_WEIGHT)
    elif law is not None:
        attrs["data-pagefind-filter"] = f"{KIND}:{LAW}"
    elif plan is not None or people:
        attrs["data-pagefind-filter"] = f"{KIND}:{PLAN}"
        if plan is None:                              # the per-person lists
            attrs["data-pagefind-weight"] = str(DERIVED_WEIGHT)
    elif _owner(src_path, corpus.reports, urls.report_page) is not None:
        attrs["data-pagefind-filter"] = f"{KIND}:{REPORT}"
    return attrs
