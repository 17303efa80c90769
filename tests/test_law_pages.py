"""Law 1-ОЗ on the site: structure, stable anchors, history, backlinks."""
import re
from html.parser import HTMLParser


def law_html(built) -> str:
    return (built / "site/zakony/zko-1-oz/index.html").read_text(encoding="utf-8")


class Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k == "id":
                self.ids.add(v)


def ids_of(html: str) -> set[str]:
    p = Ids()
    p.feed(html)
    return p.ids


def test_structure(corpus):
    law = corpus.laws["zko-1-oz"]
    assert [a.number for a in law.articles] == [str(n) for n in range(1, 23)]
    assert [c.number for c in law.chapters] == ["I", "2", "3", "4", "5", "6", "7"]


def test_sample_of_stable_anchors(built):
    ids = ids_of(law_html(built))
    for anchor in ("st-1", "st-8", "st-8-p-3", "st-10-p-6", "st-12-p-2", "st-16", "st-3-p-1-abz-1",
                   "glava-i", "glava-7", "p64"):
        assert anchor in ids, anchor


def test_article_7_history_lists_the_laws_its_notes_name(built, corpus):
    html = law_html(built)
    art = html[html.index('id="st-7"'):html.index('id="st-8"')]
    history = art[art.index("История изменений"):]
    named = set(re.findall(r"от (\d\d\.\d\d\.\d{4}) N (\d+-ОЗ)", art))
    assert named, "article 7 has amendment notes"
    for day, number in named:
        assert f"Закон от {day} № {number}" in history


def test_calendar_items_link_to_existing_law_anchors(built):
    calendar = (built / "site/vybory/zs-2023/index.html").read_text(encoding="utf-8")
    ids = ids_of(law_html(built))   # every anchor of the edition the plan cites is on the main page too
    targets = re.findall(r'href="\.\./\.\./zakony/zko-1-oz/redakcii/2023-01-01/#([^"]+)"', calendar)
    assert len(targets) >= 4
    for t in targets:
        assert t in ids, t


def test_article_shows_calendar_backlinks(built):
    html = law_html(built)
    art = html[html.index('id="st-10"'):html.index('id="st-11"')]
    assert "На статью ссылаются" in art and "../../vybory/zs-2023/#p-" in art


def test_amending_laws_page_newest_first(built):
    html = (built / "site/zakony/izmeneniya/index.html").read_text(encoding="utf-8")
    dates = re.findall(r"<h2 id=\"[^\"]+\">Закон от (\d\d)\.(\d\d)\.(\d{4})", html)
    keys = [(y, m, d) for d, m, y in dates]
    assert len(keys) >= 15 and keys == sorted(keys, reverse=True)
    assert "../zko-1-oz/#st-7" in html
