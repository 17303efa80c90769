"""Every mistake an editor can make stops the build with file, line and field, in Russian.

Each test breaks a copy of the real data in one way and asserts the exact place.
"""
import re
from pathlib import Path

import pytest

from ikko.errors import DataError
from ikko.load import load_corpus

ELECTION = "data/elections/zs-2023/election.yaml"
PLAN = "data/plans/plan-2024.yaml"
LAW = "data/laws/zko-1-oz.yaml"
REPORT = "data/reports/report-2023.yaml"


def break_file(project: Path, rel: str, old: str, new: str, count: int = 1) -> int:
    """Replace the first ``old``; return the 1-based line where it stood."""
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return line


def problems(project: Path) -> list[str]:
    with pytest.raises(DataError) as exc:
        load_corpus(project / "data", project)
    return [str(p) for p in exc.value.problems]


def assert_problem(found: list[str], file: str, line: int, field: str, words: str):
    pattern = re.compile(rf"^{re.escape(file)}:{line}:\d+: \S*{re.escape(field)}: .*{re.escape(words)}")
    assert any(pattern.search(p) for p in found), "\n".join(found)


def test_yaml_syntax(project):
    line = break_file(project, ELECTION, "title: НАЗНАЧЕНИЕ ДАТЫ ВЫБОРОВ", "title: [НАЗНАЧЕНИЕ ДАТЫ ВЫБОРОВ")
    found = problems(project)
    assert any(p.startswith(f"{ELECTION}:") and "(синтаксис)" in p for p in found), found
    assert int(found[0].split(":")[1]) >= line


def test_unknown_field(project):
    line = break_file(project, ELECTION, "      - number: 7\n", "      - number: 7\n        exekutors: [ТИК]\n")
    # at the unknown key's own line, not at the start of its mapping
    assert_problem(problems(project), ELECTION, line + 1, "sections[1].items[3].exekutors", "неизвестное поле «exekutors»")


def test_missing_field(project):
    break_file(project, ELECTION, "timezone: Asia/Novokuznetsk\n", "")
    assert_problem(problems(project), ELECTION, 2, "(документ)", "нет обязательного поля «timezone»")  # the mapping starts after the schema comment


def test_wrong_type(project):
    line = break_file(project, ELECTION, "      - number: 7\n", "      - number: семь\n")
    assert_problem(problems(project), ELECTION, line, "sections[1].items[3].number", "ожидается целое число")


def test_impossible_date(project):
    line = break_file(project, ELECTION, "  date: 2023-06-09", "  date: 2023-02-30")
    assert_problem(problems(project), ELECTION, line, "decision.date", "несуществующая дата «2023-02-30»")


def test_unknown_executor(project):
    text = (project / ELECTION).read_text(encoding="utf-8")
    pos = text.index("executors: [ТИК]", text.index("      - number: 19\n"))
    (project / ELECTION).write_text(text[:pos] + "executors: [ТИКК]" + text[pos + len("executors: [ТИК]"):],
                                    encoding="utf-8")
    line = text[:pos].count("\n") + 1
    assert_problem(problems(project), ELECTION, line, "sections[2].items[10].deadlines[0].executors[0]",
                   "неизвестный исполнитель «ТИКК»")


def test_rule_that_does_not_parse(project):
    line = break_file(project, ELECTION, "not_after: {before: 11, of: voting_day}",
                      "not_after: {befor: 11, of: voting_day}")
    assert_problem(problems(project), ELECTION, line, ".rule.not_after.befor", "неизвестное поле «befor»")


def test_rule_with_unknown_anchor(project):
    line = break_file(project, ELECTION, "not_after: {before: 11, of: voting_day}",
                      "not_after: {before: 11, of: election_day}")
    assert_problem(problems(project), ELECTION, line, ".rule.not_after.of", "недопустимое значение 'election_day'")


def test_duplicate_item_number(project):
    line = break_file(project, ELECTION, "      - number: 8\n", "      - number: 7\n")
    assert_problem(problems(project), ELECTION, line, "sections[1].items[4].number", "пункт 7 уже есть")


def test_reference_to_missing_article(project):
    line = break_file(project, ELECTION, 'article: "10"\n            parts: ["6"]', 'article: "99"\n            parts: ["6"]')
    assert_problem(problems(project), ELECTION, line, ".article", "нет статьи 99")


def test_reference_to_missing_part(project):
    line = break_file(project, ELECTION, 'article: "10"\n            parts: ["6"]', 'article: "10"\n            parts: ["60"]')
    assert_problem(problems(project), ELECTION, line + 1, ".parts[0]", "нет пункта 60")


def test_duplicate_law_anchor(project):
    line = break_file(project, LAW, "      - number: '2'\n        text: При проведении соответствующих референдумов",
                      "      - number: '1'\n        text: При проведении соответствующих референдумов")
    assert_problem(problems(project), LAW, line, "text.chapters[1].articles[0].parts[1]", "якорь «st-3-p-1» повторяется")


def test_amendment_note_naming_unknown_law(project):
    line = break_file(project, LAW, "laws: [zko-133-oz]", "laws: [zko-1330-oz]")
    assert_problem(problems(project), LAW, line, ".laws[0]", "закон «zko-1330-oz» не описан")


def test_amendment_note_of_unknown_kind(project):
    line = break_file(project, LAW, "kind: edited", "kind: changed")
    assert_problem(problems(project), LAW, line, ".kind", "недопустимое значение 'changed'")


def test_unknown_person_in_plan(project):
    line = break_file(project, PLAN, "Герасимова М.Н.", "Герасимов М.Н.")
    assert_problem(problems(project), PLAN, line, ".responsible", "неизвестный ответственный «Герасимов М.Н.»")


def test_unknown_month_in_plan(project):
    line = break_file(project, PLAN, "period: апрель – декабрь", "period: апрел – декабрь")
    assert_problem(problems(project), PLAN, line, ".period", "неизвестный месяц «апрел»")


def test_duplicate_plan_item(project):
    line = break_file(project, PLAN, 'number: "2.5"', 'number: "2.4"')
    assert_problem(problems(project), PLAN, line, ".number", "пункт 2.4 уже есть")


def test_figure_that_is_not_a_number(project):
    line = break_file(project, REPORT, "value: 47", "value: сорок семь")
    assert_problem(problems(project), REPORT, line, ".value", "ожидается число")


def test_figure_not_in_its_quote(project):
    line = break_file(project, REPORT, "value: 47", "value: 48")
    assert_problem(problems(project), REPORT, line, ".value", "число 48 не встречается в цитате")


def test_every_problem_is_listed_at_once(project):
    break_file(project, ELECTION, "      - number: 8\n", "      - number: 7\n")
    break_file(project, PLAN, "Герасимова М.Н.", "Герасимов М.Н.")
    found = problems(project)
    assert any(p.startswith(ELECTION) for p in found) and any(p.startswith(PLAN) for p in found)


def test_failed_build_leaves_site_and_calendars_untouched(project):
    from ikko.build import build_all
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("old site")
    (project / "calendars" / "old.ics").write_text("old feed")
    break_file(project, ELECTION, "      - number: 8\n", "      - number: 7\n")
    with pytest.raises(DataError):
        build_all(project, log=lambda *_: None)
    assert (project / "site" / "index.html").read_text() == "old site"
    assert (project / "calendars" / "old.ics").read_text() == "old feed"
    assert sorted(p.name for p in project.iterdir()) == ["calendars", "data", "docs", "macros", "mkdocs.yml",
                                                        "overrides", "site"]   # no half-written folder beside them


def test_check_command_prints_locations_and_summary(project, capsys):
    from ikko.__main__ import main
    break_file(project, ELECTION, "      - number: 8\n", "      - number: 7\n")
    assert main(["--root", str(project), "check"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert any(line.startswith(f"{ELECTION}:") for line in out)
    assert out[-1].startswith("Ошибок: 1.")


def test_uid_collision_across_feeds_is_reported():
    from datetime import date

    from ikko.pipeline import check_uids
    from ikko.feeds import Feed, FeedEvent
    one = FeedEvent("zs-2023-p1-1@ikko-kuzbass", "1. Одно", "", date(2023, 6, 9), None, "u", date(2023, 6, 13))
    other = FeedEvent("zs-2023-p1-1@ikko-kuzbass", "2. Другое", "", date(2023, 6, 14), None, "u", date(2023, 6, 13))
    feeds = [Feed("a/all.ics", "a", "", "Asia/Novokuznetsk", [one]), Feed("b/all.ics", "b", "", "Asia/Novokuznetsk", [other])]
    assert check_uids(feeds) == ["b/all.ics: UID zs-2023-p1-1@ikko-kuzbass уже занят другим событием"]
    assert check_uids([feeds[0], Feed("a/tik.ics", "t", "", "Asia/Novokuznetsk", [one])]) == []
