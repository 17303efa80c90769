"""Load and validate everything under data/: the one place where files become domain objects.

All problems are collected (not just the first) with file, line, column and
field, then loading fails with all of them. Nothing is written anywhere.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from . import amendments, anchors, derive, history
from .deadlines import ElectionDates, RuleError, describe, parse_date, parse_rule, printed_days
from .errors import Problems
from .model import (Abbreviation, Article, Basis, Breakdown, CalendarItem, CalendarSection, Chapter,
                    Deadline, Decision, Election, Executor, Figure, Law, Note, Part, Pending, PlanItem,
                    PlanSection, Point, Report, ReportSection, Resolution, Responsible, ResponsibleKind, WorkPlan)
from .numwords import values_in
from .periods import MONTH_NUMBER, PeriodError, parse_period
from .rules import printed_agrees
from .schema import schema_errors, values_errors
from .yamldoc import Doc, Place, field_name, load_doc


@dataclass
class Corpus:
    """Everything the site and the feeds are made of, validated and cross-linked."""

    root: Path
    executors: dict[str, Executor] = field(default_factory=dict)
    abbreviations: list[Abbreviation] = field(default_factory=list)
    responsible: dict[str, Responsible] = field(default_factory=dict)
    laws: dict[str, Law] = field(default_factory=dict)
    elections: dict[str, Election] = field(default_factory=dict)
    plans: dict[str, WorkPlan] = field(default_factory=dict)
    reports: dict[str, Report] = field(default_factory=dict)
    # (law id, article number) -> calendar items citing it, for backlinks
    citations: dict[tuple[str, str], list[tuple[Election, CalendarItem]]] = field(
        default_factory=lambda: defaultdict(list))
    warnings: list = field(default_factory=list)
    # files that failed to load, by the id others refer to them by (a law's id, a registry's kind …),
    # and how many references to each were not checked because of that
    broken: dict[str, Path] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def is_broken(self, ref: str) -> bool:
        """True (and counted) when ``ref`` names a file that did not load: its error is already reported."""
        if ref in self.broken:
            self.skipped[ref] += 1
            return True
        return False

    def glossary(self) -> list[Abbreviation]:
        """Every abbreviation the site explains: executors' and the others, sorted."""
        terms = {a.abbr: a for a in self.abbreviations}
        for e in self.executors.values():
            if e.abbr:
                terms.setdefault(e.abbr, Abbreviation(e.abbr, e.name))
        return sorted(terms.values(), key=lambda a: a.abbr.lower())

    def law_unit_anchor(self, basis: Basis) -> str | None:
        """Anchor of the most precise unit a reference points to in a law we hold."""
        law = self.laws.get(basis.law or "")
        if not (law and law.has_text and basis.article):
            return None
        art = law.article(basis.article)
        if not art:
            return None
        if basis.parts:
            part = next((p for p in art.parts if p.number == basis.parts[0]), None)
            if part:
                if basis.points:
                    point = next((pt for pt in part.points if pt.number == basis.points[0]), None)
                    if point:
                        return point.anchor
                return part.anchor
        return art.anchor


KINDS = {  # folder pattern -> schema kind
    "registry/executors.yaml": "executors",
    "registry/abbreviations.yaml": "abbreviations",
    "registry/people.yaml": "people",
    "registry/departments.yaml": "departments",
}


def _through_symlink(path: Path, root: Path) -> bool:
    """A link anywhere below data/ could lead outside the repository: such files are never read."""
    rel = path.relative_to(root)
    return any((root / Path(*rel.parts[:i + 1])).is_symlink() for i in range(len(rel.parts)))


def _file_id(path: Path, kind: str) -> str:
    """The name other files use for this one: a registry's kind, a law's or plan's id, an election's folder."""
    if kind in KINDS.values():
        return kind
    return path.parent.name if kind == "election" or kind.endswith("amendments") else path.stem


def _report_skipped(corpus: Corpus, problems: Problems) -> None:
    """One line per broken file instead of a flood of follow-on errors in the files that use it."""
    for ref, count in sorted(corpus.skipped.items()):
        path = corpus.broken[ref]
        first = min((p for p in problems.errors if p.file == problems.rel(path)), default=None)
        where = Place(path, first.line, first.column) if first else Place(path, 1, 1)  # next to the cause
        problems.add(where, "(ссылки)",
                     f"ссылки на «{ref}» из других файлов (всего {count}) не проверены: сначала исправьте ошибки этого файла")


def discover(root: Path) -> list[tuple[Path, str]]:
    found = [(root / rel, kind) for rel, kind in KINDS.items() if (root / rel).exists()]
    found += [(p, "law") for p in sorted((root / "laws").glob("*.yaml"))]
    found += [(p, "law-amendments") for p in sorted((root / "laws").glob("*/amendments.yaml"))]
    found += [(p, "election") for p in sorted((root / "elections").glob("*/election.yaml"))]
    found += [(p, "election-amendments") for p in sorted((root / "elections").glob("*/amendments.yaml"))]
    found += [(p, "plan") for p in sorted((root / "plans").glob("*.yaml"))]
    found += [(p, "plan-amendments") for p in sorted((root / "plans").glob("*/amendments.yaml"))]
    found += [(p, "report") for p in sorted((root / "reports").glob("*.yaml"))]
    return found


def stray_files(root: Path, known: set[Path]) -> list[Path]:
    return [p for p in sorted(root.rglob("*.y*ml")) if p not in known]


def read_checked(path: Path, kind: str, problems: Problems) -> Doc | None:
    """One file parsed and checked against its schema; None (with problems recorded) if it is not usable."""
    doc = load_doc(path, problems)
    if doc is None:
        return None
    errors = schema_errors(kind, doc.data) or values_errors(kind, doc.data)
    for path_, message in errors:
        problems.add(doc.at(*path_), field_name(path_), message)
    return None if errors else doc


def load_corpus(root: Path, project_root: Path | None = None, read=read_checked) -> Corpus:
    """Load ``root`` (the data folder); raise DataError listing every problem.

    ``read`` parses one file (the preview passes a cache that re-reads only changed files)."""
    root = Path(root)
    problems = Problems(project_root or root.parent)
    corpus = Corpus(root)
    docs: dict[str, list[Doc]] = defaultdict(list)
    files = discover(root)
    for path in stray_files(root, {p for p, _ in files}):
        problems.add(Place(path, 1, 1), "(файл)", "файл лежит не на своем месте: данные читаются из registry/, "
                     "laws/, elections/<id>/election.yaml, plans/, reports/")
    for path, kind in files:
        if _through_symlink(path, root):
            problems.add(Place(path, 1, 1), "(файл)", "символическая ссылка не читается (путь проходит через нее): положите в data/ сами файлы")
            continue
        doc = read(path, kind, problems)
        if doc is None:
            # its dependants are skipped, not reported one by one (see note_skipped)
            corpus.broken[_file_id(path, kind)] = path
        else:
            docs[kind].append(doc)
    _load_registries(docs, corpus, problems)
    for doc in docs["law"]:
        _load_law(doc, corpus, problems)
    _check_note_laws(docs["law"], corpus, problems)
    _load_law_amendments(docs["law-amendments"], corpus, problems)
    election_docs = {d.data["id"]: d for d in docs["election"]}
    election_amendments = _amendments_by_target(docs["election-amendments"], set(election_docs), corpus,
                                                problems)
    for doc in docs["election"]:
        _load_election(doc, corpus, problems, election_docs, election_amendments)
    derive.localize_all(corpus.elections)
    plan_amendments = _amendments_by_target(docs["plan-amendments"], {d.data["id"] for d in docs["plan"]}, corpus,
                                            problems)
    for doc in docs["plan"]:
        _load_plan(doc, corpus, problems, plan_amendments)
    for doc in docs["report"]:
        _load_report(doc, corpus, problems)
    _report_skipped(corpus, problems)
    corpus.warnings = problems.warnings
    problems.raise_if_errors()
    return corpus


def _amendments_by_target(amendment_docs: list[Doc], targets: set[str], corpus: Corpus,
                          problems: Problems) -> dict[str, Doc]:
    """Amendments files sit in a folder named after the plan they change."""
    out = {}
    for doc in amendment_docs:
        target = doc.file.parent.name
        if target not in targets and corpus.is_broken(target):
            continue
        if target not in targets:
            problems.add(doc.at(), "(файл)", f"изменения относятся к «{target}», но такого плана нет")
        out[target] = doc
    return out


def _unique(doc: Doc, entries, key: str, problems: Problems, what: str, base=()) -> None:
    seen: dict = {}
    for i, entry in enumerate(entries):
        value = entry.get(key)
        if value is None:
            continue
        if value in seen:
            problems.add(doc.at(*base, i, key), field_name(base + (i, key)),
                         f"{what} «{value}» уже есть (элемент {seen[value] + 1})")
        else:
            seen[value] = i


def _resolution(raw: dict) -> Resolution:
    return Resolution(parse_date(raw["date"]), str(raw["number"]), raw.get("body"), raw.get("title"))


def _date(doc: Doc, problems: Problems, *path) -> date | None:
    value = doc.data
    for p in path:
        value = value[p]
    try:
        return parse_date(value)
    except RuleError as exc:
        problems.add(doc.at(*path), field_name(path), str(exc))
        return None


# --- registries -------------------------------------------------------------------
def _load_registries(docs, corpus: Corpus, problems: Problems) -> None:
    for doc in docs["executors"]:
        _unique(doc, doc.data, "id", problems, "исполнитель")
        _unique(doc, doc.data, "abbr", problems, "сокращение")
        for raw in doc.data:
            corpus.executors[raw["id"]] = Executor(raw["id"], raw["name"], raw.get("abbr"))
    for doc in docs["abbreviations"]:
        _unique(doc, doc.data, "abbr", problems, "сокращение")
        corpus.abbreviations = [Abbreviation(r["abbr"], r["full"]) for r in doc.data]
    names: dict[str, str] = {}
    for kind, registry in ((ResponsibleKind.PERSON, "people"), (ResponsibleKind.DEPARTMENT, "departments")):
        for doc in docs[registry]:
            _unique(doc, doc.data, "id", problems, "идентификатор")
            for i, raw in enumerate(doc.data):
                if raw["id"] in corpus.responsible:
                    problems.add(doc.at(i, "id"), field_name((i, "id")), f"идентификатор «{raw['id']}» уже занят")
                entry = Responsible(raw["id"], raw["name"], kind, tuple(raw.get("aliases", ())), raw.get("position"))
                corpus.responsible[raw["id"]] = entry
                for name in (entry.name, *entry.aliases):
                    if name in names and names[name] != entry.id:
                        problems.add(doc.at(i, "name"), field_name((i, "name")),
                                     f"имя «{name}» уже принадлежит «{names[name]}»")
                    names[name] = entry.id


# --- laws -------------------------------------------------------------------------
def _notes(raw_list) -> list[Note]:
    return [Note(n["kind"], tuple(n.get("laws", ())), n["text"]) for n in raw_list or ()]


def _load_law(doc: Doc, corpus: Corpus, problems: Problems) -> None:
    raw = doc.data
    if raw["id"] != doc.file.stem:
        problems.add(doc.at("id"), "id", f"идентификатор «{raw['id']}» не совпадает с именем файла «{doc.file.stem}»")
    law = Law(raw["id"], raw["kind"], raw.get("title"), raw.get("number"),
              _date(doc, problems, "date") if raw.get("date") else None, tuple(raw.get("short_names", ())))
    text = raw.get("text")
    seen_anchors: dict[str, str] = {}

    def claim(anchor: str, path: tuple) -> str:
        if anchor in seen_anchors:
            problems.add(doc.at(*path), field_name(path),
                         f"якорь «{anchor}» повторяется (уже у {seen_anchors[anchor]}): номера в статье должны быть уникальны")
        seen_anchors[anchor] = field_name(path)
        return anchor

    def parts(raw_parts, base_anchor: str, path: tuple) -> list[Part]:
        out, unnumbered = [], 0
        for i, rp in enumerate(raw_parts):
            if not rp.get("number"):
                unnumbered += 1
            p_anchor = claim(anchors.part(base_anchor, rp.get("number"), unnumbered), path + (i,))
            part = Part(rp.get("number"), rp["text"], p_anchor, _notes(rp.get("notes")), list(rp.get("aliases", ())))
            sub = 0
            for j, rpt in enumerate(rp.get("points", ())):
                if not rpt.get("number"):
                    sub += 1
                pt_anchor = claim(anchors.point(p_anchor, rpt.get("number"), sub), path + (i, "points", j))
                part.points.append(Point(rpt.get("number"), rpt["text"], pt_anchor, _notes(rpt.get("notes")),
                                         list(rpt.get("aliases", ()))))
            out.append(part)
        return out

    if text:
        law.preamble = parts(text.get("preamble", ()), "preambula", ("text", "preamble"))
        for ci, rc in enumerate(text["chapters"]):
            chapter = Chapter(rc["number"], rc["title"], claim(anchors.chapter(rc["number"]), ("text", "chapters", ci)))
            for ai, ra in enumerate(rc["articles"]):
                path = ("text", "chapters", ci, "articles", ai)
                art = Article(ra["number"], ra["title"], claim(anchors.article(ra["number"]), path), chapter,
                              notes=_notes(ra.get("notes")), aliases=list(ra.get("aliases", ())))
                art.parts = parts(ra["parts"], art.anchor, path + ("parts",))
                for pi, rp in enumerate(ra.get("pending", ())):
                    eff = _date(doc, problems, *path, "pending", pi, "effective")
                    art.pending.append(Pending(rp["law"], eff, rp["text"], rp.get("target"), rp.get("part"),
                                               rp.get("change")))
                chapter.articles.append(art)
            law.chapters.append(chapter)
    if law.id in corpus.laws:
        problems.add(doc.at("id"), "id", f"закон «{law.id}» уже описан в другом файле")
    corpus.laws[law.id] = law


def _check_note_laws(law_docs: list[Doc], corpus: Corpus, problems: Problems) -> None:
    """Every law an amendment note names must be in the registry (data/laws/)."""
    for doc in law_docs:
        def walk(node, path):
            if isinstance(node, dict):
                if "laws" in node and "kind" in node:
                    for k, law_id in enumerate(node["laws"]):
                        if law_id not in corpus.laws and not corpus.is_broken(law_id):
                            problems.add(doc.at(*path, "laws", k), field_name(path + ("laws", k)),
                                         f"закон «{law_id}» не описан в data/laws/")
                if "law" in node and "effective" in node and node["law"] not in corpus.laws \
                        and not corpus.is_broken(node["law"]):
                    problems.add(doc.at(*path, "law"), field_name(path + ("law",)),
                                 f"закон «{node['law']}» не описан в data/laws/")
                for k, v in node.items():
                    walk(v, path + (k,))
            elif isinstance(node, list):
                for k, v in enumerate(node):
                    walk(v, path + (k,))
        walk(doc.data.get("text"), ("text",))


def _load_law_amendments(amendment_docs: list[Doc], corpus: Corpus, problems: Problems) -> None:
    """data/laws/<id>/amendments.yaml: the editions of law <id> (ikko.law_editions)."""
    from . import law_editions
    for doc in amendment_docs:
        law = corpus.laws.get(doc.file.parent.name)
        if law is None or not law.has_text:
            problems.add(doc.at(), "(файл)", f"изменения относятся к закону «{doc.file.parent.name}», "
                                             "но его текста нет в data/laws/")
            continue
        law_editions.attach(law, doc, corpus.laws, problems)


# --- elections --------------------------------------------------------------------
def _executor(corpus: Corpus, ref: str) -> Executor | None:
    if ref in corpus.executors:
        return corpus.executors[ref]
    return next((e for e in corpus.executors.values() if e.abbr == ref), None)


def _template_doc(doc: Doc, election_docs: dict[str, Doc], corpus: Corpus, problems: Problems) -> Doc | None:
    """The document whose sections (rules) an election uses: its own, or its template's."""
    raw = doc.data
    if "template" not in raw:
        if "sections" not in raw:
            problems.add(doc.at(), "(документ)", "нужно поле «sections» (пункты плана) или «template» (шаблон)")
            return None
        return doc
    if "sections" in raw:
        problems.add(doc.at("template"), "template", "укажите либо «sections», либо «template», но не оба")
        return None
    template = election_docs.get(raw["template"])
    if template is None and corpus.is_broken(raw["template"]):
        return None
    if template is None or "sections" not in template.data:
        problems.add(doc.at("template"), "template",
                     f"шаблон «{raw['template']}» не найден: это должен быть id выборов с собственными пунктами")
        return None
    return template


def _load_election(doc: Doc, corpus: Corpus, problems: Problems, election_docs: dict[str, Doc],
                   amendment_docs: dict[str, Doc]) -> None:
    raw = doc.data
    rules_doc = _template_doc(doc, election_docs, corpus, problems)
    if rules_doc is None:
        return
    from_template = rules_doc is not doc
    template_approved = rules_doc.data.get("approved", {}).get("date") if from_template else None
    removed = set(raw.get("remove", ()))
    if raw["id"] != doc.file.parent.name:
        problems.add(doc.at("id"), "id", f"идентификатор «{raw['id']}» не совпадает с папкой «{doc.file.parent.name}»")
    try:
        ZoneInfo(raw["timezone"])
    except (ZoneInfoNotFoundError, ValueError):
        problems.add(doc.at("timezone"), "timezone", f"неизвестный часовой пояс «{raw['timezone']}» (пример: Asia/Novokuznetsk)")
        return
    voting = [_date(doc, problems, "voting_days", i) for i in range(len(raw["voting_days"]))]
    decision_day = _date(doc, problems, "decision", "date")
    published = _date(doc, problems, "decision", "published")
    approved_day = _date(doc, problems, "approved", "date") if "approved" in raw else None
    if "approved" not in raw and not raw.get("illustrative"):
        problems.add(doc.at(), "(документ)", "нет обязательного поля «approved» (только примерный план, "
                     "illustrative: true, может его не иметь)")
        return
    if raw.get("illustrative") and "prepared" not in raw:
        problems.add(doc.at("illustrative"), "illustrative", "у примерного плана нужно поле «prepared» — дата "
                     "подготовки примера (ГГГГ-ММ-ДД): это DTSTAMP его календарей")
        return
    if None in voting or not decision_day or not published or ("approved" in raw and not approved_day):
        return
    for i in range(1, len(voting)):
        if (voting[i] - voting[i - 1]).days != 1:
            problems.add(doc.at("voting_days", i), field_name(("voting_days", i)),
                         "дни голосования должны идти подряд")
    _check_election_order(doc, decision_day, approved_day, voting, problems)
    if not decision_day <= published <= voting[0]:
        problems.add(doc.at("decision", "published"), "decision.published",
                     "дата опубликования должна быть не раньше решения и не позже дня голосования")
    template_numbers = {ri["number"] for rs in rules_doc.data["sections"] for ri in rs["items"]}
    for k, number in enumerate(raw.get("remove", ())):
        if number not in template_numbers:
            problems.add(doc.at("remove", k), field_name(("remove", k)), f"в шаблоне нет пункта {number}")

    def new_election() -> Election:
        election = Election(raw["id"], raw["title"], raw["timezone"],
                            ElectionDates(tuple(voting), decision_day, published),
                            Resolution(approved_day, str(raw["approved"]["number"]), raw["approved"].get("body"))
                            if approved_day else None,
                            Decision.from_data(raw["decision"]), raw.get("plan_title"), source=problems.rel(doc.file),
                            template=raw.get("template"), illustrative=bool(raw.get("illustrative")),
                            note=raw.get("note"), removed=sorted(removed), short_title=raw.get("short_title"),
                            prepared=_date(doc, problems, "prepared") if "prepared" in raw else None)
        if template_approved:
            election.rules_approved = parse_date(template_approved)
        return election

    amend_doc = amendment_docs.get(raw["id"])
    resolutions = amendments.resolutions(amend_doc, approved_day, problems) if amend_doc else []
    edition_docs = [rules_doc] + (amendments.editions(rules_doc, amend_doc, problems) if resolutions else [])
    editions = []
    for edition_doc in edition_docs:
        election = new_election()
        _election_sections(election, edition_doc, corpus, problems, removed, from_template, resolutions)
        for number in election.compute():
            problems.add(edition_doc.at("sections"), "sections",
                         f"пункт {number}: сроки пунктов ссылаются друг на друга по кругу")
        _check_item_refs(edition_doc, election, problems)
        _check_windows(edition_doc, election, problems)
        if not from_template:
            _compare_printed(edition_doc, election, problems)
        editions.append(election)
    election = editions[-1]
    election.amendments = resolutions
    election.editions = list(zip([None] + resolutions, editions))
    history.record(election.editions)
    for item in election.items:
        for b in item.basis:
            if b.law and b.article:
                corpus.citations[(b.law, b.article)].append((election, item))
    if election.id in corpus.elections:
        problems.add(doc.at("id"), "id", f"выборы «{election.id}» уже описаны")
    corpus.elections[election.id] = election


MAX_DAYS_TO_VOTING = 100  # 67-ФЗ, ст. 10 п. 7: решение — не ранее чем за 100 дней до дня голосования


def _check_election_order(doc: Doc, decision: date, approved: date | None, voting: list[date],
                          problems: Problems) -> None:
    """Dates that cannot follow each other in a real election are typing mistakes."""
    if voting[0] < decision:
        problems.add(doc.at("voting_days", 0), "voting_days[0]", "день голосования раньше решения о назначении")
    elif (voting[0] - decision).days > MAX_DAYS_TO_VOTING:
        problems.add(doc.at("voting_days", 0), "voting_days[0]",
                     f"день голосования через {(voting[0] - decision).days} дней после решения о назначении: "
                     f"по закону не более {MAX_DAYS_TO_VOTING} (67-ФЗ, ст. 10 п. 7)")
    if approved and approved < decision:
        problems.add(doc.at("approved", "date"), "approved.date", "календарный план утвержден раньше решения о назначении выборов")
    if approved and approved > voting[-1]:
        problems.add(doc.at("approved", "date"), "approved.date", "календарный план утвержден после дня голосования")


def _check_windows(doc: Doc, election: Election, problems: Problems) -> None:
    """A window ("не ранее … и не позднее …") whose end comes before its start cannot be met."""
    for si, section in enumerate(election.sections):
        for ii, item in enumerate(section.items):
            for d in item.deadlines:
                t = d.computed if d.computed is not None else d.timing   # the rule's own count is checked
                if not (t and t.start and t.end):
                    continue
                start = (t.start.day, t.start.time or "00:00")
                end = (t.end.day, t.end.time or "24:00")
                if end < start:
                    path = ("sections", si, "items", ii, "deadlines", d.index - 1, "rule")
                    problems.add(doc.at(*path), field_name(path),
                                 f"пункт {item.number}: срок кончается ({describe(t.end.day)}) раньше, "
                                 f"чем начинается ({describe(t.start.day)})")


def _election_sections(election: Election, item_doc: Doc, corpus: Corpus, problems: Problems,
                       removed: set, from_template: bool, resolutions: list[Resolution]) -> None:
    """Items of one edition. Positions point into the file each value came from (plan, template, amendment)."""
    seen_numbers: dict[int, tuple] = {}
    for si, rs in enumerate(item_doc.data["sections"]):
        section = CalendarSection(rs["number"], rs["title"])
        for ii, ri in enumerate(rs["items"]):
            path = ("sections", si, "items", ii)
            if ri["number"] in removed:
                continue
            if ri["number"] in seen_numbers:
                problems.add(item_doc.at(*path, "number"), field_name(path + ("number",)),
                             f"пункт {ri['number']} уже есть ({field_name(seen_numbers[ri['number']])})")
            seen_numbers[ri["number"]] = path
            item = CalendarItem(ri["number"], ri["action"], section, note=ri.get("note"))
            if amendments.EXCLUDED in ri:
                item.excluded = resolutions[ri[amendments.EXCLUDED]]
            for bi, rb in enumerate(ri.get("basis", ())):
                basis = Basis(rb["text"], rb.get("law"), rb.get("article"), tuple(rb.get("parts", ())),
                              tuple(rb.get("points", ())))
                _check_basis(item_doc, path + ("basis", bi), basis, corpus, problems)
                item.basis.append(basis)
            for di, rd in enumerate(ri["deadlines"]):
                dpath = path + ("deadlines", di)
                executors = []
                for ei, ref in enumerate(rd["executors"]):
                    ex = _executor(corpus, ref)
                    if ex is None and corpus.is_broken("executors"):
                        continue
                    if ex is None:
                        problems.add(item_doc.at(*dpath, "executors", ei), field_name(dpath + ("executors", ei)),
                                     f"неизвестный исполнитель «{ref}»: добавьте его в data/registry/executors.yaml")
                    else:
                        executors.append(ex)
                try:
                    rule = parse_rule(rd["rule"])
                except (RuleError, TypeError) as exc:
                    problems.add(item_doc.at(*dpath, "rule"), field_name(dpath + ("rule",)), str(exc))
                    continue
                # dates printed in a template's own document do not apply to another election
                printed = None if from_template else rd.get("printed")
                item.deadlines.append(Deadline(di + 1, rd.get("words"), rule, tuple(executors), printed,
                                               rd.get("executors_text"), rd.get("action")))
            section.items.append(item)
        election.sections.append(section)


def _check_basis(doc: Doc, path: tuple, basis: Basis, corpus: Corpus, problems: Problems) -> None:
    if not basis.law:
        return
    law = corpus.laws.get(basis.law)
    if law is None and corpus.is_broken(basis.law):
        return
    if law is None:
        problems.add(doc.at(*path, "law"), field_name(path + ("law",)),
                     f"закон «{basis.law}» не описан в data/laws/")
        return
    if not (law.has_text and basis.article):
        return
    art = law.article(basis.article)
    if art is None:
        problems.add(doc.at(*path, "article"), field_name(path + ("article",)),
                     f"в законе {law.number or law.id} нет статьи {basis.article}")
        return
    numbers = {p.number for p in art.parts}
    for k, number in enumerate(basis.parts):
        if number not in numbers:
            problems.add(doc.at(*path, "parts", k), field_name(path + ("parts", k)),
                         f"в статье {art.number} закона {law.number or law.id} нет пункта {number}")


def _check_item_refs(doc: Doc, election: Election, problems: Problems) -> None:
    numbers = {i.number for i in election.items}
    for si, section in enumerate(election.sections):
        for ii, item in enumerate(section.items):
            for d in item.deadlines:
                for n in d.rule.items():
                    if n not in numbers:
                        path = ("sections", si, "items", ii, "deadlines", d.index - 1, "rule")
                        problems.add(doc.at(*path), field_name(path), f"пункта {n}, от которого считается срок, нет в плане")


def _compare_printed(doc: Doc, election: Election, problems: Problems) -> None:
    """The published dates must agree with the rules; disagreements are listed, not fixed."""
    for si, section in enumerate(election.sections):
        for ii, item in enumerate(section.items):
            for d in item.deadlines:
                printed = printed_days(d.printed)
                computed = d.computed.days if d.computed else []
                if printed_agrees(printed, computed):
                    continue
                path = ("sections", si, "items", ii, "deadlines", d.index - 1, "printed")
                problems.warn(doc.at(*path), field_name(path),
                              f"пункт {item.number}: в документе {', '.join(map(describe, printed))}, "
                              f"по правилу «{d.words}» — {', '.join(map(describe, computed))}; "
                              + ("дата документа невозможна (раньше решения о назначении выборов), действует расчет"
                                 if d.printed_impossible else "действует дата документа, расчет показан рядом"))


# --- work plans -------------------------------------------------------------------
def _split_responsible(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"[,;]", text) if p.strip()]


def _load_plan(doc: Doc, corpus: Corpus, problems: Problems, amendment_docs: dict[str, Doc]) -> None:
    raw = doc.data
    if raw["id"] != doc.file.stem:
        problems.add(doc.at("id"), "id", f"идентификатор «{raw['id']}» не совпадает с именем файла «{doc.file.stem}»")
    approved_day = _date(doc, problems, "approved", "date")
    if not approved_day:
        return
    amend_doc = amendment_docs.get(raw["id"])
    resolutions = amendments.resolutions(amend_doc, approved_day, problems) if amend_doc else []
    edition_docs = [doc] + (amendments.editions(doc, amend_doc, problems) if resolutions else [])
    editions = []
    for edition_doc in edition_docs:
        plan = WorkPlan(raw["id"], raw["title"], raw["year"],
                        Resolution(approved_day, str(raw["approved"]["number"]), raw["approved"].get("body")),
                        source=problems.rel(doc.file))
        _plan_sections(plan, edition_doc, corpus, problems, resolutions)
        editions.append(plan)
    plan = editions[-1]
    plan.amendments = resolutions
    plan.editions = list(zip([None] + resolutions, editions))
    history.record(plan.editions)
    if plan.id in corpus.plans:
        problems.add(doc.at("id"), "id", f"план «{plan.id}» уже описан")
    corpus.plans[plan.id] = plan


def _plan_sections(plan: WorkPlan, doc: Doc, corpus: Corpus, problems: Problems,
                   resolutions: list[Resolution]) -> None:
    by_name = {n: r for r in corpus.responsible.values() for n in (r.name, *r.aliases)}
    seen: dict[str, tuple] = {}
    for si, rs in enumerate(doc.data["sections"]):
        section = PlanSection(rs["number"], rs["title"])
        for ii, ri in enumerate(rs["items"]):
            path = ("sections", si, "items", ii)
            number = ri["number"]
            if number in seen:
                problems.add(doc.at(*path, "number"), field_name(path + ("number",)),
                             f"пункт {number} уже есть ({field_name(seen[number])})")
            seen[number] = path
            if not number.startswith(f"{rs['number']}."):
                problems.add(doc.at(*path, "number"), field_name(path + ("number",)),
                             f"пункт {number} стоит в разделе {rs['number']}")
            month = None
            if ri.get("month"):
                month = MONTH_NUMBER.get(ri["month"].strip().lower())
                if month is None:
                    problems.add(doc.at(*path, "month"), field_name(path + ("month",)),
                                 f"неизвестный месяц «{ri['month']}»")
            dates = []
            for k in range(len(ri.get("dates", ()))):
                d = _date(doc, problems, *path, "dates", k)
                if d:
                    if d.year not in (plan.year, plan.year - 1, plan.year + 1):
                        problems.add(doc.at(*path, "dates", k), field_name(path + ("dates", k)),
                                     f"дата {d:%d.%m.%Y} вне года плана {plan.year}")
                    dates.append(d)
            try:
                period = parse_period(ri.get("period"), month, tuple(dates))
            except PeriodError as exc:
                problems.add(doc.at(*path, "period"), field_name(path + ("period",)), str(exc))
                continue
            people = []
            for name in _split_responsible(ri.get("responsible", "")):
                who = by_name.get(name)
                if who is None and (corpus.is_broken("people") or corpus.is_broken("departments")):
                    continue
                if who is None:
                    problems.add(doc.at(*path, "responsible"), field_name(path + ("responsible",)),
                                 f"неизвестный ответственный «{name}»: добавьте его в data/registry/people.yaml "
                                 "или departments.yaml (поле name или aliases)")
                elif who not in people:
                    people.append(who)
            item = PlanItem(number, ri["text"], section, period, people, ri.get("responsible"), month)
            if amendments.EXCLUDED in ri:
                item.excluded = resolutions[ri[amendments.EXCLUDED]]
            section.items.append(item)
        plan.sections.append(section)


# --- reports ------------------------------------------------------------------------
def _digits(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


def _figure(doc: Doc, path: tuple, raw: dict, paragraphs: list[str], problems: Problems, unit=None) -> Figure:
    quote = raw["quote"]
    if not any(quote in p for p in paragraphs):
        problems.add(doc.at(*path, "quote"), field_name(path + ("quote",)),
                     "цитата не найдена в тексте раздела: число должно быть взято из текста")
    elif float(raw["value"]) not in values_in(quote):
        problems.add(doc.at(*path, "value"), field_name(path + ("value",)),
                     f"число {_digits(raw['value'])} не встречается в цитате «{quote}»")
    return Figure(raw.get("id", ""), raw["label"], raw["value"], quote, raw.get("unit", unit), raw.get("note"),
                  raw.get("period"))


def _load_report(doc: Doc, corpus: Corpus, problems: Problems) -> None:
    raw = doc.data
    if raw["id"] != doc.file.stem:
        problems.add(doc.at("id"), "id", f"идентификатор «{raw['id']}» не совпадает с именем файла «{doc.file.stem}»")
    start, end = _date(doc, problems, "period", "start"), _date(doc, problems, "period", "end")
    if not start or not end:
        return
    if end < start:
        problems.add(doc.at("period", "end"), "period.end", "конец периода раньше начала")
    sections = []
    for si, rs in enumerate(raw["sections"]):
        path = ("sections", si)
        paragraphs = rs["paragraphs"]
        _unique(doc, rs.get("figures", ()), "id", problems, "показатель", path + ("figures",))
        figures = [_figure(doc, path + ("figures", k), f, paragraphs, problems)
                   for k, f in enumerate(rs.get("figures", ()))]
        breakdowns = []
        for bi, rb in enumerate(rs.get("breakdowns", ())):
            rows = tuple(_figure(doc, path + ("breakdowns", bi, "rows", k), r, paragraphs, problems, rb.get("unit"))
                         for k, r in enumerate(rb["rows"]))
            breakdowns.append(Breakdown(rb["id"], rb["title"], rows, rb.get("unit"), rb.get("note")))
        sections.append(ReportSection(rs.get("number"), rs.get("title"), paragraphs, figures, breakdowns))
    res = raw.get("resolution")
    report = Report(raw["id"], raw["title"], start, end, sections,
                    _resolution(res) if res else None,
                    list(res.get("paragraphs", ())) if res else [], list(res.get("signatures", ())) if res else [])
    corpus.reports[report.id] = report
