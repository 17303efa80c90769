"""Published addresses and UIDs come from ikko/urls.py, and the ones already out in the world never change.

Bookmarks, links from other sites, calendar apps subscribed to a feed and the UIDs they keep to update an
event all hold these strings: a rename must fail here before it reaches a user.
"""
from __future__ import annotations

import re

import pytest

from ikko import urls
from ikko.pages import site_pages
from ikko.pages.plan import owners

SITE = "https://ikko-kuzbass.github.io/baza-znaniy/"


def expected_pages(corpus) -> set[str]:
    """Every page the site must have, spelled by urls.py from the corpus alone."""
    out = {urls.HOME, urls.SUBSCRIPTION, urls.GLOSSARY, urls.OPEN_DATA, urls.CHANGES,
           urls.ELECTIONS, urls.LAWS, urls.AMENDING_LAWS, urls.PLANS, urls.RESPONSIBLE, urls.REPORTS}
    for e in corpus.elections.values():
        out.add(urls.election_page(e.id))
        out |= {urls.executor_page(e.id, ex.id) for ex in e.executors}
    for law in corpus.laws.values():
        if law.has_text:
            out.add(urls.law_page(law.id))
            out |= {urls.edition_page(law.id, ed.slug) for ed in law.editions}
            out |= {urls.comparison_page(law.id, a.slug, b.slug) for a, b in zip(law.editions, law.editions[1:])}
    for p in corpus.plans.values():
        out |= {urls.plan_page(p.id), urls.plan_by_months_page(p.id)}
    out |= {urls.responsible_page(who.id) for who in owners(corpus)}
    out |= {urls.report_page(r.id) for r in corpus.reports.values()}
    if corpus.reports:
        out.add(urls.REPORTS_COMPARISON)
    return out


def test_every_page_is_where_urls_puts_it(corpus):
    built = {p.path for p in site_pages(corpus, SITE)}
    expected = expected_pages(corpus)
    assert built == expected, (f"pages not from urls.py: {sorted(built - expected)[:10]}; "
                               f"missing: {sorted(expected - built)[:10]}")


def test_every_page_is_served_at_its_url(corpus, built):
    for path in expected_pages(corpus):
        assert (built / "site" / urls.url(path) / "index.html").is_file(), path


def _uids(ics: str) -> list[str]:
    unfolded = ics.replace("\r\n ", "")
    return re.findall(r"^UID:(.*)\r$", unfolded, flags=re.MULTILINE)


def test_every_feed_and_uid_is_from_urls(corpus, built):
    calendars = built / "calendars"
    feeds = {urls.election_feed(e.id) for e in corpus.elections.values()}
    feeds |= {urls.election_feed(e.id, ex.id) for e in corpus.elections.values() for ex in e.executors}
    feeds |= {urls.plan_feed(p.id) for p in corpus.plans.values()}
    feeds |= {urls.plan_feed(p.id, who.id) for p in corpus.plans.values() for who in corpus.responsible.values()}
    events = set()
    for e in corpus.elections.values():
        for item in e.items:
            for d in item.deadlines:
                events |= {urls.deadline_uid(e.id, item.number, d.index),
                           urls.deadline_uid(e.id, item.number, d.index, end=True)}
    for p in corpus.plans.values():
        for item in p.items:
            events |= {urls.plan_event_uid(p.id, item.number, k) for k in range(1, 60)}
    files = sorted(calendars.rglob("*.ics"))
    assert files
    seen = 0
    for path in files:
        rel = path.relative_to(calendars).as_posix()
        assert rel in feeds, f"{rel}: a feed path urls.py does not give"
        own, *rest = _uids(path.read_bytes().decode("utf-8"))
        assert own == urls.feed_uid(rel)
        unknown = [u for u in rest if u not in events]
        assert not unknown, f"{rel}: UIDs not from urls.py: {unknown[:5]}"
        seen += len(rest)
    assert seen > 100


# Already published: subscribed calendars and bookmarks hold exactly these. Never edit this list.
PUBLISHED_PAGES = {
    urls.election_url("zs-2023"): "vybory/zs-2023/",
    urls.url(urls.ELECTIONS): "vybory/",
    urls.url(urls.executor_page("zs-2023", "tik")): "vybory/zs-2023/ispolniteli/tik/",
    urls.item_url("zs-2023", "p-11"): "vybory/zs-2023/#p-11",
    urls.url(urls.law_page("zko-1-oz")): "zakony/zko-1-oz/",
    urls.url(urls.edition_page("zko-1-oz", "2023-01-01")): "zakony/zko-1-oz/redakcii/2023-01-01/",
    urls.url(urls.comparison_page("zko-1-oz", "2022-12-31", "2023-01-01")):
        "zakony/zko-1-oz/sravnenie/2022-12-31--2023-01-01/",
    urls.anchored(urls.url(urls.law_page("zko-1-oz")), "st-8-p-3"): "zakony/zko-1-oz/#st-8-p-3",
    urls.url(urls.AMENDING_LAWS): "zakony/izmeneniya/",
    urls.url(urls.plan_page("plan-2024")): "plany/plan-2024/",
    urls.url(urls.plan_by_months_page("plan-2024")): "plany/plan-2024-po-mesyacam/",
    urls.url(urls.responsible_page("romanov-vv")): "plany/otvetstvennye/romanov-vv/",
    urls.url(urls.report_page("report-2023")): "otchety/report-2023/",
    urls.url(urls.REPORTS_COMPARISON): "otchety/sravnenie/",
    urls.url(urls.SUBSCRIPTION): "podpiska/",
    urls.anchored(urls.url(urls.SUBSCRIPTION), urls.subscription_anchor("election", "zs-2023")):
        "podpiska/#vybory-zs-2023",
    urls.anchored(urls.url(urls.SUBSCRIPTION), urls.subscription_anchor("plan", "plan-2024")):
        "podpiska/#plan-plan-2024",
    urls.url(urls.OPEN_DATA): "spravochnik/otkrytye-dannye/",
}
PUBLISHED_FILES = {
    urls.feed_file(urls.election_feed("zs-2023")): "calendars/zs-2023/all.ics",
    urls.feed_file(urls.election_feed("zs-2023", "tik")): "calendars/zs-2023/tik.ics",
    urls.feed_file(urls.plan_feed("plan-2024")): "calendars/plans/plan-2024/all.ics",
    urls.feed_file(urls.plan_feed("plan-2024", "pavkina-ip")): "calendars/plans/plan-2024/pavkina-ip.ics",
    urls.dataset_file(urls.election_dataset("zs-2023")) + ".json": "opendata/vybory/zs-2023.json",
    urls.dataset_file(urls.plan_dataset("plan-2024")) + ".csv": "opendata/plany/plan-2024.csv",
    urls.dataset_file(urls.report_dataset("report-2023")) + ".json": "opendata/otchety/report-2023.json",
    urls.dataset_file(urls.law_dataset("zko-1-oz")) + ".json": "opendata/zakony/zko-1-oz.json",
    urls.dataset_file(urls.law_edition_dataset("zko-1-oz", "2023-01-01")) + ".csv":
        "opendata/zakony/zko-1-oz/redakcii/2023-01-01.csv",
    urls.dataset_file(urls.law_changes_dataset("zko-1-oz")) + ".json": "opendata/zakony/zko-1-oz/izmeneniya.json",
    urls.dataset_file(urls.REGISTRIES_DATASET) + ".json": "opendata/spravochniki.json",
}
PUBLISHED_UIDS = {
    urls.deadline_uid("zs-2023", 11, 1): "zs-2023-p11-1@ikko-kuzbass",
    urls.deadline_uid("zs-2023", 11, 1, end=True): "zs-2023-p11-1-end@ikko-kuzbass",
    urls.deadline_uid("zs-2023", 1, 1): "zs-2023-p1-1@ikko-kuzbass",
    urls.plan_event_uid("plan-2024", "2.6", 1): "plan-2024-p2-6-1@ikko-kuzbass",
    urls.feed_uid(urls.election_feed("zs-2023")): "zs-2023/all.ics@ikko-kuzbass",
    urls.feed_uid(urls.plan_feed("plan-2024", "pavkina-ip")): "plans/plan-2024/pavkina-ip.ics@ikko-kuzbass",
}


@pytest.mark.parametrize("made, published", list(PUBLISHED_PAGES.items()) + list(PUBLISHED_FILES.items())
                         + list(PUBLISHED_UIDS.items()))
def test_published_identifiers_never_change(made, published):
    assert made == published


def test_published_addresses_are_served(built):
    for page in PUBLISHED_PAGES.values():
        path, _, anchor = page.partition("#")
        html = (built / "site" / path / "index.html").read_text(encoding="utf-8")
        assert not anchor or f'id="{anchor}"' in html, page
    for path in PUBLISHED_FILES.values():
        assert (built / "site" / path).is_file(), path
    for path in PUBLISHED_FILES.values():
        if path.startswith("calendars/"):
            assert (built / path).is_file(), path


def test_published_uids_are_in_the_feeds(built):
    held = {u for path in (built / "calendars").rglob("*.ics") for u in _uids(path.read_bytes().decode("utf-8"))}
    assert set(PUBLISHED_UIDS.values()) <= held


def test_feed_urls():
    assert urls.feed_url(SITE, urls.election_feed("zs-2023")) == SITE + "calendars/zs-2023/all.ics"
    assert urls.webcal(urls.feed_url(SITE, "zs-2023/all.ics")) == \
        "webcal://ikko-kuzbass.github.io/baza-znaniy/calendars/zs-2023/all.ics"
    assert urls.feed_source("zs-2023/tik.ics") == ("election", "zs-2023")
    assert urls.feed_source("plans/plan-2024/all.ics") == ("plan", "plan-2024")


def test_relative_links():
    assert urls.to_root(urls.HOME) == ""
    assert urls.to_root(urls.election_page("e")) == "../"
    assert urls.to_root(urls.executor_page("e", "tik")) == "../../../"
    assert urls.to_root(urls.edition_page("x", "a")) == "../../../"
    assert urls.relative(urls.law_page("x"), urls.LAWS) == "x.md"
    assert urls.relative(urls.election_page("e"), urls.executor_page("e", "tik")) == "../../e.md"
    assert urls.relative(urls.edition_page("x", "a"), urls.comparison_page("x", "a", "b")) == "../redakcii/a.md"
    assert urls.relative(urls.SUBSCRIPTION, urls.HOME) == "podpiska.md"
