"""The election feeds as a subscriber's calendar app reads them (parsed back with icalendar)."""
from datetime import date, datetime, timedelta

from icalendar import Calendar

from ikko.build import write_feeds
from ikko.feeds import all_feeds


def read(built, path) -> Calendar:
    return Calendar.from_ical((built / "calendars" / path).read_bytes())


def events_by_item(cal):
    out = {}
    for ev in cal.walk("VEVENT"):
        number = int(str(ev["UID"]).split("-p", 1)[1].split("-")[0])
        out.setdefault(number, []).append(ev)
    return out


def test_whole_election_feed_has_every_dated_deadline(built, corpus):
    cal = read(built, "zs-2023/all.ics")
    election = corpus.elections["zs-2023"]
    dated = [(i, d) for i in election.items for d in i.deadlines if not d.timing.undated]
    long = [(i, d) for i, d in dated if d.timing.start and d.timing.end and (d.timing.end.day - d.timing.start.day).days >= 7]
    uids = {str(e["UID"]) for e in cal.walk("VEVENT")}
    assert uids == {f"zs-2023-p{i.number}-{d.index}@ikko-kuzbass" for i, d in dated} | \
        {f"zs-2023-p{i.number}-{d.index}-end@ikko-kuzbass" for i, d in long}
    assert len(dated) == 116 and len(long) > 10
    assert str(cal["X-WR-CALNAME"]) == "2023 ЗС Кузбасса — все сроки"
    assert cal["REFRESH-INTERVAL"].dt == timedelta(hours=12)
    assert {tz["TZID"] for tz in cal.walk("VTIMEZONE")} >= {"Asia/Novokuznetsk"}


def test_published_dates_of_key_items(built):
    items = events_by_item(read(built, "zs-2023/all.ics"))
    assert items[1][0].start == date(2023, 6, 9)                       # decision calling the election
    assert items[7][0].start == date(2023, 7, 31)                      # lists of polling stations, −40 days
    # item 11: a window from 24.07 to 04.09 is longer than a week: a start event and an end event
    by_uid = {str(e["UID"]): e for e in items[11]}
    assert by_uid["zs-2023-p11-1@ikko-kuzbass"].start == date(2023, 7, 24)
    assert by_uid["zs-2023-p11-1-end@ikko-kuzbass"].start == date(2023, 9, 4)
    assert by_uid["zs-2023-p11-1-end@ikko-kuzbass"].end == date(2023, 9, 5)
    # a window of a week or less stays one bar: item 11-4 (in a UIK) from 30.08 to 04.09
    assert (by_uid["zs-2023-p11-4@ikko-kuzbass"].start, by_uid["zs-2023-p11-4@ikko-kuzbass"].end) == \
        (date(2023, 8, 30), date(2023, 9, 5))
    # item 154: voting from 08:00 to 20:00 local time on each of the three days
    voting = items[154][0]
    assert voting.start.hour == 8 and voting.end.hour == 20 and voting.start.date() == date(2023, 9, 8)
    assert voting["RRULE"]["COUNT"] == [3]


def test_timed_deadline_keeps_local_time_zone(built):
    items = events_by_item(read(built, "zs-2023/all.ics"))
    start = items[16][0].start
    assert isinstance(start, datetime)
    assert (start.year, start.month, start.day, start.hour) == (2023, 9, 7, 10)
    assert str(start.tzinfo) == "Asia/Novokuznetsk"
    assert "TZID=Asia/Novokuznetsk:20230907T100000" in (built / "calendars/zs-2023/all.ics").read_text()


def test_rfc5545_basics(built):
    raw = (built / "calendars/zs-2023/all.ics").read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))      # folded by octets
    cal = Calendar.from_ical(raw)
    for ev in cal.walk("VEVENT"):
        assert ev["DTSTAMP"].dt == datetime.fromisoformat("2023-06-13T00:00:00+00:00")
        assert str(ev["UID"]).endswith("@ikko-kuzbass")
        assert "zs-2023/#p-" in str(ev["URL"])


def test_executor_feeds_hold_only_their_deadlines(built):
    tik = events_by_item(read(built, "zs-2023/tik.ics"))
    uik = events_by_item(read(built, "zs-2023/uik.ics"))
    assert 19 in tik and 19 not in uik                                  # lists are compiled by ТИК
    assert 11 in tik and 11 in uik                                      # item 11 has both
    assert set(tik) < set(events_by_item(read(built, "zs-2023/all.ics")))


def test_uids_are_stable_and_rebuild_is_byte_identical(built, corpus, tmp_path):
    feeds = all_feeds(corpus, "https://ikko-kuzbass.github.io/baza-znaniy/")
    write_feeds(feeds, tmp_path / "a")
    write_feeds(all_feeds(corpus, "https://ikko-kuzbass.github.io/baza-znaniy/"), tmp_path / "b")
    for feed in feeds:
        assert (tmp_path / "a" / feed.path).read_bytes() == (tmp_path / "b" / feed.path).read_bytes()
        assert (tmp_path / "a" / feed.path).read_bytes() == (built / "calendars" / feed.path).read_bytes()
    uids = [str(e["UID"]) for e in read(built, "zs-2023/all.ics").walk("VEVENT")]
    assert len(uids) == len(set(uids))
    assert "zs-2023-p11-3@ikko-kuzbass" in uids


def test_feeds_are_downloadable_from_the_site(built):
    for path in ("zs-2023/all.ics", "zs-2023/tik.ics"):
        assert (built / "site/calendars" / path).read_bytes() == (built / "calendars" / path).read_bytes()
