"""Amended plans: subscribed calendars follow (RFC 5545/5546 semantics) and readers see what changed.

The amendment is a test fixture built on the real 2023 plan (tests/fixtures/amendments/):
it moves items 16 and 31, gives sub-deadline 1 of item 11 to УИК instead of ТИК, removes item 154.
"""
import re
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from conftest import build_project
from ikko.build import write_feeds
from ikko.errors import DataError
from ikko.feeds import FeedIndex, all_feeds
from ikko.load import load_corpus

FIXTURES = Path(__file__).parent / "fixtures" / "amendments"
URL = "https://ikko-kuzbass.github.io/baza-znaniy/"


def amend(project: Path) -> None:
    shutil.copy(FIXTURES / "zs-2023.yaml", project / "data/elections/zs-2023/amendments.yaml")
    (project / "data/plans/plan-2024").mkdir()
    shutil.copy(FIXTURES / "plan-2024.yaml", project / "data/plans/plan-2024/amendments.yaml")


def feeds_of(project: Path, out: Path) -> Path:
    write_feeds(all_feeds(load_corpus(project / "data", project), URL), out)
    return out


def events(path: Path) -> dict:
    return {str(e["UID"]): e for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}


@pytest.fixture
def versions(project, tmp_path):
    before = feeds_of(project, tmp_path / "before")
    amend(project)
    after = feeds_of(project, tmp_path / "after")
    return before, after


def uid(item, sub=1):
    return f"zs-2023-p{item}-{sub}@ikko-kuzbass"


def end(item, sub=1):
    """The end event of a window longer than a week."""
    return f"zs-2023-p{item}-{sub}-end@ikko-kuzbass"


def test_uids_kept_sequence_raised_exactly_on_changed_events(versions):
    before, after = versions
    old, new = events(before / "zs-2023/all.ics"), events(after / "zs-2023/all.ics")
    assert set(old) == set(new)
    raised = {u for u, e in new.items() if int(e.get("SEQUENCE", 0)) > 0}
    # 32 is counted from the end of item 31, so it moves with it; long windows have an end event too
    assert {u.replace("-end@", "@") for u in raised} == {uid(16), uid(31), uid(32), uid(11), uid(154)}
    assert end(31) in raised and end(11) in raised
    for u in raised:
        assert int(new[u]["SEQUENCE"]) == 1
        assert new[u]["LAST-MODIFIED"].dt == datetime.fromisoformat("2023-07-20T00:00:00+00:00")
        assert new[u]["DTSTAMP"].dt == new[u]["LAST-MODIFIED"].dt
    for u in set(new) - raised:
        assert new[u].to_ical() == old[u].to_ical(), u          # untouched events byte-identical


def test_moved_items_have_new_dates_and_removed_item_is_cancelled(versions):
    _, after = versions
    new = events(after / "zs-2023/all.ics")
    assert new[uid(16)].start.replace(tzinfo=None) == datetime(2023, 9, 6, 12, 0)
    assert str(new[uid(16)].start.tzinfo) == "Asia/Novokuznetsk"
    assert (new[uid(31)].start, new[end(31)].start, new[end(31)].end) == \
        (date(2023, 7, 26), date(2023, 8, 15), date(2023, 8, 16))
    assert str(new[uid(154)]["STATUS"]) == "CANCELLED"
    assert str(new[uid(16)]["STATUS"]) == "CONFIRMED"


def test_executor_change_cancels_in_old_feed_and_appears_in_new(versions):
    before, after = versions
    assert uid(11) in events(before / "zs-2023/tik.ics") and uid(11) not in events(before / "zs-2023/uik.ics")
    tik, uik = events(after / "zs-2023/tik.ics"), events(after / "zs-2023/uik.ics")
    assert str(tik[uid(11)]["STATUS"]) == "CANCELLED" and int(tik[uid(11)]["SEQUENCE"]) >= 1
    assert str(uik[uid(11)]["STATUS"]) == "CONFIRMED"
    assert str(events(after / "zs-2023/all.ics")[uid(154)]["STATUS"]) == "CANCELLED"


def replay(store: dict, feed: Path) -> None:
    """A subscribed calendar: apply a fetched feed by UID and SEQUENCE (RFC 5546 §2.1.4/2.1.5)."""
    for uid_, ev in events(feed).items():
        seq = int(ev.get("SEQUENCE", 0))
        if uid_ in store and store[uid_][0] > seq:
            continue
        if str(ev.get("STATUS", "CONFIRMED")) == "CANCELLED":
            store.pop(uid_, None)
            store.setdefault("_cancelled", set()).add(uid_)
        else:
            store[uid_] = (seq, ev.start, ev.end)


def test_subscribed_calendar_ends_in_the_amended_plan(versions, project):
    before, after = versions
    for feed in ("all.ics", "tik.ics", "uik.ics"):
        store: dict = {}
        replay(store, before / "zs-2023" / feed)
        replay(store, after / "zs-2023" / feed)
        store.pop("_cancelled", None)
        election = load_corpus(project / "data", project).elections["zs-2023"]
        executor = feed[:-4]
        expected = {}
        for item in election.items:
            for d in item.deadlines:
                if item.excluded or d.timing.undated or (executor != "all" and executor not in {e.id for e in d.executors}):
                    continue
                expected[uid(item.number, d.index)] = d.timing
        assert {u.replace("-end@", "@") for u in store} == set(expected), feed
        for u, t in expected.items():
            start = store[u][1]
            day = start.date() if isinstance(start, datetime) else start
            assert day == (t.start or t.end).day, u
            if u.replace("@", "-end@") in store:
                assert store[u.replace("@", "-end@")][1] in (t.end.day, t.end.moment("Asia/Novokuznetsk")), u


def test_plan_amendment_changes_plan_feed(versions):
    before, after = versions
    old, new = events(before / "plans/plan-2024/all.ics"), events(after / "plans/plan-2024/all.ics")
    moved = "plan-2024-p2-2-1@ikko-kuzbass"
    assert old[moved].start == date(2024, 4, 1) and new[moved].start == date(2024, 5, 1)
    assert int(new[moved]["SEQUENCE"]) == 1
    assert str(new["plan-2024-p2-3-1@ikko-kuzbass"]["STATUS"]) == "CANCELLED"


def test_reader_sees_edition_history_and_excluded_item(project):
    amend(project)
    build_project(project)
    html = (project / "site/vybory/zs-2023/index.html").read_text(encoding="utf-8")
    assert "В редакции постановления от 20.07.2023 № 57/420-7" in html
    item16 = html[html.index('id="p-16"'):html.index('id="p-17"')]
    assert "История изменений пункта" in item16
    assert "не позднее 07.09.2023 10:00" in item16 and "не позднее 06.09.2023 12:00" in item16
    assert "постановление от 20.07.2023 № 57/420-7" in item16
    item154 = html[html.index('id="p-154"'):html.index('id="p-155"')]
    assert "Пункт исключен" in item154
    changes = (project / "site/spravochnik/izmeneniya/index.html").read_text(encoding="utf-8")
    assert "20.07.2023 № 57/420-7" in changes and "14.03.2024 № 95/700-7" in changes
    assert changes.index("14.03.2024") < changes.index("20.07.2023")          # newest first
    assert "с 21.07.2023 по 10.08.2023" in changes and "с 26.07.2023 по 15.08.2023" in changes


@pytest.mark.parametrize("edit, field, words", [
    (lambda t: t.replace("- item: 16", "- item: 999"), "[0].changes[0].item", "пункта 999 нет в плане"),
    (lambda t: t.replace("date: 2023-07-20", "date: 2023-06-01"), "[0].resolution.date", "раньше утверждения плана"),
    (lambda t: t.replace("          executors: [УИК]", "          exekutors: [УИК]"), "[0].changes[2].deadlines[0]",
     "неизвестное поле «exekutors»"),
    (lambda t: t + t.split("\n", 2)[2].replace("2023-07-20", "2023-07-10"), "[1].resolution", ""),
])
def test_bad_amendments_stop_the_build_with_the_place(project, edit, field, words):
    amend(project)
    path = project / "data/elections/zs-2023/amendments.yaml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load_corpus(project / "data", project)
    messages = [str(p) for p in exc.value.problems]
    assert any(m.startswith("data/elections/zs-2023/amendments.yaml:") and field in m and words in m
               for m in messages), messages


def test_second_amendment_out_of_order_and_same_number(project):
    amend(project)
    path = project / "data/elections/zs-2023/amendments.yaml"
    text = path.read_text(encoding="utf-8")
    second = text.split("\n", 2)[2].replace("2023-07-20", "2023-07-10")
    path.write_text(text + second, encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load_corpus(project / "data", project)
    messages = "\n".join(str(p) for p in exc.value.problems)
    assert "[1].resolution.date: изменения должны идти по порядку дат" in messages
    assert "[1].resolution.number: постановление № 57/420-7 уже указано" in messages


def test_amended_election_page_lists_each_executors_calendar_by_name(project):
    """Feeds carry whose they are: the page names each executor, also for feeds only an older edition had."""
    from ikko.pages.calendar import election_page
    amend(project)
    corpus = load_corpus(project / "data", project)
    election = corpus.elections["zs-2023"]
    page = election_page(corpus, election, URL, FeedIndex.of(corpus, URL))
    listed = re.findall(r"^    - (.+?): \[скачать\]\(\S+/zs-2023/([a-z0-9-]+)\.ics\)", page, re.M)
    assert listed and all(name.startswith(corpus.executors[ex_id].name) for name, ex_id in listed)
    assert ("Территориальная избирательная комиссия (ТИК)", "tik") in listed
