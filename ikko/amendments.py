"""Amending resolutions: the plan as first published stays as it was; each amendment makes a new edition.

An amendments file lists resolutions in date order, each with the items it
changes, adds and removes. ``editions`` applies them cumulatively to the raw
data and returns one merged document per edition, whose positions still point
into the file each value came from (plan or amendments), so later checks name
the right place. A removed item is kept, marked, so its anchor and its
cancellation in the feeds survive.
"""
from __future__ import annotations

import copy
from datetime import date

from . import ru_format
from .deadlines import RuleError, parse_date
from .errors import Problems
from .model import Resolution
from .yamldoc import Doc, field_name

EXCLUDED = "_excluded_by"   # internal key on a removed item: index of the amendment


def resolutions(doc: Doc, approved: date | None, problems: Problems) -> list[Resolution]:
    """The amending resolutions, checked: after the plan's approval, in date order, numbers unique."""
    out: list[Resolution] = []
    numbers: dict[str, int] = {}
    for k, raw in enumerate(doc.data):
        res = raw["resolution"]
        path = (k, "resolution")
        try:
            day = parse_date(res["date"])
        except RuleError as exc:
            problems.add(doc.at(*path, "date"), field_name(path + ("date",)), str(exc))
            return []
        number = str(res["number"])
        if number in numbers:
            problems.add(doc.at(*path, "number"), field_name(path + ("number",)),
                         f"постановление № {number} уже указано (изменение {numbers[number] + 1})")
        numbers.setdefault(number, k)
        if approved and day < approved:
            problems.add(doc.at(*path, "date"), field_name(path + ("date",)),
                         f"изменение от {ru_format.day(day)} раньше утверждения плана ({ru_format.day(approved)})")
        if out and day < out[-1].date:
            problems.add(doc.at(*path, "date"), field_name(path + ("date",)),
                         f"изменения должны идти по порядку дат: {ru_format.day(day)} "
                         f"раньше {ru_format.day(out[-1].date)}")
        out.append(Resolution(day, number, res.get("body"), res.get("title")))
    return out


def _find(data: dict, number) -> tuple | None:
    for si, section in enumerate(data["sections"]):
        for ii, item in enumerate(section["items"]):
            if item["number"] == number:
                return ("sections", si, "items", ii)
    return None


def _get(data, path):
    for p in path:
        data = data[p]
    return data


def editions(base: Doc, amendments: Doc, problems: Problems) -> list[Doc]:
    """One merged document per amendment, each including all earlier ones."""
    current = Doc(base.file, copy.deepcopy(base.data), dict(base.positions), base.text)
    out = []
    for k, raw in enumerate(amendments.data):
        current = Doc(current.file, copy.deepcopy(current.data), dict(current.positions), current.text)
        data = current.data
        for ci, change in enumerate(raw.get("changes", ())):
            where = (k, "changes", ci)
            path = _find(data, change["item"])
            if path is None:
                problems.add(amendments.at(*where, "item"), field_name(where + ("item",)),
                             f"пункта {change['item']} нет в плане")
                continue
            item = _get(data, path)
            if EXCLUDED in item:
                problems.add(amendments.at(*where, "item"), field_name(where + ("item",)),
                             f"пункт {change['item']} уже исключен")
                continue
            for key, value in change.items():
                if key in ("item", "deadlines"):
                    continue
                item[key] = copy.deepcopy(value)
                current.graft(path + (key,), amendments, where + (key,))
            for di, dchange in enumerate(change.get("deadlines", ())):
                dwhere = where + ("deadlines", di)
                deadlines = item["deadlines"]
                index = dchange["index"]
                if index == len(deadlines) + 1:
                    deadlines.append({k2: copy.deepcopy(v) for k2, v in dchange.items() if k2 != "index"})
                    current.graft(path + ("deadlines", index - 1), amendments, dwhere)
                    continue
                if index > len(deadlines):
                    problems.add(amendments.at(*dwhere, "index"), field_name(dwhere + ("index",)),
                                 f"в пункте {change['item']} нет подпункта срока {index}")
                    continue
                for key, value in dchange.items():
                    if key != "index":
                        deadlines[index - 1][key] = copy.deepcopy(value)
                        current.graft(path + ("deadlines", index - 1, key), amendments, dwhere + (key,))
        for ai, added in enumerate(raw.get("add", ())):
            where = (k, "add", ai)
            number = added["item"]["number"]
            if _find(data, number) is not None:
                problems.add(amendments.at(*where, "item", "number"), field_name(where + ("item", "number")),
                             f"пункт {number} уже есть в плане")
                continue
            section = next((si for si, s in enumerate(data["sections"]) if s["number"] == added["section"]), None)
            if section is None:
                problems.add(amendments.at(*where, "section"), field_name(where + ("section",)),
                             f"раздела {added['section']} нет в плане")
                continue
            items = data["sections"][section]["items"]
            items.append(copy.deepcopy(added["item"]))
            current.graft(("sections", section, "items", len(items) - 1), amendments, where + ("item",))
        for ri, number in enumerate(raw.get("remove", ())):
            path = _find(data, number)
            if path is None:
                problems.add(amendments.at(k, "remove", ri), field_name((k, "remove", ri)),
                             f"пункта {number} нет в плане")
                continue
            _get(data, path).setdefault(EXCLUDED, k)
        out.append(current)
    return out
