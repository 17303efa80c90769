"""One test per class of bad input from issue 14: each stops loading with a Russian message that
names the file, line, column and field of the offending key or value (``file:line:column: field: …``).

Loading runs in-process on a copy of the real data folder (no site build), so these are fast.
"""
from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest

from conftest import ROOT
from ikko.errors import DataError
from ikko.load import load_corpus

ELECTION = "data/elections/zs-2023/election.yaml"
PLAN = "data/plans/plan-2024.yaml"
LAW = "data/laws/zko-1-oz.yaml"
ABBR = "data/registry/abbreviations.yaml"


@pytest.fixture
def root(tmp_path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def edit(root: Path, rel: str, old: str, new: str) -> tuple[int, int]:
    """Replace the first ``old``; return (line, column) where it started."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    at = text.index(old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)


def problems(root: Path) -> list[str]:
    with pytest.raises(DataError) as exc:
        load_corpus(root / "data", root)
    return [str(p) for p in exc.value.problems]


def expect(found: list[str], file: str, line: int, field: str, words: str, column: int | None = None) -> str:
    col = str(column) if column else r"\d+"
    pattern = re.compile(rf"^{re.escape(file)}:{line}:{col}: \S*{re.escape(field)}: .*{re.escape(words)}")
    hits = [p for p in found if pattern.search(p)]
    assert hits, "\n".join(found)
    return hits[0]


# --- security ------------------------------------------------------------------------------
def test_symlink_to_a_file_outside_is_not_followed_nor_printed(root, tmp_path_factory):
    secret = tmp_path_factory.mktemp("outside") / "secret.yaml"
    secret.write_text("id: СЕКРЕТНОЕ-СОДЕРЖИМОЕ\n", encoding="utf-8")
    (root / "data/laws/evil.yaml").symlink_to(secret)
    found = problems(root)
    expect(found, "data/laws/evil.yaml", 1, "(файл)", "символическая ссылка не читается", column=1)
    assert not any("СЕКРЕТНОЕ" in p or "secret" in p for p in found), found


def test_symlinked_folder_is_not_followed(root, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    shutil.copytree(root / "data/elections/zs-2028", outside / "zs-2029")
    (root / "data/elections/zs-2029").symlink_to(outside / "zs-2029", target_is_directory=True)
    expect(problems(root), "data/elections/zs-2029/election.yaml", 1, "(файл)", "символическая ссылка не читается")


def test_alias_bomb_is_refused_quickly(root):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for name, prev in zip("bcdefghij", "abcdefghi"):
        bomb += f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
    (root / ABBR).write_text(bomb, encoding="utf-8")   # 10**10 values once expanded
    started = time.perf_counter()
    expect(problems(root), ABBR, 2, "(файл)", "ссылки YAML (*alias) разворачиваются")
    assert time.perf_counter() - started < 10


def test_huge_file_is_refused(root):
    (root / ABBR).write_text("# " + "я" * (3 * 1024 * 1024) + "\n[]\n", encoding="utf-8")
    expect(problems(root), ABBR, 1, "(файл)", "файл слишком большой (6.0 МБ, предел 5 МБ)", column=1)


# --- files that crashed without a name -------------------------------------------------------
@pytest.mark.parametrize("content, words", [("", "файл пуст"), ("\n  \n", "файл пуст"),
                                            ("# только комментарий\n", "файл пуст (только комментарии)")])
def test_empty_file(root, content, words):
    (root / ABBR).write_text(content, encoding="utf-8")
    expect(problems(root), ABBR, 1, "(файл)", words, column=1)


@pytest.mark.parametrize("char", ["\v", "\f", "\x00", "\x1b", "\u2028", "\u2029", "\x85", "\r"])
def test_control_character_in_the_file(root, char):
    line, column = edit(root, ELECTION, "Законодательного Собрания Кемеровской области – Кузбасса созыва",
                        "Законодательного" + char + " Собрания Кемеровской области – Кузбасса созыва")
    expect(problems(root), ELECTION, line, "(файл)", f"управляющий символ U+{ord(char):04X}",
           column=column + len("Законодательного"))


@pytest.mark.parametrize("escape, code", [("\\v", "000B"), ("\\u2028", "2028"), ("\\x85", "0085"),
                                          ("\\r", "000D"), ("\\e", "001B")])
def test_control_character_written_as_an_escape(root, escape, code):
    line, _ = edit(root, ELECTION, "title: НАЗНАЧЕНИЕ ДАТЫ ВЫБОРОВ", f'title: "НАЗНАЧЕНИЕ{escape} ДАТЫ"')
    expect(problems(root), ELECTION, line, "sections[0].title", f"управляющий символ U+{code}")


def test_not_utf8(root):
    (root / ABBR).write_bytes("- abbr: ТИК\n  full: территориальная\n".encode("cp1251"))
    expect(problems(root), ABBR, 1, "(файл)", "не в кодировке UTF-8")


# --- ids and anchors -------------------------------------------------------------------------
def test_trailing_newline_in_an_id(root):
    line, _ = edit(root, ELECTION, "id: zs-2023\n", 'id: "zs-2023\\n"\n')
    expect(problems(root), ELECTION, line, "id", "неверный формат 'zs-2023\\n'")


def test_section_number_cannot_add_attributes(root):
    line, _ = edit(root, ELECTION, "  - number: I\n", '  - number: "I {: onclick=alert(1) }"\n')
    expect(problems(root), ELECTION, line, "sections[0].number", "Номер раздела")


def test_law_alias_cannot_break_its_attribute(root):
    line, _ = edit(root, LAW, "aliases: [P64]", "aliases: ['P64\" onmouseover=\"alert(1)']")
    expect(problems(root), LAW, line, ".aliases[0]", "Закладка источника")


# --- positions -------------------------------------------------------------------------------
def test_unknown_key_deep_in_a_long_file_is_reported_at_the_key(root):
    line, column = edit(root, LAW, "          text: статью 3 Закона Кемеровской области от 26.06.2012",
                        "          tekst: лишнее\n          text: статью 3 Закона Кемеровской области от 26.06.2012")
    assert line > 2000
    expect(problems(root), LAW, line, ".tekst", "неизвестное поле «tekst»", column=column + 10)


def test_schema_error_in_a_law_does_not_cascade(root):
    edit(root, "data/laws/zko-24-oz.yaml", "kind: regional_law", "kind: regional_lav")
    found = problems(root)
    expect(found, "data/laws/zko-24-oz.yaml", 3, "kind", "недопустимое значение 'regional_lav'")
    expect(found, "data/laws/zko-24-oz.yaml", 3, "(ссылки)", "ссылки на «zko-24-oz» из других файлов")
    assert len(found) == 2, "\n".join(found)   # not one error per reference in every election


def test_broken_registry_does_not_cascade(root):
    edit(root, "data/registry/executors.yaml", "name:", "nam:")
    found = problems(root)
    assert not any("неизвестный исполнитель" in p for p in found), found
    assert sum("(ссылки)" in p for p in found) == 1, found


# --- bounds and orderings --------------------------------------------------------------------
@pytest.mark.parametrize("year", ["0023", "0001", "2203", "1900"])
def test_year_outside_plausible_bounds(root, year):
    line, _ = edit(root, ELECTION, "  date: 2023-06-09", f"  date: {year}-06-09")
    expect(problems(root), ELECTION, line, "decision.date", f"год {year} в дате «{year}-06-09» вне допустимых 1990–2100")


def test_year_outside_bounds_in_a_plan(root):
    line, _ = edit(root, PLAN, "  date: 2023-12-22", "  date: 0001-12-22")
    expect(problems(root), PLAN, line, "approved.date", "год 0001")


@pytest.mark.parametrize("value", ["24:59", "25:00", "24:01"])
def test_time_after_the_end_of_the_day(root, value):
    line, _ = edit(root, ELECTION, 'time: "10:00"', f'time: "{value}"')
    expect(problems(root), ELECTION, line, ".rule.not_after.time", "от 00:00 до 24:00")


def test_window_that_ends_before_it_starts(root):
    line, _ = edit(root, ELECTION, "not_before: {before: 45, of: first_voting_day}\n              not_after: {before: 3,",
                   "not_before: {before: 3, of: first_voting_day}\n              not_after: {before: 45,")
    expect(problems(root), ELECTION, line - 1, ".rule", "срок кончается (24.07.2023) раньше, чем начинается (04.09.2023)")


def test_plan_approved_after_voting_day(root):
    line, _ = edit(root, ELECTION, "date: 2023-06-13, number: 48/354-7", "date: 2023-10-13, number: 48/354-7")
    expect(problems(root), ELECTION, line, "approved.date", "утвержден после дня голосования")


def test_plan_approved_before_decision(root):
    line, _ = edit(root, ELECTION, "date: 2023-06-13, number: 48/354-7", "date: 2023-06-01, number: 48/354-7")
    expect(problems(root), ELECTION, line, "approved.date", "утвержден раньше решения")


def test_voting_years_after_the_decision(root):
    line, _ = edit(root, ELECTION, "voting_days: [2023-09-08, 2023-09-09, 2023-09-10]",
                   "voting_days: [2025-09-08, 2025-09-09, 2025-09-10]")
    expect(problems(root), ELECTION, line, "voting_days[0]", "по закону не более 100 (67-ФЗ, ст. 10 п. 7)")


def test_rule_count_out_of_bounds(root):
    line, _ = edit(root, ELECTION, "not_before: {before: 45,", "not_before: {before: 4500,")
    expect(problems(root), ELECTION, line, ".rule.not_before.before", "не больше 400")


def test_strict_mode_prints_its_warnings_before_aborting(project, capsys):
    """A broken link in a hand-written page: the build stops and says which link, not just a count."""
    from conftest import build_project
    page = project / "docs/poisk.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[нет такой](net-takoy-stranicy.md)\n", encoding="utf-8")
    with pytest.raises(Exception, match="Aborted") as raised:
        build_project(project)
    # the message the editor reads lists the warning itself, with the broken link
    assert "net-takoy-stranicy.md" in str(raised.value), str(raised.value)


def test_broken_template_election_does_not_cascade(root):
    """Elections built on a broken template, and amendments of a broken election, are skipped with one line."""
    edit(root, ELECTION, "timezone: Asia/Novokuznetsk", "timezone: [Asia/Novokuznetsk]")
    (root / "data/elections/zs-2023/amendments.yaml").write_text(
        "- resolution: {date: 2023-07-01, number: 1/1-7}\n  changes: []\n", encoding="utf-8")
    found = problems(root)
    assert not any("шаблон" in p or "такого плана нет" in p for p in found), found
    tz_line = next(n for n, text in enumerate((root / ELECTION).read_text(encoding="utf-8").splitlines(), 1)
                   if text.startswith("timezone:"))
    expect(found, ELECTION, tz_line, "(ссылки)", "ссылки на «zs-2023» из других файлов")


def test_control_characters_in_a_key_are_shown_as_codes(root):
    """A message quotes the data; an escape sequence in a key must not reach the terminal raw."""
    line, _ = edit(root, ELECTION, "timezone: Asia/Novokuznetsk\n",
                   'timezone: Asia/Novokuznetsk\n"x\\e[2J": 1\n')
    hit = expect(problems(root), ELECTION, line + 1, "x<U+001B>[2J", "неизвестное поле «x<U+001B>[2J»")
    assert "\x1b" not in hit


def test_check_command_names_the_place_and_refuses(project):
    """End to end, as an editor runs it: a vertical tab pasted from Word into a title."""
    import subprocess
    import sys
    line, column = edit(project, ELECTION, "title: НАЗНАЧЕНИЕ ДАТЫ ВЫБОРОВ", "title: НАЗНАЧЕНИЕ\vДАТЫ ВЫБОРОВ")
    run = subprocess.run([sys.executable, "-m", "ikko", "--root", str(project), "check"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert f"{ELECTION}:{line}:{column + len('title: НАЗНАЧЕНИЕ')}: (файл): управляющий символ U+000B" in run.stdout
    assert "Данные не приняты" in run.stdout and "Данные в порядке" not in run.stdout
    assert "Traceback" not in run.stderr


def test_a_huge_wrong_value_is_quoted_shortened(root):
    line, _ = edit(root, ELECTION, "id: zs-2023\n", "id: " + "Ж" * 5000 + "\n")
    hit = expect(problems(root), ELECTION, line, "id", "неверный формат 'ЖЖЖ")
    assert len(hit) < 1000 and hit.endswith("… (сокращено)")


def test_named_pipe_does_not_block_loading(root):
    import os
    os.mkfifo(root / "data/laws/pipe.yaml")
    expect(problems(root), "data/laws/pipe.yaml", 1, "(файл)", "не обычный файл", column=1)


def test_a_file_name_with_a_control_character_is_shown_as_codes(root):
    shutil.copy(root / "data/laws/fz-67.yaml", root / "data/laws/fz\x1b[2J.yaml")
    found = problems(root)
    expect(found, "data/laws/fz<U+001B>[2J.yaml", 2, "id", "не совпадает с именем файла")
    assert not any("\x1b" in p for p in found)


# --- YAML tags --------------------------------------------------------------------------------
@pytest.mark.parametrize("tagged, words", [
    ("!foo НАЗНАЧЕНИЕ", "тег YAML !foo"),
    ("!!binary aGVsbG8=", "тег YAML !!binary"),
    ("!!python/object:os.system ls", "тег YAML !!python/object:os.system"),
    ("!!set {a, b}", "тег YAML !!set"),
    ("!!omap [a: 1]", "тег YAML !!omap"),
    ("!!int НАЗНАЧЕНИЕ", "значение 'НАЗНАЧЕНИЕ' не подходит к тегу !!int"),
    ("!!bool может быть", "не подходит к тегу !!bool"),
])
def test_yaml_tag_is_named_with_its_place(root, tagged, words):
    line, column = edit(root, ELECTION, "title: НАЗНАЧЕНИЕ ДАТЫ ВЫБОРОВ", f"title: {tagged}")
    expect(problems(root), ELECTION, line, "sections[0].title", words, column=column + len("title: "))


_PLAIN_VALUE = re.compile(r"^(\s*(?:- )?[a-z_]+: )([^\s'\"\[{|>&*!#][^#\n]*)$", re.M)


@pytest.mark.parametrize("rel", sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "data").rglob("*.yaml")))
def test_yaml_tag_in_every_data_file(root, rel):
    """Every kind of data file: a value given a tag is an error at its line, not a crash."""
    text = (root / rel).read_text(encoding="utf-8")
    found = _PLAIN_VALUE.search(text)
    assert found, rel
    line = text.count("\n", 0, found.start()) + 1
    (root / rel).write_text(text[:found.start(2)] + "!custom " + text[found.start(2):], encoding="utf-8")
    expect(problems(root), rel, line, "", "тег YAML !custom")


@pytest.mark.parametrize("levels", [600, 5000])
def test_deep_nesting_is_refused_with_its_line(root, levels):
    line, _ = edit(root, ELECTION, "title: НАЗНАЧЕНИЕ ДАТЫ ВЫБОРОВ", "title: " + "[" * levels + "]" * levels)
    expect(problems(root), ELECTION, line, "(файл)", "вложены глубже 100 уровней")


@pytest.mark.parametrize("written", ["=", "<<", "!", "&", "*"])
def test_yaml_special_words_are_text(root, written):
    """YAML 1.1 gives `=` and `<<` types no data has (the loader used to crash on them): they are text."""
    edit(root, ELECTION, "title: НАЗНАЧЕНИЕ ДАТЫ ВЫБОРОВ", f"title: '{written}'" if written in "!&*" else f"title: {written}")
    assert load_corpus(root / "data", root).elections["zs-2023"].sections[0].title == written
