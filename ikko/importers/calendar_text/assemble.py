"""Stage 3: rows -> items with deadlines, rules and executors; the whole plan assembled and checked."""
from __future__ import annotations

from dataclasses import dataclass, field

from ...rules import TEXT
from ..common import FlowDict, FlowList, Result
from ..rule_words import RuleContext, parse_rule
from .action import parse_action
from .basis import Laws, parse_basis
from .checks import anchor_dates, check_rules, voting_days
from .deadline_cell import CellDeadline, parse_deadline_cell
from .executors import Executors, executor_groups
from .header import parse_header
from .rows import Row, split_rows

DEFAULT_TZ = "Asia/Novokuznetsk"


@dataclass
class Context:
    laws: Laws
    executors: Executors
    result: Result
    editor: list[tuple[int, str]] = field(default_factory=list)


def build_item(rows: list[Row], ctx: Context) -> dict:
    main = rows[0]
    result = ctx.result
    cells = main.cells
    if len(cells) != 3:
        result.problem(main.line, f"пункт {main.number}: ожидалось 3 ячейки (мероприятие, срок, исполнители), "
                                  f"найдено {len(cells)} — проверьте черновик")
    while len(cells) < 3:
        cells.append([])
    for extra in cells[3:]:
        for lineno, text in extra:
            result.problem(lineno, f"пункт {main.number}: лишняя ячейка, не размещена: «{text[:80]}»")
    line = cells[0][0][0] if cells[0] else main.line
    action, subs, bases = parse_action(cells[0])
    basis: list[dict] = []
    for inner in bases:
        for entry in parse_basis(inner, ctx.laws, result, line, main.number):
            if entry not in basis:
                basis.append(entry)
    item: dict = {"number": main.number, "action": action}
    if not action:
        result.problem(main.line, f"пункт {main.number}: нет текста мероприятия")
    if basis:
        item["basis"] = basis
    if len(rows) > 1:
        # Sub-rows N-1, N-2 … carry the deadlines; the main row's empty cells give none.
        deadlines = []
        for row in rows[1:]:
            while len(row.cells) < 3:
                row.cells.append([])
            sub_action, _, sub_bases = parse_action(row.cells[0])
            for inner in sub_bases:
                for entry in parse_basis(inner, ctx.laws, result, row.line, main.number):
                    if entry not in basis:
                        basis.append(entry)
            for d in make_deadlines(row, [sub_action] if sub_action else [], action, ctx):
                deadlines.append(d)
        item["deadlines"] = deadlines
    else:
        item["deadlines"] = make_deadlines(main, subs, action, ctx, note_holder=item)
    if "note" in item:
        item["note"] = item.pop("note")   # the remark is printed below the deadline: keep that order
    return item


def make_deadlines(row: Row, subs: list[str], action: str, ctx: Context, note_holder: dict | None = None) -> list[dict]:
    result = ctx.result
    dl, note = parse_deadline_cell(row.cells[1])
    if note and note_holder is not None:
        note_holder["note"] = note        # moved after the deadlines by build_item
    if not dl:
        dl = [CellDeadline()]
        ctx.editor.append((row.line, f"пункт {row.number}: ячейка срока пуста — rule: text"))
    n = max(len(subs), len(dl))
    if subs and len(dl) > len(subs):
        result.problem(row.line, f"пункт {row.number}: сроков ({len(dl)}) больше, чем подпунктов ({len(subs)}) — "
                                 "проверьте, к какому подпункту относится каждый срок")
    groups = executor_groups(row.cells[2])
    if len(groups) == 1 and n > 1 and len(groups[0].split(";")) == n:
        groups = [g.strip() for g in groups[0].split(";")]
    if len(groups) not in (0, 1, n, len(dl)):
        result.problem(row.cells[2][0][0], f"пункт {row.number}: строк исполнителей ({len(groups)}) не столько, "
                                           f"сколько сроков ({n}) — исполнители объединены")
        groups = [" ".join(groups)]
    out = []
    for k in range(n):
        d_index = max(0, k - (n - len(dl))) if len(subs) >= len(dl) else k
        d = dl[min(d_index, len(dl) - 1)]
        entry: dict = {}
        if subs:
            entry["action"] = subs[min(k, len(subs) - 1)]
        if d.words:
            entry["words"] = d.words
        if d.printed:
            entry["printed"] = d.printed
        if d.words:
            rule, understood = parse_rule(d.words, RuleContext(action))
            if not understood:
                ctx.editor.append((row.line, f"пункт {row.number}: срок «{d.words[:90]}» не разобран — "
                                             "rule: text, нужна правка редактора"))
        else:
            rule = TEXT
        entry["rule"] = rule
        text = groups[k] if len(groups) == n else groups[d_index] if len(groups) == len(dl) and len(groups) > 1 \
            else groups[0] if groups else ""
        ids = ctx.executors.ids(text) if text else []
        if text and not ids:
            ctx.editor.append((row.line, f"пункт {row.number}: исполнитель «{text[:80]}» не найден в "
                                         "data/registry/executors.yaml — добавьте его"))
        entry["executors"] = FlowList(ids)
        if text and not ctx.executors.plain(text):
            entry["executors_text"] = text
        out.append(entry)
    return out


def convert(source_text: str, executors: list[dict], laws: list[dict], election_id: str = "election",
            timezone: str = DEFAULT_TZ) -> Result:
    result = Result({})
    header, sections = split_rows(source_text.split("\n"), result)
    head = parse_header(header, result)
    ctx = Context(Laws(laws), Executors(executors), result)
    doc: dict = {"id": election_id, "title": head.title, "plan_title": head.plan_title,
                 "timezone": timezone, "voting_days": head.voting_days, "approved": head.approved,
                 "decision": head.decision, "sections": []}
    lines: dict[int, int] = {}
    for section in sections:
        items = []
        groups: list[list[Row]] = []
        for row in section.rows:
            if row.sub is not None and groups and groups[-1][0].number == row.number:
                groups[-1].append(row)
            else:
                if row.sub is not None:
                    result.problem(row.line, f"подпункт {row.number}-{row.sub} без пункта {row.number}")
                groups.append([row])
        for group in groups:
            lines[group[0].number] = group[0].line
            items.append(build_item(group, ctx))
        doc["sections"].append({"number": section.number, "title": section.title, "items": items})
    seen: set[int] = set()
    for section in doc["sections"]:
        for item in section["items"]:
            if item["number"] in seen:
                result.problem(lines[item["number"]], f"пункт {item['number']} повторяется")
            seen.add(item["number"])
    voting_days(doc)
    anchor_dates(doc)
    doc["voting_days"] = FlowList(doc["voting_days"])
    for section in doc["sections"]:
        for item in section["items"]:
            for d in item["deadlines"]:
                if isinstance(d["rule"], dict):
                    d["rule"] = {k: FlowDict(v) for k, v in d["rule"].items()}
    check_rules(doc, lines, ctx.editor)
    for lineno, message in dict.fromkeys(ctx.editor):   # a deadline shared by sub-actions is listed once
        result.problem(lineno, "нужен редактор: " + message)
    result.doc = doc
    return result
