"""Election calendar plan pages."""
from __future__ import annotations

from ..deadline_views import STATE_WORDS, election_over, span, state, timing_label, weekend_deadlines
from ..deadlines import describe_timing
from ..feeds import FeedIndex
from ..model import CalendarItem, Deadline, Election, EventStatus
from ..ru_format import msk_offset
from .. import builddate, urls
from . import Page
from .changes import edition_line, item_history
from .citations import law_link
from .search_marks import ITEM_IGNORE
from .md import attr, date_ru, date_words, esc, plural, table

EVENTS = ("событие", "события", "событий")


def date_cell(d: Deadline) -> str:
    """The plan's date; the rule's count beside it when different; an impossible printed date kept visible."""
    cell = esc(describe_timing(d.timing))
    if d.printed_impossible:
        cell += (f' <span class="ikko-source-error">(в документе: «{esc(d.printed)}» — такой даты быть не может, '
                 f'она раньше решения о назначении выборов; указана дата по расчету)</span>')
    elif d.computed is not None and d.computed != d.timing:
        cell += f' <span class="ikko-check">(по расчету: {esc(describe_timing(d.computed))})</span>'
    return cell


def state_cell(d: Deadline, today) -> str:
    """The state on the build date; ikko.js recomputes it from the reader's day (data-start/data-end)."""
    s = span(d.timing)
    if s is None:
        return "—"
    data = "".join(f' data-{k}="{v.isoformat()}"' for k, v in (("start", s.start), ("end", s.end)) if v)
    now = state(s, today)
    return f'<span class="ikko-state ikko-state--{now}"{data}>{STATE_WORDS[now]}</span>'


def _deadline_row(d: Deadline, election: Election, today) -> list[str]:
    shown = date_cell(d)
    words = esc(d.words) if d.words else "—"
    if d.action:
        words = f"*{esc(d.action)}:* {words}"
    executors = esc(d.executors_text) if d.executors_text else ", ".join(esc(e.label) for e in d.executors)
    days = timing_label(d.timing, election.dates.voting_days)
    return [words, shown, days, state_cell(d, today), executors or "—"]


def item_markdown(corpus, election: Election, item: CalendarItem, from_dir: str) -> str:
    execs = " ".join(e.id for e in item.executors)
    ends = [] if item.excluded else [d.timing.end or d.timing.start for d in item.deadlines
            if d.timing and not d.timing.undated and (d.timing.end or d.timing.start)]
    when = f' data-date="{ends[0].day.isoformat()}"' if ends else ""
    css = "ikko-item" + (" ikko-excluded" if item.excluded else "") + (" ikko-example" if election.illustrative else "")
    label = '<span class="ikko-example-label">Пример</span> ' if election.illustrative else ""
    ignore = f" {ITEM_IGNORE}" if election.illustrative else ""   # see search_marks
    lines = [f'<div class="{css}" id="{item.anchor}" data-executors="{attr(execs)}"{when}{ignore} markdown>', "",
             f"{label}**[{item.number}.](#{item.anchor})** {esc(item.action)}", ""]
    history = item_history(item)
    if history:
        lines += [history, ""]
    today = builddate.today()
    lines.append(table(["Срок", "Дата", "Д−N", "Состояние", "Исполнители"],
                       [_deadline_row(d, election, today) for d in item.deadlines]))
    if item.basis:
        approved = election.approved.date if election.approved else None
        lines += ["", "Основание: " + "; ".join(law_link(corpus, b, from_dir, approved) for b in item.basis)]
    if item.note:
        lines += ["", f"Примечание: {esc(item.note)}"]
    lines += ["", "</div>", ""]
    return "\n".join(lines)


def genitive_body(body: str | None) -> str:
    """"Избирательная комиссия …" -> "Избирательной комиссии …" (after "постановлением")."""
    body = body or ""
    for nominative, genitive in (("Избирательная комиссия", "Избирательной комиссии"),
                                 ("Законодательное Собрание", "Законодательного Собрания")):
        if body.startswith(nominative):
            return genitive + body[len(nominative):]
    return body


def finished_banner(election: Election, today) -> str:
    """"Выборы завершены" once the last voting day is behind; ikko.js shows or hides it on the reader's day."""
    last = election.dates.voting_days[-1]
    hidden = "" if election_over(election.dates.voting_days, today) else " hidden"
    return (f'<div class="admonition success ikko-finished" data-last-day="{last.isoformat()}" '
            f'data-timezone="{attr(election.timezone)}"{hidden}>\n'
            f'<p class="admonition-title">Выборы завершены</p>\n'
            f"<p>Голосование прошло {date_ru(last)}. План показан для справки; "
            f"состояние каждого срока — в столбце «Состояние».</p>\n</div>")


def how_counted(election: Election, today) -> str:
    """How the dates are counted, saying only what the plan and its sources show."""
    weekend = weekend_deadlines(election)
    first = election.dates.voting_days[0]
    lines = ["## Как считаются сроки {#kak-schitayutsya-sroki}", "",
             f"**Д−N** — сколько календарных дней остается до первого дня голосования ({date_ru(first)}): "
             f"Д−1 — накануне, **Д** — день голосования, **Д+N** — N-й день после последнего дня голосования.", "",
             "Сроки исчисляются в календарных днях — считаются все дни подряд, включая субботы и "
             "воскресенья. Порядок исчисления сроков избирательных действий установлен статьей 11.1 "
             "Федерального закона от 12 июня 2002 года № 67-ФЗ; текста этой статьи в базе нет. "
             "Даты на этой странице вычислены по правилам плана и сверены с датами, напечатанными в "
             "утвержденном плане 2023 года.", ""]
    if weekend:
        lines += [f"Переносятся ли сроки, приходящиеся на выходные и нерабочие праздничные дни, в документах "
                  f"базы не сказано: календарный план их не переносит, и сайт показывает даты так, как их "
                  f"дает план. На субботу или воскресенье приходится сроков: {len(weekend)} (пункты "
                  + ", ".join(f"[{n}](#p-{n})" for n in dict.fromkeys(n for n, _ in weekend)) + ").", ""]
    lines += [f'Состояние сроков («прошел», «сегодня», «идет», «предстоит») показано '
              f'<span class="ikko-state-day">на {date_ru(today)} (день публикации сайта)</span>; '
              f"в браузере с JavaScript — на сегодняшний день по местному времени выборов.", ""]
    return "\n".join(lines)


def _status(corpus, election: Election) -> str:
    parts = []
    if election.approved:
        parts.append(f"Утвержден постановлением {esc(genitive_body(election.approved.body))} от "
                     f"{date_words(election.approved.date)} № {esc(election.approved.number)}.")
    if election.template:
        source = corpus.elections.get(election.template)
        parts.append(f"Построен по шаблону — правилам календарного плана [{esc(source.title if source else election.template)}]"
                     f"({urls.relative(urls.election_page(election.template), urls.election_page(election.id))}): даты вычислены по дням голосования и дате опубликования решения.")
    if election.removed:
        parts.append("Пункты шаблона, не применяемые к этим выборам: " + ", ".join(map(str, election.removed)) + ".")
    text = "\n\n".join(parts)
    if election.illustrative:
        note = esc(election.note) if election.note else ""
        text = ('!!! warning "Примерный план"\n\n    Этот план не утвержден комиссией: он показывает, как сроки '
                'шаблона ложатся на выбранные даты. ' + note + "\n\n" + text)
    return text


def page_title(election: Election) -> str:
    """The page's h1 and title: an illustrative plan says so where search results show it."""
    return election.title + (" (примерный план)" if election.illustrative else "")


def decision_line(election: Election) -> str:
    """Only the parts the data gives: a derived plan has no decision number or title yet."""
    d = election.decision
    text = "Решение о назначении выборов:"
    if d.body:
        text += f" {esc(d.body)}"
    text += f" от {date_ru(election.dates.decision)}"
    if d.number:
        text += f" № {esc(d.number)}"
    if d.title:
        text += f" «{esc(d.title)}»"
    return text


def election_page(corpus, election: Election, site_url: str, index: FeedIndex) -> str:
    feeds = index.of_election(election.id)
    d = election.decision
    days = election.dates.voting_days
    voting = date_words(days[0]) if len(days) == 1 else \
        f"{', '.join(date_ru(x) for x in days[:-1])} и {date_ru(days[-1])} (основной день — {date_ru(days[-1])})"
    out = [f"# {esc(page_title(election))}", "",
           f"**{esc(election.plan_title or 'Календарный план')}**", "",
           finished_banner(election, builddate.today()), "",
           _status(corpus, election), "",
           f"- День голосования: {voting}",
           f"- {decision_line(election)}",
           f"- Официальное опубликование: {date_ru(election.dates.publication)} {esc(d.publication)}",
           f"- Время местное ({esc(election.timezone)}, {msk_offset(election.timezone, election.voting_day)}), "
           "если не указано иное", ""]
    if election.amendments:
        out += [edition_line(election), ""]
    live = lambda feed: sum(1 for e in feed.events if e.status != EventStatus.CANCELLED)
    out += ['<div class="ikko-subscribe" markdown>', "",
            f"**Календарь сроков:** [скачать .ics]({urls.feed_url(site_url, feeds[0].path)}) · "
            f"[подписаться]({urls.webcal(urls.feed_url(site_url, feeds[0].path))}) "
            f"({plural(live(feeds[0]), EVENTS)}). [Как подписаться]({urls.relative(urls.SUBSCRIPTION, urls.election_page(election.id))}#{urls.subscription_anchor('election', election.id)})", "", "</div>", "",
            f'??? info "Календари по исполнителям ({len(feeds) - 1})"', ""]
    for f in feeds[1:]:
        executor = corpus.executors[f.owner]
        out.append(f"    - {esc(executor.name)}{' (' + esc(executor.abbr) + ')' if executor.abbr else ''}: "
                   f"[скачать]({urls.feed_url(site_url, f.path)}) · [подписаться]({urls.webcal(urls.feed_url(site_url, f.path))}) "
                   f"— {plural(live(f), EVENTS)}")
    out.append("")
    from .executors import executors_index   # here: executors imports this module
    out += [executors_index(election), how_counted(election, builddate.today()), ""]
    out += ['<form class="ikko-filter" hidden>', '<fieldset><legend>Показать сроки исполнителя</legend>',
            '<select aria-label="Исполнитель"><option value="">все исполнители</option>']
    out += [f'<option value="{attr(e.id)}">{esc(e.label)}</option>' for e in election.executors]
    out += ['</select> <output aria-live="polite"></output></fieldset>', "</form>", ""]
    for section in election.sections:
        out += [f"## {esc(section.number)}. {esc(section.title)} {{#{section.anchor}}}", ""]
        for item in section.items:
            out.append(item_markdown(corpus, election, item, urls.to_root(urls.election_page(election.id))))
    undated = [(i, d) for i in election.items for d in i.deadlines
               if d.timing and d.timing.undated and not d.rule.is_text]
    if undated:
        out += ["## Сроки, отсчитываемые от событий без фиксированной даты {#bez-daty}", "",
                "Эти сроки зависят от события, дата которого заранее не известна, поэтому в календарь не входят:", ""]
        out += [f"- [Пункт {i.number}](#{i.anchor}): {esc(d.words)}" for i, d in undated]
        out.append("")
    return "\n".join(out)


def elections_index(corpus, site_url: str) -> str:
    out = ["# Выборы и календарные планы", "",
           "Календарные планы мероприятий по подготовке и проведению выборов: каждый срок, "
           "исполнитель и правовое основание.", ""]
    rows = []
    for e in sorted(corpus.elections.values(), key=lambda e: e.voting_day, reverse=True):
        rows.append([f"[{esc(e.title)}]({urls.relative(urls.election_page(e.id), urls.ELECTIONS)})", date_ru(e.voting_day),
                     f"{date_ru(e.approved.date)} № {esc(e.approved.number)}" if e.approved else "примерный план",
                     str(len(e.items))])
    out.append(table(["Выборы", "День голосования", "Постановление", "Пунктов"], rows))
    return "\n".join(out) + "\n"


def pages(corpus, site_url: str, feeds: FeedIndex) -> list[Page]:
    out = [Page(urls.ELECTIONS, "Все выборы", "Выборы и календари",
                lambda: elections_index(corpus, site_url))]
    for e in sorted(corpus.elections.values(), key=lambda e: e.voting_day, reverse=True):
        out.append(Page(urls.election_page(e.id), page_title(e), "Выборы и календари",
                        lambda e=e: election_page(corpus, e, site_url, feeds)))
    return out
