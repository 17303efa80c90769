"""Work-plan pages: the plan by section and by month, and one page per responsible person or department."""
from __future__ import annotations

import re

from ..anchors import slug_number
from ..feeds import Feed, FeedIndex
from ..model import PlanItem, Responsible, WorkPlan
from ..periods import MONTHS
from .. import urls
from . import Page
from .changes import edition_line, item_history, resolution_text
from .md import date_ru, date_words, esc, link, plural, table

SECTION = "Планы работы"
# Period kinds with no dates: listed on the site, left out of the feeds (see feeds.plan_feeds).
UNDATED = {  # kind -> (heading, anchor on the by-month page)
    "year": ("Весь период", "ves-period"),
    "as_needed": ("По мере необходимости", "po-mere-neobhodimosti"),
    "per_schedule": ("В соответствии с утвержденными сроками", "po-utverzhdennym-srokam"),
    "none": ("Без указания срока", "bez-sroka"),
}
KIND_LABEL = {"person": "Сотрудник", "department": "Подразделение, орган или группа"}
# Person pages are reached from the plan and the owners' index, not from the sidebar.
OWNER_PAGES_IN_NAV = False


EVENTS = ("событие", "события", "событий")
ITEMS = ("пункт", "пункта", "пунктов")


def active(plan: WorkPlan) -> list[PlanItem]:
    """Items in force: an item an amendment removed stays on the page, marked, but counts nowhere."""
    return [i for i in plan.items if not i.excluded]


def live_events(feed: Feed) -> int:
    return sum(1 for e in feed.events if e.status != "CANCELLED")


def month_anchor(month: int) -> str:
    return slug_number(MONTHS[month - 1])          # "yanvar", "fevral", …


def by_month_path(plan: WorkPlan) -> str:
    """The by-month page, linked from the plan's page (and the plans' index, in the same folder)."""
    return urls.relative(urls.plan_by_months_page(plan.id), urls.plan_page(plan.id))


def item_months(item: PlanItem, year: int) -> tuple[int, ...]:
    """Months of the plan year an item is active in: its month range, or the months of its dates."""
    if item.period.kind == "dates":
        return tuple(sorted({d.month for d in item.period.dates if d.year == year}))
    return item.period.months


def period_text(item: PlanItem) -> str:
    """The period as published; a section-2 item has only the month heading it stands under."""
    if item.period.words:
        return item.period.words
    if item.month:
        return MONTHS[item.month - 1]
    return ""


def _pieces(text: str) -> list[str]:
    # Same split as the loader: the published cell is comma-separated names.
    return [p.strip() for p in re.split(r"[,;]", text) if p.strip()]


def responsible_links(item: PlanItem, from_page: str) -> str:
    """Responsible as published, each piece a link to its owner's page from the page ``from_page``."""
    owners = {n: r for r in item.responsible for n in (r.name, *r.aliases)}
    pieces = _pieces(item.responsible_text or "")
    if not pieces or any(p not in owners for p in pieces):
        pieces = [r.name for r in item.responsible]
        owners = {r.name: r for r in item.responsible}
    return ", ".join(link(p, urls.relative(urls.responsible_page(owners[p].id), from_page)) for p in pieces)


def _text(item: PlanItem) -> str:
    # The plan prints some items as several lines (5.12): keep them as lines, each escaped.
    return "<br>\n".join(esc(line) for line in item.text.splitlines() if line.strip())


def _calendar_note(item: PlanItem) -> str:
    if item.excluded:
        return "пункт исключен, в календарь не входит"
    if item.period.kind == "dates":
        return "в календаре: " + ", ".join(date_ru(d) for d in item.period.dates)
    if item.period.kind == "months":
        return ""
    return "в календарь не входит"


def item_markdown(item: PlanItem, from_page: str) -> str:
    css = "ikko-plan-item ikko-excluded" if item.excluded else "ikko-plan-item"
    lines = [f'<div class="{css}" id="{item.anchor}" markdown>', "",
             f"**[{esc(item.number)}.](#{item.anchor})** {_text(item)}", ""]
    history = item_history(item)      # "исключен" notice and earlier values, as on calendar pages
    if history:
        lines += [history, ""]
    meta = []
    when = period_text(item)
    if when:
        note = _calendar_note(item)
        meta.append(f"**Срок:** {esc(when)}" + (f" ({note})" if note else ""))
    if item.responsible:
        meta.append("**Ответственные:** " + responsible_links(item, from_page))
    if meta:
        lines += ["<br>\n".join(meta), "{: .ikko-plan-meta }", ""]
    lines += ["</div>", ""]
    return "\n".join(lines)


def _feed_links(feed: Feed, site_url: str) -> str:
    url = urls.feed_url(site_url, feed.path)
    return f"[скачать .ics]({url}) · [подписаться]({urls.webcal(url)})"


def _undated_counts(plan: WorkPlan) -> list[str]:
    out = []
    for kind, (heading, anchor) in UNDATED.items():
        n = sum(1 for i in active(plan) if i.period.kind == kind)
        if n:
            out.append(f"[{heading.lower()}]({by_month_path(plan)}#{anchor}) — {plural(n, ITEMS)}")
    return out


def plan_page(corpus, plan: WorkPlan, site_url: str, index: FeedIndex) -> str:
    feeds = index.of_plan(plan.id)
    main = feeds[0]
    out = [f"# {esc(plan.title)}", "",
           f"Утвержден постановлением от {date_words(plan.approved.date)} № {esc(plan.approved.number)} "
           f"({esc(plan.approved.body or '')}).", ""]
    if plan.amendments:
        out += [edition_line(plan), ""]
    out += [f"В плане {plural(len(active(plan)), ITEMS)}. Тот же план [по месяцам]({by_month_path(plan)}); "
           f"[все ответственные]({urls.relative(urls.RESPONSIBLE, urls.plan_page(plan.id))}) и их пункты.", ""]
    out += ['<div class="ikko-subscribe" markdown>', "",
            f"**Календарь плана:** {_feed_links(main, site_url)} ({plural(live_events(main), EVENTS)}). "
            f"У каждого ответственного свой календарь — на его странице. [Как подписаться]({urls.relative(urls.SUBSCRIPTION, urls.plan_page(plan.id))})", "",
            "Пункты с месяцем или диапазоном месяцев входят в календарь как события на весь день на эти месяцы, "
            "ежеквартальный пункт — четырьмя событиями на указанные даты. Пункты со сроком «весь период», "
            "«по мере необходимости», «в соответствии с утвержденными сроками» и пункты без срока в календарь "
            "не входят, чтобы не загромождать его: они перечислены здесь и на странице по месяцам "
            "(" + "; ".join(_undated_counts(plan)) + ").", "", "</div>", ""]
    out += ["Разделы:", ""] + [f"{s.number}. [{esc(s.title)}](#{s.anchor})" for s in plan.sections] + [""]
    for section in plan.sections:
        out += [f"## {section.number}. {esc(section.title)} {{#{section.anchor}}}", ""]
        month = None
        for item in section.items:
            if item.month and item.month != month:   # section 2 prints month headings
                month = item.month
                out += [f"### {MONTHS[month - 1].capitalize()} {{#{section.anchor}-{month_anchor(month)}}}", ""]
            out.append(item_markdown(item, urls.plan_page(plan.id)))
    return "\n".join(out)


def _month_entry(item: PlanItem, plan: WorkPlan, month: int | None) -> str:
    when = period_text(item)
    if item.period.kind == "dates" and month:
        when = ", ".join(date_ru(d) for d in item.period.dates if d.month == month)
    meta = [f"срок: {esc(when)}"] if when and (month is None or item.period.words) else []
    if item.responsible:
        meta.append(responsible_links(item, urls.plan_by_months_page(plan.id)))
    tail = "<br>\n  <small>" + "; ".join(meta) + "</small>" if meta else ""
    to_plan = urls.relative(urls.plan_page(plan.id), urls.plan_by_months_page(plan.id))
    return f"- [{esc(item.number)}.]({urls.anchored(to_plan, item.anchor)}) {_text(item)}{tail}"


def by_month_page(corpus, plan: WorkPlan, site_url: str) -> str:
    out = [f"# {esc(plan.title)}: по месяцам", "",
           f"Каждый месяц — пункты, которые на него приходятся; пункт с диапазоном месяцев повторяется в каждом "
           f"месяце диапазона. Номер пункта ведет к нему в [плане по разделам]({urls.relative(urls.plan_page(plan.id), urls.plan_by_months_page(plan.id))}). "
           "После месяцев — пункты без дат: они в календарь не входят.", "",
           "Месяцы: " + " · ".join(f"[{m.capitalize()}](#{month_anchor(i)})" for i, m in enumerate(MONTHS, 1)), ""]
    for i, name in enumerate(MONTHS, start=1):
        items = [it for it in active(plan) if i in item_months(it, plan.year)]
        out += [f"## {name.capitalize()} {{#{month_anchor(i)}}}", ""]
        out += [_month_entry(it, plan, i) for it in items] or ["Пунктов нет."]
        out.append("")
    for kind, (heading, anchor) in UNDATED.items():
        items = [it for it in active(plan) if it.period.kind == kind]
        if not items:
            continue
        out += [f"## {heading} {{#{anchor}}}", ""]
        if kind == "none":
            out += ["Срок в плане не указан (основные направления деятельности).", ""]
        out += [_month_entry(it, plan, None) for it in items] + [""]
    gone = [it for it in plan.items if it.excluded]
    if gone:
        out += ["## Исключенные пункты {#isklyuchennye}", ""]
        out += [_month_entry(it, plan, None) + f" — исключен: {resolution_text(it.excluded)}" for it in gone] + [""]
    return "\n".join(out)


# --- responsible ----------------------------------------------------------------------
def owners(corpus) -> list[Responsible]:
    """Everyone who owns at least one plan item: people first, then departments, by name."""
    used = {r.id for p in corpus.plans.values() for i in p.items for r in i.responsible}
    found = [r for r in corpus.responsible.values() if r.id in used]
    return sorted(found, key=lambda r: (r.kind != "person", r.name.lower()))


def _owned(plan: WorkPlan, who: Responsible) -> list[PlanItem]:
    return [i for i in plan.items if who in i.responsible]


def _owner_feed(plan: WorkPlan, who: Responsible, feeds: FeedIndex) -> Feed | None:
    return feeds.get(urls.plan_feed(plan.id, who.id))


def responsible_index(corpus, site_url: str) -> str:
    out = ["# Ответственные за пункты планов работы", "",
           "Сотрудники, подразделения и группы, названные ответственными в планах работы. На странице каждого — "
           "все его пункты и календарь этих пунктов для подписки.", ""]
    plans = sorted(corpus.plans.values(), key=lambda p: p.year, reverse=True)
    for kind, heading, anchor in (("person", "Сотрудники", "sotrudniki"),
                                  ("department", "Подразделения, органы и группы", "podrazdeleniya")):
        rows = []
        for who in (r for r in owners(corpus) if r.kind == kind):
            owned = [(p, _owned(p, who)) for p in plans]
            counts = "; ".join(f"{p.year}: {sum(not i.excluded for i in items)}" for p, items in owned if items)
            rows.append([link(who.name, urls.relative(urls.responsible_page(who.id), urls.RESPONSIBLE))] + ([esc(who.position) or "—"] if kind == "person" else [])
                        + [counts])
        head = ["Ответственный"] + (["Должность"] if kind == "person" else []) + ["Пунктов по годам планов"]
        if rows:
            out += [f"## {heading} {{#{anchor}}}", "", table(head, rows), ""]
    return "\n".join(out)


def responsible_page(corpus, who: Responsible, site_url: str, feeds: FeedIndex) -> str:
    role = KIND_LABEL[who.kind] + (f", {esc(who.position)}" if who.position else "")
    here = urls.responsible_page(who.id)
    out = [f"[← Все ответственные]({urls.relative(urls.RESPONSIBLE, here)})", "", f"# {esc(who.name)}", "",
           f"{role}. Ответственный за пункты планов работы, перечисленные ниже.", ""]
    if who.aliases:
        out += ["В документах также: " + ", ".join(f"«{esc(a)}»" for a in who.aliases) + ".", ""]
    for plan in sorted(corpus.plans.values(), key=lambda p: p.year, reverse=True):
        items = _owned(plan, who)
        if not items:
            continue
        out += [f"## {esc(plan.title)} {{#{plan.id}}}", ""]
        feed = _owner_feed(plan, who, feeds)
        if feed and live_events(feed):
            out += [f"**Календарь пунктов:** {_feed_links(feed, site_url)} ({plural(live_events(feed), EVENTS)}). "
                    "Пункты без дат («весь период», «по мере необходимости», «в соответствии с утвержденными "
                    f"сроками») в календарь не входят. [Как подписаться]({urls.relative(urls.SUBSCRIPTION, here)})", ""]
        else:
            out += ["**Календарь:** у этих пунктов нет дат («весь период», «по мере необходимости», "
                    "«в соответствии с утвержденными сроками»), поэтому в календарь они не входят.", ""]
        rows = []
        for item in items:
            others = [link(r.name, urls.relative(urls.responsible_page(r.id), here)) for r in item.responsible if r != who]
            gone = " (исключен)" if item.excluded else ""
            rows.append([f"[{esc(item.number)}]({urls.anchored(urls.relative(urls.plan_page(plan.id), here), item.anchor)}){gone}", esc(" ".join(item.text.split())),
                         esc(period_text(item)) or "—", ", ".join(others) or "—"])
        # the items repeat the plan's own text: search finds them there (ikko/search.py EXCLUDE)
        out += [f"{plural(len(items), ITEMS).capitalize()}:", "", '<div class="ikko-owned" markdown>', "",
                table(["Пункт", "Содержание", "Срок", "Вместе с"], rows), "", "</div>", ""]
    return "\n".join(out)


# --- index ----------------------------------------------------------------------------
def plans_index(corpus, site_url: str) -> str:
    out = ["# Планы работы", "",
           "Годовые планы работы Избирательной комиссии Кемеровской области – Кузбасса: что, в какой срок и кто "
           "делает. У каждого пункта постоянная ссылка (например, `#p-2-25` — пункт 2.25); у плана и у каждого "
           "ответственного есть календарь для подписки.", ""]
    rows = []
    for p in sorted(corpus.plans.values(), key=lambda p: p.year, reverse=True):
        rows.append([f"[{esc(p.title)}]({urls.relative(urls.plan_page(p.id), urls.PLANS)})", str(p.year),
                     f"{date_ru(p.approved.date)} № {esc(p.approved.number)}", str(len(active(p))),
                     f"[по месяцам]({by_month_path(p)})"])
    out += [table(["План", "Год", "Постановление", "Пунктов", "Вид"], rows), "",
            f"[Ответственные за пункты планов]({urls.relative(urls.RESPONSIBLE, urls.PLANS)})", ""]
    return "\n".join(out)


def pages(corpus, site_url: str, feeds: FeedIndex) -> list[Page]:
    out = [Page(urls.PLANS, "Все планы работы", SECTION, lambda: plans_index(corpus, site_url))]
    for p in sorted(corpus.plans.values(), key=lambda p: p.year, reverse=True):
        out.append(Page(urls.plan_page(p.id), f"План работы на {p.year} год", SECTION,
                        lambda p=p: plan_page(corpus, p, site_url, feeds)))
        out.append(Page(urls.plan_by_months_page(p.id), f"План на {p.year} год по месяцам", SECTION,
                        lambda p=p: by_month_page(corpus, p, site_url)))
    out.append(Page(urls.RESPONSIBLE, "Ответственные", SECTION,
                    lambda: responsible_index(corpus, site_url)))
    for who in owners(corpus):
        out.append(Page(urls.responsible_page(who.id), who.name, SECTION,
                        lambda who=who: responsible_page(corpus, who, site_url, feeds), in_nav=OWNER_PAGES_IN_NAV))
    return out
