"""Turn the boxed notes of a consolidated law ("В соответствии с Законом … с 01.01.2023 в п. 2 ст. 3 слова
"…" будут исключены") into structured change records: ``data/laws/<id>/amendments.yaml``.

Usage::

    python -m ikko.importers.law_amendments data/laws/zko-1-oz.yaml OUT.yaml

The notes come from the ``pending`` entries that ``ikko.importers.law_text``
keeps verbatim. Every note becomes one change with its target (article, part,
point, paragraph), its edits (replace_words, exclude_words, exclude_sentence,
repeal) and the note itself as ``source``. A note the parser cannot read is
written with ``not_applied`` and reported on stderr, so the editor decides
(an ``editorial`` resolution, or leaving it recorded but not applied).
The draft is reviewed by hand; editorial resolutions are never guessed.
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

import yaml

SCHEMA_LINE = "# yaml-language-server: $schema=../../../schemas/law-amendments.schema.json"

ORDINALS = {"перв": 1, "втор": 2, "трет": 3, "четв": 4, "пят": 5, "шест": 6, "седьм": 7, "восьм": 8,
            "девят": 9, "десят": 10}

CHANGE_RE = re.compile(r"^В соответствии с .+? от (?P<ldate>\d{2}\.\d{2}\.\d{4}) N (?P<lnum>\d+)-ОЗ "
                       r"с (?P<eff>\d{2}\.\d{2}\.\d{4}) в (?P<target>.+? ст\. \S+) (?P<ops>.+?)\.?$")
REPEAL_RE = re.compile(r"^С (?P<eff>\d{2}\.\d{2}\.\d{4}) (?P<target>.+?) утрачива[ею]т силу "
                       r"\(.+? от (?P<ldate>\d{2}\.\d{2}\.\d{4}) N (?P<lnum>\d+)-ОЗ\)\.?$")
REPLACE_RE = re.compile(r'(?:слова|цифры) "(?P<old>[^"]*)" будут заменены (?:словами|цифрами) "(?P<new>[^"]*)"')
EXCLUDE_RE = re.compile(r"(?P<what>.+?) будут исключены")
QUOTED_RE = re.compile(r'"([^"]*)"')
SENTENCES = {"первое": 1, "второе": 2, "третье": 3, "четвертое": 4}


def ordinal(word: str) -> int | None:
    return next((n for stem, n in ORDINALS.items() if word.startswith(stem)), None)


def parse_target(text: str) -> dict | None:
    """"абз. третьем пп. 3 п. 10 ст. 8" -> {article: "8", part: "10", point: "3", paragraph: 3}."""
    out: dict = {}
    tokens = text.replace("ст. ", "ст.").replace("пп. ", "пп.").replace("п. ", "п.").replace("абз. ", "абз.").split()
    for tok in tokens:
        key, _, value = tok.partition(".")
        if key == "ст":
            out["article"] = value
        elif key == "п":
            out["part"] = value
        elif key == "пп":
            out["point"] = value
        elif key == "абз" and ordinal(value):
            out["paragraph"] = ordinal(value)
        else:
            return None
    order = ("article", "part", "point", "paragraph")
    return {k: out[k] for k in order if k in out} or None


def parse_edits(ops: str) -> list[dict] | None:
    edits: list[dict] = []
    rest = ops
    for m in REPLACE_RE.finditer(ops):
        edits.append({"op": "replace_words", "words": m.group("old"), "with": m.group("new")})
    rest = REPLACE_RE.sub("", ops)
    for m in EXCLUDE_RE.finditer(rest):
        for quoted in QUOTED_RE.findall(m.group("what")):
            edits.append({"op": "exclude_words", "words": quoted})
        for word, n in SENTENCES.items():
            if f"{word} предложение" in m.group("what"):
                edits.append({"op": "exclude_sentence", "sentence": n})
    leftover = QUOTED_RE.sub("", EXCLUDE_RE.sub("", rest)).strip(" ,.")
    leftover = re.sub(r"^(слова|цифры)\b|,\s*(слова)?", "", leftover).strip(" ,.")
    return edits if edits and not leftover else None


def parse_note(text: str) -> dict:
    """One change record from one boxed note (``not_applied`` when the note cannot be read)."""
    m = REPEAL_RE.match(text)
    if m:
        return {"effective": m.group("eff"), "target": parse_target(m.group("target")), "edits": [{"op": "repeal"}],
                "law": (m.group("ldate"), m.group("lnum"))}
    m = CHANGE_RE.match(text)
    if m:
        return {"effective": m.group("eff"), "target": parse_target(m.group("target")),
                "edits": parse_edits(m.group("ops")), "law": (m.group("ldate"), m.group("lnum"))}
    return {"effective": None, "target": None, "edits": None, "law": None}


def _iso(ddmmyyyy: str) -> str:
    d, m, y = ddmmyyyy.split(".")
    return dt.date(int(y), int(m), int(d)).isoformat()


def draft(law_doc: dict) -> tuple[dict, list[str]]:
    """The amendments document for a law file with ``pending`` notes; and the notes not understood."""
    groups: dict[tuple[str, str], dict] = {}
    problems = []
    for chapter in law_doc["text"]["chapters"]:
        for article in chapter["articles"]:
            for pending in article.get("pending", ()):
                parsed = parse_note(pending["text"])
                key = (pending["law"], pending["effective"].isoformat()
                       if hasattr(pending["effective"], "isoformat") else str(pending["effective"]))
                group = groups.setdefault(key, {"law": key[0], "effective": key[1], "changes": []})
                # a note standing in its article may omit "ст. N"
                target = {"article": article["number"], **(parsed["target"] or {})}
                change: dict = {"target": {k: target[k] for k in ("article", "part", "point", "paragraph") if k in target}}
                if parsed["edits"]:
                    change["edits"] = parsed["edits"]
                else:
                    change["not_applied"] = "Примечание источника не удалось разобрать: требуется решение редактора."
                    problems.append(f"ст. {article['number']}: {pending['text']}")
                change["source"] = pending["text"]
                group["changes"].append(change)
    return {"complete_to": None, "amending_laws": list(groups.values())}, problems


def dump(doc: dict) -> str:
    body = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100000, default_flow_style=None)
    return SCHEMA_LINE + "\n" + body


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m ikko.importers.law_amendments", description=__doc__.split("\n\n")[0])
    ap.add_argument("law", type=Path, help="data/laws/<id>.yaml with pending notes")
    ap.add_argument("out", type=Path, help="amendments file to write (data/laws/<id>/amendments.yaml)")
    args = ap.parse_args(argv)
    doc, problems = draft(yaml.safe_load(args.law.read_text(encoding="utf-8")))
    for message in problems:
        print(f"law_amendments: not understood, kept as not_applied: {message}", file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(dump(doc), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
