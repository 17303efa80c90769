"""Home, subscription, glossary and open-data pages."""
from __future__ import annotations

from ..model import EventStatus
from .. import urls
from . import Page
from .md import attr, date_ru, esc, table


def empty_message(corpus) -> str:
    """What the home page says when no approved plan has a deadline ahead; true next to the list below it."""
    text = "Ближайших сроков по утвержденным календарным планам нет: голосование по ним уже прошло."
    if any(e.illustrative for e in corpus.elections.values()):
        text += " Примерные планы в списке ниже не утверждены и сроков не устанавливают."
    return text


def home(corpus, site_url: str) -> str:
    out = ["# Избирательная комиссия Кемеровской области – Кузбасса", "",
           "Открытая база знаний комиссии: законы, по которым она работает, планы работы и отчеты об их "
           "выполнении, календарные планы выборов — каждый срок, кто и на каком основании его исполняет. "
           f"Календари сроков можно [скачать или подписаться]({urls.SUBSCRIPTION}) на них в приложении календаря.", ""]
    out += ["## Ближайшие сроки", "",
            f'<div class="ikko-upcoming" data-empty="{attr(empty_message(corpus))}" markdown>', ""]
    for e in sorted(corpus.elections.values(), key=lambda e: e.voting_day, reverse=True):
        kind = " (примерный план, не утвержден)" if e.illustrative else ""
        out.append(f"- [{esc(e.title)}]({urls.election_page(e.id)}){kind} — день голосования {date_ru(e.voting_day)}")
    out += ["", "</div>", ""]
    out += ["## Документы", ""]
    docs = []
    for e in corpus.elections.values():
        if e.approved:
            docs.append((e.approved.date, f"[Календарный план: {esc(e.title)}]({urls.election_page(e.id)})", True))
    for p in corpus.plans.values():
        docs.append((p.approved.date, f"[{esc(p.title)}]({urls.plan_page(p.id)})", True))
    for r in corpus.reports.values():
        # A report without a resolution carries no date: it is placed by its period's end, never dated by it.
        dated = r.resolution.date if r.resolution else None
        docs.append((dated or r.end, f"[{esc(r.title)}]({urls.report_page(r.id)})", dated is not None))
    for law in corpus.laws.values():
        if law.has_text:
            docs.append((law.date, f"[{esc(law.full_title)}]({urls.law_page(law.id)})", True))
    for day, text, dated in sorted(docs, key=lambda d: d[0], reverse=True):
        out.append(f"- {date_ru(day) if dated else 'отчет без даты'} — {text}")
    return "\n".join(out) + "\n"


def _feed_rows(feeds, site_url: str, who) -> list[list[str]]:
    rows = []
    for f in feeds:
        url = urls.feed_url(site_url, f.path)
        live = sum(1 for e in f.events if e.status != EventStatus.CANCELLED)
        rows.append([who(f), esc(f.name), str(live),
                     # the same two words on every row: kept out of the search index (ikko.search EXCLUDE)
                     f'<span class="ikko-feed-links">[подписаться]({urls.webcal(url)}) · '
                     f"[скачать .ics]({url})</span>", f"`{url}`"])
    return rows


HEADERS = ["Чьи сроки", "Название в приложении", "Событий", "Apple, Outlook", "Адрес для Google Календаря"]


def subscription(corpus, site_url: str, index) -> str:
    """Feeds grouped by election (newest first), then by executor; work plans after them."""
    out = ["# Подписка на календари", "",
           "Каждый календарь — файл iCalendar (.ics). Его можно скачать один раз или подписаться на него: "
           "тогда приложение само обновляет сроки, когда комиссия публикует новый или измененный план.", "",
           "## Как подписаться {#kak}", "",
           "- **Google Календарь** (в браузере): «Другие календари» → «+» → «Добавить по URL» → вставьте адрес "
           "из столбца «Адрес для Google Календаря» (он начинается с https://). Ссылка «подписаться» "
           "начинается с webcal:// — Google ее не принимает.",
           "- **Apple Календарь** (iPhone, Mac): нажмите ссылку «подписаться» — откроется окно подписки; "
           "или «Файл» → «Новая подписка на календарь».",
           "- **Outlook**: нажмите ссылку «подписаться» или «Добавить календарь» → «Подписаться из Интернета» → "
           "вставьте адрес для Google Календаря (https://).",
           "- **Android**: подпишитесь в Google Календаре в браузере — календарь появится на телефоне; "
           "файл .ics можно также открыть приложением календаря для разового импорта.", "",
           "Названия календарей начинаются с года выборов и краткого названия, чтобы их можно было различить "
           "в телефоне. Календари примерных планов помечены «(пример)»: их события — «[Пример]», "
           "со статусом «предварительно».", ""]
    for e in sorted(corpus.elections.values(), key=lambda e: (e.voting_day, e.illustrative), reverse=True):
        feeds = index.of_election(e.id)
        kind = " (примерный план, не утвержден)" if e.illustrative else ""
        out += [f"## {esc(e.title)}{kind} {{#{urls.subscription_anchor('election', e.id)}}}", "",
                f"[Календарный план]({urls.relative(urls.election_page(e.id), urls.SUBSCRIPTION)}), день голосования {date_ru(e.voting_day)}.", ""]
        who = lambda f, e=e: ("**все сроки плана**" if f.path == urls.election_feed(e.id)
                              else esc(corpus.executors[f.owner].name))
        out += [table(HEADERS, _feed_rows(feeds, site_url, who)), ""]
    for p in sorted(corpus.plans.values(), key=lambda p: p.year, reverse=True):
        feeds = index.of_plan(p.id)
        out += [f"## {esc(p.title)} {{#{urls.subscription_anchor('plan', p.id)}}}", "", f"[План работы]({urls.relative(urls.plan_page(p.id), urls.SUBSCRIPTION)}).", ""]
        who = lambda f, p=p: "**все пункты плана**" if f.path == urls.plan_feed(p.id) else esc(f.name.split(" — ", 1)[-1])
        out += [table(HEADERS, _feed_rows(feeds, site_url, who)), ""]
    return "\n".join(out) + "\n"


def glossary(corpus, site_url: str) -> str:
    out = ["# Сокращения", "", "Сокращения, которые встречаются в документах комиссии.", ""]
    rows = [[f'<span id="{_slug(a.abbr)}"></span>{esc(a.abbr)}', esc(a.full)] for a in corpus.glossary()]
    out.append(table(["Сокращение", "Полное наименование"], rows))
    return "\n".join(out) + "\n"


def open_data(site_url: str, datasets) -> str:
    out = ["# Открытые данные", "",
           "Все данные сайта доступны для загрузки в машиночитаемом виде по постоянным адресам: "
           "JSON (UTF-8; поля `title`, `fields` — описание полей, `rows` — записи) и CSV (UTF-8 с меткой BOM, "
           "разделитель — запятая, первая строка — имена полей). Данные обновляются при каждой публикации сайта.", ""]
    described: dict = {}
    rows = []
    for ds in datasets:
        base = urls.dataset_url(site_url, ds.path)
        rows.append([esc(ds.title), str(len(ds.rows)), f"[JSON]({base}.json) · [CSV]({base}.csv)"])
        described.setdefault(ds.fields, []).append(ds.title)
    out += [table(["Набор данных", "Записей", "Файлы"], rows), "", "## Поля {#polya}", ""]
    for fields, titles in described.items():
        out += [f"**{esc(titles[0].split(':')[0])}**", ""]
        out += [table(["Поле", "Значение"], [[f"`{n}`", esc(d)] for n, d in fields]), ""]
    return "\n".join(out) + "\n"


def _slug(text: str) -> str:
    from ..anchors import slug_number
    return "abbr-" + slug_number(text)


def pages(corpus, site_url: str, feeds, datasets) -> list[Page]:
    return [
        Page(urls.HOME, "Главная", "Главная", lambda: home(corpus, site_url)),
        Page(urls.SUBSCRIPTION, "Подписка на календари", "Выборы и календари", lambda: subscription(corpus, site_url, feeds)),
        Page(urls.GLOSSARY, "Сокращения", "Справочник", lambda: glossary(corpus, site_url)),
        Page(urls.OPEN_DATA, "Открытые данные", "Справочник", lambda: open_data(site_url, datasets)),
    ]
