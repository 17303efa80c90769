"""The site frame a reader meets: Russian 404, navigation sections, glossary with hover titles."""
import html
import re

import yaml


def test_404_is_russian(built):
    html = (built / "site/404.html").read_text(encoding="utf-8")
    assert "Страница не найдена" in html and 'lang="ru"' in html


def test_navigation_shows_the_corpus(built):
    html = (built / "site/index.html").read_text(encoding="utf-8")
    for section in ("Выборы и календари", "Законы", "Планы работы", "Отчеты", "Справочник"):
        assert section in html


def test_glossary_and_abbreviations_on_every_page(built):
    glossary = (built / "site/spravochnik/sokrashcheniya/index.html").read_text(encoding="utf-8")
    registry = built / "data/registry"
    full = {e["abbr"]: e["full"] for e in yaml.safe_load((registry / "abbreviations.yaml").read_text(encoding="utf-8"))}
    full |= {e["abbr"]: e["name"] for e in yaml.safe_load((registry / "executors.yaml").read_text(encoding="utf-8"))
             if e.get("abbr")}
    text = lambda cell: html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()
    rows = {text(a): text(b) for a, b in re.findall(r"<tr>\s*<td>(.*?)</td>\s*<td>(.*?)</td>", glossary, re.S)}
    for abbr in ("ИККО", "ОИК", "ТИК", "УИК", "МФЦ", "ЕПГУ", "ЗКО", "ФЗ", "ГАС «Выборы»", "ЦИК России"):
        assert rows.get(abbr) == full[abbr], abbr     # the reader sees the abbreviation and its full name
    law = (built / "site/zakony/zko-1-oz/index.html").read_text(encoding="utf-8")
    plan = (built / "site/plany/plan-2024/index.html").read_text(encoding="utf-8")
    assert f'<abbr title="{full["ЗКО о комиссиях"]}">ЗКО о комиссиях</abbr>' in law
    assert f'<abbr title="{full["ЦИК России"]}">ЦИК России</abbr>' in plan
    assert '<abbr title="Избирательная комиссия Кемеровской области – Кузбасса">ИККО</abbr>' in \
        (built / "site/vybory/zs-2023/index.html").read_text(encoding="utf-8")
