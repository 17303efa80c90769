"""The site frame a reader meets: Russian 404, navigation sections, glossary with hover titles."""
import html
import re


def test_404_is_russian(built):
    html = (built / "site/404.html").read_text(encoding="utf-8")
    assert "Страница не найдена" in html and 'lang="ru"' in html


def test_navigation_shows_the_corpus(built):
    html = (built / "site/index.html").read_text(encoding="utf-8")
    for section in ("Выборы и календари", "Законы", "Планы работы", "Отчеты", "Справочник"):
        assert section in html


def glossary_rows(page: str) -> dict[str, str]:
    """The glossary table as a reader sees it: abbreviation -> full name (tags removed)."""
    text = lambda cell: html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()
    return {text(a): text(b) for a, b in re.findall(r"<tr>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*</tr>", page, re.S)}


def test_glossary_lists_every_abbreviation_with_its_full_name(built, corpus):
    rows = glossary_rows((built / "site/spravochnik/sokrashcheniya/index.html").read_text(encoding="utf-8"))
    expected = {a.abbr: " ".join(a.full.split()) for a in corpus.glossary()}
    assert len(expected) >= 10
    assert {k: " ".join(v.split()) for k, v in rows.items()} == expected


def test_abbreviations_have_hover_titles_on_content_pages(built):
    for page in ("zakony/zko-1-oz", "plany/plan-2024"):
        assert '<abbr title="' in (built / "site" / page / "index.html").read_text(encoding="utf-8"), page
    assert '<abbr title="Избирательная комиссия Кемеровской области – Кузбасса">ИККО</abbr>' in \
        (built / "site/vybory/zs-2023/index.html").read_text(encoding="utf-8")
