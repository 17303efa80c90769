"""The one rule vocabulary: every counting form's published example is read by the importer into
that form and counted by the engine to the date the 2023 plan printed; the schema and the editors'
documentation name exactly the forms and anchors of the vocabulary."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from ikko import deadlines, schema
from ikko.deadlines import ElectionDates, RuleError, parse_rule, timing
from ikko.importers.rule_words import RuleContext
from ikko.importers.rule_words import parse_rule as read_words
from ikko.rules import (ANCHOR_WORDS, ANCHORS, COUNT_FORMS, FORMS, TEXT, TEXT_EXAMPLE, Anchor, Form, anchors_table,
                        forms_table, printed_agrees, printed_dates)

ROOT = Path(__file__).resolve().parents[1]
# Seed 004, the reference election: decision 09.06.2023, publication 13.06.2023, voting 08–10.09.2023.
REFERENCE = ElectionDates(voting_days=(dt.date(2023, 9, 8), dt.date(2023, 9, 9), dt.date(2023, 9, 10)),
                          decision=dt.date(2023, 6, 9), publication=dt.date(2023, 6, 13))


def _as_data(rule):
    """The importer's draft as the YAML file holds it (dates as ISO text)."""
    if isinstance(rule, dict):
        return {k: _as_data(v) for k, v in rule.items()}
    return rule.isoformat() if isinstance(rule, dt.date) else rule


def _forms_in(rule: dict) -> set[str]:
    return {k for point in rule.values() for k in point if k in COUNT_FORMS}


@pytest.mark.parametrize("form", list(Form), ids=str)
def test_importer_reads_each_forms_published_example_into_that_form(form):
    example = FORMS[form].example
    rule, understood = read_words(example.words, RuleContext(action="Мероприятие"))
    rule = _as_data(rule)
    assert understood and rule == example.rule, "an editor would get a wrong or empty rule in the draft"
    assert form.value in _forms_in(rule)


@pytest.mark.parametrize("form", list(Form), ids=str)
def test_engine_counts_each_forms_example_to_the_printed_date(form):
    example = FORMS[form].example
    days = timing(parse_rule(example.rule), REFERENCE).days
    printed = printed_dates(example.printed)
    assert printed and days == printed, "the site would show another date than the commission printed"


def test_text_rule_example_gives_no_date():
    rule, understood = read_words(TEXT_EXAMPLE.words, RuleContext(action="Мероприятие"))
    assert (rule, understood) == (TEXT, True)
    assert timing(parse_rule(rule), REFERENCE).undated


@pytest.mark.parametrize("anchor", [a for a in Anchor if a not in (Anchor.ITEM, Anchor.EVENT)], ids=str)
def test_each_dated_anchor_counts_from_its_own_day(anchor):
    expected = {Anchor.VOTING_DAY: dt.date(2023, 9, 10), Anchor.LAST_VOTING_DAY: dt.date(2023, 9, 10),
                Anchor.FIRST_VOTING_DAY: dt.date(2023, 9, 8), Anchor.DECISION: dt.date(2023, 6, 9),
                Anchor.PUBLICATION: dt.date(2023, 6, 13)}[anchor]
    assert timing(parse_rule({"on": {"shift": 0, "of": anchor.value}}), REFERENCE).days == [expected]


def test_event_anchor_never_gets_an_invented_date():
    t = timing(parse_rule({"not_after": {"after": 3, "of": "event", "event": "со дня регистрации"}}), REFERENCE)
    assert t.undated and t.days == []


def test_unknown_form_or_anchor_is_refused_in_russian():
    with pytest.raises(RuleError, match="способ отсчета"):
        parse_rule({"on": {"before": 2, "after": 3, "of": "voting_day"}})
    with pytest.raises(RuleError, match="от какого события"):
        parse_rule({"on": {"before": 2, "of": "registration"}})


def test_schema_names_exactly_the_vocabulary():
    point = schema.RULE["anyOf"][1]["properties"]["on"]
    assert set(point["properties"]) & set(COUNT_FORMS) == set(COUNT_FORMS)
    assert point["properties"]["of"]["enum"] == list(ANCHORS)
    assert schema.RULE["anyOf"][0] == {"const": TEXT}


def test_data_readme_tables_are_the_vocabulary():
    text = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert forms_table() in text, "data/README.md: regenerate the forms table from ikko.rules.forms_table()"
    assert anchors_table() in text, "data/README.md: regenerate the anchors table from ikko.rules.anchors_table()"
    assert set(ANCHOR_WORDS) == set(Anchor)


def test_prose_names_only_forms_that_exist():
    """CONTRIBUTING.md and the engine's docstring may quote keys like `before: N`; each must be a form."""
    for text in ((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"), deadlines.__doc__):
        quoted = set(re.findall(r"`([a-z_]+): [NK]`", text))
        assert quoted <= set(COUNT_FORMS), quoted - set(COUNT_FORMS)


@pytest.mark.parametrize("printed, computed, agrees", [
    ("Не позднее 11.07.2023", [dt.date(2023, 7, 11)], True),
    ("Не позднее 12.07.2023", [dt.date(2023, 7, 11)], False),
    ("Не позднее 04.09.2023", [dt.date(2023, 8, 30), dt.date(2023, 9, 4)], True),    # one bound of a window
    ("С 30.08.2023 по 04.09.2023", [dt.date(2023, 9, 4), dt.date(2023, 8, 30)], False),  # order matters
    ("С 30.08.2023 по 05.09.2023", [dt.date(2023, 8, 30), dt.date(2023, 9, 4)], False),
    ("", [dt.date(2023, 7, 11)], True),                   # nothing printed: nothing to compare
    ("Не позднее 11.07.2023", [], True),                  # an event with no date: nothing to compare
    ("31.02.2023", [dt.date(2023, 3, 3)], True),          # not a date: nothing printed
])
def test_printed_agrees(printed, computed, agrees):
    assert printed_agrees(printed_dates(printed), computed) is agrees


def test_deadlines_keeps_the_names_other_modules_import():
    assert deadlines.printed_agrees is printed_agrees and deadlines.printed_dates is printed_dates
