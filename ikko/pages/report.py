"""Execution-report pages: the text, its figures as tables, its breakdowns as charts, and a comparison of periods.

Charts are SVG written here at build time: they need no JavaScript, and each has
a title, a description and the same numbers in a table right below it.
"""
from __future__ import annotations

import textwrap
from decimal import Decimal

from ..model import Breakdown, Figure, Report, ReportSection
from ..periods import MONTHS
from .. import urls
from . import Page
from .md import attr, date_ru, date_words, esc, table
from .md import plural

SECTION = "Отчеты"
KEY_FIGURES = ("meetings", "questions", "resolutions", "appeals")  # shown first and compared across reports


# --- numbers ------------------------------------------------------------------------------
def number(value: float) -> str:
    """Russian style: decimal comma, thin-space groups from five digits on ("414", "99,14", "10 000")."""
    whole, _, frac = format(Decimal(str(value)).normalize(), "f").partition(".")
    if len(whole) > 4:
        whole = f"{int(whole):,}".replace(",", "\u202f")
    return whole + (f",{frac}" if frac else "")


def with_unit(value: float, unit: str | None) -> str:
    """Markdown: our number, then the data's unit escaped (no-break space, which esc() would collapse)."""
    return number(value) + (f"\u00a0{esc(unit)}" if unit else "")


def months_in(report: Report) -> int:
    return (report.end.year - report.start.year) * 12 + report.end.month - report.start.month + 1


def period_label(report: Report) -> str:
    """"2023 год", "июль – декабрь 2020 года"."""
    s, e = report.start, report.end
    if (s.month, s.day, e.month, e.day) == (1, 1, 12, 31) and s.year == e.year:
        return f"{s.year} год"
    if s.year == e.year:
        return f"{MONTHS[s.month - 1]} – {MONTHS[e.month - 1]} {s.year} года"
    return f"{date_ru(s)} – {date_ru(e)}"


def span_label(report: Report) -> str:
    return plural(months_in(report), ("месяц", "месяца", "месяцев"))


def span_word(report: Report) -> str:
    n = months_in(report)
    return {6: "полугодие", 12: "год"}.get(n, span_label(report))


# --- charts -------------------------------------------------------------------------------
WIDTH, PAD, FONT, LINE, BAR, GAP, VALUE_SPACE, WRAP = 480, 4, 14, 18, 16, 14, 80, 58  # ~11 px text on a phone
BAR_COLOR = "#3f51b5"       # Material indigo; CSS may override (dark scheme)


def bar_chart(chart_id: str, title: str, rows: list[tuple[str, float]]) -> str:
    """A horizontal bar chart as inline SVG: label above each bar (wrapped), value after it."""
    e = attr  # every text of the SVG goes through the one HTML escape
    top = max((v for _, v in rows), default=0) or 1
    span = WIDTH - 2 * PAD - VALUE_SPACE
    parts, y = [], PAD
    for label, value in rows:
        lines = textwrap.wrap(" ".join(label.split()), WRAP) or [""]
        for line in lines:
            y += LINE
            parts.append(f'<text x="{PAD}" y="{y - 4}">{e(line)}</text>')
        y += 2
        w = round(span * value / top, 1)
        parts.append(f'<rect class="ikko-bar" x="{PAD}" y="{y}" width="{w}" height="{BAR}" fill="{BAR_COLOR}"/>')
        parts.append(f'<text class="ikko-value" x="{PAD + w + 6}" y="{y + BAR - 3}">{e(number(value))}</text>')
        y += BAR + GAP
    height = y + PAD
    biggest = max(rows, key=lambda r: r[1]) if rows else ("", 0)
    desc = (f"Горизонтальная столбчатая диаграмма, {plural(len(rows), ('строка', 'строки', 'строк'))}; "
            f"наибольшее значение {number(biggest[1])} — «{' '.join(biggest[0].split())}». "
            "Все значения — в таблице под диаграммой.")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="ikko-bars" viewBox="0 0 {WIDTH} {height}" '
            f'width="{WIDTH}" height="{height}" style="max-width:100%;height:auto" role="img" '
            f'aria-labelledby="{e(chart_id)}-title {e(chart_id)}-desc" '
            f'font-size="{FONT}" fill="currentColor">'
            f'<title id="{e(chart_id)}-title">{e(title)}</title><desc id="{e(chart_id)}-desc">{e(desc)}</desc>'
            + "".join(parts) + "</svg>")


def data_table(caption: str, head: tuple[str, str], rows: list[tuple[str, str]], foot: tuple[str, str] | None) -> str:
    """The chart's numbers as an HTML table (the chart block is raw HTML, so no Markdown here)."""
    e = attr
    # No class: Material styles only class-less tables.
    out = [f'<table><caption>{e(caption)}</caption>',
           f'<thead><tr><th scope="col">{e(head[0])}</th><th scope="col">{e(head[1])}</th></tr></thead><tbody>']
    out += [f'<tr><th scope="row">{e(label)}</th><td>{e(value)}</td></tr>' for label, value in rows]
    out.append("</tbody>")
    if foot:
        out.append(f'<tfoot><tr><th scope="row">{e(foot[0])}</th><td>{e(foot[1])}</td></tr></tfoot>')
    out.append("</table>")
    return "".join(out)


def chart_block(chart_id: str, title: str, rows: list[tuple[str, float]], head: tuple[str, str],
                foot: tuple[str, str] | None = None, note: str | None = None, by_size: bool = True) -> str:
    """Figure = caption + chart (bars by size) + table (published order). One raw-HTML block, no blank lines.

    Numbers only in bars and cells: the unit is in the column header ("Вопросов"), since
    a data unit is one word form ("4 вопросов" would be wrong)."""
    e = attr
    ordered = sorted(rows, key=lambda r: -r[1]) if by_size else rows
    cells = [(" ".join(label.split()), number(value)) for label, value in rows]
    out = [f'<figure class="ikko-chart" id="{e(chart_id)}">',
           f'<figcaption>{e(title)}' + (f'<br/><span class="ikko-chart-note">{e(note)}</span>' if note else "")
           + "</figcaption>",
           bar_chart(f"{chart_id}-svg", title, ordered),
           data_table(f"{title}: данные диаграммы", head, cells, foot),
           "</figure>"]
    return "\n".join(out) + "\n"


def breakdown_block(b: Breakdown) -> str:
    rows = [(r.label, r.value) for r in b.rows]
    total = sum(r.value for r in b.rows)
    unit = b.unit or (b.rows[0].unit if b.rows else None)
    return chart_block(f"grafik-{b.id}", b.title, rows, ("Категория", (unit or "значение").capitalize()),
                       ("Сумма строк", number(total)), getattr(b, "note", None))


# --- report page ----------------------------------------------------------------------------
def _figures_table(figures: list[Figure]) -> str:
    rows = [[esc(f.label), with_unit(f.value, f.unit),
             f"«{esc(f.quote)}»" + (f" ({esc(getattr(f, 'note', None))})" if getattr(f, "note", None) else "")]
            for f in figures]
    return table(["Показатель", "Значение", "Из текста отчета"], rows)


def _heading(section: ReportSection, untitled: int) -> str:
    if section.number is None and section.title is None:
        return f"## Текст отчета {{#tekst{'-' + str(untitled) if untitled > 1 else ''}}}"
    level = "###" if section.number and "." in section.number else "##"
    anchor = f" {{#{section.anchor}}}" if section.anchor else ""
    number = f"{esc(section.number)}\\. " if section.number else ""
    return f"{level} {number}{esc(section.title or '')}{anchor}".rstrip()


def section_markdown(section: ReportSection, untitled: int) -> str:
    out = [_heading(section, untitled), ""]
    for p in section.paragraphs:
        out += [esc(p), ""]
    if section.figures:
        out += ["**Показатели раздела**", "{: .ikko-figures-title }", "", _figures_table(section.figures), ""]
    for b in section.breakdowns:
        out.append(breakdown_block(b))
    return "\n".join(out)


def _key_figures(report: Report) -> str:
    rows = []
    for fid in KEY_FIGURES:
        f = report.figure(fid)
        if f is None:
            continue
        where = next(s for s in report.sections if f in s.figures)
        place = f"[раздел {esc(where.number)}](#{where.anchor})" if where.anchor else "[текст отчета](#tekst)"
        rows.append([esc(f.label), with_unit(f.value, f.unit), place])
    return table(["Показатель", "Значение", "Где в отчете"], rows) if rows else ""


def report_page(corpus, report: Report, site_url: str) -> str:
    out = [f"# {esc(report.title)}", "",
           f"Отчетный период: {date_words(report.start)} – {date_words(report.end)} "
           f"({span_label(report)}). [Сравнение с другими периодами]({urls.relative(urls.REPORTS_COMPARISON, urls.report_page(report.id))})", ""]
    key = _key_figures(report)
    if key:
        out += ["## Коротко {#korotko}", "", key, ""]
    res = report.resolution
    if res:
        out += ["## Постановление {#postanovlenie}", "", esc(res.body or ""), "",
                f"**Постановление от {date_words(res.date)} № {esc(res.number)}**", ""]
        if res.title:
            out += [f"«{esc(res.title)}»", ""]
        out += [line for p in report.resolution_paragraphs for line in (esc(p), "")]
        out += [f"- {esc(s.get('position', ''))} — {esc(s.get('name', ''))}" for s in report.signatures] + [""]
    untitled = 0
    for section in report.sections:
        untitled += section.number is None and section.title is None
        out.append(section_markdown(section, untitled))
    return "\n".join(out)


# --- comparison and index -------------------------------------------------------------------
def _ordered(corpus) -> list[Report]:
    return sorted(corpus.reports.values(), key=lambda r: r.start)


def compared_ids(reports: list[Report]) -> list[str]:
    """The key figures any report has, then other ids that two or more reports share."""
    counts: dict[str, int] = {}
    for r in reports:
        for s in r.sections:
            for f in s.figures:
                counts[f.id] = counts.get(f.id, 0) + 1
    ids = [i for i in KEY_FIGURES if i in counts]
    return ids + [i for i, n in counts.items() if n > 1 and i not in ids]


def comparison_page(corpus, site_url: str) -> str:
    reports = _ordered(corpus)
    spans = ", ".join(f"{period_label(r)} — {span_word(r)}" for r in reports)
    words = list(dict.fromkeys(span_word(r) for r in reports))   # in period order: "полугодие и год"
    out = ["# Сравнение отчетов по периодам", "",
           f"Показатели, которые приводятся в отчетах о выполнении планов работы: {esc(spans)}.", ""]
    if len(words) > 1:
        out += ['!!! warning "Периоды разной длины"', "",
                f"    Сравниваются {' и '.join(words)}: за более длинный период числа больше уже потому, что он "
                "длиннее. Поэтому рядом с числом из отчета дано среднее за месяц — это расчет сайта (число из "
                "отчета, деленное на число месяцев периода), в самих отчетах его нет.", ""]
    head = ["Показатель"] + [f"[{esc(period_label(r))}]({urls.relative(urls.report_page(r.id), urls.REPORTS_COMPARISON)}) "
                               f"({esc(span_label(r))})" for r in reports]
    rows, charts = [], []
    for fid in compared_ids(reports):
        found = [(r, r.figure(fid)) for r in reports]
        label = next(f.label for _, f in reversed(found) if f)
        cells = []
        for r, f in found:
            if f is None:
                cells.append("— (в отчете нет)")
            elif f.unit == "%":    # a share is not divided by months
                cells.append(with_unit(f.value, f.unit))
            elif f.period:         # counted over other spans (campaign periods): months of the report do not apply
                cells.append(f"{with_unit(f.value, f.unit)}<br>за {esc(f.period)}; среднего за месяц нет")
            else:
                per_month = round(f.value / months_in(r), 1)
                cells.append(f"{with_unit(f.value, f.unit)}<br>≈ {number(per_month)} в месяц")
        rows.append([esc(label)] + cells)
        present = [(r, f) for r, f in found if f]
        if len(present) > 1:
            charts.append(chart_block(
                f"grafik-{fid}", label, [(f"{period_label(r)} ({span_label(r)})", f.value) for r, f in present],
                ("Период", "Число из отчета"), note="Числа из отчетов; периоды разной длины, среднее за месяц — "
                "в таблице выше.", by_size=False))
    out += ["## Таблица {#tablitsa}", "", table(head, rows), ""]
    if charts:
        out += ["## Диаграммы {#diagrammy}", ""] + charts
    return "\n".join(out)


def reports_index(corpus, site_url: str) -> str:
    out = ["# Отчеты о выполнении планов работы", "",
           "Отчеты комиссии о выполнении планов работы: полный текст, основные числа в таблицах и на диаграммах. "
           f"[Сравнение периодов]({urls.relative(urls.REPORTS_COMPARISON, urls.REPORTS)}) — заседания, вопросы и другие показатели рядом.", ""]
    rows = []
    for r in reversed(_ordered(corpus)):
        meetings, questions = r.figure("meetings"), r.figure("questions")
        res = f"{date_ru(r.resolution.date)} № {esc(r.resolution.number)}" if r.resolution else "—"
        rows.append([f"[{esc(r.title)}]({urls.relative(urls.report_page(r.id), urls.REPORTS)})", esc(period_label(r)), res,
                     number(meetings.value) if meetings else "—", number(questions.value) if questions else "—"])
    out.append(table(["Отчет", "Период", "Постановление", "Заседаний", "Вопросов"], rows))
    return "\n".join(out) + "\n"


def pages(corpus, site_url: str) -> list[Page]:
    out = [Page(urls.REPORTS, "Все отчеты", SECTION, lambda: reports_index(corpus, site_url))]
    for r in reversed(_ordered(corpus)):
        out.append(Page(urls.report_page(r.id), f"Отчет за {period_label(r)}", SECTION,
                        lambda r=r: report_page(corpus, r, site_url)))
    if corpus.reports:
        out.append(Page(urls.REPORTS_COMPARISON, "Сравнение периодов", SECTION,
                        lambda: comparison_page(corpus, site_url)))
    return out
