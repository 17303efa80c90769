"""Open data: every dataset as JSON and CSV at stable URLs (site/opendata/…).

Field names are the same in JSON and CSV and are described on the page
"Открытые данные". CSV is UTF-8 with a byte-order mark so spreadsheet programs
read Cyrillic correctly. Output is deterministic, like the feeds.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from .deadlines import describe_timing
from .model import PeriodKind
from . import urls


@dataclass(frozen=True)
class Dataset:
    path: str            # without extension, relative to opendata/
    title: str
    fields: tuple[tuple[str, str], ...]   # (name, Russian description)
    rows: tuple[dict, ...]


def _iso(day) -> str:
    return day.isoformat() if day else ""


DEADLINE_FIELDS = (
    ("election", "идентификатор выборов"), ("section", "раздел плана"), ("item", "номер пункта"),
    ("deadline", "номер срока внутри пункта"), ("action", "содержание мероприятия"),
    ("sub_action", "часть мероприятия, к которой относится срок"), ("words", "срок словами, как в документе"),
    ("printed", "дата, как напечатана в документе"), ("start", "первый допустимый день (ГГГГ-ММ-ДД)"),
    ("end", "последний допустимый день или день события (ГГГГ-ММ-ДД)"), ("time", "время (ЧЧ:ММ), если указано"),
    ("timezone", "часовой пояс времени"), ("when", "срок, как его показывает сайт"),
    ("executors", "исполнители (идентификаторы через «; »)"), ("executors_text", "исполнители, как в документе"),
    ("basis", "правовое основание (через «; »)"), ("excluded", "исключен постановлением (дата № номер)"),
    ("uid", "UID события в календаре .ics"),
    ("counted", "срок по расчету от правила, если он отличается от напечатанного в документе"),
    ("illustrative", "«да» — примерный план, не утвержденный комиссией; пусто — утвержденный план"),
)


def election_rows(election) -> tuple[dict, ...]:
    rows = []
    for item in election.items:
        for d in item.deadlines:
            t = d.timing
            bound = (t.end or t.start) if t else None
            rows.append({
                "election": election.id, "section": item.section.number, "item": item.number, "deadline": d.index,
                "action": item.action, "sub_action": d.action or "", "words": d.words or "",
                "printed": d.printed or "", "start": _iso(t.start.day) if t and t.start else "",
                "end": _iso(bound.day) if bound else "", "time": bound.time or "" if bound else "",
                "timezone": ("Europe/Moscow" if bound and bound.tz == "moscow" else election.timezone)
                if bound and bound.time else "",
                "when": describe_timing(t), "executors": "; ".join(e.id for e in d.executors),
                "executors_text": d.executors_text or "", "basis": "; ".join(b.text for b in item.basis),
                "excluded": f"{item.excluded.date:%d.%m.%Y} № {item.excluded.number}" if item.excluded else "",
                "uid": urls.deadline_uid(election.id, item.number, d.index),
                "counted": describe_timing(d.computed) if d.computed is not None and d.computed != t else "",
                "illustrative": "да" if election.illustrative else "",
            })
    return tuple(rows)


PLAN_FIELDS = (
    ("plan", "идентификатор плана"), ("section", "номер раздела"), ("section_title", "название раздела"),
    ("item", "номер пункта"), ("text", "содержание"), ("period", "срок, как в документе"),
    ("period_kind", "вид срока: " + ", ".join(PeriodKind)),
    ("months", "месяцы (номера через «; »)"), ("dates", "даты (через «; »)"),
    ("responsible", "ответственные, как в документе"), ("responsible_ids", "ответственные (идентификаторы)"),
    ("excluded", "исключен постановлением (дата № номер)"),
)


def plan_rows(plan) -> tuple[dict, ...]:
    return tuple({
        "plan": plan.id, "section": item.section.number, "section_title": item.section.title,
        "item": item.number, "text": item.text, "period": item.period.words or "",
        "period_kind": item.period.kind, "months": "; ".join(map(str, item.period.months)),
        "dates": "; ".join(_iso(d) for d in item.period.dates), "responsible": item.responsible_text or "",
        "responsible_ids": "; ".join(r.id for r in item.responsible),
        "excluded": f"{item.excluded.date:%d.%m.%Y} № {item.excluded.number}" if item.excluded else "",
    } for item in plan.items)


FIGURE_FIELDS = (
    ("report", "идентификатор отчета"), ("section", "раздел отчета"), ("group", "разбивка (пусто для показателя)"),
    ("id", "идентификатор показателя"), ("label", "название"), ("value", "число"), ("unit", "единица"),
    ("quote", "цитата из отчета с этим числом"), ("note", "примечание"),
)


def figure_rows(report) -> tuple[dict, ...]:
    rows = []
    for s in report.sections:
        for f in s.figures:
            rows.append({"report": report.id, "section": s.number or "", "group": "", "id": f.id, "label": f.label,
                         "value": f.value, "unit": f.unit or "", "quote": f.quote, "note": f.note or ""})
        for b in s.breakdowns:
            for f in b.rows:
                rows.append({"report": report.id, "section": s.number or "", "group": b.id, "id": "",
                             "label": f.label, "value": f.value, "unit": f.unit or b.unit or "",
                             "quote": f.quote, "note": f.note or ""})
    return tuple(rows)


LAW_FIELDS = (
    ("law", "идентификатор акта"), ("anchor", "постоянный якорь на странице закона"), ("article", "статья"),
    ("part", "пункт (часть)"), ("point", "подпункт"), ("text", "текст"),
    ("amended_by", "изменяющие законы (идентификаторы через «; »)"),
    ("edition_since", "редакция действует с (ГГГГ-ММ-ДД; пусто — текст до первого изменения в базе)"),
    ("edition_until", "последний день действия редакции (ГГГГ-ММ-ДД; пусто — действует)"),
    ("status", "«действует» или «утратил силу»"),
)


def law_rows(law, edition=None) -> tuple[dict, ...]:
    """The text of ``law`` (or of one of its editions), one row per article, part and point."""
    text = edition.law if edition else law
    since = _iso(edition.since) if edition else ""
    until = _iso(edition.until) if edition else ""
    changed: dict[str, list[str]] = {}
    for anchor, wordings in (edition.history.items() if edition else ()):
        changed[anchor] = [w.change.law for w in wordings]
    repealed = edition.repealed if edition else {}

    def row(anchor, article, part, point, body, notes_laws):
        laws = list(dict.fromkeys(list(notes_laws) + changed.get(anchor, [])))
        return {"law": law.id, "anchor": anchor, "article": article, "part": part, "point": point, "text": body,
                "amended_by": "; ".join(laws), "edition_since": since, "edition_until": until,
                "status": "утратил силу" if anchor in repealed else "действует"}

    rows = []
    for a in text.articles:
        rows.append(row(a.anchor, a.number, "", "", a.title, a.amending_laws()))
        for p in a.parts:
            rows.append(row(p.anchor, a.number, p.number or "", "", p.text, [x for n in p.notes for x in n.laws]))
            for pt in p.points:
                rows.append(row(pt.anchor, a.number, p.number or "", pt.number or "", pt.text,
                                [x for n in pt.notes for x in n.laws]))
    return tuple(rows)


LAW_CHANGE_FIELDS = (
    ("law", "изменяемый закон"), ("amending_law", "изменяющий закон"), ("effective", "вступает в силу (ГГГГ-ММ-ДД)"),
    ("target", "положение, как названо в источнике"), ("applied_to", "положение, к которому изменение применено"),
    ("anchor", "постоянный якорь этого положения"), ("operations", "операции (через «; »)"),
    ("status", "применено / применено с редакционным уточнением / не применено"),
    ("editorial_note", "редакционное уточнение или причина, по которой изменение не применено"),
    ("source", "примечание источника дословно"),
)


def law_change_rows(law) -> tuple[dict, ...]:
    from .law_editions import describe_target, target_anchor
    rows = []
    for c in law.changes:
        status = "не применено" if c.not_applied else (
            "применено с редакционным уточнением" if c.editorial else "применено")
        rows.append({"law": law.id, "amending_law": c.law, "effective": _iso(c.effective),
                     "target": describe_target(c.target),
                     "applied_to": "" if c.not_applied else describe_target(c.applied_target),
                     "anchor": target_anchor(law, c.applied_target) or "",
                     "operations": "; ".join(e.op for e in c.edits), "status": status,
                     "editorial_note": c.not_applied or (c.editorial or {}).get("note", ""), "source": c.source})
    return tuple(rows)


def law_datasets(law, today) -> list[Dataset]:
    """The text in force today, each edition with its dates, and the change records."""
    if not law.editions:
        return [Dataset(urls.law_dataset(law.id), f"Текст: {law.full_title}", LAW_FIELDS, law_rows(law))]
    from .law_editions import edition_on
    current = edition_on(law.editions, today)
    out = [Dataset(urls.law_dataset(law.id), f"Текст в действующей редакции: {law.full_title}", LAW_FIELDS,
                   law_rows(law, current))]
    for e in law.editions:
        span = f"с {e.since:%d.%m.%Y}" if e.since else f"по {e.until:%d.%m.%Y}"
        out.append(Dataset(urls.law_edition_dataset(law.id, e.slug), f"Текст в редакции {span}: {law.full_title}",
                           LAW_FIELDS, law_rows(law, e)))
    out.append(Dataset(urls.law_changes_dataset(law.id), f"Изменения: {law.full_title}", LAW_CHANGE_FIELDS,
                       law_change_rows(law)))
    return out


REGISTRY_FIELDS = (("id", "идентификатор"), ("kind", "вид"), ("abbr", "сокращение"), ("name", "наименование"))


def datasets(corpus) -> list[Dataset]:
    out = []
    for e in corpus.elections.values():
        out.append(Dataset(urls.election_dataset(e.id), f"Календарный план: {e.title}" + (" (примерный план, не утвержден)" if e.illustrative else ""),
                           DEADLINE_FIELDS, election_rows(e)))
    for p in corpus.plans.values():
        out.append(Dataset(urls.plan_dataset(p.id), p.title, PLAN_FIELDS, plan_rows(p)))
    for r in corpus.reports.values():
        out.append(Dataset(urls.report_dataset(r.id), f"Показатели: {r.title}", FIGURE_FIELDS, figure_rows(r)))
    from .builddate import today
    for law in corpus.laws.values():
        if law.has_text:
            out += law_datasets(law, today())
    registry = [{"id": e.id, "kind": "executor", "abbr": e.abbr or "", "name": e.name}
                for e in corpus.executors.values()]
    registry += [{"id": r.id, "kind": r.kind, "abbr": "", "name": r.name} for r in corpus.responsible.values()]
    registry += [{"id": law.id, "kind": law.kind, "abbr": ", ".join(law.short_names), "name": law.full_title}
                 for law in corpus.laws.values()]
    out.append(Dataset(urls.REGISTRIES_DATASET, "Справочники: исполнители, ответственные, правовые акты", REGISTRY_FIELDS,
                       tuple(sorted(registry, key=lambda r: (r["kind"], r["id"])))))
    return out


def to_json(ds: Dataset) -> bytes:
    body = {"title": ds.title, "fields": [{"name": n, "description": d} for n, d in ds.fields], "rows": list(ds.rows)}
    return (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """The one boundary for CSV text: a spreadsheet runs a cell starting with = + - @ tab or CR as a
    formula (OWASP "CSV injection"), so such text gets a leading apostrophe and is shown as typed."""
    if not isinstance(value, str):
        return "" if value is None else value  # numbers stay numbers (-1 is not a formula)
    return "'" + value if value.startswith(FORMULA_START) else value


def to_csv(ds: Dataset) -> bytes:
    buf = io.StringIO()
    names = [n for n, _ in ds.fields]
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(names)
    writer.writerows([csv_cell(row[n]) for n in names] for row in ds.rows)
    return buf.getvalue().encode("utf-8-sig")
