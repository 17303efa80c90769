"""Per-executor pages of an election: one executor's deadlines in date order, to read or print and pin up."""
from __future__ import annotations

from ..deadline_views import governing_day, timing_label
from ..deadlines import describe_timing
from ..feeds import FeedIndex, shorten
from ..model import Election, Executor
from .. import builddate, urls
from . import Page
from .calendar import finished_banner, law_link, state_cell
from .md import date_ru, esc, plural, table

ACTION_MAX = 180
ITEMS = ("срок", "срока", "сроков")


def executor_path(election: Election, executor: Executor) -> str:
    return urls.executor_page(election.id, executor.id)


def _rows(election: Election, executor: Executor):
    """(item, deadline) of this executor, dated ones by their day (then item order), undated ones last."""
    dated, undated = [], []
    for item in election.items:
        if item.excluded:
            continue
        for d in item.deadlines:
            if executor not in d.executors:
                continue
            day = governing_day(d.timing)
            (dated if day else undated).append((day, item.number, d.index, item, d))
    dated.sort(key=lambda r: r[:3])
    return [r[3:] for r in dated], [r[3:] for r in undated]


def _action(item, d) -> str:
    text = item.action if not d.action else f"{item.action.rstrip(' :')}: {d.action}"
    return esc(shorten(text, ACTION_MAX))


def executor_page(corpus, election: Election, executor: Executor, site_url: str, feeds: FeedIndex) -> str:
    today = builddate.today()
    plan = urls.relative(urls.election_page(election.id), executor_path(election, executor))
    name = esc(executor.name) + (f" ({esc(executor.abbr)})" if executor.abbr else "")
    dated, undated = _rows(election, executor)
    out = [f"# Сроки исполнителя: {esc(executor.label)}", "",
           f'<div class="ikko-executor" markdown>', "",
           f"**{name}** — сроки календарного плана [{esc(election.title)}]({plan}), "
           f"день голосования {date_ru(election.voting_day)}. "
           f"{plural(len(dated) + len(undated), ITEMS)}, по порядку дат.", ""]
    if election.illustrative:
        out += ['!!! warning "Примерный план"', "",
                "    Этот план не утвержден комиссией: сроки показаны для примера.", ""]
    out += [finished_banner(election, today), ""]
    feed = feeds.get(urls.election_feed(election.id, executor.id))
    if feed is not None:
        url = urls.feed_url(site_url, feed.path)
        out += [f"Календарь этих сроков: [скачать .ics]({url}) · [подписаться]({urls.webcal(url)}) "
                f"({plural(len(feed.events), ('событие', 'события', 'событий'))}; "
                f"[как подписаться]({urls.relative(urls.SUBSCRIPTION, executor_path(election, executor))}))", ""]
    rows = []
    for item, d in dated:
        basis = "; ".join(law_link(corpus, b, urls.to_root(executor_path(election, executor))) for b in item.basis) or "—"
        rows.append([esc(describe_timing(d.timing)), timing_label(d.timing, election.dates.voting_days),
                     state_cell(d, today), f"[{item.number}]({plan}#{item.anchor})", _action(item, d), basis])
    if rows:
        out += [table(["Дата", "Д−N", "Состояние", "Пункт", "Что сделать", "Основание"], rows), ""]
    if undated:
        out += ["## Сроки без фиксированной даты {#bez-daty}", ""]
        out += [f"- [Пункт {item.number}]({plan}#{item.anchor}): {_action(item, d)} — "
                f"{esc(d.words) if d.words else 'срок не указан'}" for item, d in undated]
        out.append("")
    out += [f"Д−N — дней до первого дня голосования, Д+N — после последнего; "
            f"[как считаются сроки]({plan}#kak-schitayutsya-sroki).", "", "</div>", ""]
    return "\n".join(out)


def executors_index(election: Election) -> str:
    """The list on the election page: a link to each executor's own page."""
    links = [f"[{esc(e.label)}]({urls.relative(urls.executor_page(election.id, e.id), urls.election_page(election.id))})"
             for e in election.executors]
    return ('<div class="ikko-executors" markdown>\n\n**Сроки по исполнителям** (страница для печати): '
            + " · ".join(links) + "\n\n</div>\n")


def pages(corpus, site_url: str, feeds: FeedIndex) -> list[Page]:
    out = []
    for e in sorted(corpus.elections.values(), key=lambda e: e.voting_day, reverse=True):
        for ex in e.executors:
            out.append(Page(executor_path(e, ex), f"{ex.label} — сроки", "Выборы и календари",
                            lambda e=e, ex=ex: executor_page(corpus, e, ex, site_url, feeds), in_nav=False))
    return out
