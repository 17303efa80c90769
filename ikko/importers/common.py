"""Helpers shared by the importers of plain-text exports (work plans, calendar plans).

Everything here is about the published *style* of the commission's documents,
not about one particular file: whitespace and Word artefacts, Russian dates
("22 декабря 2023 г."), the "УТВЕРЖДЕН постановлением … от … № …" block, the
"(далее – X)" definitions, fuzzy matching of inflected names against the
registries, and writing a YAML draft plus the list of lines left unplaced.
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml

from ..periods import MONTHS

# Word exports: field codes and tabs are artefacts, never wording.
HYPERLINK_RE = re.compile(r'\s*HYPERLINK\s+"[^"]*"\s*')
BOOKMARK_RE = re.compile(r"\[bookmark:[^\]]*\]")
DEFINITION_RE = re.compile(r"\(далее\s*[–—-]\s*([^()]+?)\)")
GENITIVE_MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                   "сентября", "октября", "ноября", "декабря")
RU_DATE_RE = re.compile(r"(\d{1,2})\s+(" + "|".join(GENITIVE_MONTHS) + r")\s+(\d{4})")
NUM_DATE_RE = re.compile(r"\b(\d{2})\.(\d{2})\.(\d{4})\b")

# The approving body is printed in the genitive ("постановлением Избирательной
# комиссии …"); the data keeps it in the nominative. Only the head words change.
_NOMINATIVE = {
    "Избирательной комиссии": "Избирательная комиссия",
    "избирательной комиссии": "избирательная комиссия",
    "Территориальной избирательной комиссии": "Территориальная избирательная комиссия",
    "Законодательного Собрания": "Законодательное Собрание",
    "Совета народных депутатов": "Совет народных депутатов",
    "Губернатора": "Губернатор",
}


def clean(text: str) -> str:
    """Drop export artefacts and collapse whitespace (tabs, repeated and edge spaces)."""
    text = BOOKMARK_RE.sub(" ", HYPERLINK_RE.sub(" ", text))
    return " ".join(text.split())


def ru_date(text: str) -> dt.date | None:
    """First "22 декабря 2023" or "22.12.2023" in ``text``."""
    m = RU_DATE_RE.search(text)
    if m:
        return dt.date(int(m.group(3)), GENITIVE_MONTHS.index(m.group(2)) + 1, int(m.group(1)))
    m = NUM_DATE_RE.search(text)
    if m:
        try:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            return None
    return None


def nominative(body: str) -> str:
    """"Избирательной комиссии Кемеровской области – Кузбасса" -> "Избирательная комиссия …"."""
    for genitive, nom in sorted(_NOMINATIVE.items(), key=lambda kv: -len(kv[0])):
        if body.startswith(genitive):
            return nom + body[len(genitive):]
    return body


APPROVAL_RE = re.compile(
    r"УТВЕРЖДЕН[А-ЯЁ]*\s+(?:постановлением|решением|распоряжением)\s+(?P<body>.+?)\s+"
    r"от\s+(?P<date>\d{1,2}\s+\S+\s+\d{4}|\d{2}\.\d{2}\.\d{4})\s*(?:г\.|года)?\s*№\s*(?P<number>\S+)")


def parse_approval(header: str) -> dict | None:
    """{body, date, number} of the "УТВЕРЖДЕН постановлением … от … № …" block, or None."""
    m = APPROVAL_RE.search(clean(header))
    if not m:
        return None
    day = ru_date(m.group("date"))
    if day is None:
        return None
    return {"body": nominative(m.group("body")), "date": day, "number": m.group("number")}


def definitions(text: str) -> list[tuple[int, str]]:
    """(start, short name) of every "(далее – X)" in ``text``."""
    return [(m.start(), clean(m.group(1))) for m in DEFINITION_RE.finditer(text)]


# --------------------------------------------------------------------------- fuzzy names
def _word_match(a: str, b: str) -> bool:
    """Two forms of one word: "Порядка"/"Порядок", "частей"/"части", "ТИК"/"ТИК".

    The words may differ only in their endings: the common prefix leaves at
    most two letters of the shorter word and three of the longer one, and is
    never shorter than three letters ("Орган" is not "Организации").
    """
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n >= max(3, min(len(a), len(b)) - 2, max(len(a), len(b)) - 3)


WORD_RE = re.compile(r"[А-ЯЁа-яёA-Za-z0-9]+")


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


def starts_with_words(text: str, head: str, count: int | None = None) -> bool:
    """Do the first ``count`` words of ``head`` (all by default) open ``text``, inflection aside?"""
    tw, hw = words(text), words(head)
    if count is not None:
        hw = hw[:count]
    if not hw or len(tw) < len(hw):
        return False
    return all(_word_match(x, y) for x, y in zip(tw, hw))


# --------------------------------------------------------------------------- output
class FlowList(list):
    """A list written inline: ``[2024-01-01, 2024-04-01]``."""


class FlowDict(dict):
    """A small mapping written inline: ``{before: 30, of: voting_day}``."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)     # lists indented under their key, as in data/


def _str(dumper, data: str):
    # Text with kept line breaks (a list inside an item) reads best as a literal block.
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|" if "\n" in data else None)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(
    FlowList, lambda d, data: d.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True))
_Dumper.add_representer(
    FlowDict, lambda d, data: d.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True))


def dump(doc: dict, schema_line: str, comments: list[str] = ()) -> str:
    body = yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100,
                     default_flow_style=False)
    head = [schema_line] + [f"# {c}" for c in comments]
    return "\n".join(head) + "\n" + body


@dataclass
class Result:
    doc: dict
    problems: list[tuple[int, str]] = field(default_factory=list)   # (source line, Russian message)

    def problem(self, line: int, message: str) -> None:
        self.problems.append((line, message))


def run_cli(prog: str, description: str, convert: Callable[[str, argparse.Namespace], Result],
            schema_line: str, add_arguments: Callable[[argparse.ArgumentParser], None] = lambda ap: None,
            argv: list[str] | None = None) -> int:
    """``prog SOURCE.txt OUT.yaml``: write the draft, list unplaced lines on stderr.

    Exit code 0 when a draft was written, 1 when nothing could be read.
    """
    ap = argparse.ArgumentParser(prog=prog, description=description)
    ap.add_argument("source", type=Path, help="текстовая выгрузка документа (.txt)")
    ap.add_argument("out", type=Path, help="куда записать черновик YAML")
    add_arguments(ap)
    args = ap.parse_args(argv)
    try:
        text = args.source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"{prog}: {args.source}: не удалось прочитать файл ({exc})", file=sys.stderr)
        return 1
    result = convert(text, args)
    for line, message in sorted(result.problems, key=lambda p: p[0]):
        print(f"{args.source}:{line}: {message}", file=sys.stderr)
    if not result.doc.get("sections"):
        print(f"{prog}: {args.source}: не найдено ни одного раздела — черновик не записан", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    note = f"Черновик из {args.source.name}: проверьте перед публикацией."
    args.out.write_text(dump(result.doc, schema_line, [note]), encoding="utf-8")
    n_items = sum(len(s.get("items", ())) for s in result.doc["sections"])
    print(f"{prog}: записан {args.out} (разделов: {len(result.doc['sections'])}, пунктов: {n_items}, "
          f"замечаний: {len(result.problems)})", file=sys.stderr)
    return 0


def registry(path: Path) -> list[dict]:
    """Entries of a registry YAML file; [] when it is absent (drafts can be made without it)."""
    if not path.is_file():
        return []
    return yaml.safe_load(path.read_text(encoding="utf-8")) or []


def default_data_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "data"


MONTH_NAMES = MONTHS    # "январь" … "декабрь", as work plans print periods
