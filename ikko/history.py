"""What each amending resolution changed, item by item: for the pages' history and the feeds."""
from __future__ import annotations

from . import ru_format
from .deadlines import describe_timing
from .model import ItemChange


def _calendar_values(item) -> dict[str, str]:
    values = {"мероприятие": item.action,
              "основание": "; ".join(b.text for b in item.basis)}
    for d in item.deadlines:
        suffix = f" (подпункт {d.index})" if len(item.deadlines) > 1 else ""
        values["срок" + suffix] = d.words or "—"
        values["дата" + suffix] = describe_timing(d.timing)
        values["исполнители" + suffix] = d.executors_text or ", ".join(e.label for e in d.executors) or "—"
    return values


def _plan_values(item) -> dict[str, str]:
    return {"мероприятие": item.text, "срок": item.period.words or "—",
            "даты": ", ".join(map(ru_format.day, item.period.dates)) or "—",
            "ответственные": item.responsible_text or "—"}


def record(editions, values=None) -> None:
    """Fill ``history`` of the items of the last edition from the differences between editions."""
    if len(editions) < 2:
        return
    kind_values = values or (_calendar_values if hasattr(editions[0][1].items[0], "deadlines") else _plan_values)
    final = {i.number: i for i in editions[-1][1].items}
    previous = {i.number: i for i in editions[0][1].items}
    for resolution, edition in editions[1:]:
        current = {i.number: i for i in edition.items}
        for number, item in current.items():
            target = final[number]
            old = previous.get(number)
            if old is None:
                target.history.append(ItemChange(resolution, "пункт", "—", "включен в план"))
                continue
            if item.excluded and not old.excluded:
                target.history.append(ItemChange(resolution, "пункт", "действует", "исключен"))
                continue
            before, after = kind_values(old), kind_values(item)
            for key in after:
                if before.get(key, "—") != after[key]:
                    target.history.append(ItemChange(resolution, key, before.get(key, "—"), after[key]))
        previous = current
