"""Text defects fixed at their source: what a reader sees on the built pages and in the feeds."""
from __future__ import annotations

import re
from html import unescape

from icalendar import Calendar


def html_of(built, path: str) -> str:
    return (built / "site" / path / "index.html").read_text(encoding="utf-8")


def article_text(built, path: str) -> str:
    html = html_of(built, path).split("<article", 1)[1].split("</article>", 1)[0]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_approved_by_the_commission_in_the_genitive(built, corpus):
    for e in corpus.elections.values():
        if e.approved:
            text = article_text(built, f"vybory/{e.id}")
            assert "Утвержден постановлением Избирательной комиссии Кемеровской области – Кузбасса" in text
            assert "постановлением Избирательная" not in text


def test_no_double_period_anywhere(built):
    """"2023-2028 гг." ends a title; a sentence built around it must not add a second period."""
    for path in (built / "site").rglob("*"):
        if path.suffix in (".html", ".json", ".csv"):
            assert "гг.." not in path.read_text(encoding="utf-8"), path
    for path in (built / "calendars").rglob("*.ics"):
        cal = Calendar.from_ical(path.read_bytes())
        for name in ("X-WR-CALDESC", "X-WR-CALNAME", "NAME"):
            assert "гг.." not in str(cal.get(name, "")), (path, name)


def test_law_numbers_before_fz_name_their_own_law(built, corpus):
    """"№ 44-ФЗ" and "№ 54-ФЗ" are explained as those laws, never as 67-ФЗ (what bare "ФЗ" means)."""
    numbered = {law.number: law for law in corpus.laws.values() if law.number and law.number.endswith("-ФЗ")}
    seen = set()
    for path in (built / "site").rglob("index.html"):
        html = path.read_text(encoding="utf-8")
        for title, number in re.findall(r'<abbr title="([^"]*)">(\d+-ФЗ)</abbr>', html):
            assert f"№ {number}" in unescape(title), (path, number, title)
            seen.add(number)
        # no law number is left with "ФЗ" explained alone right after it
        assert not re.search(r"\d-<abbr title=\"[^\"]*\">ФЗ</abbr>", html), path
    assert {"44-ФЗ", "54-ФЗ"} <= seen <= set(numbered)


def test_report_without_a_date_is_not_dated_on_home(built, corpus):
    text = article_text(built, "")
    for r in corpus.reports.values():
        line = re.search(r"(\S+(?: без даты)?) — " + re.escape(" ".join(r.title.split())), text)
        assert line, r.id
        if r.resolution is None:
            assert "отчет без даты —" in text and r.end.strftime("%d.%m.%Y") not in line.group(0)
        else:
            assert line.group(1) == r.resolution.date.strftime("%d.%m.%Y")


def test_regional_laws_named_as_the_region_was_named_then(built, corpus):
    """The region became «Кемеровская область – Кузбасс» in 2019; 106-ОЗ of 07.10.2019 is the first so titled."""
    text = article_text(built, "zakony")
    regional = [law for law in corpus.laws.values() if law.kind == "regional_law" and law.date]
    assert regional
    for law in regional:
        head = "Закон Кемеровской области – Кузбасса" if law.date.isoformat() >= "2019-10-07" else \
            "Закон Кемеровской области от"
        assert f"{head}" in law.full_title and f"{law.date:%d.%m.%Y} № {law.number}" in law.full_title
        assert law.full_title in text, law.id


def test_home_page_never_says_all_elections_are_over_above_future_ones(built, corpus):
    html = html_of(built, "")
    empty = unescape(re.search(r'data-empty="([^"]*)"', html).group(1))
    assert "все выборы в базе уже прошли" not in empty
    future_illustrative = [e for e in corpus.elections.values() if e.illustrative]
    if future_illustrative:
        assert "Примерные планы" in empty and "не утверждены" in empty


def test_comparison_does_not_average_figures_of_other_spans(built, corpus):
    """116 appeals were counted over the 2023 campaign periods, not the year: no "≈ 9,7 в месяц"."""
    spanned = [(r, s, f) for r in corpus.reports.values() for s in r.sections for f in s.figures if f.period]
    assert any(f.id == "appeals" and f.value == 116 for _, _, f in spanned)
    html = html_of(built, "otchety/sravnenie")
    for r, section, f in spanned:
        text = " ".join(" ".join(section.paragraphs).split())
        assert " ".join(f.period.split()) in text, (r.id, f.id)     # the period is the report's own words
        row = next(tr for tr in html.split("<tr>") if unescape(re.sub(r"<[^>]+>", " ", tr)).count(f.label) or
                   f.label in unescape(tr))
        assert "в месяц" not in row.split(f.label, 1)[-1] or "среднего за месяц нет" in row, row
        assert "среднего за месяц нет" in row


def test_every_part_a_basis_names_in_a_law_we_hold_is_linked(built, corpus):
    """"п.п. 16, 17 ст. 4 ЗКО о комиссиях": both parts are links, each to its own anchor."""
    from ikko.law_editions import edition_on
    from ikko.pages.citations import unit_anchors
    multi = 0
    for e in corpus.elections.values():
        html = html_of(built, f"vybory/{e.id}")
        for item in e.items:
            block = html[html.index(f'id="{item.anchor}"'):]
            block = block[:block.find('class="ikko-item', 10)]
            for b in item.basis:
                anchors = unit_anchors(corpus, b)
                law = corpus.laws[b.law]
                approved = e.approved.date if e.approved else None
                # a plan cites the edition in force on its approval (issue 15); an unapproved one the law's page
                page = (f"{b.law}/redakcii/{edition_on(law.editions, approved).slug}" if approved and law.editions
                        else b.law)
                for _, anchor in anchors:
                    assert f'href="../../zakony/{page}/#{anchor}"' in block, (e.id, item.number, anchor)
                multi += len(anchors) > 1
    assert multi >= 1
