"""Importers of work plans and calendar plans: real documents against the curated data, and variants.

* 001 (work plan 2024) and 004 (calendar plan 2023) are imported and compared
  field by field with ``data/plans/plan-2024.yaml`` and
  ``data/elections/zs-2023/election.yaml``. Fields the importer gets right
  everywhere are asserted equal; for the partial ones (rules, executors) the
  agreement is computed, printed (``pytest -s``) and held above the floor
  measured when the importer was written.
* ``tests/fixtures/import/`` holds variants written by hand in the published
  layout (a 2026 work plan with other months and items, a municipal calendar
  plan with one voting day, 20.09.2026): their drafts are asserted value by value.
"""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from ikko.deadlines import ElectionDates, parse_rule as rule_from_data, timing
from ikko.errors import Problems
from ikko.importers import calendar_text, plan_text
from ikko.importers.common import dump
from ikko.rules import printed_agrees, printed_dates
from ikko.schema import schema_errors
from ikko.yamldoc import load_doc

ROOT = Path(__file__).resolve().parents[1]
from ikko.sources import source_text  # noqa: E402
FIXTURES = ROOT / "tests" / "fixtures" / "import"
DATA = ROOT / "data"
EXECUTORS = yaml.safe_load((DATA / "registry" / "executors.yaml").read_text(encoding="utf-8"))


def source(name: str) -> str:
    return source_text(name)  # a missing source is an error, never a skip


def as_data(doc: dict, schema_line: str, tmp_path: Path, name: str) -> dict:
    """The draft as the loader reads it (dates as text, ``on`` a key), via the YAML written."""
    path = tmp_path / name
    path.write_text(dump(doc, schema_line), encoding="utf-8")
    return load_doc(path, Problems(tmp_path)).data


def curated(rel: str) -> dict:
    return load_doc(DATA / rel, Problems(ROOT)).data


def report(title: str, agree: Counter, total: Counter) -> None:
    print(f"\n{title}: " + "; ".join(f"{k} {agree[k]}/{total[k]}" for k in total))


# =========================================================================== 001 -> plan-2024
@pytest.fixture(scope="module")
def plan_2024(tmp_path_factory):
    result = plan_text.convert(source("001_232baa38efc78b8e.txt"), plan_text.registry_names(DATA))
    return result, as_data(result.doc, plan_text.SCHEMA_LINE, tmp_path_factory.mktemp("plan"), "plan-2024.yaml")


def test_plan_001_equals_curated_data(plan_2024):
    result, draft = plan_2024
    expected = curated("plans/plan-2024.yaml")
    for key in ("id", "title", "year", "approved"):
        assert draft[key] == expected[key], key
    assert [(s["number"], s["title"]) for s in draft["sections"]] == \
        [(s["number"], s["title"]) for s in expected["sections"]]
    got = {i["number"]: i for s in draft["sections"] for i in s["items"]}
    want = {i["number"]: i for s in expected["sections"] for i in s["items"]}
    assert list(got) == list(want)
    agree, total = Counter(), Counter()
    for number, item in want.items():
        for field in ("text", "period", "month", "responsible", "dates"):
            total[field] += 1
            agree[field] += got[number].get(field) == item.get(field)
    report("001 vs plan-2024.yaml (118 items)", agree, total)
    # Measured: every field of every item equal (118/118 each).
    assert agree == total
    assert result.problems == []          # every line of 001 placed, every responsible in the registries


def test_plan_draft_passes_the_schema(plan_2024):
    assert schema_errors("plan", plan_2024[1]) == []


# =========================================================================== 004 -> zs-2023
@pytest.fixture(scope="module")
def calendar_2023(tmp_path_factory):
    result = calendar_text.convert(source("004_109e17d32d2b8609.txt"), EXECUTORS, calendar_text.load_laws(DATA),
                                   "zs-2023")
    return result, as_data(result.doc, calendar_text.SCHEMA_LINE, tmp_path_factory.mktemp("cal"), "election.yaml")


def executor_ids(refs) -> list[str]:
    by_abbr = {e["abbr"]: e["id"] for e in EXECUTORS if e.get("abbr")}
    return [by_abbr.get(r, r) for r in refs or ()]


def without_events(rule):
    """A rule's counting and anchors, without the words of its events."""
    if not isinstance(rule, dict):
        return rule
    return {k: {kk: vv for kk, vv in v.items() if kk != "event"} for k, v in rule.items()}


def compare_calendar(draft: dict, expected: dict) -> tuple[Counter, Counter, list[str]]:
    got = {i["number"]: i for s in draft["sections"] for i in s["items"]}
    want = {i["number"]: i for s in expected["sections"] for i in s["items"]}
    agree, total, diffs = Counter(), Counter(), []

    def tally(field, a, b, where):
        total[field] += 1
        if a == b:
            agree[field] += 1
        else:
            diffs.append(f"{where} {field}: draft {a!r} / data {b!r}")

    for number, item in want.items():
        mine = got.get(number, {})
        for field in ("action", "basis", "note"):
            tally(field, mine.get(field), item.get(field), f"item {number}")
        tally("deadline count", len(mine.get("deadlines", ())), len(item["deadlines"]), f"item {number}")
        for k, d in enumerate(item["deadlines"]):
            m = mine["deadlines"][k] if k < len(mine.get("deadlines", ())) else {}
            where = f"item {number}.{k + 1}"
            for field in ("action", "words", "printed", "executors_text"):
                tally(f"deadline {field}", m.get(field), d.get(field), where)
            tally("rule", m.get("rule"), d.get("rule"), where)
            tally("rule without event words", without_events(m.get("rule")), without_events(d.get("rule")), where)
            tally("executors", executor_ids(m.get("executors")), executor_ids(d.get("executors")), where)
    return agree, total, diffs


# Fields equal everywhere in 004 (asserted exactly), and floors of the partial ones (measured).
EXACT_004 = ("action", "basis", "note", "deadline count", "deadline action", "deadline words", "deadline printed")
FLOORS_004 = {"rule": 188, "rule without event words": 194, "executors": 189, "deadline executors_text": 196}


def test_calendar_004_header_and_sections_equal_curated_data(calendar_2023):
    _, draft = calendar_2023
    expected = curated("elections/zs-2023/election.yaml")
    for key in ("id", "title", "plan_title", "timezone", "voting_days", "approved", "decision"):
        assert draft[key] == expected[key], key
    assert [(s["number"], s["title"], [i["number"] for i in s["items"]]) for s in draft["sections"]] == \
        [(s["number"], s["title"], [i["number"] for i in s["items"]]) for s in expected["sections"]]


def test_calendar_004_items_agree_with_curated_data(calendar_2023):
    _, draft = calendar_2023
    agree, total, diffs = compare_calendar(draft, curated("elections/zs-2023/election.yaml"))
    report("004 vs zs-2023/election.yaml (176 items, 202 deadlines)", agree, total)
    print("\n".join(d for d in diffs if not d.split(" ", 2)[2].startswith("rule without")))
    assert total["deadline words"] == 202
    for field in EXACT_004:
        assert agree[field] == total[field], field
    for field, floor in FLOORS_004.items():
        assert agree[field] >= floor, f"{field}: {agree[field]}/{total[field]}, measured {floor}"


def test_calendar_004_lists_what_needs_an_editor(calendar_2023):
    result, _ = calendar_2023
    messages = "\n".join(f"{line}: {m}" for line, m in result.problems)
    # export artefacts after item numbers ("16. Ф") are dropped and named
    assert "220: пункт 16: лишние символы «Ф»" in messages
    # words that give no rule, and rules that disagree with the printed date
    assert "пункт 91: срок «В течение 5 дней до дня голосования, а также в дни голосования» не разобран" in messages
    assert "пункт 2: по правилу «Не позднее чем через 5 дней со дня его принятия» — 14.06.2023, " \
           "в документе 13.06.2022" in messages          # the typo of the source
    assert "пункт 135: ячейка срока пуста" in messages
    assert "не размещена" not in messages                  # every line of 004 has its place


def test_calendar_draft_passes_the_schema(calendar_2023):
    assert schema_errors("election", calendar_2023[1]) == []


# =========================================================================== rule words
CASES = [
    ("Не позднее чем за 60 дней до дня голосования", {"not_after": {"before": 60, "of": "voting_day"}}),
    ("Не позднее чем за 3 дня до дня (первого дня) голосования",
     {"not_after": {"before": 3, "of": "first_voting_day"}}),
    ("Не ранее чем за 10 дней до дня (последнего дня) голосования и не позднее чем за 3 дня до дня (первого "
     "дня) голосования", {"not_before": {"before": 10, "of": "last_voting_day"},
                          "not_after": {"before": 3, "of": "first_voting_day"}}),
    ("Не ранее чем за 45 и не позднее чем за 3 дня до дня (первого дня) голосования",
     {"not_before": {"before": 45, "of": "first_voting_day"}, "not_after": {"before": 3, "of": "first_voting_day"}}),
    ("Не ранее чем за 45 дней до дня голосования и не позднее 24 часов по московскому времени за 3 дня до дня "
     "(первого дня) голосования", {"not_before": {"before": 45, "of": "voting_day"},
                                  "not_after": {"before": 3, "of": "first_voting_day", "time": "24:00",
                                                "tz": "moscow"}}),
    ("Не позднее чем через три дня со дня официального опубликования решения о назначении выборов",
     {"not_after": {"after": 3, "of": "publication"}}),
    ("Не позднее чем через 10 дней после дня голосования", {"not_after": {"after_day": 10, "of": "voting_day"}}),
    ("Не позднее чем в десятидневный срок со дня официального опубликования (публикации) решения о назначении "
     "выборов", {"not_after": {"within": 10, "of": "publication"}}),
    ("В пятидневный срок со дня получения извещения",
     {"not_after": {"within": 5, "of": "event", "event": "со дня получения извещения"}}),
    ("Не позднее 10.00 по местному времени в день, предшествующий дню (первому дню) голосования",
     {"not_after": {"shift": -1, "of": "first_voting_day", "time": "10:00"}}),
    ("В день, предшествующий дню голосования", {"on": {"shift": -1, "of": "first_voting_day"}}),
    ("Не позднее чем за 40 дней до дня голосования до 18.00 по местному времени",
     {"not_after": {"before": 40, "of": "voting_day", "time": "18:00"}}),
    ("Не позднее чем на десятый день после дня официального опубликования (публикации) решения о назначении "
     "выборов", {"not_after": {"nth_day_after": 10, "of": "publication"}}),
    ("Не позднее чем через три месяца со дня официального опубликования общих результатов выборов",
     {"not_after": {"months_after": 3, "of": "event",
                    "event": "со дня официального опубликования общих результатов выборов"}}),
    ("За 50 - 30 дней до дня голосования", {"not_before": {"before": 50, "of": "voting_day"},
                                            "not_after": {"before": 30, "of": "voting_day"}}),
    ("По истечении 60 дней со дня голосования", {"not_before": {"after": 60, "of": "voting_day"}}),
    ("Незамедлительно после определения результатов выборов",
     {"on": {"shift": 0, "of": "event", "event": "после определения результатов выборов"}}),
    ("По мере ввода протоколов в ГАС «Выборы»", "text"),
]


@pytest.mark.parametrize("words, rule", CASES)
def test_rule_from_words(words, rule):
    parsed, understood = calendar_text.parse_rule(words, calendar_text.RuleContext(""))
    assert understood
    assert parsed == rule
    if rule != "text":
        rule_from_data(parsed)             # the deadline engine accepts it


def test_words_that_do_not_parse_are_text_and_flagged():
    for words in ("Не позднее чем за двое суток до заседания комиссии",
                  "В течение 10 дней до дня голосования, но не позднее чем за шесть часов до окончания времени "
                  "голосования"):
        assert calendar_text.parse_rule(words, calendar_text.RuleContext("")) == ("text", False)


@pytest.mark.parametrize("inner, expected", [
    ("п. 2 ст. 6 ЗКО", [{"text": "п. 2 ст. 6 ЗКО", "law": "zko-24-oz", "article": "6", "parts": ["2"]}]),
    ("п.п. 2, 3 ст. 10 ЗКО", [{"text": "п.п. 2, 3 ст. 10 ЗКО", "law": "zko-24-oz", "article": "10",
                               "parts": ["2", "3"]}]),
    ("п. 6 ст. 10 ЗКО о комиссиях", [{"text": "п. 6 ст. 10 ЗКО о комиссиях", "law": "zko-1-oz", "article": "10",
                                      "parts": ["6"]}]),
    ("п. 4 ст. 20, п. 6 ст. 22 ЗКО", [
        {"text": "п. 4 ст. 20", "law": "zko-24-oz", "article": "20", "parts": ["4"]},
        {"text": "п. 6 ст. 22 ЗКО", "law": "zko-24-oz", "article": "22", "parts": ["6"]}]),
    ("пп. 2 п. 18 ст. 41 ЗКО", [{"text": "пп. 2 п. 18 ст. 41 ЗКО", "law": "zko-24-oz", "article": "41",
                                 "parts": ["18"], "points": ["2"]}]),
    ("п.п. 5-14 ст. 26 ЗКО", [{"text": "п.п. 5-14 ст. 26 ЗКО", "law": "zko-24-oz", "article": "26",
                               "parts": [str(n) for n in range(5, 15)]}]),
])
def test_basis_references(inner, expected):
    laws = calendar_text.Laws(calendar_text.load_laws(DATA))
    # Short names as the document defines them ("(далее – ЗКО)") take precedence over data/laws.
    laws.defined["ЗКО"] = "zko-24-oz"
    result = calendar_text.Result({})
    assert calendar_text.parse_basis(inner, laws, result, 1, 1) == expected
    assert result.problems == []


# =========================================================================== variants written by hand
def test_plan_variant_2026():
    result = plan_text.convert((FIXTURES / "plan-2026.txt").read_text(encoding="utf-8"),
                               plan_text.registry_names(DATA))
    doc = result.doc
    assert {k: doc[k] for k in ("id", "title", "year", "approved")} == {
        "id": "plan-2026", "title": "ПЛАН работы Избирательной комиссии Кемеровской области – Кузбасса на 2026 год",
        "year": 2026, "approved": {"body": "Избирательная комиссия Кемеровской области – Кузбасса",
                                   "date": dt.date(2025, 12, 19), "number": "45/321-8"}}
    assert [(s["number"], s["title"]) for s in doc["sections"]] == [
        (1, "Основные направления деятельности"),
        (2, "Вопросы для рассмотрения на заседаниях Избирательной комиссии Кемеровской области – Кузбасса"),
        (3, "Мероприятия по обеспечению функционирования ГАС «Выборы»"),
        (4, "Мероприятия по финансовому обеспечению деятельности Избирательной комиссии Кемеровской области "
            "– Кузбасса")]
    items = {i["number"]: i for s in doc["sections"] for i in s["items"]}
    members = "члены Избирательной комиссии Кемеровской области – Кузбасса"
    expected = {
        "1.1": {"text": "Организация подготовки и проведения выборов депутатов Государственной Думы Федерального "
                        "Собрания Российской Федерации девятого созыва на территории Кемеровской области – Кузбасса."},
        "1.2": {"text": "Контроль за соблюдением избирательных прав граждан Российской Федерации при подготовке и "
                        "проведении выборов в органы местного самоуправления на территории Кемеровской области – "
                        "Кузбасса."},
        "2.1": {"period": "февраль – ноябрь",
                "responsible": f"{members}, аппарат Избирательной комиссии Кемеровской области – Кузбасса"},
        "2.2": {"period": "январь – декабрь (по отдельному плану)",
                "responsible": "Иванов П.С., организационно-методический отдел"},
        "2.3": {"month": "март", "responsible": "Герасимова М.Н., Красников Ю.В."},
        "2.4": {"month": "март", "responsible": "Петрова Е.А."},
        "2.5": {"month": "июнь",
                "responsible": "Герасимова М.Н., юридический отдел, председатели территориальных избирательных "
                               "комиссий"},
        "2.6": {"month": "октябрь", "responsible": members},
        "2.7": {"month": "ноябрь", "text": "О Плане работы Избирательной комиссии Кемеровской области – Кузбасса "
                                          "на 2027 год", "responsible": "Суслова А.А."},
        "3.1": {"period": "весь период", "responsible": "Петрова Е.А., юридический отдел"},
        "3.2": {"period": "март, сентябрь – октябрь", "responsible": "Информационный центр"},
        "3.3": {"period": "ежеквартально", "responsible": "Информационный центр",
                "dates": [dt.date(2026, 1, 1), dt.date(2026, 4, 1), dt.date(2026, 7, 1), dt.date(2026, 10, 1)]},
        "3.4": {"text": "Подготовка документов, связанных с проведением:\nконкурса на замещение вакантных "
                        "должностей;\nаттестации государственных гражданских служащих",
                "period": "по мере необходимости", "responsible": "Кусова Н.П., Лобода С.В."},
        "4.1": {"text": "Составление годовой бюджетной отчетности", "period": "в соответствии с утвержденными сроками",
                "responsible": "Иванова О.В., Нечаева Е.Н."},
        "4.2": {"period": "в соответствии с утвержденными сроками", "responsible": "Суслова А.А."},
    }
    assert list(items) == list(expected)
    for number, fields in expected.items():
        for field, value in fields.items():
            assert items[number].get(field) == value, (number, field)
    assert "month" not in items["2.1"] and "period" not in items["2.3"] and "responsible" not in items["1.1"]
    assert result.problems == [
        (8, "строка заголовка не размещена: «Проект»"),
        (30, "пункт 2.2: ответственный «Иванов П.С.» не найден в реестрах data/registry/people.yaml, "
             "departments.yaml — добавьте его"),
    ]


@pytest.fixture(scope="module")
def calendar_2026():
    return calendar_text.convert((FIXTURES / "calendar-2026.txt").read_text(encoding="utf-8"), EXECUTORS,
                                 calendar_text.load_laws(DATA), "kmo-2026")


def test_calendar_variant_header(calendar_2026):
    doc = calendar_2026.doc
    assert doc["title"] == "Выборы депутатов Совета народных депутатов Кемеровского муниципального округа " \
                           "второго созыва"
    assert doc["voting_days"] == [dt.date(2026, 9, 20)]
    assert doc["approved"] == {"body": "Территориальная избирательная комиссия Кемеровского муниципального округа",
                               "date": dt.date(2026, 6, 24), "number": "12/98-8"}
    assert doc["decision"] == {
        "body": "Совет народных депутатов Кемеровского муниципального округа", "date": dt.date(2026, 6, 18),
        "number": "215", "title": "О назначении выборов депутатов Совета народных депутатов Кемеровского "
                                  "муниципального округа второго созыва",
        "published": dt.date(2026, 6, 20), "publication": "«Заря»"}
    assert [(s["number"], [i["number"] for i in s["items"]]) for s in doc["sections"]] == [
        ("I", [1, 2]), ("II", [3, 4]), ("III", [5, 6, 7, 8]), ("IV", [9, 10, 11, 12]), ("V", [13, 14, 15]),
        ("VI", [16, 17, 18])]


VOTING = {"of": "voting_day"}
PUBLICATION = {"of": "publication"}
# number -> [(sub-action, words start, printed, rule, executor ids)] as written in the fixture
VARIANT_DEADLINES = {
    3: [(None, "Не позднее чем за 40 дней", "Не позднее 10.08.2026", {"not_after": {"before": 40, **VOTING}},
         ["glavy-administratsiy"])],
    4: [(None, "Не позднее чем за 30 дней", "Не позднее 20.08.2026", {"not_after": {"before": 30, **VOTING}},
         ["tik"]),
        (None, "а в исключительных случаях – не позднее чем за три дня", "а в исключительных случаях не позднее "
         "16.09.2026", {"not_after": {"before": 3, **VOTING}}, ["tik"])],
    5: [("ТИК", "Не позднее чем за 60 дней", "Не позднее 21.07.2026", {"not_after": {"before": 60, **VOTING}},
         ["glavy-administratsiy"]),
        ("УИК", "Сразу после сформирования УИК", None,
         {"on": {"shift": 0, "of": "event", "event": "после сформирования УИК"}}, ["glavy-administratsiy"])],
    8: [(None, "Не позднее дня, предшествующего", "Не позднее 19.09.2026", {"not_after": {"shift": -1, **VOTING}},
         ["uik"])],
    9: [(action, "После дня официального опубликования", "С 21.06.2026\nНе позднее 11.07.2026 до 18.00 по местному "
         "времени", {"not_before": {"after_day": 0, **PUBLICATION},
                     "not_after": {"after_day": 20, **PUBLICATION, "time": "18:00"}}, ids)
        for action, ids in (("путем самовыдвижения", ["grazhdane-rf"]),
                            ("избирательным объединением", ["izbiratelnye-obedineniya"]))],
    10: [(None, "Не позднее чем за 45 дней", "Не позднее 05.08.2026 до 18.00 по местному времени",
          {"not_after": {"before": 45, **VOTING, "time": "18:00"}}, ["kandidaty"])],
    12: [(None, "В течение одних суток с момента", None, "text", ["tik"])],
    13: [("Для кандидата, выдвинутого в порядке самовыдвижения", "Со дня представления кандидатом", "19.09.2026",
          {"not_before": {"shift": 0, "of": "event", "event": "со дня представления кандидатом в ТИК заявления о "
                                                              "согласии баллотироваться"},
           "not_after": {"shift": -1, **VOTING, "time": "00:00"}}, ["kandidaty"]),
         ("Для избирательных объединений", "Со дня принятия", "19.09.2026",
          {"not_before": {"shift": 0, "of": "event", "event": "со дня принятия избирательным объединением решения "
                                                              "о выдвижении кандидата"},
           "not_after": {"shift": -1, **VOTING, "time": "00:00"}}, ["izbiratelnye-obedineniya"])],
    14: [(None, "За 28 дней", "С 22.08.2026 до ноля часов по местному времени 19.09.2026",
          {"not_before": {"before": 28, **VOTING}, "not_after": {"shift": -1, **VOTING, "time": "00:00"}},
          ["kandidaty", "izbiratelnye-obedineniya", "organizatsii-teleradioveshchaniya"])],
    15: [(None, "В течение 5 дней до дня голосования, а также", "С 15.09.2026 по 20.09.2026", "text", [])],
    16: [(None, "с 8.00 до 20.00", "с 8.00 до 20.00 по местному времени 20.09.2026",
          {"not_before": {"shift": 0, **VOTING, "time": "08:00"}, "not_after": {"shift": 0, **VOTING, "time": "20:00"}},
          ["izbirateli", "uik"])],
    17: [(None, "Не позднее чем на третий день", "Не позднее 22.09.2026", {"not_after": {"within": 3, **VOTING}},
          ["tik"])],
    18: [(None, "Не позднее чем через один месяц", "Не позднее 20.10.2026",
          {"not_after": {"months_after": 1, **VOTING}}, ["tik"])],
}


def test_calendar_variant_items(calendar_2026):
    items = {i["number"]: i for s in calendar_2026.doc["sections"] for i in s["items"]}
    assert items[5]["action"] == "Представление сведений об избирателях в"
    assert items[9]["action"] == "Выдвижение кандидатов по одномандатным избирательным округам:"
    assert items[7]["action"] == "Передача первого экземпляра списка избирателей в УИК"
    assert items[16]["note"] == "(время начала голосования может быть перенесено на более раннее время, но не " \
                                "более чем на два часа)"
    assert items[6]["basis"] == [
        {"text": "п. 7 ст. 17 ФЗ", "law": "fz-67", "article": "17", "parts": ["7"]},
        {"text": "п. 4 ст. 12 Закона Кемеровской области от 30 мая 2011 года № 54-ОЗ «О выборах в органы местного "
                 "самоуправления в Кемеровской области – Кузбассе» (далее – Закон)",
         "law": "zko-54-oz", "article": "12", "parts": ["4"]}]
    # "Закона", defined in item 6, and a reference without a law that takes the next one's
    assert items[9]["basis"] == [
        {"text": "п. 2 ст. 20", "law": "zko-54-oz", "article": "20", "parts": ["2"]},
        {"text": "п. 1 ст. 21 Закона", "law": "zko-54-oz", "article": "21", "parts": ["1"]}]
    assert items[8]["basis"][0]["parts"] == ["2", "3"]
    for number, deadlines in VARIANT_DEADLINES.items():
        got = items[number]["deadlines"]
        assert len(got) == len(deadlines), number
        for d, (action, words, printed, rule, ids) in zip(got, deadlines):
            assert d.get("action") == action, number
            assert d["words"].startswith(words), number
            assert d.get("printed") == printed, number
            assert d["rule"] == rule, number
            assert d["executors"] == ids, number
    assert items[13]["deadlines"][0]["executors"] == ["kandidaty"]
    assert items[8]["deadlines"][0]["executors_text"] == "Председатели и секретари УИК"
    assert "executors_text" not in items[3]["deadlines"][0]


def test_calendar_variant_rules_give_the_printed_dates(calendar_2026):
    """Every rule the importer read recomputes to the date printed under it (item 1 prints the decision day)."""
    doc = calendar_2026.doc
    dates = ElectionDates(tuple(doc["voting_days"]), doc["decision"]["date"], doc["decision"]["published"])
    checked = 0
    for section in doc["sections"]:
        for item in section["items"]:
            for d in item["deadlines"]:
                printed = printed_dates(d.get("printed"))
                if not printed or d["rule"] == "text" or item["number"] == 1:
                    continue
                days = timing(rule_from_data(d["rule"]), dates).days
                assert days and printed_agrees(printed, days), (item["number"], d["words"], printed, days)
                checked += 1
    assert checked == 17


def test_calendar_variant_problems(calendar_2026):
    assert sorted(calendar_2026.problems) == sorted([
        (11, "строка заголовка не размещена: «Приложение № 1»"),
        (92, "пункт 6: закон № 54-ОЗ не описан в data/laws/ — в черновике law: zko-54-oz, добавьте "
             "data/laws/zko-54-oz.yaml"),
        (98, "пункт 7: лишние символы «С» после номера отброшены"),
        (43, "нужен редактор: пункт 1: исполнитель «Совет народных депутатов Кемеровского муниципального округа» "
             "не найден в data/registry/executors.yaml — добавьте его"),
        (50, "нужен редактор: пункт 2: исполнитель «Совет народных депутатов Кемеровского муниципального округа» "
             "не найден в data/registry/executors.yaml — добавьте его"),
        (180, "нужен редактор: пункт 15: срок «В течение 5 дней до дня голосования, а также в день голосования» "
              "не разобран — rule: text, нужна правка редактора"),
        (43, "нужен редактор: пункт 1: по правилу «Не ранее чем за 100 дней и не позднее чем за 90 дней до дня "
             "голосовани» — 11.06.2026, 21.06.2026, в документе 18.06.2026 — проверьте правило"),
    ])


def test_variant_drafts_pass_the_schema(calendar_2026, tmp_path):
    assert schema_errors("election", as_data(calendar_2026.doc, calendar_text.SCHEMA_LINE, tmp_path, "e.yaml")) == []
    plan = plan_text.convert((FIXTURES / "plan-2026.txt").read_text(encoding="utf-8"), plan_text.registry_names(DATA))
    assert schema_errors("plan", as_data(plan.doc, plan_text.SCHEMA_LINE, tmp_path, "p.yaml")) == []


# =========================================================================== command line
def run(module: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", f"ikko.importers.{module}", *args], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8")


def test_cli_writes_draft_and_lists_unplaced_lines(tmp_path):
    out = tmp_path / "elections" / "kmo-2026" / "election.yaml"
    proc = run("calendar_text", str(FIXTURES / "calendar-2026.txt"), str(out))
    assert proc.returncode == 0, proc.stderr
    assert "calendar-2026.txt:11: строка заголовка не размещена: «Приложение № 1»" in proc.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../schemas/election.schema.json\n")
    assert yaml.safe_load(text)["id"] == "kmo-2026"          # from the folder, as data/elections/<id>/
    out = tmp_path / "plan.yaml"
    proc = run("plan_text", str(FIXTURES / "plan-2026.txt"), str(out), "--id", "plan-2026-draft")
    assert proc.returncode == 0, proc.stderr
    assert "plan-2026.txt:8: строка заголовка не размещена: «Проект»" in proc.stderr
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["id"] == "plan-2026-draft"


@pytest.mark.parametrize("module", ["plan_text", "calendar_text"])
def test_cli_exits_1_when_nothing_could_be_read(tmp_path, module):
    empty = tmp_path / "empty.txt"
    empty.write_text("просто текст\nбез таблицы\n", encoding="utf-8")
    proc = run(module, str(empty), str(tmp_path / "out.yaml"))
    assert proc.returncode == 1
    assert not (tmp_path / "out.yaml").exists()
    assert "не найдено ни одного раздела" in proc.stderr
