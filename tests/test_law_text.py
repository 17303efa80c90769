"""Law No 1-ОЗ "Об избирательных комиссиях, комиссиях референдума …": data vs source.

The data file ``data/laws/zko-1-oz.yaml`` is generated from the plain-text
export ``sources/003_f75d93f3ac3fc182.txt`` by
``python -m ikko.importers.law_text``. These tests read the YAML directly
(``yaml.safe_load``) and compare it with the source text.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
from ikko.sources import LAW_1_OZ, source_path  # noqa: E402
SOURCE = source_path(LAW_1_OZ)
DATA = ROOT / "data" / "laws" / "zko-1-oz.yaml"
LAWS = ROOT / "data" / "laws"

BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
LAW_REF = re.compile(r"(\d{2})\.(\d{2})\.(\d{4}) N (\d+-(?:ОЗ|ФЗ|ФКЗ))\b")
ARTICLE_HEADING = re.compile(r"^Статья (\S+)\. ")


@pytest.fixture(scope="module")
def source_lines() -> list[str]:
    return SOURCE.read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="module")
def doc() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def norm(text: str) -> str:
    """Drop export artefacts (bookmarks, tabs) and collapse whitespace."""
    return " ".join(BOOKMARK.sub(" ", text).split())


def is_box(raw: str) -> bool:
    """A boxed note on a pending change: the export indents it with a tab."""
    return raw.startswith("\t") and bool(raw.strip())


def source_streams(lines: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Words of the law text without the boxes, and the boxes as (article, text) in order.

    A box belongs to the article of the text printed after it (the boxes stand
    right before the unit they change; the one on ст. 9 stands before its heading).
    """
    words: list[str] = []
    boxes: list[tuple[str, str]] = []
    article, waiting = None, []
    for raw in lines:
        text = norm(raw)
        if not text:
            continue
        if is_box(raw):
            waiting.append(text)
            continue
        m = ARTICLE_HEADING.match(text)
        if m:
            article = m.group(1)
        boxes += [(article, t) for t in waiting]
        waiting = []
        words += text.split()
    boxes += [(article, t) for t in waiting]
    return words, boxes


def walk_units(doc: dict):
    """Yield (kind, unit) for every unit of the data in document order."""
    for unit in doc["text"]["preamble"]:
        yield "preamble", unit
    for chapter in doc["text"]["chapters"]:
        yield "chapter", chapter
        for article in chapter["articles"]:
            yield "article", article
            for part in article["parts"]:
                yield "part", part
                for point in part.get("points", []):
                    yield "point", point


def data_streams(doc: dict) -> tuple[list[str], list[tuple[str, str]]]:
    words: list[str] = []
    boxes: list[tuple[str, str]] = []
    article_number = None
    for kind, unit in walk_units(doc):
        if kind == "chapter":
            words += f"Глава {unit['number']}. {unit['title']}".split()
            continue
        if kind == "article":
            article_number = unit["number"]
            words += f"Статья {unit['number']}. {unit['title']}".split()
            boxes += [(article_number, p["text"]) for p in unit.get("pending", [])]
        else:
            if unit.get("number") is not None:
                # "5 - 6." is three words in the source
                words += (unit["number"] + (")" if kind == "point" else ".")).split()
            words += unit["text"].split()
        for note in unit.get("notes", []):
            words += note["text"].split()
    return words, boxes


def first_difference(got: list, want: list) -> int | None:
    for i, (a, b) in enumerate(zip(got, want)):
        if a != b:
            return i
    return None if len(got) == len(want) else min(len(got), len(want))


def show(seq: list, i: int, width: int = 12) -> str:
    return " ".join(str(x) for x in seq[max(0, i - width): i]) + " >>>" + " ".join(
        str(x) for x in seq[i: i + width]) + "<<<"


# ---------------------------------------------------------------------------- (a) completeness
def test_text_complete_and_in_order(doc, source_lines):
    src_words, _ = source_streams(source_lines)
    data_words, _ = data_streams(doc)
    i = first_difference(data_words, src_words)
    assert i is None, (f"data and source differ at word {i} (data {len(data_words)} words, source "
                       f"{len(src_words)}):\n  data:   {show(data_words, i)}\n  source: {show(src_words, i)}")


def test_pending_notes_complete_and_in_place(doc, source_lines):
    _, src_boxes = source_streams(source_lines)
    _, data_boxes = data_streams(doc)
    assert len(src_boxes) == 38
    i = first_difference(data_boxes, src_boxes)
    assert i is None, (f"pending note {i} differs:\n  data:   {data_boxes[i] if i < len(data_boxes) else None}"
                       f"\n  source: {src_boxes[i] if i < len(src_boxes) else None}")


def test_no_artefacts_left(doc):
    for kind, unit in walk_units(doc):
        for key in ("text", "title"):
            value = unit.get(key)
            if value is not None:
                assert "[bookmark" not in value and "\t" not in value and value == norm(value), (kind, value)


# ---------------------------------------------------------------------------- (b) structure
EXPECTED_CHAPTERS = [
    ("I", "ОБЩИЕ ПОЛОЖЕНИЯ", ["1", "2"]),
    ("2", "СИСТЕМА И СТАТУС КОМИССИЙ, СТАТУС ЧЛЕНОВ КОМИССИЙ", ["3", "4", "5", "6"]),
    ("3", "ПОРЯДОК ФОРМИРОВАНИЯ И ПОЛНОМОЧИЯ КОМИССИЙ", ["7", "8", "9", "10", "11", "12"]),
    ("4", "ДЕЯТЕЛЬНОСТЬ ИЗБИРАТЕЛЬНЫХ КОМИССИЙ, КОМИССИЙ РЕФЕРЕНДУМА", ["13", "14", "15", "16"]),
    ("5", "ФИНАНСОВОЕ ОБЕСПЕЧЕНИЕ ДЕЯТЕЛЬНОСТИ ИЗБИРАТЕЛЬНЫХ КОМИССИЙ, КОМИССИЙ РЕФЕРЕНДУМА", ["17", "18", "19"]),
    ("6", "ОБЖАЛОВАНИЕ НАРУШЕНИЙ ИЗБИРАТЕЛЬНЫХ ПРАВ И ПРАВА НА УЧАСТИЕ В РЕФЕРЕНДУМЕ ГРАЖДАН РОССИЙСКОЙ ФЕДЕРАЦИИ",
     ["20", "21"]),
    ("7", "ЗАКЛЮЧИТЕЛЬНЫЕ ПОЛОЖЕНИЯ", ["22"]),
]


def test_metadata(doc):
    assert DATA.read_text(encoding="utf-8").split("\n", 1)[0] == \
        "# yaml-language-server: $schema=../../schemas/law.schema.json"
    assert doc["id"] == "zko-1-oz"
    assert doc["kind"] == "regional_law"
    assert doc["number"] == "1-ОЗ"
    assert str(doc["date"]) == "2013-02-07"
    assert doc["title"] == "Об избирательных комиссиях, комиссиях референдума в Кемеровской области – Кузбассе"
    assert doc["short_names"] == ["ЗКО о комиссиях"]


def test_chapters_and_articles(doc):
    got = [(c["number"], c["title"], [a["number"] for a in c["articles"]]) for c in doc["text"]["chapters"]]
    assert got == EXPECTED_CHAPTERS
    numbers = [a["number"] for c in doc["text"]["chapters"] for a in c["articles"]]
    assert numbers == [str(n) for n in range(1, 23)]


def test_sample_units(doc):
    articles = {a["number"]: a for c in doc["text"]["chapters"] for a in c["articles"]}
    # preamble: one paragraph with its note
    assert [p["notes"][0]["laws"] for p in doc["text"]["preamble"]] == [["zko-80-oz"]]
    # ст. 1, 2: text without numbers -> parts with number null
    assert [p["number"] for p in articles["1"]["parts"]] == [None]
    # ст. 3 п. 1: the list after "…следующие избирательные комиссии, комиссии референдума:"
    part1 = articles["3"]["parts"][0]
    assert part1["number"] == "1" and part1["text"].endswith("комиссии референдума:")
    assert [p["number"] for p in part1["points"]] == [None] * 5
    assert articles["3"]["pending"][0] == {
        "law": "zko-58-oz", "effective": articles["3"]["pending"][0]["effective"], "target": "абз. третий п. 1",
        "part": "1", "change": "утрачивает силу",
        "text": "С 01.01.2023 абз. третий п. 1 утрачивает силу (абз. второй пп. 1 ст. 6 Закона Кемеровской "
                "области - Кузбасса от 07.06.2022 N 58-ОЗ).",
    }
    assert str(articles["3"]["pending"][0]["effective"]) == "2023-01-01"
    # ст. 4 п. 3 carries the bookmark P64 as an alias
    assert articles["4"]["parts"][2]["number"] == "3" and articles["4"]["parts"][2]["aliases"] == ["P64"]
    # ст. 5: parts as printed, including 4-1 … 24
    assert [p["number"] for p in articles["5"]["parts"]] == [
        "1", "2", "3", "4", "4-1", "5", "6", "6-1", "7", "8", "9", "10", "10-1", "11", "12", "13", "14",
        "14-1", "14-2", "15", "16", "17", "18", "18-1", "19", "20", "20-1", "21", "22", "23", "24"]
    assert [p["number"] for p in articles["5"]["parts"][0]["points"]] == [str(n) for n in range(1, 14)]
    # ст. 14 "5 - 6. Утратили силу. - …" keeps its printed number
    assert articles["14"]["parts"][4]["number"] == "5 - 6"
    # the box on ст. 9 as a whole stands before its heading
    assert [(p["target"], p.get("part")) for p in articles["9"]["pending"]] == [("ст. 9", None)]
    assert "pending" not in articles["8"] or all("ст. 9 " not in p["text"] for p in articles["8"]["pending"])


def test_counts(doc):
    kinds = [k for k, _ in walk_units(doc)]
    articles = [a for c in doc["text"]["chapters"] for a in c["articles"]]
    assert kinds.count("chapter") == 7
    assert kinds.count("article") == 22
    assert sum(len(a.get("pending", [])) for a in articles) == 38


# ---------------------------------------------------------------------------- (c) notes of ст. 7
def test_article_7_notes(doc):
    """Read off the source, lines 282-358: every note of ст. 7 and the laws it names."""
    article = next(a for c in doc["text"]["chapters"] for a in c["articles"] if a["number"] == "7")
    got = []
    for kind, unit in [("article", article)] + [(k, u) for p in article["parts"]
                                                  for k, u in [("part", p)] + [("point", q) for q in
                                                                               p.get("points", [])]]:
        for note in unit.get("notes", []):
            got.append((unit.get("number"), note["kind"], note["laws"]))
    assert got == [
        ("1", "edited", ["zko-133-oz", "zko-12-oz"]),     # от 25.11.2019 N 133-ОЗ, от 07.02.2022 N 12-ОЗ
        ("2", "edited", ["zko-133-oz", "zko-12-oz"]),
        ("3", "edited", ["zko-133-oz"]),
        ("3-1", "introduced", ["zko-3-oz"]),              # от 12.01.2021 N 3-ОЗ
        ("4", "edited", ["zko-3-oz"]),
        ("6-1", "introduced", ["zko-106-oz"]),            # от 07.10.2019 N 106-ОЗ
        ("7", "edited", ["zko-80-oz"]),                   # от 13.07.2020 N 80-ОЗ
        ("9", "introduced", ["zko-58-oz-2017"]),          # от 06.07.2017 N 58-ОЗ, not the 2022 law No 58-ОЗ
    ]
    assert [(p["law"], p["target"]) for p in article["pending"]] == [
        ("zko-58-oz", "абз. первом п. 1"), ("zko-58-oz", "абз. втором п. 1"), ("zko-58-oz", "п. 2"),
        ("zko-58-oz", "п. 3"), ("zko-58-oz", "п. 3-1"), ("zko-58-oz", "п. 5"), ("zko-58-oz", "п. 7"),
        ("zko-58-oz", "п. 9"),
    ]


# ---------------------------------------------------------------------------- (d) law registry
def law_index() -> dict[tuple[str, str], list[str]]:
    index: dict[tuple[str, str], list[str]] = {}
    for path in sorted(LAWS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        assert data.get("id") == path.stem, f"{path}: id {data.get('id')!r} differs from the file name"
        index.setdefault((str(data.get("number")), str(data.get("date"))), []).append(path.stem)
    return index


def refs(text: str) -> list[tuple[str, str]]:
    return [(num, f"{y}-{m}-{d}") for d, m, y, num in LAW_REF.findall(text)]


def test_every_referenced_law_has_a_file(doc):
    index = law_index()
    by_id = {ids[0]: key for key, ids in index.items() if len(ids) == 1}
    dupes = {key: ids for key, ids in index.items() if len(ids) > 1 and key != ("None", "None")}
    assert not dupes, f"one law registered under several ids: {dupes}"
    articles = [a for c in doc["text"]["chapters"] for a in c["articles"]]
    notes = [n for _, u in walk_units(doc) for n in u.get("notes", [])]
    checked = 0
    for note in notes:
        assert note["laws"], note["text"]
        assert [by_id.get(i) for i in note["laws"]] == refs(note["text"]), \
            f"ids {note['laws']} do not match the laws the note names: {note['text']}"
        checked += len(note["laws"])
    for article in articles:
        for p in article.get("pending", []):
            assert (LAWS / f"{p['law']}.yaml").is_file(), p["law"]
            assert by_id[p["law"]] in refs(p["text"]), p["text"]
            checked += 1
    # repeal texts printed in place of repealed units ("Утратил силу. - Закон … N 58-ОЗ.")
    for _, unit in walk_units(doc):
        if "утратил" in unit.get("text", "").lower() and "силу. - " in unit.get("text", ""):
            for key in refs(unit["text"]):
                assert key in index, f"no data/laws file for {key} named in: {unit['text']}"
                checked += 1
    # counted with grep in the source: 208 law references in the 168 parenthesised notes,
    # 38 boxes (one law each), 11 in the "утратил(и) силу. - Закон …" texts
    assert checked == 208 + 38 + 11


# ---------------------------------------------------------------------------- (e) reproducible
def test_converter_reproduces_the_data(tmp_path, source_lines):
    out = tmp_path / "zko-1-oz.yaml"
    run = subprocess.run([sys.executable, "-m", "ikko.importers.law_text", str(SOURCE), str(out)],
                         cwd=ROOT, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert "could not" not in run.stderr, run.stderr
    got, want = out.read_text(encoding="utf-8"), DATA.read_text(encoding="utf-8")
    if got != want:
        g, w = got.split("\n"), want.split("\n")
        i = first_difference(g, w)
        pytest.fail(f"converter output differs from {DATA.name} at line {i + 1}:\n  converter: "
                    f"{g[i] if i < len(g) else None}\n  file:      {w[i] if i < len(w) else None}")


def test_converter_details():
    sys.path.insert(0, str(ROOT))
    from ikko.importers import law_text

    # law numbers restart every year: the latest keeps the plain id
    src = "\n".join([
        "Глава 1. ОБЩИЕ",
        "ПОЛОЖЕНИЯ",
        "",
        "[bookmark: P1]Статья 1. Проба",
        "",
        "1. Текст:",
        "(в ред. Закона Кемеровской области от 06.07.2017 N 58-ОЗ)",
        "абзац;",
        "(абзац веден Законом Кемеровской области - Кузбасса от 07.06.2022 N 58-ОЗ)",
        "\t",
        "\tС 01.01.2023 п. 2 ст. 1 утрачивает силу (пп. 1 ст. 6 Закона Кемеровской области - Кузбасса от 07.06.2022 N 58-ОЗ).",
        "\t",
        "[bookmark: P9]2. Еще.",
        "1) один;",
        "(утратил силу. - Закон Кемеровской области от 01.02.2003 N 4-ОЗ)",
    ])
    result = law_text.convert(src, {"id": "zko-x", "number": "9-ОЗ", "date": None})
    chapter = result.doc["text"]["chapters"][0]
    assert chapter["title"] == "ОБЩИЕ ПОЛОЖЕНИЯ"
    part1, part2 = chapter["articles"][0]["parts"]
    assert part1["notes"][0]["laws"] == ["zko-58-oz-2017"]
    assert part1["points"][0]["notes"][0] == {
        "kind": "introduced", "laws": ["zko-58-oz"],
        "text": "(абзац веден Законом Кемеровской области - Кузбасса от 07.06.2022 N 58-ОЗ)"}
    assert part2["aliases"] == ["P9"] and part2["points"][0]["notes"][0]["kind"] == "repealed"
    assert chapter["articles"][0]["pending"][0]["part"] == "2"
    assert sorted(result.laws) == ["zko-4-oz", "zko-58-oz", "zko-58-oz-2017"]
    assert chapter["articles"][0]["aliases"] == ["P1"]      # bookmarks on headings stay reachable
    assert result.problems == []
