"""Amendments on the pages: which edition a plan page shows, each item's history, the "Изменения" page."""
from __future__ import annotations

from .. import urls
from . import Page
from .md import date_ru, esc, table


def resolution_text(res) -> str:
    return f"постановление от {date_ru(res.date)} № {esc(res.number)}"


def edition_line(plan) -> str:
    """"в редакции постановления от … № …" with the list of amending resolutions."""
    if not plan.amendments:
        return ""
    last = plan.amendments[-1]
    lines = [f"**В редакции постановления от {date_ru(last.date)} № {esc(last.number)}.** "
             f"Изменения вносились постановлениями:", ""]
    for res in plan.amendments:
        title = f" «{esc(res.title)}»" if res.title else ""
        lines.append(f"- {resolution_text(res)}{title}")
    return "\n".join(lines) + "\n"


def item_history(item) -> str:
    """Earlier and new values of a changed item, with the resolution that changed each."""
    lines = []
    if item.excluded:
        lines += ['!!! danger "Пункт исключен"', "",
                  f"    Исключен: {resolution_text(item.excluded)}. Текст пункта сохранен для справки.", ""]
    if item.history:
        rows = [[esc(resolution_text(c.resolution)), esc(c.what), esc(c.old), esc(c.new)] for c in item.history]
        lines += ['??? note "История изменений пункта"', ""]
        lines += ["    " + line for line in table(["Постановление", "Что изменено", "Было", "Стало"], rows).splitlines()]
        lines.append("")
    return "\n".join(lines)


def changes_page(corpus) -> str:
    out = ["# Изменения", "",
           "Все изменения, внесенные комиссией в опубликованные календарные планы и планы работы, — "
           "от новых к старым.", ""]
    entries = []
    for election in corpus.elections.values():
        entries += [(res, urls.relative(urls.election_page(election.id), urls.CHANGES), election.title, election) for res in election.amendments]
    for plan in corpus.plans.values():
        entries += [(res, urls.relative(urls.plan_page(plan.id), urls.CHANGES), plan.title, plan) for res in plan.amendments]
    if not entries:
        out.append("Изменений в опубликованные планы пока не вносилось.")
        return "\n".join(out) + "\n"
    for res, url, title, plan in sorted(entries, key=lambda e: (e[0].date, e[0].number), reverse=True):
        out += [f"## {date_ru(res.date)} № {esc(res.number)}", "",
                f"[{esc(title)}]({url})" + (f": «{esc(res.title)}»" if res.title else ""), ""]
        rows = []
        for item in plan.items:
            for c in item.history:
                if c.resolution == res:
                    rows.append([f"[{esc(str(item.number))}]({url}#{item.anchor})", esc(c.what), esc(c.old), esc(c.new)])
        out += [table(["Пункт", "Что изменено", "Было", "Стало"], rows), ""]
    return "\n".join(out) + "\n"


def pages(corpus, site_url: str) -> list[Page]:
    return [Page(urls.CHANGES, "Изменения", "Справочник", lambda: changes_page(corpus))]
