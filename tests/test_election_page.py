"""The calendar page as a reader's browser receives it."""
import re


def page(built) -> str:
    return (built / "site/vybory/zs-2023/index.html").read_text(encoding="utf-8")


def test_every_item_has_its_stable_anchor(built):
    html = page(built)
    for n in range(1, 177):
        assert f'id="p-{n}"' in html
    assert 'id="razdel-ii"' in html and "ИЗБИРАТЕЛЬНЫЕ УЧАСТКИ" in html


def test_item_shows_deadline_words_date_and_executors(built):
    html = page(built)
    item = html[html.index('id="p-19"'):html.index('id="p-20"')]
    assert "Не позднее чем за 11 дней до дня голосования" in item
    assert "не позднее 29.08.2023" in item
    assert '<abbr title="Территориальная избирательная комиссия">ТИК</abbr>' in item


def test_source_error_is_shown_not_hidden(built):
    html = page(built)
    item = html[html.index('id="p-2"'):html.index('id="p-3"')]
    assert "14.06.2023" in item and "в документе: «13.06.2022» — такой даты быть не может" in item


def test_legal_basis_links_to_the_law_article_part(built):
    html = page(built)
    assert 'href="../../zakony/zko-1-oz/redakcii/2023-01-01/#st-10-p-6"' in html   # the edition in force on approval
    # a law we do not hold: its full title on hover, no link
    assert re.search(r'<span class="ikko-law" title="Федеральный закон от 12\.06\.2002 № 67-ФЗ', html)


def test_subscribe_links_and_filter(built):
    html = page(built)
    assert "https://ikko-kuzbass.github.io/baza-znaniy/calendars/zs-2023/all.ics" in html
    assert "webcal://ikko-kuzbass.github.io/baza-znaniy/calendars/zs-2023/all.ics" in html
    option = re.search(r'<option value="tik">(.*?)</option>', html, re.S)
    assert option and re.sub(r"<[^>]+>", "", option.group(1)).strip() == "ТИК"   # what the filter shows


def test_decision_and_time_zone_lines_read_as_the_data_says(built):
    """The decision calling the election is shown with every part the data gives, in the document's words."""
    import yaml
    html = page(built)
    raw = yaml.safe_load((built / "data/elections/zs-2023/election.yaml").read_text(encoding="utf-8"))["decision"]
    assert (f"<li>Решение о назначении выборов: {raw['body']} от 09.06.2023 № {raw['number']} «{raw['title']}»</li>"
            in html)
    assert f"<li>Официальное опубликование: 13.06.2023 {raw['publication']}</li>" in html
    assert "<li>Время местное (Asia/Novokuznetsk, МСК+4), если не указано иное</li>" in html
