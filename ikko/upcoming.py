"""The deadlines the home page counts down (``assets/deadlines.json``), from the validated corpus.

Dates are ISO days; which of them are "upcoming" is decided in the reader's
browser, in the election's time zone, so the built site never depends on the
day it was built.
"""
from __future__ import annotations

from .deadlines import describe_timing
from .feeds import shorten
from . import urls

DEADLINES_JSON = "assets/deadlines.json"
ACTION_MAX = 160


def deadlines(corpus) -> dict:
    """Every dated deadline of every election, for the home page's "next deadlines" list."""
    elections = []
    # Illustrative plans (worked examples from a template) are not deadlines anyone must meet.
    for e in sorted((e for e in corpus.elections.values() if not e.illustrative), key=lambda e: e.voting_day):
        items = []
        for item in e.items:
            for d in item.deadlines:
                t = d.timing
                if t is None or t.undated or not (t.start or t.end):
                    continue
                action = item.action if not d.action else f"{item.action.rstrip(' :')}: {d.action}"
                items.append({
                    "item": item.number,
                    "deadline": d.index,
                    "action": shorten(action, ACTION_MAX),
                    "start": t.start.day.isoformat() if t.start else None,
                    "end": t.end.day.isoformat() if t.end else None,
                    "when": describe_timing(t),
                    "url": urls.item_url(e.id, item.anchor),
                })
        elections.append({
            "id": e.id,
            "title": e.title,
            "url": urls.election_url(e.id),
            "timezone": e.timezone,
            "voting_day": e.voting_day.isoformat(),
            "deadlines": items,
        })
    return {"elections": elections}
