"""Whole-plan passes over the draft: voting days from the voting item, fixed dates as anchors, rules rechecked."""
from __future__ import annotations

import datetime as dt
import re

from ...deadlines import ElectionDates, RuleError, describe, timing
from ...deadlines import parse_rule as rule_from_data
from ...rules import TEXT, Anchor, Form, printed_agrees, printed_dates


def check_rules(doc: dict, lines: dict[int, int], editor: list[tuple[int, str]]) -> None:
    """Recompute every rule and compare it with the printed dates, as the validator will."""
    try:
        dates = ElectionDates(tuple(doc["voting_days"]), doc["decision"]["date"], doc["decision"]["published"])
    except (TypeError, KeyError):
        return
    for section in doc["sections"]:
        for item in section["items"]:
            for d in item["deadlines"]:
                printed = printed_dates(d.get("printed"))
                if not printed or d["rule"] == TEXT:
                    continue
                try:
                    days = timing(rule_from_data(d["rule"]), dates).days
                except (RuleError, TypeError, ValueError):
                    continue
                if not printed_agrees(printed, days):
                    editor.append((lines.get(item["number"], 1),
                                       f"пункт {item['number']}: по правилу «{d.get('words', '')[:70]}» — "
                                       f"{', '.join(map(describe, days))}, "
                                       f"в документе {', '.join(map(describe, printed))} — проверьте правило"))


def anchor_dates(doc: dict) -> None:
    """A fixed date that is a voting day (or the decision) is written as that anchor.

    "с 08.09.2023 по 10.09.2023" in the item on voting then follows the voting days if
    the election is moved, and the rule reads as the words mean it.
    """
    days = list(doc.get("voting_days") or [])
    named = {}
    if doc.get("decision"):
        named[doc["decision"].get("published")] = Anchor.PUBLICATION.value
        named[doc["decision"].get("date")] = Anchor.DECISION.value
    if days:
        several = len(days) > 1
        named[days[0]] = (Anchor.FIRST_VOTING_DAY if several else Anchor.VOTING_DAY).value
        named[days[-1]] = (Anchor.LAST_VOTING_DAY if several else Anchor.VOTING_DAY).value
    for section in doc["sections"]:
        for item in section["items"]:
            for d in item["deadlines"]:
                if not isinstance(d["rule"], dict):
                    continue
                for key, point in d["rule"].items():
                    if point.get("date") in named:
                        rest = {k: point[k] for k in ("time", "tz") if k in point}
                        d["rule"][key] = point = {Form.SHIFT.value: 0, "of": named[point["date"]], **rest}
                    if len(days) == 1 and point.get("of") in (Anchor.FIRST_VOTING_DAY, Anchor.LAST_VOTING_DAY):
                        point["of"] = Anchor.VOTING_DAY.value   # one voting day: "the day before voting" is plain


def voting_days(doc: dict) -> None:
    """Several voting days: the item "Проведение голосования" prints "с 08.09.2023 по 10.09.2023"."""
    days = doc.get("voting_days") or []
    if len(days) != 1:
        return
    for section in doc["sections"]:
        for item in section["items"]:
            if not re.match(r"^Проведение голосования", item.get("action", "")):
                continue
            for d in item["deadlines"]:
                found = printed_dates(d.get("printed"))
                if len(found) >= 2 and found[-1] == days[0] and 0 < (found[-1] - found[0]).days < 7:
                    n = (found[-1] - found[0]).days
                    doc["voting_days"] = [found[0] + dt.timedelta(days=k) for k in range(n + 1)]
                    return
