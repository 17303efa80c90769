"""Feeds a subscriber can trust (issue 16), checked on the real 2023 plan and both 2028 examples.

Everything is read back as a user gets it: the built .ics parsed with icalendar (and with ical.js
under Node), the built HTML pages, the open data JSON.
"""
import html
import json
import re
import shutil
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

ROOT = Path(__file__).resolve().parents[1]
ELECTIONS = ("zs-2023", "zs-2028", "zs-2028-odin-den")
EXAMPLES = ("zs-2028", "zs-2028-odin-den")
LOCAL = "Asia/Novokuznetsk"
KINDS = ("До: ", "С: ", "Начало: ", "Окончание: ")


@pytest.fixture(scope="module")
def feeds(built) -> dict[str, Calendar]:
    """Every built feed, parsed: path relative to calendars/ -> calendar."""
    root = built / "calendars"
    return {str(p.relative_to(root)): Calendar.from_ical(p.read_bytes()) for p in sorted(root.rglob("*.ics"))}


def events(cal: Calendar) -> list:
    return cal.walk("VEVENT")


def by_uid(feeds, election: str) -> dict:
    return {str(e["UID"]): e for e in events(feeds[f"{election}/all.ics"])}


def page_text(built, election: str) -> str:
    return (built / "site/vybory" / election / "index.html").read_text(encoding="utf-8")


def item_html(page: str, number: int) -> str:
    start = page.index(f'id="p-{number}"')
    return page[start: page.index("</div>", start)]


def plain(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def local_day(value) -> date:
    return value.astimezone(ZoneInfo(LOCAL)).date() if isinstance(value, datetime) else value


# --- the published document governs ---------------------------------------------------------------------
def test_printed_date_governs_where_possible_with_the_count_beside_it(corpus, feeds, built):
    from ikko.deadlines import describe_timing, printed_agrees, printed_days
    election, page, uids = corpus.elections["zs-2023"], page_text(built, "zs-2023"), by_uid(feeds, "zs-2023")
    differing = []
    for item in election.items:
        for d in item.deadlines:
            printed = printed_days(d.printed)
            if d.timing.undated or printed_agrees(printed, d.computed.days) or d.printed_impossible:
                continue
            differing.append(item.number)
            assert d.timing.days == printed, item.number                      # the printed days govern
            cell = plain(item_html(page, item.number))
            assert describe_timing(d.timing) in cell and f"по расчету: {describe_timing(d.computed)}" in cell
            event = uids[f"zs-2023-p{item.number}-{d.index}@ikko-kuzbass"]
            assert local_day(event.start) == printed[0], item.number           # the feed starts on the printed day
            assert f"По расчету: {describe_timing(d.computed)}" in str(event["DESCRIPTION"])
            assert f"Дата: {describe_timing(d.timing)}" in str(event["DESCRIPTION"])
    assert sorted(set(differing)) == [11, 166]


def test_impossible_printed_date_is_shown_verbatim_and_the_count_used(corpus, feeds, built):
    item2 = next(i for i in corpus.elections["zs-2023"].items if i.number == 2)
    d = item2.deadlines[0]
    assert d.printed_impossible and d.timing == d.computed and d.timing.end.day == date(2023, 6, 14)
    cell = plain(item_html(page_text(built, "zs-2023"), 2))
    assert "не позднее 14.06.2023" in cell and "«13.06.2022» — такой даты быть не может" in cell
    event = by_uid(feeds, "zs-2023")["zs-2023-p2-1@ikko-kuzbass"]
    assert event.start == date(2023, 6, 14)
    assert "«13.06.2022» — такой даты быть не может" in str(event["DESCRIPTION"])


def test_after_the_day_starts_the_next_day(corpus, feeds):
    """"После дня голосования" (item 131): the day after the main voting day, in every plan."""
    for eid in ELECTIONS:
        election = corpus.elections[eid]
        event = by_uid(feeds, eid)[f"{eid}-p131-1@ikko-kuzbass"]
        assert event.start == election.voting_day + timedelta(days=1)
        assert str(event["SUMMARY"]).removeprefix("[Пример] ").startswith("С: ")


# --- printed times ---------------------------------------------------------------------------------------
TIME_WORDS = re.compile(r"\b\d{1,2}\.\d{2}\b(?!\.\d)|ноль часов|ноля часов|24 часов", re.IGNORECASE)


def test_every_printed_time_is_a_timed_event_in_its_zone(corpus, feeds):
    checked = 0
    for eid in ELECTIONS:
        election, uids = corpus.elections[eid], by_uid(feeds, eid)
        for item in election.items:
            for d in item.deadlines:
                if d.timing.undated:
                    continue
                words = f"{d.words or ''} {d.printed or ''}"
                bounds = [b for b in {id(b): b for b in (d.timing.start, d.timing.end) if b}.values() if b.time]
                if TIME_WORDS.search(words):          # the data keeps every time the document prints
                    assert bounds, (eid, item.number, d.index)
                uid = f"{eid}-p{item.number}-{d.index}"
                mine = [e for u, e in uids.items() if u.startswith(uid + "@") or u.startswith(uid + "-end@")]
                moments = {v.dt + timedelta(days=k) for e in mine for v in (e["DTSTART"], e.get("DTEND"))
                           if v is not None for k in range(e.get("RRULE", {}).get("COUNT", [1])[0])}
                for b in bounds:
                    zone = "Europe/Moscow" if b.tz == "moscow" else LOCAL
                    hours, minutes = map(int, b.time.split(":"))
                    want = datetime.combine(b.day + timedelta(days=hours // 24),
                                            datetime.min.time().replace(hour=hours % 24, minute=minutes))
                    assert any(isinstance(m, datetime) and str(m.tzinfo) == zone and m.replace(tzinfo=None) == want
                               for m in moments), (eid, item.number, d.index, b)
                    checked += 1
    assert checked >= 3 * 18


def test_known_printed_times_of_2023(feeds):
    uids = by_uid(feeds, "zs-2023")
    # "до ноля часов по местному времени 08.09.2023": campaigning ends as the first voting day begins
    end = uids["zs-2023-p88-1-end@ikko-kuzbass"].start
    assert (end.replace(tzinfo=None), str(end.tzinfo)) == (datetime(2023, 9, 8, 0, 0), LOCAL)
    # "24 часов по московскому времени 04.09": 05.09 00:00 Moscow time (04:00 local), not the end of 04.09 local
    end = uids["zs-2023-p11-3-end@ikko-kuzbass"].start
    assert (end.replace(tzinfo=None), str(end.tzinfo)) == (datetime(2023, 9, 5, 0, 0), "Europe/Moscow")
    # as the feed's own VTIMEZONE defines Moscow time (+03 since 2014): 21:00 UTC, 04:00 in Novokuznetsk
    assert end.utcoffset() == timedelta(hours=3) and end.astimezone(ZoneInfo(LOCAL)).hour == 4
    # "до 18.00 по местному времени"
    timed_18 = [e for e in uids.values() if isinstance(e.start, datetime) and e.start.hour == 18]
    assert len(timed_18) >= 6 and all(str(e.start.tzinfo) == LOCAL for e in timed_18)


def test_voting_hours_on_each_voting_day(feeds):
    three, one = by_uid(feeds, "zs-2028")["zs-2028-p154-1@ikko-kuzbass"], \
        by_uid(feeds, "zs-2028-odin-den")["zs-2028-odin-den-p154-1@ikko-kuzbass"]
    real = by_uid(feeds, "zs-2023")["zs-2023-p154-1@ikko-kuzbass"]
    for event, first, count in ((real, date(2023, 9, 8), 3), (three, date(2028, 9, 8), 3), (one, date(2028, 9, 10), 1)):
        assert (event.start.date(), event.start.hour, event.end.date(), event.end.hour) == (first, 8, first, 20)
        assert str(event.start.tzinfo) == LOCAL
        assert event.get("RRULE", {}).get("COUNT", [1]) == [count]


# --- names and titles ------------------------------------------------------------------------------------
def test_calendar_names_put_year_and_short_name_first(feeds, corpus):
    names = {}
    for path, cal in feeds.items():
        name = str(cal["X-WR-CALNAME"])
        assert str(cal["NAME"]) == name
        names.setdefault(name, []).append(path)
        election = corpus.elections.get(path.split("/")[0])
        if election:
            head = name.split(" — ")[0]
            assert len(name) <= 36 + 3 + 40, name
            assert head.startswith(str(election.voting_day.year)) and len(head) <= 36, name
            assert ("(пример)" in head) == election.illustrative, name
    assert all(len(paths) == 1 for paths in names.values()), [p for p in names.values() if len(p) > 1]
    assert str(feeds["zs-2023/tik.ics"]["X-WR-CALNAME"]) == "2023 ЗС Кузбасса — ТИК"
    assert str(feeds["zs-2028/tik.ics"]["X-WR-CALNAME"]) == "2028 ЗС Кузбасса (пример) — ТИК"


def test_titles_fit_a_phone_name_the_kind_and_never_repeat_at_one_start(feeds):
    for path, cal in feeds.items():
        seen = set()
        for e in events(cal):
            title = str(e["SUMMARY"])
            assert len(title) <= 90 and "\n" not in title, (path, title)
            key = (title, e["DTSTART"].dt)
            assert key not in seen, (path, title)
            seen.add(key)
            if path.startswith("zs-"):
                core = title.removeprefix("[Пример] ")
                assert re.search(r" \(п\. \d+(, срок \d+)?\)$", core), title
                uid = str(e["UID"])
                if uid.endswith("-end@ikko-kuzbass"):
                    assert core.startswith("Окончание: "), title


def test_kind_of_deadline_is_in_the_title(corpus, feeds):
    for eid in ELECTIONS:
        uids = by_uid(feeds, eid)
        for item in corpus.elections[eid].items:
            for d in item.deadlines:
                t = d.timing
                if t.undated:
                    continue
                title = str(uids[f"{eid}-p{item.number}-{d.index}@ikko-kuzbass"]["SUMMARY"]).removeprefix("[Пример] ")
                if t.end and not t.start:
                    assert title.startswith("До: "), title
                elif t.start and not t.end:
                    assert title.startswith("С: "), title
                elif f"{eid}-p{item.number}-{d.index}-end@ikko-kuzbass" in uids:
                    assert title.startswith("Начало: "), title
                else:
                    assert not title.startswith(KINDS), title


def test_no_bar_longer_than_a_week_and_full_wording_in_description(corpus, feeds):
    for eid in ELECTIONS:
        cal = feeds[f"{eid}/all.ics"]
        for e in events(cal):
            if e.get("DTEND") is not None:
                assert e.end - e.start <= timedelta(days=7), (eid, str(e["SUMMARY"]))
        uids = by_uid(feeds, eid)
        for item in corpus.elections[eid].items:
            for d in item.deadlines:
                if d.timing.undated:
                    continue
                text = str(uids[f"{eid}-p{item.number}-{d.index}@ikko-kuzbass"]["DESCRIPTION"])
                assert " ".join(item.action.split()) in " ".join(text.split())
                assert f"Срок: {d.words}" in text and f"vybory/{eid}/#p-{item.number}" in text
                if item.basis:
                    assert "Основание: " + item.basis[0].text in text


# --- illustrative plans -----------------------------------------------------------------------------------
def test_illustrative_feeds_are_marked_and_tentative(corpus, feeds):
    resolutions = {e.approved.date for e in corpus.elections.values() if e.approved} | \
        {p.approved.date for p in corpus.plans.values()}
    counted = 0
    for path, cal in feeds.items():
        election = corpus.elections.get(path.split("/")[0])
        if election is None:
            continue
        for e in events(cal):
            if election.illustrative:
                assert str(e["SUMMARY"]).startswith("[Пример] ") and str(e["STATUS"]) == "TENTATIVE"
                assert e["DTSTAMP"].dt.date() == election.prepared and election.prepared not in resolutions
                counted += 1
            else:
                assert not str(e["SUMMARY"]).startswith("[Пример]") and str(e["STATUS"]) == "CONFIRMED"
        if election.illustrative:
            assert "Примерный план" in str(cal["X-WR-CALDESC"])
    assert counted > 500


def test_illustrative_pages_mark_h1_every_item_and_open_data(corpus, built):
    for eid in EXAMPLES:
        page = page_text(built, eid)
        h1 = plain(re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1))
        assert "(примерный план)" in h1
        assert re.search(r"<title>[^<]*примерный план", page)
        items = re.findall(r'<div class="(ikko-item[^"]*)"[^>]*id="p-\d+"', page)
        assert len(items) == len(corpus.elections[eid].items)
        assert all("ikko-example" in css for css in items)
        assert page.count('class="ikko-example-label">Пример<') == len(items)
        data = json.loads((built / f"site/opendata/vybory/{eid}.json").read_text(encoding="utf-8"))
        assert "примерный план" in data["title"] and {r["illustrative"] for r in data["rows"]} == {"да"}
    real = json.loads((built / "site/opendata/vybory/zs-2023.json").read_text(encoding="utf-8"))
    assert {r["illustrative"] for r in real["rows"]} == {""} and "примерный" not in real["title"]
    assert "ikko-example" not in page_text(built, "zs-2023")
    assert ".ikko-example-label" in (built / "site/assets/ikko.css").read_text(encoding="utf-8")


# --- derived plans ----------------------------------------------------------------------------------------
def test_no_template_year_on_derived_pages_and_feeds(corpus, feeds, built):
    for eid in EXAMPLES:
        page = page_text(built, eid)
        assert not re.search(r"\d{2}\.\d{2}\.2023", plain(page))
        for item in corpus.elections[eid].items:
            text = plain(item_html(page, item.number))
            text = re.sub(r"Основание:.*", "", text)
            assert "2023" not in text, (eid, item.number, text)
        decision = plain(re.search(r"<li>Решение о назначении выборов.*?</li>", page).group(0))
        assert "№" not in decision and "«»" not in decision and "09.06.2028" in decision
        for path in (p for p in feeds if p.startswith(eid + "/")):
            for e in events(feeds[path]):
                text = "\n".join(line for line in str(e["DESCRIPTION"]).split("\n") if not line.startswith("Основание"))
                assert "2023" not in text + str(e["SUMMARY"]), (path, str(e["SUMMARY"]))
    three = plain(item_html(page_text(built, "zs-2028"), 154))
    assert "с 08.09.2028 по 10.09.2028" in three
    one = plain(item_html(page_text(built, "zs-2028-odin-den"), 154))
    assert "по местному времени 10.09.2028" in one and "с 10.09.2028 по 10.09.2028" not in one


# --- RFC details ------------------------------------------------------------------------------------------
def test_calendar_header_follows_rfc_7986_and_5546(built, feeds):
    escaped = 0
    for path in feeds:
        raw = (built / "calendars" / path).read_bytes().decode("utf-8").replace("\r\n ", "")
        header = raw.split("BEGIN:VTIMEZONE")[0].split("BEGIN:VEVENT")[0].split("\r\n")
        assert "REFRESH-INTERVAL;VALUE=DURATION:PT12H" in header
        assert not any(line.startswith(("METHOD", "ORGANIZER")) for line in raw.split("\r\n")), path
        for line in header:
            if line.startswith(("NAME:", "X-WR-CALNAME:", "X-WR-CALDESC:", "DESCRIPTION:")):
                value = line.split(":", 1)[1]
                assert not re.search(r"(?<!\\)[,;]", value), line
                escaped += "\\," in value
        cal = feeds[path]
        assert cal["REFRESH-INTERVAL"].dt == timedelta(hours=12)
    assert escaped > 0                                            # the check above was not vacuous


def test_every_feed_parses_in_ical_js_as_in_icalendar(built, feeds):
    node = shutil.which("node")
    assert node, "Node.js is needed (make browser-deps)"
    assert (ROOT / "node_modules/ical.js").is_dir(), "ical.js is missing: run make browser-deps (npm ci)"
    paths = [str(built / "calendars" / p) for p in feeds]
    result = subprocess.run([node, str(ROOT / "tests/js/read_ics.cjs"), *paths], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    parsed = json.loads(result.stdout)
    assert len(parsed) == len(feeds) > 100
    for path, cal in feeds.items():
        theirs = parsed[str(built / "calendars" / path)]
        assert theirs["name"] == str(cal["X-WR-CALNAME"]) and theirs["refresh"] == "PT12H"
        ours = {str(e["UID"]): e for e in events(cal)}
        assert {e["uid"] for e in theirs["events"]} == set(ours)
        for e in theirs["events"]:
            mine = ours[e["uid"]]
            assert e["summary"] == str(mine["SUMMARY"]) and e["status"] == str(mine["STATUS"])
            start = mine.start
            assert e["start"] == (int(start.timestamp()) if isinstance(start, datetime) else start.isoformat()), e
            assert e["recurring"] == ("RRULE" in mine)


# --- subscription page ------------------------------------------------------------------------------------
def test_subscription_page_groups_by_election_then_executor(corpus, feeds, built):
    page = (built / "site/podpiska/index.html").read_text(encoding="utf-8")
    sections = re.split(r"<h2 ", page)[1:]
    for eid, election in corpus.elections.items():
        section = next(s for s in sections if s.startswith(f'id="vybory-{eid}"'))
        listed = set(re.findall(r"calendars/([\w/-]+\.ics)", section))
        assert listed == {p for p in feeds if p.startswith(eid + "/")}
        for path in listed:
            assert f"<code>https://ikko-kuzbass.github.io/baza-znaniy/calendars/{path}</code>" in section
            assert f'href="webcal://ikko-kuzbass.github.io/baza-znaniy/calendars/{path}"' in section
        assert ("примерный план" in plain(section.split("</h2>")[0])) == election.illustrative
    how = page.split('id="kak"')[1].split("<h2")[0]
    google = next(plain(li) for li in re.findall(r"<li>(.*?)</li>", how, re.S) if plain(li).startswith("Google"))
    assert "https://" in google and "webcal:// — Google ее не принимает" in google


def test_illustrative_plan_without_prepared_date_is_refused(project):
    from ikko.errors import DataError
    from ikko.load import load_corpus
    path = project / "data/elections/zs-2028/election.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(k for k, line in enumerate(lines, start=1) if line.startswith("illustrative:"))
    path.write_text("\n".join(line for line in lines if not line.startswith("prepared:")) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_corpus(project / "data", project)
    assert f"data/elections/zs-2028/election.yaml:{number}:1: illustrative: у примерного плана нужно поле «prepared»" \
        in str(err.value)
