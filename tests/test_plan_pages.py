"""Work plan 2024 on the site: what a reader sees on the plan, by-month and responsible pages, and the feeds.

Numbers and names are taken from the source text (sources/001_…txt), not
from our data, so a transcription slip shows up here. The built-site tests run
``mkdocs build`` once per session (see ``build_site``) and read the HTML and .ics
files it writes.
"""
from __future__ import annotations

import copy
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from icalendar import Calendar

from ikko.feeds import FeedIndex, plan_feeds, to_ical
from ikko.load import load_corpus
from ikko.pages import plan as plan_pages

ROOT = Path(__file__).resolve().parents[1]
from ikko.sources import WORK_PLAN_2024, source_path  # noqa: E402
SOURCE = source_path(WORK_PLAN_2024)
SITE_URL = "https://example.org/site/"
PLAN = "plan-2024"
ITEM = re.compile(r"^[ \t]*(\d{1,2})\.(\d{1,2})\.\s", re.MULTILINE)
MONTH_HEADINGS = ("Январь", "Февраль", "Март", "Апрель", "Май", "Июнь", "Июль", "Август", "Сентябрь",
                  "Октябрь", "Ноябрь", "Декабрь")
# Items the feed must hold, with their number of events, read off the source: every item of section 2
# (a month range or a month heading: one event per run of months), 4.4 "апрель – декабрь", 5.4 "февраль",
# 5.5 "февраль, июль – август" (two runs), 5.6 "февраль – март, июль – август" (two runs), 7.2 quarterly
# (four dates), 7.5 "август", 10.1 "на 1 января и 1 июля" (two dates). Everything else has no dates.
EXPECTED_EVENTS = {f"2.{n}": 1 for n in range(1, 30)} | {
    "4.4": 1, "5.4": 1, "5.5": 2, "5.6": 2, "7.2": 4, "7.5": 1, "10.1": 2}
MD_EXTENSIONS = ["abbr", "attr_list", "md_in_html", "tables", "admonition", "toc"]  # as in mkdocs.yml


# --- the source --------------------------------------------------------------------------
def norm(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def source() -> str:
    return SOURCE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def source_items(source) -> dict[str, str]:
    """Item number -> its text in the source (up to the next item), whitespace collapsed."""
    found = list(ITEM.finditer(source))
    ends = [m.start() for m in found[1:]] + [len(source)]
    return {f"{m.group(1)}.{m.group(2)}": norm(source[m.start():end]) for m, end in zip(found, ends)}


def source_month_of(source: str, number: str) -> str | None:
    """The month heading ("Январь" …) printed above an item, if any, within its section."""
    month = None
    for line in source.splitlines():
        word = line.strip()
        if word in MONTH_HEADINGS:
            month = word
        m = ITEM.match(line)
        if m and f"{m.group(1)}.{m.group(2)}" == number:
            return month
    return None


# --- our pages -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def corpus():
    return load_corpus(ROOT / "data")


@pytest.fixture(scope="module")
def plan(corpus):
    return corpus.plans[PLAN]


@pytest.fixture(scope="module")
def plan_md(corpus, plan) -> str:
    return plan_pages.plan_page(corpus, plan, SITE_URL, FeedIndex.of(corpus, SITE_URL))


@pytest.fixture(scope="module")
def month_groups(corpus, plan) -> dict[str, list[str]]:
    """By-month page: group anchor -> item anchors listed in it, in order."""
    text = plan_pages.by_month_page(corpus, plan, SITE_URL)
    groups: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        head = re.match(r"^## .* \{#([a-z0-9-]+)\}$", line)
        if head:
            current = groups.setdefault(head.group(1), [])
        elif current is not None and line.startswith("- "):
            current += re.findall(rf"\]\({PLAN}\.md#(p-[0-9-]+)\)", line)[:1]
    return groups


def item_block(md: str, anchor: str) -> str:
    m = re.search(rf'<div class="ikko-plan-item[^"]*" id="{anchor}" markdown>(.*?)</div>', md, re.S)
    assert m, f"item {anchor} not on the page"
    return m.group(1)


def test_item_counts_per_section_match_source(source_items, plan, plan_md):
    counted: dict[int, int] = {}
    for number in source_items:
        section = int(number.split(".")[0])
        counted[section] = counted.get(section, 0) + 1
    assert {s.number: len(s.items) for s in plan.sections} == counted
    shown = re.findall(r'id="p-(\d+)-\d+"', plan_md)
    assert {s: shown.count(str(s)) for s in counted} == counted
    assert [i.number for i in plan.items] == list(source_items)


def test_every_item_has_its_number_as_anchor_once(plan, plan_md):
    for item in plan.items:
        anchor = "p-" + item.number.replace(".", "-")
        assert item.anchor == anchor
        assert plan_md.count(f'id="{anchor}"') == 1
        assert f"](#{anchor})" in item_block(plan_md, anchor)   # the number links to itself


def test_period_2_2_month_range(source_items, plan, plan_md, month_groups):
    assert "апрель – декабрь" in source_items["2.2"]
    item = next(i for i in plan.items if i.number == "2.2")
    assert item.period.months == tuple(range(4, 13))
    assert "**Срок:** апрель – декабрь" in item_block(plan_md, "p-2-2")
    months = [g for g, anchors in month_groups.items() if "p-2-2" in anchors]
    assert months == ["aprel", "may", "iyun", "iyul", "avgust", "sentyabr", "oktyabr", "noyabr", "dekabr"]


def test_period_2_5_is_the_january_heading(source, source_items, plan, plan_md, month_groups):
    assert source_month_of(source, "2.5") == "Январь"
    assert not re.search(r"январ|феврал|весь период", source_items["2.5"].split("2023 год", 1)[1], re.I)
    item = next(i for i in plan.items if i.number == "2.5")
    assert item.month == 1 and item.period.months == (1,)
    # On the plan page it stands under the section's January heading, with January as its period.
    assert plan_md.index("### Январь {#razdel-2-yanvar}") < plan_md.index('id="p-2-5"') < plan_md.index("### Февраль")
    assert "**Срок:** январь" in item_block(plan_md, "p-2-5")
    assert [g for g, a in month_groups.items() if "p-2-5" in a] == ["yanvar"]


def test_period_5_5_two_runs(source_items, plan, month_groups):
    assert "февраль, июль – август" in source_items["5.5"]
    item = next(i for i in plan.items if i.number == "5.5")
    assert item.period.months == (2, 7, 8)
    assert [g for g, a in month_groups.items() if "p-5-5" in a] == ["fevral", "iyul", "avgust"]


def test_period_7_2_quarterly_dates(source_items, plan, plan_md, month_groups):
    assert "ежеквартально" in source_items["7.2"]
    assert "1 января, 1 апреля, 1 июля и 1 октября 2024 года" in source_items["7.2"]
    item = next(i for i in plan.items if i.number == "7.2")
    assert item.period.dates == (date(2024, 1, 1), date(2024, 4, 1), date(2024, 7, 1), date(2024, 10, 1))
    assert "в календаре: 01.01.2024, 01.04.2024, 01.07.2024, 01.10.2024" in item_block(plan_md, "p-7-2")
    assert [g for g, a in month_groups.items() if "p-7-2" in a] == ["yanvar", "aprel", "iyul", "oktyabr"]


def test_period_8_1_per_schedule_is_listed_not_in_calendar(source_items, plan, plan_md, month_groups):
    assert "в соответствии с утвержденными сроками" in source_items["8.1"]
    item = next(i for i in plan.items if i.number == "8.1")
    assert item.period.kind == "per_schedule"
    assert "(в календарь не входит)" in item_block(plan_md, "p-8-1")
    assert [g for g, a in month_groups.items() if "p-8-1" in a] == ["po-utverzhdennym-srokam"]


def test_plan_page_says_undated_items_are_left_out_of_the_feed(plan, plan_md, month_groups):
    note = norm(plan_md.split('<div class="ikko-subscribe" markdown>', 1)[1].split("</div>", 1)[0])
    for phrase in ("«весь период»", "«по мере необходимости»", "«в соответствии с утвержденными сроками»"):
        assert phrase in note
    assert "в календарь не входят" in note
    # Each kind is counted and linked to its list; the lists hold exactly those items.
    for kind, anchor in (("year", "ves-period"), ("as_needed", "po-mere-neobhodimosti"),
                         ("per_schedule", "po-utverzhdennym-srokam"), ("none", "bez-sroka")):
        expected = [i.anchor for i in plan.items if i.period.kind == kind]
        assert expected, kind
        assert f"plan-2024-po-mesyacam.md#{anchor}) — {plan_pages.plural(len(expected), plan_pages.ITEMS)}" in note
        assert month_groups[anchor] == expected
    assert "5.10" in [i.number for i in plan.items if i.period.kind == "as_needed"]


def test_every_item_is_somewhere_on_the_by_month_page(plan, month_groups):
    listed = {a for anchors in month_groups.values() for a in anchors}
    assert listed == {i.anchor for i in plan.items}


def test_responsible_are_links_to_their_pages(plan_md):
    block = item_block(plan_md, "p-2-25")
    assert "[Герасимова М.Н.](otvetstvennye/gerasimova-mn.md)" in block
    assert "[юридический отдел](otvetstvennye/yuridicheskiy-otdel.md)" in block
    # 7.1 prints the long form with "(далее – Информационный центр)": shown as printed, same page.
    assert "(далее – Информационный центр)](otvetstvennye/informatsionnyy-tsentr.md)" in item_block(plan_md, "p-7-1")


def test_person_page_lists_her_items(source_items, corpus):
    hers = [n for n, text in source_items.items() if "Герасимова М.Н." in text]
    assert len(hers) > 10
    md = plan_pages.responsible_page(corpus, corpus.responsible["gerasimova-mn"], SITE_URL,
                                      FeedIndex.of(corpus, SITE_URL))
    listed = [a[2:].replace("-", ".") for a in re.findall(r"\]\(\.\./plan-2024\.md#(p-[0-9-]+)\)", md)]
    assert listed == hers
    assert "секретарь Избирательной комиссии" in md
    assert f"{SITE_URL}calendars/plans/{PLAN}/gerasimova-mn.ics" in md
    dated = sum(EXPECTED_EVENTS.get(n, 0) for n in hers)
    assert f"({plan_pages.plural(dated, plan_pages.EVENTS)})" in md


def test_owner_with_only_undated_items_gets_no_subscribe_link(corpus):
    md = plan_pages.responsible_page(corpus, corpus.responsible["nazina-av"], SITE_URL,
                                      FeedIndex.of(corpus, SITE_URL))
    assert ".ics" not in md and "в календарь они не входят" in md


def test_responsible_index_lists_every_owner(corpus, plan):
    md = plan_pages.responsible_index(corpus, SITE_URL)
    owners = {r.id for i in plan.items for r in i.responsible}
    assert set(re.findall(r"\]\(([a-z0-9-]+)\.md\)", md)) == owners


def test_data_text_is_shown_not_interpreted(corpus):
    hostile = '<script>alert("x")</script> {{ 7*7 }} {% raw %} *em* [a](http://evil) <b>b</b> {#id}'
    test_corpus = copy.deepcopy(corpus)
    item = test_corpus.plans[PLAN].items[0]
    item.text = hostile
    html = markdown.markdown(plan_pages.plan_page(test_corpus, test_corpus.plans[PLAN], SITE_URL, FeedIndex.of(test_corpus, SITE_URL)),
                             extensions=MD_EXTENSIONS)
    assert "<script>" not in html and "<b>b</b>" not in html and 'href="http://evil"' not in html
    assert "&lt;script&gt;" in html and "{{ 7*7 }}" in html and "{% raw %}" in html and "*em*" in html


def test_amended_plan_shows_history_and_keeps_removed_item_out_of_counts(tmp_path):
    # Invented amendment (tests/fixtures/amendments/plan-2024.yaml): 2.2 moves to "май – декабрь", 2.3 is removed.
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "plans" / PLAN).mkdir()
    fixture = ROOT / "tests" / "fixtures" / "amendments" / "plan-2024.yaml"
    shutil.copy(fixture, data / "plans" / PLAN / "amendments.yaml")
    amended = load_corpus(data, tmp_path)
    plan = amended.plans[PLAN]
    md = plan_pages.plan_page(amended, plan, SITE_URL, FeedIndex.of(amended, SITE_URL))
    assert "В редакции постановления от 14.03.2024 № 95/700-7" in md
    assert f"В плане {plan_pages.plural(len(plan.items) - 1, plan_pages.ITEMS)}." in md
    removed = item_block(md, "p-2-3")
    assert '<div class="ikko-plan-item ikko-excluded" id="p-2-3" markdown>' in md
    assert "Пункт исключен" in removed and "в календарь не входит" in removed
    moved = item_block(md, "p-2-2")
    assert "**Срок:** май – декабрь" in moved and "| апрель – декабрь | май – декабрь |" in moved
    groups = plan_pages.by_month_page(amended, plan, SITE_URL)
    assert "## Исключенные пункты {#isklyuchennye}" in groups
    assert "#p-2-3)" not in groups.split("## Исключенные пункты", 1)[0]
    main = plan_feeds(plan, SITE_URL)[0]
    assert f"({plan_pages.plural(plan_pages.live_events(main), plan_pages.EVENTS)})" in md
    assert plan_pages.live_events(main) == sum(EXPECTED_EVENTS.values()) - 1


def test_pages_and_paths(corpus):
    paths = [p.path for p in plan_pages.pages(corpus, SITE_URL, FeedIndex.of(corpus, SITE_URL))]
    assert paths[:4] == ["plany/index.md", "plany/plan-2024.md", "plany/plan-2024-po-mesyacam.md",
                         "plany/otvetstvennye/index.md"]
    assert "plany/otvetstvennye/gerasimova-mn.md" in paths
    assert {p.section for p in plan_pages.pages(corpus, SITE_URL, FeedIndex.of(corpus, SITE_URL))} == {"Планы работы"}


# --- the built site ------------------------------------------------------------------------
@dataclass
class Built:
    root: Path
    log: str

    def html(self, url_path: str) -> str:
        return (self.root / url_path / "index.html").read_text(encoding="utf-8")

    def warnings_about(self, *folders: str) -> list[str]:
        """WARNING lines naming a folder, and the pages a multi-line warning lists ("  - plany/…", e.g. nav)."""
        return [line for line in self.log.splitlines()
                if line.startswith(("WARNING", "  - ")) and any(f in line for f in folders)]


def build_site(tmp_path_factory) -> Built:
    """Run ``mkdocs build`` once per test session (both page test files share the output)."""
    out = tmp_path_factory.getbasetemp() / "mkdocs-site"
    log = tmp_path_factory.getbasetemp() / "mkdocs-build.log"
    if not log.exists():
        mkdocs = Path(sys.executable).parent / "mkdocs"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", NO_COLOR="1")
        proc = subprocess.run([str(mkdocs), "build", "-f", "mkdocs.yml", "-d", str(out)], cwd=ROOT,
                              capture_output=True, text=True, env=env, timeout=900)
        log.write_text(proc.stdout + proc.stderr, encoding="utf-8")
    text = log.read_text(encoding="utf-8")
    # A strict build that stops on other pages' warnings still writes every page; a data error writes none.
    assert (out / "plany" / PLAN / "index.html").is_file(), "mkdocs build wrote no plan page:\n" + text[-4000:]
    return Built(out, text)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Built:
    return build_site(tmp_path_factory)


class Links(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(a["id"])
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])


def test_build_has_no_link_or_anchor_warnings_for_plan_pages(site):
    assert site.warnings_about("plany/") == []


def test_built_plan_page(site, plan):
    html = site.html(f"plany/{PLAN}")
    page = Links(html)
    assert [i for i in page.ids if i.startswith("p-")] == [i.anchor for i in plan.items]
    assert "../otvetstvennye/gerasimova-mn/" in page.hrefs
    assert "../plan-2024-po-mesyacam/#po-utverzhdennym-srokam" in page.hrefs
    assert any(h.endswith(f"calendars/plans/{PLAN}/all.ics") for h in page.hrefs)
    assert "в календарь не входят" in html


def test_built_person_page(site, source_items):
    html = site.html("plany/otvetstvennye/gerasimova-mn")
    hrefs = Links(html).hrefs
    hers = ["p-" + n.replace(".", "-") for n, text in source_items.items() if "Герасимова М.Н." in text]
    assert [h.split("#")[1] for h in hrefs if h.startswith("../../plan-2024/#")] == hers
    assert any(h.endswith(f"calendars/plans/{PLAN}/gerasimova-mn.ics") for h in hrefs)


def test_built_by_month_page(site):
    ids = Links(site.html(f"plany/{PLAN}-po-mesyacam")).ids
    for anchor in ("yanvar", "fevral", "dekabr", "ves-period", "po-mere-neobhodimosti",
                   "po-utverzhdennym-srokam", "bez-sroka"):
        assert anchor in ids


# --- feeds (the .ics files the build writes), read with icalendar and as raw text ------------
def ics(site: Built, name: str) -> bytes:
    return (site.root / "calendars" / "plans" / PLAN / f"{name}.ics").read_bytes()


def events_by_item(raw: bytes) -> dict[str, list]:
    out: dict[str, list] = {}
    for ev in Calendar.from_ical(raw).walk("VEVENT"):
        m = re.fullmatch(rf"{PLAN}-p(\d+)-(\d+)-(\d+)@ikko-kuzbass", str(ev["UID"]))
        assert m, ev["UID"]
        out.setdefault(f"{m.group(1)}.{m.group(2)}", []).append(ev)
    return out


def unfolded(raw: bytes) -> str:
    return re.sub(r"\r\n[ \t]", "", raw.decode("utf-8"))


def vevent_text(raw: bytes, uid: str) -> str:
    block = re.search(rf"BEGIN:VEVENT\r\n(?:(?!END:VEVENT).)*?UID:{re.escape(uid)}\r\n.*?END:VEVENT",
                      unfolded(raw), re.S)
    assert block, uid
    return block.group(0)


def test_plan_feed_event_counts(site):
    found = events_by_item(ics(site, "all"))
    assert {n: len(evs) for n, evs in found.items()} == EXPECTED_EVENTS
    assert ics(site, "all").count(b"BEGIN:VEVENT") == 42      # counted in the published file itself


def test_person_feed_event_count(site, source_items):
    hers = [n for n, text in source_items.items() if "Герасимова М.Н." in text]
    found = events_by_item(ics(site, "gerasimova-mn"))
    assert {n: len(e) for n, e in found.items()} == {n: EXPECTED_EVENTS[n] for n in hers if n in EXPECTED_EVENTS}


def test_month_range_item_spans_its_months(site):
    raw = ics(site, "all")
    (ev,) = events_by_item(raw)["2.2"]
    assert (ev.DTSTART, ev.DTEND) == (date(2024, 4, 1), date(2025, 1, 1))   # DTEND is exclusive
    text = vevent_text(raw, f"{PLAN}-p2-2-1@ikko-kuzbass")
    assert "\r\nDTSTART;VALUE=DATE:20240401\r\n" in text and "\r\nDTEND;VALUE=DATE:20250101\r\n" in text
    spans = [(e.DTSTART, e.DTEND) for e in events_by_item(raw)["5.5"]]
    assert sorted(spans) == [(date(2024, 2, 1), date(2024, 3, 1)), (date(2024, 7, 1), date(2024, 9, 1))]
    (jan,) = events_by_item(raw)["2.5"]
    assert (jan.DTSTART, jan.DTEND) == (date(2024, 1, 1), date(2024, 2, 1))


def test_quarterly_item_is_four_dated_events(site):
    raw = ics(site, "all")
    evs = sorted(events_by_item(raw)["7.2"], key=lambda e: e.DTSTART)
    assert [(e.DTSTART, e.DTEND) for e in evs] == [
        (date(2024, 1, 1), date(2024, 1, 2)), (date(2024, 4, 1), date(2024, 4, 2)),
        (date(2024, 7, 1), date(2024, 7, 2)), (date(2024, 10, 1), date(2024, 10, 2))]
    assert [str(e["UID"]) for e in evs] == [f"{PLAN}-p7-2-{k}@ikko-kuzbass" for k in (1, 2, 3, 4)]
    assert "\r\nDTSTART;VALUE=DATE:20241001\r\n" in vevent_text(raw, f"{PLAN}-p7-2-4@ikko-kuzbass")


def test_undated_items_are_not_in_any_plan_feed(site, plan):
    undated = {i.number for i in plan.items if i.period.kind not in ("months", "dates")}
    for path in (site.root / "calendars" / "plans" / PLAN).glob("*.ics"):
        assert not undated & set(events_by_item(path.read_bytes())), path.name


def test_uids_are_stable_and_unique(site, plan):
    raw = ics(site, "all")
    uids = [str(e["UID"]) for e in Calendar.from_ical(raw).walk("VEVENT")]
    assert len(uids) == len(set(uids))
    # Same data, another run, another site URL: the same UIDs; same URL: the same bytes (no clock input).
    again = Calendar.from_ical(to_ical(plan_feeds(plan, "https://other.example/")[0]))
    assert sorted(uids) == sorted(str(e["UID"]) for e in again.walk("VEVENT"))
    # A fresh computation in this process gives the bytes the build (another process) published.
    from ikko.pipeline import normalize_url, read_config
    config_url = normalize_url(read_config(ROOT / "mkdocs.yml").get("site_url"))
    assert to_ical(plan_feeds(plan, config_url)[0]) == raw
    stamps = {e.DTSTAMP.date() for e in Calendar.from_ical(raw).walk("VEVENT")}
    assert stamps == {plan.approved.date}
