"""Law 1-ОЗ as in force on a date: point-in-time texts, a fixture amending law with every operation,
editor errors, and what the site shows (dated line, repealed marks, editions, comparison, anchors)."""
import json
import re
from datetime import date
from html.parser import HTMLParser

import pytest

from ikko.errors import DataError
from ikko.importers.law_text import clean
from ikko.law_editions import edition_on, target_anchor, units
from ikko.load import load_corpus
from ikko.sources import LAW_1_OZ, source_text

AMENDMENTS = "data/laws/zko-1-oz/amendments.yaml"
REPEALED = {  # the provisions 58-ОЗ repeals from 01.01.2023, as the law names them -> anchor
    "ст. 3 п. 1 абз. 3": "st-3-p-1-abz-2", "ст. 5 п. 12 абз. 2": "st-5-p-12-abz-1",
    "ст. 6 п. 4 абз. 3": "st-6-p-4-abz-2", "ст. 6 п. 11": "st-6-p-11", "ст. 11 п. 3": "st-11-p-3",
    "ст. 16 п. 8": "st-16-p-8", "ст. 17 п. 2": "st-17-p-2",
}


class Page(HTMLParser):
    """Ids and the text inside each element that has an id (up to its end tag)."""

    def __init__(self, html: str):
        super().__init__()
        self.ids: dict[str, str] = {}
        self.all_ids: list[str] = []
        self.classes: dict[str, str] = {}
        self._open: list[tuple[str, str, list[str]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.all_ids.append(a["id"])
            self.ids[a["id"]] = ""
            self.classes[a["id"]] = a.get("class") or ""
            if tag not in ("span", "br", "img", "input"):
                self._open.append((tag, a["id"], []))

    def handle_endtag(self, tag):
        if self._open and self._open[-1][0] == tag:
            _, ident, chunks = self._open.pop()
            self.ids[ident] = " ".join("".join(chunks).split())

    def handle_data(self, data):
        for _, _, chunks in self._open:
            chunks.append(data)


def page(built, url: str) -> str:
    return (built / "site" / url / "index.html").read_text(encoding="utf-8")


# --- point in time ------------------------------------------------------------------------
def test_text_on_31_12_2022_is_the_source_word_for_word(corpus):
    law = corpus.laws["zko-1-oz"]
    lines = [clean(raw)[0] for raw in source_text(LAW_1_OZ).split("\n") if not raw.startswith("\t")]
    held = edition_on(law.editions, date(2022, 12, 31)).law
    at = 0
    checked = 0
    for article in held.articles:
        wanted = [f"Статья {article.number}. {article.title}"]
        for part in article.parts:
            wanted.append(part.text)
            wanted += [pt.text for pt in part.points]
        for text in wanted:   # each unit in order, as a whole line of the source (after its number)
            while at < len(lines) and not (lines[at] == text or re.fullmatch(r"[\dа-я\- ]+[.)] " + re.escape(text),
                                                                                 lines[at])):
                at += 1
            assert at < len(lines), f"not in the source (in order): {text[:100]}"
            checked += 1
    assert checked > 500


def test_text_on_01_01_2023_differs_exactly_in_the_provisions_the_changes_name(corpus):
    law = corpus.laws["zko-1-oz"]
    before = units(edition_on(law.editions, date(2022, 12, 31)).law)
    after = units(edition_on(law.editions, date(2023, 1, 1)).law)
    differing = {a for a in set(before) | set(after) if before.get(a) != after.get(a)}
    named = {target_anchor(law, c.applied_target) for c in law.changes if not c.not_applied}
    # every change shows up, in the unit it names or in a paragraph of it …
    for anchor in named:
        assert any(d == anchor or d.startswith(anchor + "-") for d in differing), anchor
    # … and nothing else differs
    for d in differing:
        assert any(d == a or d.startswith(a + "-") for a in named), d
    not_applied = target_anchor(law, next(c for c in law.changes if c.not_applied).target)
    assert before[not_applied] == after[not_applied]
    assert len(differing) == 71
    assert edition_on(law.editions, date(2013, 2, 7)) is edition_on(law.editions, date(2022, 12, 31))
    assert edition_on(law.editions, date(2026, 12, 1)) is edition_on(law.editions, date(2023, 1, 1))


# --- a fixture amending law: every operation, then the errors ---------------------------
FIXTURE = """
- law: zko-142-oz
  effective: 2024-03-01
  changes:
  - target: {article: '1'}
    source: в ст. 1 слова "Конституцией Российской Федерации" заменить словами "Конституцией РФ"
    edits: [{op: replace_words, words: Конституцией Российской Федерации, with: Конституцией РФ}]
  - target: {article: '1'}
    source: в ст. 1 слова ", иными федеральными законами" исключить
    edits: [{op: exclude_words, words: ', иными федеральными законами'}]
  - target: {article: '7', part: '1'}
    source: в п. 1 ст. 7 второе предложение исключить
    edits: [{op: exclude_sentence, sentence: 2}]
  - target: {article: '22', part: '2'}
    source: п. 2 ст. 22 признать утратившим силу
    edits: [{op: repeal}]
  - target: {article: '4', part: '12'}
    source: п. 12 ст. 4 изложить в новой редакции
    edits: [{op: new_wording, text: Комиссии независимы.}]
  - target: {article: '4'}
    source: ст. 4 дополнить пунктом 12-1
    edits: [{op: add, number: 12-1, text: Новый пункт о комиссиях.}]
"""


def add_fixture(project, extra: str = "") -> str:
    path = project / AMENDMENTS
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + FIXTURE.lstrip("\n") + extra,
                    encoding="utf-8")
    return path.read_text(encoding="utf-8")


def test_fixture_amending_law_applies_every_operation(project):
    add_fixture(project)
    law = load_corpus(project / "data", project).laws["zko-1-oz"]
    assert [e.slug for e in law.editions] == ["2022-12-31", "2023-01-01", "2024-03-01"]
    assert law.editions[1].until == date(2024, 2, 29)
    old, new = units(law.editions[1].law), units(law.editions[2].law)
    assert new["st-1"] == old["st-1"]
    body = old["st-1-abz-1"]
    assert new["st-1-abz-1"] == body.replace("Конституцией Российской Федерации", "Конституцией РФ").replace(
        ", иными федеральными законами", "")
    assert new["st-7-p-1"] == old["st-7-p-1"].split(". Формирование")[0] + "."
    assert new["st-22-p-2"] == "Утратил силу с 01.03.2024. – Закон Кемеровской области – Кузбасса от 29.12.2014 № 142-ОЗ."
    assert "st-22-p-2-abz-1" in old and not any(a.startswith("st-22-p-2-") for a in new)   # its paragraphs go too
    assert new["st-4-p-12"] == "Комиссии независимы."
    parts = [a for a in new if a.startswith("st-4-p-")]
    assert parts[parts.index("st-4-p-12") + 1] == "st-4-p-12-1" and new["st-4-p-12-1"] == "Новый пункт о комиссиях."
    # the earlier edition is untouched by the later law
    assert units(law.editions[1].law) == old and "st-4-p-12-1" not in old
    # on the page of the new edition: the new part says since when, the reworded one keeps its former wording
    from ikko.pages.law import edition_page
    corpus = load_corpus(project / "data", project)
    md = edition_page(corpus, corpus.laws["zko-1-oz"], corpus.laws["zko-1-oz"].editions[2])
    added = md[md.index('<div id="st-4-p-12-1" class="ikko-part" markdown>'):]
    assert added.split("\n")[6:8] == ["*(введен с 01.03.2024: Закон от 29.12.2014 № 142-ОЗ)*", "{: .ikko-note }"]
    reworded = md[md.index('<div id="st-4-p-12" class="ikko-part" markdown>'):md.index('<div id="st-4-p-12-1" class="ikko-part" markdown>')]
    assert "Редакция до 01.03.2024" in reworded and old["st-4-p-12"] in reworded


def problems(project) -> list[str]:
    with pytest.raises(DataError) as exc:
        load_corpus(project / "data", project)
    return [str(p) for p in exc.value.problems]


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_unresolvable_target_is_an_error_with_file_line_and_field(project):
    text = add_fixture(project, """  - target: {article: '4', part: '3'}
    source: в п. 3 ст. 4 слова "несуществующие слова" исключить
    edits: [{op: exclude_words, words: несуществующие слова}]
  - target: {article: '4', part: '99'}
    source: п. 99 ст. 4 признать утратившим силу
    edits: [{op: repeal}]
  - target: {article: '5', part: '1', point: '13', paragraph: 4}
    source: абз. четвертый пп. 13 п. 1 ст. 5 признать утратившим силу
    edits: [{op: repeal}]
  - target: {article: '4', part: '4'}
    source: в п. 4 ст. 4 заменить слова
    edits: [{op: replace_words, words: Комиссии}]
""")
    found = problems(project)
    words = line_of(text, "edits: [{op: exclude_words, words: несуществующие слова}]")
    assert any(p.startswith(f"{AMENDMENTS}:{words}:") and "amending_laws[1].changes[6].edits[0].words: "
               "слова «несуществующие слова» не найдены в ст. 4 п. 3" in p for p in found), found
    part = line_of(text, "- target: {article: '4', part: '99'}")
    assert any(p.startswith(f"{AMENDMENTS}:{part}:") and "changes[7].target: в ст. 4 нет пункта 99" in p
               for p in found), found
    para = line_of(text, "- target: {article: '5', part: '1', point: '13', paragraph: 4}")
    assert any(p.startswith(f"{AMENDMENTS}:{para}:") and "changes[8].target: в ст. 5 п. 1 пп. 13 абз. 4 только 1 абз."
               in p for p in found), found
    missing = line_of(text, "edits: [{op: replace_words, words: Комиссии}]")
    assert any(p.startswith(f"{AMENDMENTS}:{missing}:") and "changes[9].edits[0]: для «replace_words» нужно поле «with»"
               in p for p in found), found


def test_an_editorial_resolution_must_itself_apply(project):
    path = project / AMENDMENTS
    text = path.read_text(encoding="utf-8").replace("target: {article: '16', part: '9'}",
                                                    "target: {article: '16', part: '10'}")
    path.write_text(text, encoding="utf-8")
    found = problems(project)
    line = line_of(text, "- {op: replace_words, words: пунктах 7 и 8")
    assert any(p.startswith(f"{AMENDMENTS}:{line}:") and "слова «пунктах 7 и 8» не найдены в ст. 16 п. 10" in p
               for p in found), found


# --- the site -----------------------------------------------------------------------------
def test_main_page_shows_the_text_in_force_with_a_dated_line(built):
    html = page(built, "zakony/zko-1-oz")
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "Текст в редакции, действующей с 01.01.2023 (изменения внесены: Закон от 07.06.2022 № 58-ОЗ)" in text
    assert "Изменения закона собраны по 07.06.2022." in text
    assert ("Изменений в базе: 38; применено как напечатано — 35, с редакционным уточнением — 2, "
            "записано, но не применено — 1.") in text
    p = Page(html)
    assert "территориальные избирательные комиссии, действующие" in p.ids["st-4-p-2"]
    assert "Изменение с 01.01.2023 (Закон" not in text          # no change in force is still "future"
    assert text.count("Редакционное уточнение:") == 2 and text.count("не применено (Закон") == 1


def test_repealed_provisions_read_as_repealed_in_text_and_contents(built):
    html = page(built, "zakony/zko-1-oz")
    p = Page(html)
    toc = html[html.index('id="oglavlenie"'):html.index('id="glava-i"', html.index('id="oglavlenie"') + 30)]
    for name, anchor in REPEALED.items():
        assert re.search(r"^(\d+\. )?(Абзац утратил|Утратил) силу с 01\.01\.2023\. – Закон Кемеровской области – Кузбасса "
                         r"от 07\.06\.2022 № 58-ОЗ\.$", p.ids[anchor]), (anchor, p.ids[anchor])
        assert "ikko-repealed" in p.classes[anchor]
        assert re.search(rf'<a href="#{anchor}">{re.escape(name)}</a> — утратил силу с 01\.01\.2023, Закон от '
                         rf"07\.06\.2022 № 58-ОЗ", toc), name
    assert p.ids["st-9"].startswith("Статья 9. Утратила силу")
    assert re.search(r'<a href="#st-9">Статья 9\. Утратила силу</a> — с 01\.01\.2023, Закон от 07\.06\.2022 № 58-ОЗ',
                     toc)


def test_earlier_wordings_are_collapsed_under_each_changed_provision(built, corpus):
    html = page(built, "zakony/zko-1-oz")
    law = corpus.laws["zko-1-oz"]
    current = edition_on(law.editions, date(2026, 12, 1))
    # 71 units differ: 37 keep their place with a new wording, 33 were article 9's text, 1 line says it is repealed;
    # earlier wordings: those 37 and article 9 as a whole
    assert html.count('<details class="ikko-earlier">') == len(current.history) == 38
    start = html.index('id="st-3-p-2"')
    block = html[start:html.index('id="st-3-p-3"')]
    assert "Редакция до 01.01.2023" in block and "избирательные комиссии муниципальных образований," in block


def test_every_anchor_of_every_edition_stays_on_the_main_page_and_on_each_edition_page(built, corpus):
    law = corpus.laws["zko-1-oz"]
    held = set(units(law.editions[0].law)) | {c.anchor for c in law.chapters}
    assert len(held) > 550
    for url in ("zakony/zko-1-oz", "zakony/zko-1-oz/redakcii/2022-12-31", "zakony/zko-1-oz/redakcii/2023-01-01"):
        parsed = Page(page(built, url))
        ids = set(parsed.ids)
        assert held <= ids, (url, sorted(held - ids)[:10])
        assert len(parsed.all_ids) == len(ids), (url, [i for i in ids if parsed.all_ids.count(i) > 1][:5])
        assert {"st-8-p-3", "p64"} <= ids


def test_edition_pages_and_comparison(built):
    old = Page(page(built, "zakony/zko-1-oz/redakcii/2022-12-31"))
    assert old.ids["st-9"].rstrip("¶") == "Статья 9. Порядок формирования и полномочия избирательных комиссий муниципальных образований"
    assert "избирательные комиссии муниципальных образований, территориальные" in old.ids["st-3-p-2"]
    old_html = page(built, "zakony/zko-1-oz/redakcii/2022-12-31")
    assert 'Эта редакция не действует; действующая — <a href="../../">редакция с 01.01.2023</a>' in old_html
    assert old_html.count("Изменение с 01.01.2023 (Закон") == 37   # 37 applied in 2023; ст. 10 shown as not applied
    new_html = page(built, "zakony/zko-1-oz/redakcii/2023-01-01")
    assert "Текст в редакции, действующей с 01.01.2023" in new_html and "Эта редакция действует сегодня." in new_html
    cmp_html = page(built, "zakony/zko-1-oz/sravnenie/2022-12-31--2023-01-01")
    assert "Различаются 71 положение" in cmp_html
    # 37 provisions with a new wording in place, and article 9 once, its former text (33 units) collapsed
    headings = re.findall(r'<h2 id="([^"]+)"', cmp_html)
    assert len(headings) == 38 and headings[:3] == ["st-3-p-1-abz-2", "st-3-p-2", "st-4-p-2"]
    st9 = cmp_html[cmp_html.index('<h2 id="st-9"'):cmp_html.index('<h2 id="st-10-p-5-abz-1"')]
    assert "Статья 9 — утратила силу" in st9 and "<ins>Утратила силу с 01.01.2023." in st9
    assert st9.count("<del>") == 33   # every part and paragraph of the former article, struck out
    block = cmp_html[cmp_html.index('id="st-16-p-9"'):]
    block = block[:block.index("<h2")]
    assert "кроме указанных в <del>пунктах</del> <ins>пункте</ins> 7 <del>и 8</del> настоящей статьи" in block
    assert "Изменение (Закон от 07.06.2022 № 58-ОЗ): «В соответствии с Законом" in block   # why it differs
    assert block.count("Редакционное уточнение: Примечание источника называет п. 6 ст. 16") == 1
    assert cmp_html.count("Изменение (Закон от 07.06.2022 № 58-ОЗ)") == 38   # each section says why
    assert 'href="../../redakcii/2022-12-31/#st-16-p-9"' in block and 'href="../../redakcii/2023-01-01/#st-16-p-9"' in block


def test_calendar_links_to_the_edition_in_force_on_its_approval(built):
    calendar = page(built, "vybory/zs-2023")   # approved 13.06.2023 -> edition of 01.01.2023
    targets = re.findall(r'href="\.\./\.\./zakony/zko-1-oz/([^"#]*)#([^"]+)"', calendar)
    assert len(targets) >= 4 and {t for t, _ in targets} == {"redakcii/2023-01-01/"}
    ids = set(Page(page(built, "zakony/zko-1-oz/redakcii/2023-01-01")).ids)
    for _, anchor in targets:
        assert anchor in ids, anchor


def test_main_page_before_the_changes_shows_them_as_coming(corpus, monkeypatch):
    from ikko.pages.law import law_page
    monkeypatch.setenv("IKKO_BUILD_DATE", "2022-12-15")
    md = law_page(corpus, corpus.laws["zko-1-oz"])
    assert "**Текст в редакции, действовавшей по 31.12.2022.** Эта редакция действует сегодня." in md
    assert md.count('!!! info "Изменение с 01.01.2023') == 37 and "Утратила силу" not in md


def test_open_data_has_the_current_text_each_edition_and_the_changes(built):
    root = built / "site/opendata/zakony"
    current = json.loads((root / "zko-1-oz.json").read_text(encoding="utf-8"))
    rows = {r["anchor"]: r for r in current["rows"]}
    assert rows["st-6-p-11"]["status"] == "утратил силу" and rows["st-6-p-11"]["edition_since"] == "2023-01-01"
    assert rows["st-9"]["status"] == "утратил силу" and "st-9-p-1" not in rows
    old = json.loads((root / "zko-1-oz/redakcii/2022-12-31.json").read_text(encoding="utf-8"))
    old_rows = {r["anchor"]: r for r in old["rows"]}
    assert old_rows["st-9-p-1"]["edition_until"] == "2022-12-31" and old_rows["st-9-p-1"]["status"] == "действует"
    changes = json.loads((root / "zko-1-oz/izmeneniya.json").read_text(encoding="utf-8"))["rows"]
    assert len(changes) == 38
    assert [c["status"] for c in changes].count("применено") == 35
    assert (root / "zko-1-oz/redakcii/2023-01-01.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_text_of_change_records_is_shown_as_text(corpus, monkeypatch):
    """Notes and editorial remarks are data: never markup, never template code."""
    from ikko.pages.law import comparison_page, law_page
    law = corpus.laws["zko-1-oz"]
    hostile = "{{ 7*7 }} <script>alert(1)</script> [ссылка](javascript:x) {% raw %}"
    editorial = next(c for c in law.changes if c.editorial)
    monkeypatch.setattr(editorial, "editorial", {**editorial.editorial, "note": hostile})
    monkeypatch.setattr(next(c for c in law.changes if c.not_applied), "not_applied", hostile)
    monkeypatch.setattr(law.changes[1], "source", hostile)
    md = law_page(corpus, law) + comparison_page(corpus, law, *law.editions)
    assert "<script>" not in md
    assert not re.search(r"(?<!\\)\{[{%]|(?<!\\)\]\(javascript", md)   # every brace and bracket escaped
    assert md.count(r"\{\{ 7\*7 \}\} &lt;script&gt;alert(1)&lt;/script&gt; \[ссылка\](javascript:x) \{% raw %\}") == 5   # page 3, comparison 2


def test_amending_laws_page_leads_to_the_edition_and_the_comparison(built):
    html = page(built, "zakony/izmeneniya")
    section = html[html.index('id="zko-58-oz"'):]
    section = section[:section.index("<h2")]
    assert 'Редакция закона № 1-ОЗ с 01.01.2023: <a href="../zko-1-oz/redakcii/2023-01-01/">текст</a>' in section
    assert 'href="../zko-1-oz/sravnenie/2022-12-31--2023-01-01/">сравнение с прежней</a>' in section


def test_changes_dated_before_the_law_are_an_error(project):
    path = project / AMENDMENTS
    text = path.read_text(encoding="utf-8").replace("effective: '2023-01-01'", "effective: '2012-01-01'")
    path.write_text(text, encoding="utf-8")
    line = line_of(text, "effective: '2012-01-01'")
    assert any(p.startswith(f"{AMENDMENTS}:{line}:") and "amending_laws[0].effective: изменения с 01.01.2012 не могут "
               "действовать раньше принятия закона (07.02.2013)" in p for p in problems(project))


def test_a_boxed_note_not_recorded_as_a_change_still_shows(corpus, monkeypatch):
    from ikko.pages.law import law_page
    law = corpus.laws["zko-1-oz"]
    monkeypatch.setattr(law, "changes", [c for c in law.changes if "ст. 9" not in c.source])
    md = law_page(corpus, law)
    assert md.count('!!! info "Изменение с 01.01.2023"') == 1 and "С 01.01.2023 ст. 9 утрачивает силу" in md


def test_build_date_comes_from_the_environment(monkeypatch):
    from ikko import builddate
    monkeypatch.setenv("IKKO_BUILD_DATE", "2023-06-13")
    assert builddate.today() == date(2023, 6, 13)
    monkeypatch.setenv("IKKO_BUILD_DATE", "13.06.2023")
    with pytest.raises(SystemExit, match="IKKO_BUILD_DATE: ожидается дата ГГГГ-ММ-ДД, указано «13.06.2023»"):
        builddate.today()
    monkeypatch.setenv("IKKO_BUILD_DATE", "2023-06-13")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert builddate.epoch_for_tools() == "1686614400"        # 13.06.2023 00:00 UTC, for MkDocs' sitemap
    monkeypatch.delenv("IKKO_BUILD_DATE")
    assert builddate.epoch_for_tools() is None and builddate.today() == date.today()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1686614400")     # the reproducible-builds convention
    assert builddate.today() == date(2023, 6, 13) and builddate.epoch_for_tools() is None
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "вчера")
    with pytest.raises(SystemExit, match="SOURCE_DATE_EPOCH: ожидается число секунд"):
        builddate.today()


def test_unknown_operation_is_a_schema_error_with_its_place(project):
    path = project / AMENDMENTS
    text = path.read_text(encoding="utf-8").replace("- {op: repeal}", "- {op: repel}", 1)
    path.write_text(text, encoding="utf-8")
    line = line_of(text, "- {op: repel}")
    assert any(p.startswith(f"{AMENDMENTS}:{line}:") and "amending_laws[0].changes[0].edits[0].op: недопустимое "
               "значение 'repel'" in p for p in problems(project)), problems(project)
