"""Draft an election calendar plan (``data/elections/<id>/election.yaml``) from its plain-text export.

Usage::

    python -m ikko.importers.calendar_text SOURCE.txt OUT.yaml [--id zs-2026] [--timezone …] [--data data]

The export (``sources/004_…txt``) is the plan's table flattened to
lines. A line led by a tab starts a cell; the lines after it without a tab
go on in the same cell. A row is ``→N.`` (number cell) then the action cell
(with the legal basis in parentheses), the deadline cell (the rule in words,
then the computed date as printed) and the executors cell. ``→N-K.`` rows
are sub-rows of item N (the agitation period of 004): they become
deadlines of N with their own ``action``. ``→IV. TITLE`` starts a section.

What becomes what:

* header: ``УТВЕРЖДЕН постановлением … от … № …`` -> ``approved``;
  ``КАЛЕНДАРНЫЙ ПЛАН`` and the lines after it -> ``plan_title`` and ``title``;
  ``Дата официального опубликования постановления <body> от … № … «<title>» –
  <date>`` + the periodical -> ``decision``; ``День голосования – …`` (and the
  dates of the item "Проведение голосования", when voting lasts several days)
  -> ``voting_days``;
* action cell: the text without the basis parentheses; "- " list lines, the
  lines after a ":" and separate paragraphs are sub-actions, which the
  deadlines of the row are given to (the last sub-action gets the last
  deadline: a deadline printed once may serve the first sub-actions);
* basis: each reference of a parenthesis that starts like one ("п. 2 ст. 6
  ЗКО", "п.п. 2, 3 ст. 10 ЗКО", "пп. 1 п. 18 ст. 41 ЗКО", "ст. 49 ЗКО",
  "Закон … № 93-ОЗ …") with ``law`` (by the number printed in it, or by a
  short name defined by "(далее – X)" earlier in the document, or by the
  ``short_names`` of ``data/laws``), ``article``, ``parts``, ``points``;
* deadline cell: words and printed dates paired; "…, а в исключительных
  случаях …" makes two deadlines; a whole line in parentheses is a ``note``;
* ``rule``: parsed from the words (see ``parse_rule``); words it cannot read
  give ``rule: text`` and the item is listed as needing an editor. Rules are
  recomputed and compared with the printed dates; a disagreement is listed;
* executors: names and abbreviations of ``data/registry/executors.yaml``
  -> ids; ``executors_text`` keeps the printed cell when it says more.

Every line that could not be placed and every item needing an editor is
listed on stderr (Russian, with the source line number).
"""
from __future__ import annotations

import argparse
from pathlib import Path

import yaml

from ..common import Result, default_data_dir, registry, run_cli
from ..rule_words import RuleContext, parse_rule
from .assemble import DEFAULT_TZ, convert
from .basis import Laws, parse_basis

__all__ = ["DEFAULT_TZ", "SCHEMA_LINE", "Laws", "Result", "RuleContext", "convert", "load_laws", "main", "parse_basis",
           "parse_rule"]

SCHEMA_LINE = "# yaml-language-server: $schema=../../../schemas/election.schema.json"


def load_laws(data_dir: Path) -> list[dict]:
    out = []
    for path in sorted((data_dir / "laws").glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        out.append({k: raw.get(k) for k in ("id", "number", "date", "short_names")})
    return out


def _convert_cli(text: str, args: argparse.Namespace) -> Result:
    election_id = args.id or (args.out.parent.name if args.out.name == "election.yaml" else args.out.stem)
    return convert(text, registry(args.data / "registry" / "executors.yaml"), load_laws(args.data),
                   election_id, args.timezone)


def _arguments(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("--id", help="идентификатор выборов (по умолчанию имя папки OUT, если файл election.yaml)")
    ap.add_argument("--timezone", default=DEFAULT_TZ, help=f"часовой пояс выборов (по умолчанию {DEFAULT_TZ})")
    ap.add_argument("--data", type=Path, default=default_data_dir(),
                    help="папка data/ с реестром исполнителей и законами (по умолчанию data/ проекта)")


def main(argv: list[str] | None = None) -> int:
    return run_cli("calendar_text", __doc__.split("\n\n")[0], _convert_cli, SCHEMA_LINE, _arguments, argv)

