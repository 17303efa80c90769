"""Execution reports on the site: text, figures, charts and the comparison of periods.

Chart numbers are checked against the source texts (sources/000_…txt for
2023, 002_…txt for July–December 2020), read here with their own patterns. The
charts are parsed as XML: an SVG with a title, a description and a data table.
"""
from __future__ import annotations

import copy
import dataclasses
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import markdown
import pytest

from ikko.load import load_corpus
from ikko.pages import report as report_pages
from ikko.pages.md import esc
from test_plan_pages import MD_EXTENSIONS, Built, Links, build_site

ROOT = Path(__file__).resolve().parents[1]
from ikko.sources import WORK_REPORT_2020_H2, WORK_REPORT_2023, source_path  # noqa: E402
SITE_URL = "https://example.org/site/"
SVG = "{http://www.w3.org/2000/svg}"


def norm(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def source_2023() -> str:
    path = source_path(WORK_REPORT_2023)
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def source_2020() -> str:
    path = source_path(WORK_REPORT_2020_H2)
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(ROOT / "data")


@pytest.fixture(scope="module")
def page_2023(corpus) -> str:
    return report_pages.report_page(corpus, corpus.reports["report-2023"], SITE_URL)


def charts(md: str) -> dict[str, ET.Element]:
    """Every chart block of a page, parsed as XML (so it must be well-formed), by its id."""
    blocks = re.findall(r'^<figure class="ikko-chart".*?^</figure>$', md, re.S | re.M)
    parsed = [ET.fromstring(b) for b in blocks]
    return {f.get("id"): f for f in parsed}


def bars(figure: ET.Element) -> list[float]:
    svg = figure.find(f"{SVG}svg")
    return [float(t.text.replace(",", ".").replace("\u202f", "")) for t in svg.iter(f"{SVG}text")
            if t.get("class") == "ikko-value"]


def table_rows(figure: ET.Element) -> list[tuple[str, str]]:
    return [(tr.find("th").text, tr.find("td").text) for tr in figure.find("table").find("tbody")]


# --- numbers from the source ----------------------------------------------------------------
def questions_by_topic(source: str) -> list[int]:
    """The "в том числе" lines under "рассмотрено 414 вопросов": "86 - по …"."""
    block = source.split("в том числе:", 1)[1].split("\n\n", 1)[0]
    return [int(m) for m in re.findall(r"^(\d+)\s*-", block, re.M)]


def appeals_by_topic(source: str) -> list[int]:
    block = source.split("по тематике обращений:", 1)[1].split("По результатам", 1)[0]
    return [int(m) for m in re.findall(r"– (\d+)[.;]\s*$", block, re.M)]


def test_headline_figures_equal_the_source(source_2023, source_2020, corpus, page_2023):
    found = {
        "meetings": int(re.search(r"проведено (\d+) заседаний", source_2023).group(1)),
        "questions": int(re.search(r"рассмотрено (\d+) вопросов", source_2023).group(1)),
        "appeals": int(re.search(r"поступило (\d+) обращений", source_2023).group(1)),
    }
    assert found == {"meetings": 47, "questions": 414, "appeals": 116}
    report = corpus.reports["report-2023"]
    key = page_2023.split("## Коротко {#korotko}", 1)[1].split("\n## ", 1)[0]
    for fid, value in found.items():
        assert report.figure(fid).value == value
        assert f"| {value}\u00a0" in key
    m = re.search(r"проведено (\d+) заседаний Комиссии, на которых рассмотрено\s+(\d+)\s+вопросов", source_2020)
    r2020 = corpus.reports["report-2020-h2"]
    assert (r2020.figure("meetings").value, r2020.figure("questions").value) == (int(m.group(1)), int(m.group(2)))


def test_questions_chart_equals_the_source(source_2023, page_2023):
    published = questions_by_topic(source_2023)
    assert published == [86, 113, 12, 100, 4, 26, 7, 6]
    fig = charts(page_2023)["grafik-questions-by-topic"]
    assert bars(fig) == sorted(published, reverse=True)                 # bars: biggest first
    assert [int(v) for _, v in table_rows(fig)] == published             # table: published order
    assert fig.find("table/tfoot/tr/td").text == str(sum(published))


def test_appeals_chart_equals_the_source(source_2023, page_2023):
    published = appeals_by_topic(source_2023)
    assert len(published) == 12 and sum(published) == 116
    fig = charts(page_2023)["grafik-appeals-by-topic"]
    assert sorted(bars(fig)) == sorted(published)
    assert [int(v) for _, v in table_rows(fig)] == published


def test_every_breakdown_has_an_accessible_chart_and_a_table(corpus, page_2023):
    report = corpus.reports["report-2023"]
    expected = [b for s in report.sections for b in s.breakdowns]
    found = charts(page_2023)
    assert list(found) == [f"grafik-{b.id}" for b in expected]
    for b in expected:
        fig = found[f"grafik-{b.id}"]
        svg = fig.find(f"{SVG}svg")
        assert svg.get("role") == "img"
        title, desc = svg[0], svg[1]
        assert title.tag == f"{SVG}title" and title.text == b.title
        assert desc.tag == f"{SVG}desc" and "таблице" in desc.text
        assert svg.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
        assert sorted(bars(fig)) == sorted(r.value for r in b.rows)
        assert [label for label, _ in table_rows(fig)] == [norm(r.label) for r in b.rows]


def test_report_text_in_order(corpus, page_2023):
    report = corpus.reports["report-2023"]
    pos = 0
    for p in report.resolution_paragraphs + [p for s in report.sections for p in s.paragraphs]:
        pos = page_2023.index(esc(p), pos)
    for s in report.signatures:
        assert f"{esc(s['position'])} — {esc(s['name'])}" in page_2023
    assert page_2023.index("## Постановление") < page_2023.index("## 1\\. ")
    assert "### 3\\.2\\. Работа с обращениями" in page_2023


def test_figures_table_quotes_the_text(corpus, page_2023):
    assert "| Заседания Комиссии | 47\u00a0заседаний | «проведено 47 заседаний» |" in page_2023
    assert "99,14\u00a0%" in page_2023


def test_comparison_says_half_year_and_year(corpus):
    md = report_pages.comparison_page(corpus, SITE_URL)
    assert "полугодие и год" in norm(md)
    assert "| Заседания Комиссии | 25\u00a0заседаний<br>≈ 4,2 в месяц | 47\u00a0заседаний<br>≈ 3,9 в месяц |" in md
    assert "| Вопросы, рассмотренные на заседаниях | 265\u00a0вопросов<br>≈ 44,2 в месяц | 414\u00a0вопросов<br>" in md
    assert "| Принятые постановления | — (в отчете нет) | 405\u00a0постановлений" in md
    assert "| Обращения (жалобы, заявления, сообщения), поступившие в Комиссию | — (в отчете нет) | 116" in md
    found = charts(md)
    assert list(found) == ["grafik-meetings", "grafik-questions"]
    assert bars(found["grafik-meetings"]) == [25, 47]          # periods in time order
    assert bars(found["grafik-questions"]) == [265, 414]


def test_index_lists_reports_and_comparison(corpus):
    md = report_pages.reports_index(corpus, SITE_URL)
    assert "(report-2023.md)" in md and "(report-2020-h2.md)" in md and "(sravnenie.md)" in md
    assert [p.path for p in report_pages.pages(corpus, SITE_URL)] == [
        "otchety/index.md", "otchety/report-2023.md", "otchety/report-2020-h2.md", "otchety/sravnenie.md"]


def test_data_text_in_charts_is_escaped(corpus):
    hostile = '<script>alert("x")</script> & {{ 7*7 }} </text></svg>'
    test_corpus = copy.deepcopy(corpus)
    report = test_corpus.reports["report-2023"]
    section = next(s for s in report.sections if s.breakdowns)
    b = section.breakdowns[0]
    rows = (dataclasses.replace(b.rows[0], label=hostile),) + b.rows[1:]
    section.breakdowns[0] = dataclasses.replace(b, title=hostile, rows=rows)
    md = report_pages.report_page(test_corpus, report, SITE_URL)
    fig = charts(md)[f"grafik-{b.id}"]                      # still well-formed XML
    assert fig.find(f"{SVG}svg/{SVG}title").text == hostile
    assert table_rows(fig)[0][0] == hostile
    html = markdown.markdown(md, extensions=MD_EXTENSIONS)
    assert "<script>" not in html and "&lt;script&gt;" in html and "{{ 7*7 }}" in html


# --- the built site -------------------------------------------------------------------------
@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Built:
    return build_site(tmp_path_factory)


def test_build_has_no_link_or_anchor_warnings_for_report_pages(site):
    assert site.warnings_about("otchety/") == []


def test_built_report_page(site, corpus):
    html = site.html("otchety/report-2023")
    ids = Links(html).ids
    for anchor in ("korotko", "postanovlenie", "razdel-1", "razdel-3-2", "grafik-questions-by-topic",
                   "grafik-appeals-by-topic"):
        assert anchor in ids
    assert html.count('class="ikko-bars"') == 8 and html.count('role="img"') >= 8
    assert "rect class=\"ikko-bar\"" in html and "<table><caption>" in html
    for text in ("проведено 47 заседаний", "рассмотрено 414 вопросов", "поступило 116 обращений"):
        assert text in html


def test_built_comparison_page(site):
    html = site.html("otchety/sravnenie")
    assert "Периоды разной длины" in html and "полугодие и год" in html
    assert html.count('class="ikko-bars"') == 2
    assert "../report-2020-h2/" in Links(html).hrefs
