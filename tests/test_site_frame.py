"""The site frame a reader meets: Russian 404, navigation sections, glossary with hover titles."""


def test_404_is_russian(built):
    html = (built / "site/404.html").read_text(encoding="utf-8")
    assert "Страница не найдена" in html and 'lang="ru"' in html


def test_navigation_shows_the_corpus(built):
    html = (built / "site/index.html").read_text(encoding="utf-8")
    for section in ("Выборы и календари", "Законы", "Планы работы", "Отчеты", "Справочник"):
        assert section in html


def test_glossary_and_abbreviations_on_every_page(built):
    glossary = (built / "site/spravochnik/sokrashcheniya/index.html").read_text(encoding="utf-8")
    for abbr in ("ИККО", "ОИК", "ТИК", "УИК", "МФЦ", "ЕПГУ", "ЗКО", "ФЗ", "ГАС «Выборы»", "ЦИК России"):
        assert f">{abbr}<" in glossary or f"{abbr}</td>" in glossary, abbr
    law = (built / "site/zakony/zko-1-oz/index.html").read_text(encoding="utf-8")
    plan = (built / "site/plany/plan-2024/index.html").read_text(encoding="utf-8")
    assert '<abbr title="' in law or '<abbr title="' in plan
    assert '<abbr title="Избирательная комиссия Кемеровской области – Кузбасса">ИККО</abbr>' in \
        (built / "site/vybory/zs-2023/index.html").read_text(encoding="utf-8")
