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

KIND = "Вид"
LAW, CALENDAR, PLAN, REPORT = "закон", "календарный план", "план работы", "отчет"
ITEM_IGNORE = "data-pagefind-ignore"
DERIVED_WEIGHT = 0.1     # illustrative plans, per-person lists


def marks(src_path: str, corpus) -> dict[str, str] | None:
    """Attributes for the article of the page built from ``src_path`` ("vybory/zs-2023.md"); None: not indexed."""
    parts = src_path.removesuffix(".md").split("/")
    attrs: dict[str, str] = {}
    if parts[0] == "vybory" and len(parts) > 2:
        return None                                   # vybory/<election>/ispolniteli/<executor>
    if parts[0] == "zakony" and len(parts) > 2:
        return None        # a law's editions and their comparison: search leads to the text in force
    if parts == ["podpiska"]:                         # how to subscribe: not a document, found by its title
        attrs["data-pagefind-weight"] = str(DERIVED_WEIGHT)
    elif parts[0] == "vybory" and parts[1] in corpus.elections:
        attrs["data-pagefind-filter"] = f"{KIND}:{CALENDAR}"
        if corpus.elections[parts[1]].illustrative:
            attrs["data-pagefind-weight"] = str(DERIVED_WEIGHT)
    elif parts[0] == "zakony" and parts[1] in corpus.laws:
        attrs["data-pagefind-filter"] = f"{KIND}:{LAW}"
    elif parts[0] == "plany" and parts[1] not in corpus.plans and parts[1].removesuffix("-po-mesyacam") in corpus.plans:
        return None                                   # the plan by months: the plan's items again
    elif parts[0] == "plany" and (parts[1] in corpus.plans or parts[1] == "otvetstvennye"):
        attrs["data-pagefind-filter"] = f"{KIND}:{PLAN}"
        if parts[1] not in corpus.plans:           # the per-person lists
            attrs["data-pagefind-weight"] = str(DERIVED_WEIGHT)
    elif parts[0] == "otchety" and parts[1] in corpus.reports:
        attrs["data-pagefind-filter"] = f"{KIND}:{REPORT}"
    return attrs
