"""Russian formatting: the calendar page names the election's own time zone, dates read as documents print them."""
from __future__ import annotations

import datetime as dt

import pytest

from ikko import ru_format
from ikko.feeds import FeedIndex
from ikko.load import load_corpus
from ikko.pages.calendar import election_page

SITE = "https://example.org/"


@pytest.mark.parametrize("zone, name", [
    ("Asia/Novokuznetsk", "МСК+4"), ("Europe/Moscow", "МСК"), ("Europe/Kaliningrad", "МСК−1"),
    ("Asia/Kamchatka", "МСК+9"), ("Europe/Samara", "МСК+1"),
])
def test_msk_offset_is_counted_from_the_zone(zone, name):
    assert ru_format.msk_offset(zone, dt.date(2023, 9, 10)) == name


@pytest.mark.parametrize("zone, name", [("Asia/Novokuznetsk", "МСК+4"), ("Europe/Kaliningrad", "МСК−1")])
def test_election_page_names_its_own_zone(project, zone, name):
    """Before: every election page said "МСК+4", so a Kaliningrad election read three hours off."""
    path = project / "data/elections/zs-2023/election.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("timezone: Asia/Novokuznetsk", f"timezone: {zone}"),
                    encoding="utf-8")
    corpus = load_corpus(project / "data", project)
    page = election_page(corpus, corpus.elections["zs-2023"], SITE, FeedIndex.of(corpus, SITE))
    assert f"- Время местное ({zone.replace('_', chr(92) + '_')}, {name}), если не указано иное" in page
    assert ("МСК+4" in page) is (name == "МСК+4")


def test_dates_read_as_documents_print_them():
    assert ru_format.day(dt.date(2023, 7, 1)) == "01.07.2023"
    assert ru_format.day(None) == ""
    assert ru_format.day_words(dt.date(2023, 9, 10)) == "10 сентября 2023 г."
    assert [ru_format.day_words(dt.date(2024, m, 1)).split()[1] for m in (1, 5, 12)] == ["января", "мая", "декабря"]
    assert ru_format.clock("24:00", moscow=True) == "24:00 (мск)" and ru_format.clock("18:00") == "18:00"


@pytest.mark.parametrize("n, text", [(1, "1 событие"), (3, "3 события"), (5, "5 событий"), (11, "11 событий"),
                                     (14, "14 событий"), (21, "21 событие"), (42, "42 события"), (111, "111 событий")])
def test_counts_agree_with_their_noun(n, text):
    assert ru_format.plural(n, ("событие", "события", "событий")) == text
