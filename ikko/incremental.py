"""Reload only what an edit changed, for the preview: a new corpus that shares unchanged objects.

When the edited files are elections (or their amendments), plans or reports,
and no file was added or removed, ``reload`` runs the loader's own steps for
the affected objects only (an election, the elections that use it as a
template, a plan, a report) and takes every other object from the previous
corpus, in the order a full load gives. Anything else (registries, laws, new
or removed files) returns None: the caller does a full load. The preview's
test compares the result after edits with a full build.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from . import derive, load as L
from .errors import Problems


def _affected(changed: set[str]) -> tuple[set[str], set[str], set[str]] | None:
    elections, plans, reports = set(), set(), set()
    for rel in changed:
        parts = rel.split("/")
        if parts[0] == "elections" and len(parts) == 3 and parts[2] in ("election.yaml", "amendments.yaml"):
            elections.add(parts[1])
        elif parts[0] == "plans" and len(parts) == 2 and parts[1].endswith(".yaml"):
            plans.add(parts[1][: -len(".yaml")])
        elif parts[0] == "plans" and len(parts) == 3 and parts[2] == "amendments.yaml":
            plans.add(parts[1])
        elif parts[0] == "reports" and len(parts) == 2 and parts[1].endswith(".yaml"):
            reports.add(parts[1][: -len(".yaml")])
        else:
            return None
    return elections, plans, reports


def reload(old: L.Corpus, changed: set[str], data_dir: Path, project_root: Path, read) -> L.Corpus | None:
    """The corpus after an edit of ``changed`` (paths relative to data/), or None if a full load is needed.
    Raises DataError for problems in the reloaded objects."""
    affected = _affected(changed)
    files = L.discover(data_dir)
    if affected is None or L.stray_files(data_dir, {p for p, _ in files}):
        return None
    elections, plans, reports = affected
    problems = Problems(project_root)
    docs: dict[str, list] = defaultdict(list)
    for path, kind in files:
        doc = read(path, kind, problems)
        if doc is not None:
            docs[kind].append(doc)
    if problems.errors:
        problems.raise_if_errors()
    election_docs = {d.data["id"]: d for d in docs["election"]}
    plan_ids = [d.data["id"] for d in docs["plan"]]
    if (set(election_docs) != set(old.elections) or set(plan_ids) != set(old.plans)
            or {d.data["id"] for d in docs["report"]} != set(old.reports)):
        return None   # an id changed, or an object failed to load before: the full load says what is wrong
    elections |= {d.data["id"] for d in docs["election"] if d.data.get("template") in elections}

    corpus = L.Corpus(old.root, executors=old.executors, abbreviations=old.abbreviations,
                      responsible=old.responsible, laws=old.laws)
    election_amendments = L._amendments_by_target(docs["election-amendments"], set(election_docs), corpus, problems)
    for doc in docs["election"]:
        eid = doc.data["id"]
        if eid in elections:
            L._load_election(doc, corpus, problems, election_docs, election_amendments)
            continue
        election = old.elections[eid]
        for item in election.items:
            for b in item.basis:
                if b.law and b.article:
                    corpus.citations[(b.law, b.article)].append((election, item))
        corpus.elections[eid] = election
    for eid in elections:     # reloaded derived plans take their own dates into their words, as in a full load
        election = corpus.elections.get(eid)
        template = corpus.elections.get(election.template or "") if election else None
        if template is not None:
            for _, edition in election.editions or [(None, election)]:
                derive.localize(edition, template)
    plan_amendments = L._amendments_by_target(docs["plan-amendments"], set(plan_ids), corpus, problems)
    for doc in docs["plan"]:
        if doc.data["id"] in plans:
            L._load_plan(doc, corpus, problems, plan_amendments)
        else:
            corpus.plans[doc.data["id"]] = old.plans[doc.data["id"]]
    for doc in docs["report"]:
        if doc.data["id"] in reports:
            L._load_report(doc, corpus, problems)
        else:
            corpus.reports[doc.data["id"]] = old.reports[doc.data["id"]]
    reloaded = ({old.elections[e].source for e in elections if e in old.elections}
                | {f"{data_dir.relative_to(project_root).as_posix()}/{rel}" for rel in changed})
    kept = [w for w in old.warnings if w.file not in reloaded]
    corpus.warnings = sorted(set(kept) | set(problems.warnings))
    problems.raise_if_errors()
    return corpus
