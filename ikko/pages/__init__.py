"""Every page of the site as a plain function from domain objects to Markdown.

Nothing here knows about MkDocs: ``site_pages`` lists the pages, the MkDocs
hook and macros only ask for them, and ``export`` writes the same Markdown to
plain files for any other engine.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Page:
    path: str                    # source path, e.g. "vybory/zs-2023.md" (URL vybory/zs-2023/)
    title: str
    section: str                 # top-level navigation section
    render: Callable[[], str]    # returns the page's Markdown
    in_nav: bool = True

    @property
    def url(self) -> str:
        from ..urls import url
        return url(self.path)


SECTIONS = ("Главная", "Выборы и календари", "Законы", "Планы работы", "Отчеты", "Справочник")


def site_pages(corpus, site_url: str, feeds=None, datasets=None) -> list[Page]:
    """Every generated page. ``feeds`` (a ``FeedIndex``) and ``datasets`` are the build's; without them they
    are computed here, once, for all pages."""
    from ..feeds import FeedIndex
    from ..opendata import datasets as all_datasets
    from . import calendar, changes, executors, general, law, plan, report
    feeds = feeds if feeds is not None else FeedIndex.of(corpus, site_url)
    pages: list[Page] = general.pages(corpus, site_url, feeds, datasets if datasets is not None
                                      else all_datasets(corpus))
    for module in (calendar, executors, plan):
        pages += module.pages(corpus, site_url, feeds)
    for module in (law, report, changes):
        pages += module.pages(corpus, site_url)
    seen: set[str] = set()
    for p in pages:
        if p.path in seen:
            raise ValueError(f"two pages at {p.path}")
        seen.add(p.path)
    return sorted(pages, key=lambda p: SECTIONS.index(p.section))


def nav(pages: list[Page]) -> list:
    """MkDocs nav: sections in a fixed order, pages in the order their modules list them."""
    from .md import html_title
    out: list = []
    for section in SECTIONS:
        entries = [{html_title(p.title): p.path} for p in pages if p.section == section and p.in_nav]
        if not entries:
            continue
        if section == "Главная":
            out += entries
        else:
            out.append({section: entries})
    return out


def full_markdown(page: Page, corpus) -> str:
    """The page plus abbreviation definitions, so every abbreviation has its full name on hover."""
    from .md import abbreviations
    return page.render().rstrip() + "\n\n" + abbreviations(corpus.glossary() + law_numbers(corpus)) + "\n"


def law_numbers(corpus) -> list:
    """"№ 44-ФЗ", "№ 54-ФЗ": a number before "ФЗ" names that law, not the 67-ФЗ the bare abbreviation means.

    The abbr extension tries longer terms first, so "44-ФЗ" is explained as a whole.
    """
    from ..model import Abbreviation
    return [Abbreviation(law.number, law.full_title) for law in sorted(corpus.laws.values(), key=lambda l: l.id)
            if law.number and law.number.endswith("-ФЗ")]
