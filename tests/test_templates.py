"""Calendar plans from a template: an election is a voting day and a few dates."""
from datetime import date

from icalendar import Calendar

from ikko.build import write_feeds
from ikko.feeds import election_feeds
from ikko.load import load_corpus

# Dates computed by hand for voting on 08–10.09.2028, decision 09.06.2028, published 13.06.2028.
# (item, sub-deadline): expected dates, with the form each row covers.
HAND_2028 = {
    (1, 1): [date(2028, 6, 9)],                          # on the decision day
    (2, 1): [date(2028, 6, 14)],                         # через 5 дней со дня принятия: +5
    (3, 1): [date(2028, 6, 22)],                         # в десятидневный срок со дня опубликования: +9
    (4, 2): [date(2028, 7, 1)],                          # за 70 дней до дня голосования: −71
    (5, 2): [date(2028, 9, 4)],                          # за 3 дня до дня (первого дня): 08.09 − 4
    (11, 4): [date(2028, 8, 30), date(2028, 9, 4)],      # за 10 дней до (последнего дня) … за 3 дня до (первого)
    (16, 1): [date(2028, 9, 7)],                         # в день, предшествующий первому дню, 10:00
    (32, 1): [date(2028, 8, 25)],                        # через 15 дней со дня окончания приема (п. 31: 10.08)
    (41, 1): [date(2028, 6, 16)],                        # через три дня со дня опубликования: +3
    (42, 1): [date(2028, 6, 14), date(2028, 7, 9)],      # после дня опубликования … через 25 дней после дня: +26
    (83, 1): [date(2028, 6, 23)],                        # на десятый день после дня опубликования: +10
    (101, 1): [date(2028, 9, 20)],                       # через 10 дней со дня голосования: +10
    (160, 1): [date(2028, 9, 12)],                       # на третий день со дня голосования
    (173, 1): [date(2028, 9, 10), date(2028, 11, 9)],    # в течение 2 месяцев со дня голосования
}


def days(election):
    return {(i.number, d.index): d.timing.days for i in election.items for d in i.deadlines}


def counted(election):
    """The rules' count, before the printed dates govern."""
    return {(i.number, d.index): d.computed.days for i in election.items for d in i.deadlines}


def test_hand_computed_dates_for_another_voting_day(corpus):
    got = days(corpus.elections["zs-2028"])
    for key, expected in HAND_2028.items():
        assert got[key] == expected, key
    assert corpus.elections["zs-2028"].illustrative


def test_one_day_voting_moves_first_and_last_day_items_together(corpus):
    one = corpus.elections["zs-2028-odin-den"]
    got = days(one)
    assert got[(5, 2)] == [date(2028, 9, 6)]                          # first day = 10.09: 10.09 − 4
    assert got[(11, 4)] == [date(2028, 8, 30), date(2028, 9, 6)]
    assert got[(16, 1)] == [date(2028, 9, 9)]
    assert 3 not in {i.number for i in one.items} and len(one.items) == 175


def test_template_with_2023_dates_reproduces_the_published_plan(project):
    (project / "data/elections/zs-2023-copy").mkdir()
    (project / "data/elections/zs-2023-copy/election.yaml").write_text(
        "# yaml-language-server: $schema=../../../schemas/election.schema.json\n"
        "id: zs-2023-copy\ntitle: Копия\ntemplate: zs-2023\nillustrative: true\nprepared: 2026-11-25\ntimezone: Asia/Novokuznetsk\n"
        "voting_days: [2023-09-08, 2023-09-09, 2023-09-10]\n"
        "decision: {date: 2023-06-09, published: 2023-06-13}\n", encoding="utf-8")
    corpus = load_corpus(project / "data", project)
    published, copy = corpus.elections["zs-2023"], corpus.elections["zs-2023-copy"]
    assert days(copy) == counted(copy) == counted(published)
    # date for date equal to what the commission printed, except the source's own errors
    from ikko.deadlines import printed_agrees, printed_days
    mismatched = {i.number for i in published.items for d in i.deadlines
                  if not printed_agrees(printed_days(d.printed), days(copy)[(i.number, d.index)])}
    assert mismatched == {2, 11, 166}
    # where the document is possible it governs the published plan; the impossible item 2 keeps the count
    assert {i.number for i in published.items for d in i.deadlines if d.timing != d.computed} == {11, 166}


def test_changing_one_date_changes_exactly_the_dependent_events(project, tmp_path):
    before = load_corpus(project / "data", project).elections["zs-2028"]
    path = project / "data/elections/zs-2028/election.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("published: 2028-06-13", "published: 2028-06-14"),
                    encoding="utf-8")
    after = load_corpus(project / "data", project).elections["zs-2028"]
    url = "https://example.org/"
    write_feeds(election_feeds(before, url), tmp_path / "before")
    write_feeds(election_feeds(after, url), tmp_path / "after")
    read = lambda p: {str(e["UID"]): e.to_ical() for e in Calendar.from_ical(p.read_bytes()).walk("VEVENT")}
    old, new = read(tmp_path / "before/zs-2028/all.ics"), read(tmp_path / "after/zs-2028/all.ics")
    assert set(old) == set(new)                                      # same UIDs
    changed = {uid for uid in old if old[uid] != new[uid]}
    depends = {f"zs-2028-p{i.number}-{d.index}@ikko-kuzbass" for i in after.items for d in i.deadlines
               if "publication" in d.rule.anchors() and not d.timing.undated}
    assert {uid.replace("-end@", "@") for uid in changed} == depends and len(changed) >= 8
