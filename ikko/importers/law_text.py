"""Convert a plain-text export of a consolidated Kemerovo regional law into YAML.

Usage::

    python -m ikko.importers.law_text SOURCE.txt OUT.yaml [--laws-dir data/laws]

The export (e.g. ``sources/003_…txt``) has no title block: the law's
metadata comes from ``--id/--number/--date/--title/--short-name`` or, for a
law listed in ``KNOWN_LAWS``, from its id (``--id``, else the law known for
the source file name in ``KNOWN_SOURCES``, else the stem of OUT.yaml).

What the converter recognises, line by line:

* ``Глава I. TITLE`` (a title broken over several lines is joined with a space);
* ``Статья 8. Title``;
* parts ``1. …``, ``11-1. …``, ``5 - 6. Утратили силу…``;
* points ``1) …``, ``4-1) …``, ``а) …``;
* unnumbered paragraphs: a part with ``number: null`` when the article has no
  numbered part yet (or the current part is itself unnumbered), otherwise a
  point with ``number: null`` of the current numbered part;
* amendment notes ``(в ред. …)``, ``(… введен …)``, ``(… утратил силу …)``,
  attached to the unit printed right before them (article title, part, point
  or preamble paragraph);
* boxed notes on changes that take effect later (a line that starts with a
  tab), kept as ``pending`` of the article whose text follows the box (every
  box in these exports stands right before the unit it changes; a box printed
  between two articles therefore belongs to the next one);
* export artefacts dropped: ``[bookmark: …]`` (names become ``aliases`` of
  the unit, except Word's hidden ``_…`` bookmarks), tabs, empty boxes, blank
  lines, repeated spaces.

Law ids: ``zko-<number>-oz`` for regional laws, ``fz-<number>`` for federal
ones. Regional law numbers restart every year, so two different laws named in
one document can share a number (``N 58-ОЗ`` of 06.07.2017 and of 07.06.2022):
the most recent keeps the plain id, each older one gets its year appended
(``zko-58-oz-2017``).

Everything the converter cannot place or parse is reported on stderr as
``law_text: SOURCE:LINE: message``. Output is deterministic.
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/law.schema.json"

# Metadata of laws whose exports lack the title block.
KNOWN_LAWS = {
    "zko-1-oz": {
        "id": "zko-1-oz",
        "kind": "regional_law",
        "number": "1-ОЗ",
        "date": dt.date(2013, 2, 7),
        "title": "Об избирательных комиссиях, комиссиях референдума в Кемеровской области – Кузбассе",
        "short_names": ["ЗКО о комиссиях"],
    },
}

# Exports whose law is known by the file name (sources/…).
KNOWN_SOURCES = {"003_f75d93f3ac3fc182": "zko-1-oz"}

BOOKMARK_RE = re.compile(r"\[bookmark:\s*([^\]]*)\]")
CHAPTER_RE = re.compile(r"^Глава\s+([IVXLC]+|\d+)\.\s+(.+)$")
ARTICLE_RE = re.compile(r"^Статья\s+(\d+(?:-\d+)?)\.\s+(.+)$")
_NUM = r"\d+(?:-\d+)?"
PART_RE = re.compile(rf"^({_NUM}(?: - {_NUM})?)\.\s+(.+)$")
POINT_RE = re.compile(rf"^({_NUM}|[а-яё])\)\s+(.+)$")
NOTE_KIND_RE = re.compile(r"в ред\.|введен|веден|утратил")
LAW_REF_RE = re.compile(r"(\d{2})\.(\d{2})\.(\d{4}) N (\d+)-(ОЗ|ФКЗ|ФЗ)\b")
REPEAL_TEXT_RE = re.compile(r"[Уу]тратил[аио]? силу\. - ")

PENDING_CHANGE_RE = re.compile(
    r"^В соответствии с (?P<law>.+?) с (?P<eff>\d{2}\.\d{2}\.\d{4}) в "
    r"(?P<target>(?:абз\. \S+ )?(?:пп\. \S+ )?(?:п\. \S+ )?ст\. \S+) (?P<change>.+?)\.?$"
)
PENDING_REPEAL_RE = re.compile(
    r"^С (?P<eff>\d{2}\.\d{2}\.\d{4}) (?P<target>.+?) (?P<change>утрачива[ею]т силу) \((?P<law>.+)\)\.?$"
)
TARGET_ARTICLE_RE = re.compile(r"^(?:(?P<inner>.+) )?ст\. (?P<art>\S+)$")
TARGET_PART_RE = re.compile(r"(?<!\S)п\. (\S+)")


# --------------------------------------------------------------------------- model
@dataclass
class Unit:
    """A paragraph-level unit: preamble paragraph, part or point."""

    number: str | None
    text: str
    line: int
    aliases: list[str] = field(default_factory=list)
    notes: list[dict] = field(default_factory=list)
    points: list["Unit"] = field(default_factory=list)


@dataclass
class Article:
    number: str
    title: str
    line: int
    notes: list[dict] = field(default_factory=list)
    parts: list[Unit] = field(default_factory=list)
    pending: list[dict] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)


@dataclass
class Chapter:
    number: str
    title: str
    line: int
    articles: list[Article] = field(default_factory=list)


@dataclass
class LawRef:
    kind: str          # regional_law | federal_law | federal_constitutional_law
    number: str        # "58-ОЗ"
    date: dt.date


@dataclass
class Result:
    doc: dict
    laws: dict[str, LawRef]                    # id -> law, in first-mention order
    problems: list[tuple[int, str]]            # (line, message)


# --------------------------------------------------------------------------- helpers
def clean(line: str) -> tuple[str, list[str]]:
    """Drop bookmarks and normalise whitespace; return (text, bookmark names to keep)."""
    names = [n.strip() for n in BOOKMARK_RE.findall(line)]
    text = " ".join(BOOKMARK_RE.sub(" ", line).split())
    return text, [n for n in names if n and not n.startswith("_")]


def is_pending_box(raw: str) -> bool:
    return raw.startswith("\t") and bool(raw.strip())


def law_refs(text: str) -> list[LawRef]:
    out = []
    for d, m, y, num, suffix in LAW_REF_RE.findall(text):
        kind = {"ОЗ": "regional_law", "ФЗ": "federal_law", "ФКЗ": "federal_constitutional_law"}[suffix]
        out.append(LawRef(kind, f"{num}-{suffix}", dt.date(int(y), int(m), int(d))))
    return out


def parse_date(text: str) -> dt.date:
    d, m, y = text.split(".")
    return dt.date(int(y), int(m), int(d))


def note_kind(text: str) -> str | None:
    """First clause decides: "(п. 6-1 введен …; в ред. …)" is "introduced"."""
    m = NOTE_KIND_RE.search(text)
    if not m:
        return None
    word = m.group(0)
    if word == "в ред.":
        return "edited"
    if word == "утратил":
        return "repealed"
    return "introduced"  # "введен", and the misprint "веден" of the source


def is_note(text: str) -> bool:
    return text.startswith("(") and text.endswith(")") and note_kind(text) is not None and bool(law_refs(text))


def number_key(number: str) -> tuple:
    """Sort key of "11-1" / "5 - 6" / "а" for order checks."""
    first = number.split(" - ")[0]
    if first.isalpha():
        return (ord(first),)
    return tuple(int(x) for x in first.split("-"))


def assign_ids(refs: list[LawRef]) -> dict[tuple[str, dt.date], str]:
    """Ids for every (number, date); the latest law with a number keeps the plain id."""
    by_number: dict[tuple[str, str], set[dt.date]] = {}
    for r in refs:
        by_number.setdefault((r.kind, r.number), set()).add(r.date)
    ids = {}
    for (kind, number), dates in by_number.items():
        num, suffix = number.split("-")
        base = {"regional_law": f"zko-{num}-oz", "federal_law": f"fz-{num}",
                "federal_constitutional_law": f"fkz-{num}"}[kind]
        latest = max(dates)
        years = [d.year for d in dates]
        for d in dates:
            if d == latest:
                ids[(number, d)] = base
            elif years.count(d.year) == 1:
                ids[(number, d)] = f"{base}-{d.year}"
            else:
                ids[(number, d)] = f"{base}-{d:%Y%m%d}"
    return ids


# --------------------------------------------------------------------------- parser
class Parser:
    def __init__(self, lines: list[str]):
        self.lines = lines
        self.problems: list[tuple[int, str]] = []
        self.preamble: list[Unit] = []
        self.chapters: list[Chapter] = []
        self.article: Article | None = None
        self.part: Unit | None = None
        self.last: Unit | Article | None = None       # where the next note goes
        self.heading_open = False                     # a chapter title may go on
        self.pending_box: list[tuple[int, str]] = []  # boxes waiting for the text they stand before
        self.alias_buffer: list[str] = []
        self.refs: list[LawRef] = []                  # every law named in notes, boxes, repeal texts
        self.pendings: list[tuple[dict, list[LawRef], int]] = []
        self.awaiting: list[tuple[int, dict]] = []     # placed boxes: check the part of the text after them

    def problem(self, line: int, message: str) -> None:
        self.problems.append((line, message))

    # -- units
    def new_part(self, number, text, lineno, aliases) -> Unit:
        unit = Unit(number, text, lineno, aliases)
        if number is not None:
            numbered = [p.number for p in self.article.parts if p.number is not None]
            if numbered and number_key(number) <= number_key(numbered[-1]):
                self.problem(lineno, f"п. {number} follows п. {numbered[-1]} in ст. {self.article.number}")
        self.article.parts.append(unit)
        self.part = unit
        self.last = unit
        self.check_awaiting()
        return unit

    def new_point(self, number, text, lineno, aliases) -> Unit:
        unit = Unit(number, text, lineno, aliases)
        if number is not None:
            numbered = [p.number for p in self.part.points if p.number is not None]
            if numbered and number_key(number) <= number_key(numbered[-1]):
                self.problem(lineno, f"пп. {number} follows пп. {numbered[-1]} in п. {self.part.number}")
        self.part.points.append(unit)
        self.last = unit
        self.check_awaiting()
        return unit

    def flush_boxes(self, article: Article | None) -> None:
        for lineno, text in self.pending_box:
            if article is None:
                self.problem(lineno, f"could not place boxed note (no article): {text[:80]}")
                continue
            entry, refs, art = self.parse_pending(lineno, text)
            if art is not None and art != article.number:
                self.problem(lineno, f"boxed note names ст. {art} but stands in ст. {article.number}")
            article.pending.append(entry)
            self.pendings.append((entry, refs, lineno))
            self.awaiting.append((lineno, entry))
        self.pending_box = []

    def check_awaiting(self) -> None:
        """A box stands right before the text it changes: compare the part it names."""
        for lineno, entry in self.awaiting:
            if entry["part"] is not None and self.part is not None and entry["part"] != self.part.number:
                self.problem(lineno, f"boxed note names п. {entry['part']} but stands before п. {self.part.number} "
                                     f"of ст. {self.article.number} (kept as published)")
        self.awaiting = []

    def parse_pending(self, lineno: int, text: str) -> tuple[dict, list[LawRef], str | None]:
        entry: dict = {"law": None, "effective": None, "target": None, "part": None, "change": None, "text": text}
        art = None
        m = PENDING_CHANGE_RE.match(text) or PENDING_REPEAL_RE.match(text)
        refs = law_refs(m.group("law")) if m else law_refs(text)
        if not m:
            self.problem(lineno, f"could not parse boxed note: {text[:80]}")
        else:
            entry["effective"] = parse_date(m.group("eff"))
            target = m.group("target")
            t = TARGET_ARTICLE_RE.match(target)
            if t:
                art = t.group("art")
                target = t.group("inner") or target   # "ст. 9" (a whole article) stays as it is
            entry["target"] = target
            p = TARGET_PART_RE.search(target)
            entry["part"] = p.group(1) if p else None
            entry["change"] = m.group("change")
        if len(refs) != 1:
            self.problem(lineno, f"boxed note names {len(refs)} laws, expected 1: {text[:80]}")
        self.refs += refs
        return entry, refs, art

    # -- main loop
    def run(self) -> None:
        for lineno, raw in enumerate(self.lines, 1):
            if is_pending_box(raw):
                self.pending_box.append((lineno, " ".join(raw.split())))
                self.heading_open = False
                continue
            text, aliases = clean(raw)
            if not text:
                self.alias_buffer += aliases
                self.heading_open = False
                continue
            aliases, self.alias_buffer = self.alias_buffer + aliases, []
            self.line(lineno, text, aliases)
        if self.pending_box:
            self.flush_boxes(self.article)
        if self.alias_buffer:
            self.problem(len(self.lines), f"bookmarks with no text after them: {self.alias_buffer}")

    def line(self, lineno: int, text: str, aliases: list[str]) -> None:
        if self.heading_open and not is_note(text) and not ARTICLE_RE.match(text):
            self.chapters[-1].title += " " + text
            return
        self.heading_open = False

        m = CHAPTER_RE.match(text)
        if m:
            if self.pending_box:
                self.problem(self.pending_box[0][0], "boxed note stands before a chapter heading")
                self.flush_boxes(self.article)
            self.chapters.append(Chapter(m.group(1), m.group(2), lineno))
            self.article, self.part, self.last = None, None, None
            self.heading_open = True
            if aliases:
                self.problem(lineno, f"bookmarks on a chapter heading dropped: {aliases}")
            return

        m = ARTICLE_RE.match(text)
        if m:
            if not self.chapters:
                self.problem(lineno, "article before any chapter; a chapter with no number is not made")
                return
            article = Article(m.group(1), m.group(2), lineno, aliases=list(aliases))
            self.chapters[-1].articles.append(article)
            self.article, self.part, self.last = article, None, article
            self.flush_boxes(article)
            return

        if self.pending_box:
            self.flush_boxes(self.article)

        if is_note(text):
            refs = law_refs(text)
            note = {"kind": note_kind(text), "laws": refs, "text": text}
            if self.last is None:
                self.problem(lineno, f"could not place note (nothing before it): {text[:80]}")
                return
            self.last.notes.append(note)
            self.refs += refs
            if aliases:
                self.problem(lineno, f"bookmark on a note dropped: {aliases}")
            return
        if text.startswith("(") and text.endswith(")"):
            self.problem(lineno, f"parenthesised line not recognised as a note, kept as text: {text[:80]}")

        if REPEAL_TEXT_RE.search(text):
            self.refs += law_refs(text)

        if self.article is None:
            if self.chapters:
                self.problem(lineno, f"could not place text between a chapter heading and its first article: {text[:80]}")
                return
            unit = Unit(None, text, lineno, aliases)
            self.preamble.append(unit)
            self.last = unit
            return

        m = PART_RE.match(text)
        if m:
            self.new_part(m.group(1), m.group(2), lineno, aliases)
            return
        m = POINT_RE.match(text)
        if m:
            if self.part is None:
                self.problem(lineno, "numbered point with no part before it: put into an unnumbered part")
                self.new_part(None, "", lineno, [])
            self.new_point(m.group(1), m.group(2), lineno, aliases)
            return
        if self.part is not None and self.part.number is not None:
            self.new_point(None, text, lineno, aliases)
        else:
            self.new_part(None, text, lineno, aliases)


# --------------------------------------------------------------------------- output
class _FlowList(list):
    pass


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    _FlowList, lambda d, data: d.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True))


def _notes(notes: list[dict], ids: dict) -> list[dict]:
    return [{"kind": n["kind"], "laws": _FlowList(ids[(r.number, r.date)] for r in n["laws"]), "text": n["text"]}
            for n in notes]


def _unit(unit: Unit, ids: dict, with_number: bool = True) -> dict:
    out: dict = {"number": unit.number} if with_number else {}
    out["text"] = unit.text
    if unit.aliases:
        out["aliases"] = _FlowList(unit.aliases)
    if unit.notes:
        out["notes"] = _notes(unit.notes, ids)
    if unit.points:
        out["points"] = [_unit(p, ids) for p in unit.points]
    return out


def _pending(entry: dict, ids: dict, refs: list[LawRef]) -> dict:
    out = {"law": ids[(refs[0].number, refs[0].date)] if refs else None, "effective": entry["effective"]}
    if entry["target"] is not None:
        out["target"] = entry["target"]
    if entry["part"] is not None:
        out["part"] = entry["part"]
    if entry["change"] is not None:
        out["change"] = entry["change"]
    out["text"] = entry["text"]
    return out


def convert(source_text: str, meta: dict) -> Result:
    lines = source_text.split("\n")
    parser = Parser(lines)
    parser.run()
    ids = assign_ids(parser.refs)
    own = (meta.get("number"), meta.get("date"))
    laws: dict[str, LawRef] = {}
    for r in parser.refs:
        if (r.number, r.date) != own:
            laws.setdefault(ids[(r.number, r.date)], r)

    pending_refs = {id(entry): refs for entry, refs, _ in parser.pendings}
    chapters = []
    for ch in parser.chapters:
        articles = []
        for a in ch.articles:
            art: dict = {"number": a.number, "title": a.title, "notes": _notes(a.notes, ids),
                         "parts": [_unit(p, ids) for p in a.parts]}
            if a.aliases:
                art["aliases"] = a.aliases
            if a.pending:
                art["pending"] = [_pending(e, ids, pending_refs[id(e)]) for e in a.pending]
            articles.append(art)
        chapters.append({"number": ch.number, "title": ch.title, "articles": articles})

    doc = {
        "id": meta["id"],
        "kind": meta.get("kind", "regional_law"),
        "number": meta.get("number"),
        "date": meta.get("date"),
        "title": meta.get("title"),
        "short_names": _FlowList(meta.get("short_names", [])),
        "text": {"preamble": [_unit(u, ids, with_number=False) for u in parser.preamble], "chapters": chapters},
    }
    return Result(doc, laws, parser.problems)


def dump(doc: dict) -> str:
    body = yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100000,
                     default_flow_style=False)
    return SCHEMA_LINE + "\n" + body


def law_file_text(law_id: str, law: LawRef) -> str:
    return (f"{SCHEMA_LINE}\n"
            f"id: {law_id}\n"
            f"kind: {law.kind}\n"
            f"number: {law.number}\n"
            f"date: {law.date.isoformat()}\n"
            f"title: null\n"
            f"short_names: []\n")


def write_law_files(laws: dict[str, LawRef], folder: Path) -> tuple[list[Path], list[str]]:
    """Create data/laws/<id>.yaml for laws not registered yet; never overwrite.

    Returns (files created, messages about existing files that disagree)."""
    created, messages = [], []
    folder.mkdir(parents=True, exist_ok=True)
    for law_id, law in laws.items():
        path = folder / f"{law_id}.yaml"
        if path.exists():
            old = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            if str(old.get("number")) != law.number or str(old.get("date")) != law.date.isoformat():
                messages.append(f"{path}: exists with number {old.get('number')} date {old.get('date')}, "
                                f"the source names {law.number} of {law.date.isoformat()}")
            continue
        try:
            with path.open("x", encoding="utf-8") as fh:   # "x": never overwrite, even in a race
                fh.write(law_file_text(law_id, law))
            created.append(path)
        except FileExistsError:
            messages.append(f"{path}: appeared while writing; left as it is")
    return created, messages


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m ikko.importers.law_text", description=__doc__.split("\n\n")[0])
    ap.add_argument("source", type=Path, help="plain-text export of the law")
    ap.add_argument("out", type=Path, help="YAML file to write (data/laws/<id>.yaml)")
    ap.add_argument("--id", help="law id (default: known from the source file name, else the stem of OUT)")
    ap.add_argument("--kind", default=None)
    ap.add_argument("--number")
    ap.add_argument("--date", type=dt.date.fromisoformat)
    ap.add_argument("--title")
    ap.add_argument("--short-name", action="append", dest="short_names")
    ap.add_argument("--laws-dir", type=Path,
                    help="also create <id>.yaml here for every other law the notes name (never overwrites)")
    args = ap.parse_args(argv)

    law_id = args.id or KNOWN_SOURCES.get(args.source.stem) or args.out.stem
    meta = dict(KNOWN_LAWS.get(law_id, {"id": law_id}))
    for key in ("kind", "number", "date", "title", "short_names"):
        if getattr(args, key) is not None:
            meta[key] = getattr(args, key)
    if "number" not in meta:
        ap.error(f"unknown law {law_id!r}: give --number, --date and --title (the export has no title block)")

    result = convert(args.source.read_text(encoding="utf-8"), meta)
    for lineno, message in result.problems:
        print(f"law_text: {args.source}:{lineno}: {message}", file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(dump(result.doc), encoding="utf-8")
    if args.laws_dir:
        created, messages = write_law_files(result.laws, args.laws_dir)
        for path in created:
            print(f"law_text: created {path}", file=sys.stderr)
        for message in messages:
            print(f"law_text: {message}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
