"""The calendar-plan importer's stages on the shapes the published plans print."""
from __future__ import annotations

import pytest

from ikko.importers.calendar_text.basis import split_refs, strip_basis
from ikko.importers.calendar_text.brackets import is_open, paren_end, top_level


@pytest.mark.parametrize("text, bracketed", [
    ("Прием (п. 2 ст. 6 ЗКО) документов", "(п. 2 ст. 6 ЗКО)"),
    ("Прием (п. 2 ст. 6 Закона (далее – ЗКО)) документов", "(п. 2 ст. 6 Закона (далее – ЗКО))"),  # nested
    ("Прием (ст. 8 Закона «О выборах) и референдуме») и др.", "(ст. 8 Закона «О выборах) и референдуме»)"),
])
def test_paren_end_finds_the_closing_bracket(text, bracketed):
    """A bracket inside «…» belongs to the title: the reference must not end there."""
    start = text.index("(")
    end, closed = paren_end(text, start)
    assert closed and text[start:end] == bracketed


def test_unclosed_basis_runs_to_the_end_of_the_cell():
    text = "(п. 2 ст. 6 Закона … (далее – ЗКО)"
    assert paren_end(text, 0) == (len(text), False)


@pytest.mark.parametrize("text, opened", [
    ("Назначение выборов (п. 2", True), ("Закон «О выборах", True), ("Назначение (п. 2) выборов", False),
    ("«Сбербанк (ПАО)»", False), ("лишняя ) скобка", False),
])
def test_is_open_says_when_the_next_line_goes_on(text, opened):
    assert is_open(text) is opened


def test_commas_split_only_outside_brackets_and_quotes():
    text = "п. 4, ст. 20 «А, Б» (в, г), д"
    assert [text[k + 1:k + 3] for k in top_level(text, ",")] == [" с", " д"]


def test_references_split_where_a_new_reference_starts():
    assert split_refs("п. 4 ст. 20, п. 6 ст. 22 ЗКО") == ["п. 4 ст. 20", "п. 6 ст. 22 ЗКО"]
    assert split_refs("п.п. 2, 3 ст. 10 ЗКО") == ["п.п. 2, 3 ст. 10 ЗКО"]
    assert split_refs("ст. 5 Закона «О выборах, референдуме», ст. 6 ЗКО") == [
        "ст. 5 Закона «О выборах, референдуме»", "ст. 6 ЗКО"]


def test_strip_basis_keeps_the_action_and_lifts_the_references():
    assert strip_basis("Назначение выборов (п. 2 ст. 6 ЗКО).") == ("Назначение выборов", ["п. 2 ст. 6 ЗКО"])
    assert strip_basis("Прием (в том числе повторный) документов") == ("Прием (в том числе повторный) документов", [])


# --------------------------------------------------------------------------- the table of wordings
from ikko.deadlines import parse_rule as rule_from_data  # noqa: E402
from ikko.importers.rule_words import WORDINGS, RuleContext, read_bound  # noqa: E402
from ikko.sources import source_text  # noqa: E402


def _flat(text: str) -> str:
    return " ".join(text.split()).lower()


PUBLISHED = _flat(source_text("004_109e17d32d2b8609.txt"))


@pytest.mark.parametrize("wording", WORDINGS, ids=lambda w: w.name)
def test_each_wording_reads_its_published_example(wording):
    """An editor would get a wrong draft rule if a wording read its own example otherwise (or another read it first)."""
    assert _flat(wording.example) in PUBLISHED, "the example is quoted from the published 2023 plan"
    used, got = read_bound(wording.example, RuleContext("Мероприятие"))
    assert used is wording and got == wording.gives
    kind, point = got
    rule_from_data(point if kind == "window" else {"on" if kind == "on" else kind: point})   # the engine accepts it


def test_wording_names_are_unique():
    assert len({w.name for w in WORDINGS}) == len(WORDINGS)
