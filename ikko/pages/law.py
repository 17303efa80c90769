"""Law pages: the text in force on the build date by chapter and article with stable anchors, repealed
provisions marked, earlier wordings collapsed; one page per edition and a comparison of consecutive editions
(ikko.law_editions computes them); amendment history and backlinks."""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date

from .. import builddate, urls
from ..law_editions import Change, Edition, Wording, describe_target, differences, edition_on, target_anchor
from ..model import Article, Law, Note, Part
from . import Page
from .md import attr, date_ru, esc, plural, table


def _law_label(law: Law | None, law_id: str) -> str:
    if law is None:
        return law_id
    head = "Закон" if law.kind == "regional_law" else "Акт"
    return f"{head} от {date_ru(law.date)} № {law.number}" if law.date and law.number else law.full_title


def _note(corpus, note: Note, anchor: str) -> str:
    return f"*{esc(note.text)}*\n{{: .ikko-note }}"


def _paragraph(text: str, anchor: str, css: str, aliases: list[str]) -> str:
    # The anchor is on a wrapping <div>, not on the <p>: Pagefind stores the text of an element with an id
    # once more as that anchor's text, which doubled the law's search data (a <div>'s is not stored).
    # Bookmarks of the source ("P64") stay reachable as extra anchors.
    extra = "".join(f'<span id="{attr(a.lower())}"></span>' for a in aliases)
    return f'<div id="{attr(anchor)}" class="{attr(css)}" markdown>\n\n{extra}{text}\n\n</div>'


@dataclass
class View:
    """What a law page shows: the text of one edition, with each unit's earlier wordings and the changes
    around it (applied by an editorial resolution, recorded but not applied, not yet in force)."""

    corpus: object
    law: Law                                  # the text to show (an edition's copy, or the law as held)
    edition: Edition | None = None
    notices: dict[str, list[tuple[str, Change]]] = field(default_factory=dict)   # anchor -> (kind, change)

    def repealed(self, anchor: str) -> Change | None:
        return self.edition.repealed.get(anchor) if self.edition else None

    def history(self, anchor: str) -> list[Wording]:
        return self.edition.history.get(anchor, []) if self.edition else []


def make_view(corpus, law: Law, edition: Edition | None) -> View:
    """The view of one edition: next to each provision, the changes a reader must know about there."""
    if edition is None:
        return View(corpus, law)
    view = View(corpus, edition.law, edition)
    for change in law.changes:
        anchor = target_anchor(law, change.applied_target)
        if change.not_applied:
            kind = "not_applied"            # shown wherever it would apply, before and after its date
        elif change in edition.changes:
            kind = "editorial" if change.editorial else None
        else:
            kind = "upcoming"               # in force only in a later edition
        if anchor and kind:
            view.notices.setdefault(anchor, []).append((kind, change))
    return view


def _law_phrase(corpus, law_id: str) -> str:
    return esc(_law_label(corpus.laws.get(law_id), law_id))


def _notices(view: View, anchor: str) -> list[str]:
    out = []
    for kind, change in view.notices.get(anchor, ()):
        law = _law_phrase(view.corpus, change.law)
        if kind == "editorial":
            out += [f'!!! warning "Редакционное уточнение: {esc(describe_target(change.target))} → '
                    f'{esc(describe_target(change.applied_target))}"', "",
                    f"    {esc(change.editorial['note'])}", "",
                    f"    Примечание источника: «{esc(change.source)}»", ""]
        elif kind == "not_applied":
            out += [f'!!! danger "Изменение с {date_ru(change.effective)} не применено ({law})"', "",
                    f"    {esc(change.not_applied)}", "",
                    f"    Примечание источника: «{esc(change.source)}»", ""]
        else:
            out += [f'!!! info "Изменение с {date_ru(change.effective)} ({law})"', "", f"    {esc(change.source)}", ""]
    return out


def _introduced(view: View, anchor: str) -> list[str]:
    change = view.edition.added.get(anchor) if view.edition else None
    if change is None:
        return []
    return [f"*(введен с {date_ru(change.effective)}: {_law_phrase(view.corpus, change.law)})*", "{: .ikko-note }", ""]


def _earlier(view: View, anchor: str, render_points) -> list[str]:
    """The wordings a unit had before, collapsed; a repealed part's points and a repealed article's parts
    keep their anchors inside, so links into the older text still land."""
    out = []
    for wording in reversed(view.history(anchor)):
        change = wording.change
        out += [f'<details class="ikko-earlier" markdown>',
                f"<summary>Редакция до {date_ru(change.effective)} (изменено: "
                f"{_law_phrase(view.corpus, change.law)})</summary>", ""]
        if wording.title is not None:
            out += [f"**{esc(wording.title)}**", ""]
            for part in wording.parts:
                out += render_points(part, True)
        else:
            out += [esc(wording.text), "{: .ikko-earlier-text }", ""]
            # a repealed part's points left the text: their anchors live on here (else they are still above)
            for pt in wording.points if view.repealed(anchor) is change else ():
                out += [_paragraph((f"{esc(pt.number)}) " if pt.number else "") + esc(pt.text), pt.anchor,
                                   "ikko-point", pt.aliases), ""]
        out += [f"Примечание источника: «{esc(change.source)}»", "{: .ikko-note }", "", "</details>", ""]
    return out


def _part_markdown(view: View, part: Part, earlier: bool = False) -> list[str]:
    corpus = view.corpus
    repealed = None if earlier else view.repealed(part.anchor)
    css = "ikko-part ikko-repealed" if repealed else "ikko-part"
    number = f"{esc(part.number)}\\. " if part.number else ""
    body = (f"[{number.strip() or '¶'}](#{part.anchor}){{ .ikko-num }} {esc(part.text)}"
            if part.number else esc(part.text))
    out = [_paragraph(body, part.anchor, css, part.aliases), ""]
    out += [_note(corpus, n, part.anchor) + "\n" for n in part.notes]
    if not earlier:
        out += _introduced(view, part.anchor) + _notices(view, part.anchor) + _earlier(view, part.anchor, lambda p, e: _part_markdown(view, p, e))
    for point in part.points:
        label = f"{esc(point.number)}) " if point.number else ""
        p_css = "ikko-point ikko-repealed" if not earlier and view.repealed(point.anchor) else "ikko-point"
        out += [_paragraph(label + esc(point.text), point.anchor, p_css, point.aliases), ""]
        out += [_note(corpus, n, point.anchor) + "\n" for n in point.notes]
        if not earlier:
            out += _introduced(view, point.anchor) + _notices(view, point.anchor) + _earlier(view, point.anchor, None)
    return out


def _history(corpus, article: Article) -> str:
    laws = [corpus.laws.get(i) for i in article.amending_laws()]
    laws = sorted((l for l in laws if l), key=lambda l: (l.date is None, l.date), reverse=True)
    if not laws:
        return ""
    links = [f"[{esc(_law_label(l, l.id))}]({urls.relative(urls.AMENDING_LAWS, urls.LAWS)}#{l.id})" for l in laws]
    return "**История изменений:** " + "; ".join(links)


def _backlinks(corpus, law: Law, article: Article, to_law: str) -> str:
    refs = corpus.citations.get((law.id, article.number), [])
    if not refs:
        return ""
    seen: dict[str, str] = {}
    for election, item in refs:
        seen.setdefault(f"{election.id}#{item.anchor}",
                        f"[п. {item.number} календарного плана ({esc(election.title)})]"
                        f"({to_law}{urls.anchored(urls.election_page(election.id), item.anchor)})")
    return "**На статью ссылаются:** " + "; ".join(seen.values())


def _article_heading(view: View, article: Article) -> str:
    repealed = view.repealed(article.anchor)
    if repealed:
        return f"Статья {esc(article.number)}. Утратила силу"
    return f"Статья {esc(article.number)}. {esc(article.title)}"


def article_markdown(corpus, law: Law, article: Article, view: View | None = None, to_root: str = "../") -> str:
    view = view or View(corpus, law)
    aliases = "".join(f'<span id="{attr(a.lower())}"></span>' for a in article.aliases)
    out = ([aliases, ""] if aliases else []) + [f"### {_article_heading(view, article)} {{#{article.anchor}}}", ""]
    out += [_note(corpus, n, article.anchor) + "\n" for n in article.notes]
    out += _notices(view, article.anchor)
    for part in article.parts:
        out += _part_markdown(view, part)
    out += _earlier(view, article.anchor, lambda p, e: _part_markdown(view, p, e))
    recorded = {c.source for c in law.changes}
    for p in article.pending:    # the source's boxes not (yet) recorded as changes are shown as they are
        if p.text not in recorded:
            out += [f'!!! info "Изменение с {date_ru(p.effective)}"', "", f"    {esc(p.text)}", ""]
    here = urls.relative(urls.AMENDING_LAWS, urls.LAWS)   # how _history links, from a page in zakony/
    izm = here if to_root == "../" else f"{to_root}{urls.AMENDING_LAWS}"
    for extra in (_history(corpus, article).replace(f"]({here}", f"]({izm}"),
                  _backlinks(corpus, law, article, to_root)):
        if extra:
            out += [extra, "{: .ikko-meta }", ""]
    return "\n".join(out)


def _toc(view: View) -> list[str]:
    out = ["## Оглавление {#oglavlenie}", "", '<div class="ikko-toc" markdown>', ""]
    for chapter in view.law.chapters:
        out.append(f"- [Глава {esc(chapter.number)}. {esc(chapter.title)}](#{chapter.anchor})")
        for a in chapter.articles:
            gone = view.repealed(a.anchor)
            if gone:
                out.append(f"    - [Статья {esc(a.number)}. Утратила силу](#{a.anchor}) — с {date_ru(gone.effective)}, "
                           f"{_law_phrase(view.corpus, gone.law)} (прежнее название: «{esc(view.history(a.anchor)[-1].title)}»)")
                continue
            out.append(f"    - [Статья {esc(a.number)}. {esc(a.title)}](#{a.anchor})")
            units = [(u, c) for u, c in _repealed_units(view, a)]
            for anchor, change in units:
                word = "утратил силу"
                out.append(f"        - [{esc(describe_target(change.applied_target))}](#{anchor}) — {word} "
                           f"с {date_ru(change.effective)}, {_law_phrase(view.corpus, change.law)}")
    return out + ["", "</div>", ""]


def _repealed_units(view: View, article: Article):
    if view.edition is None:
        return []
    anchors_ = [a for p in article.parts for a in [p.anchor] + [pt.anchor for pt in p.points]]
    return [(a, view.edition.repealed[a]) for a in anchors_ if a in view.edition.repealed]


def _body(view: View, law: Law, to_root: str = "../") -> list[str]:
    out = _toc(view)
    for part in view.law.preamble:
        out += _part_markdown(view, part)
    for chapter in view.law.chapters:
        out += [f"## Глава {esc(chapter.number)}. {esc(chapter.title)} {{#{chapter.anchor}}}", ""]
        out += [article_markdown(view.corpus, law, a, view, to_root) for a in chapter.articles]
    return out


def edition_label(edition: Edition) -> str:
    if edition.since is None:
        return f"редакция, действовавшая по {date_ru(edition.until)}"
    if edition.until is None:
        return f"редакция с {date_ru(edition.since)}"
    return f"редакция с {date_ru(edition.since)} по {date_ru(edition.until)}"


def edition_path(law: Law, edition: Edition) -> str:
    return urls.edition_page(law.id, edition.slug)


def comparison_path(law: Law, old: Edition, new: Edition) -> str:
    return urls.comparison_page(law.id, old.slug, new.slug)


def _amending_phrase(corpus, edition: Edition) -> str:
    laws = list(dict.fromkeys(c.law for c in edition.changes if c.effective == edition.since))
    return ", ".join(_law_phrase(corpus, l) for l in laws)


def _dated_line(corpus, law: Law, edition: Edition, today: date, here: str) -> list[str]:
    """Which edition this is, since when, and up to which date the collection of changes is complete."""
    if edition.since:
        head = (f"**Текст в редакции, действующей с {date_ru(edition.since)}** "
                f"(изменения внесены: {_amending_phrase(corpus, edition)}).")
    else:
        head = f"**Текст в редакции, действовавшей по {date_ru(edition.until)}.**"
    if edition.in_force_on(today):
        head += " Эта редакция действует сегодня."
    else:
        current = edition_on(law.editions, today)
        head += (f" Эта редакция не действует; действующая — "
                 f"[{esc(edition_label(current))}]({urls.relative(urls.law_page(law.id), here)}).")
    out = [head, "{: .ikko-dated }", ""]
    if law.complete_to:
        note = f" {esc(law.complete_note)}" if law.complete_note else ""
        out += [f"Изменения закона собраны по {date_ru(law.complete_to)}.{note}", "{: .ikko-dated }", ""]
    links = []
    for e in law.editions:
        links.append(f"[{esc(edition_label(e))}]({urls.relative(edition_path(law, e), here)})")
    for old, new in zip(law.editions, law.editions[1:]):
        links.append(f"[сравнение: {date_ru(old.until)} и {date_ru(new.since)}]"
                     f"({urls.relative(comparison_path(law, old, new), here)})")
    out += ["Редакции: " + " · ".join(links), "{: .ikko-meta }", ""]
    return out


def _applied_counts(law: Law) -> str:
    applied = [c for c in law.changes if not c.not_applied]
    editorial = [c for c in applied if c.editorial]
    not_applied = [c for c in law.changes if c.not_applied]
    return (f"Изменений в базе: {len(law.changes)}; применено как напечатано — {len(applied) - len(editorial)}, "
            f"с редакционным уточнением — {len(editorial)}, записано, но не применено — {len(not_applied)}.")


def unit_url(law: Law, anchor: str, on: date | None) -> str:
    """Where a reference to ``law`` made on day ``on`` points (relative to the site root): the edition in
    force that day when the law has editions, else the law's page."""
    if on is None or not law.editions:
        return urls.anchored(urls.law_page(law.id), anchor)
    return urls.anchored(edition_path(law, edition_on(law.editions, on)), anchor)


def law_page(corpus, law: Law) -> str:
    out = [f"# {esc(law.full_title)}", ""]
    if law.short_names:
        out += [f"В документах комиссии: {', '.join('«' + esc(s) + '»' for s in law.short_names)}.", ""]
    if law.editions:
        edition = edition_on(law.editions, builddate.today())
        view = make_view(corpus, law, edition)
        out += _dated_line(corpus, law, edition, builddate.today(), urls.law_page(law.id))
        out += [_applied_counts(law), "", "Прежние редакции пунктов свернуты под текстом пункта. У каждой статьи "
                "и пункта есть постоянная ссылка: например, `#st-8-p-3` — пункт 3 статьи 8.", ""]
    else:
        view = View(corpus, law)
        out += ["Текст с примечаниями об изменениях. У каждой статьи и пункта есть "
                "постоянная ссылка: например, `#st-8-p-3` — пункт 3 статьи 8.", ""]
    out += _body(view, law)
    return "\n".join(out) + "\n"


def edition_page(corpus, law: Law, edition: Edition) -> str:
    """The whole text of one edition, at a URL that never changes: zakony/<id>/redakcii/<date>/."""
    out = [f"# {esc(law.full_title)} — {esc(edition_label(edition))}", ""]
    out += _dated_line(corpus, law, edition, builddate.today(), edition_path(law, edition))
    view = make_view(corpus, law, edition)
    # Search leads to the text in force (the main page); an edition's copy of the text is not indexed again.
    to_root = urls.to_root(urls.edition_page(law.id, edition.slug))
    out += ['<div data-pagefind-ignore="all" markdown>', ""] + _body(view, law, to_root) + ["", "</div>"]
    return "\n".join(out) + "\n"


def _word_diff(old: str, new: str) -> str:
    """Words removed and added, marked with <del>/<ins>; every word escaped as data."""
    a, b = old.split(), new.split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(esc(" ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<del>{esc(' '.join(a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{esc(' '.join(b[j1:j2]))}</ins>")
    return " ".join(out)


def comparison_page(corpus, law: Law, old: Edition, new: Edition) -> str:
    """Every unit whose wording differs between two editions: old and new, words marked."""
    diffs = differences(old, new)
    here = comparison_path(law, old, new)
    rel_old = urls.relative(edition_path(law, old), here)
    rel_new = urls.relative(edition_path(law, new), here)
    out = [f"# {esc(law.full_title)}: сравнение редакций", "",
           f"[{esc(edition_label(old))}]({rel_old}) и [{esc(edition_label(new))}]({rel_new}). "
           f"Различаются {plural(len(diffs), ('положение', 'положения', 'положений'))}: "
           "удаленные слова <del>зачеркнуты</del>, новые <ins>подчеркнуты</ins>.", ""]
    labels = _unit_labels(old.law) | _unit_labels(new.law)
    gone = {a.anchor: a for a in old.law.articles if a.anchor in new.repealed and a.anchor not in old.repealed}
    shown: set[str] = set()
    for anchor, before, after in diffs:
        article = anchor.split("-p-")[0].split("-abz-")[0].split("-utratila-silu")[0]
        if article in gone:   # a repealed article: one section, its former text collapsed
            if article not in shown:
                shown.add(article)
                out += _repealed_article_section(corpus, gone[article], new, rel_old, rel_new)
            continue
        out += [f"## {esc(labels.get(anchor, anchor))} {{#{anchor}}}", ""]
        links = []
        if before is not None:
            links.append(f"[в прежней редакции]({rel_old}#{anchor})")
        if after is not None:
            links.append(f"[в новой редакции]({rel_new}#{anchor})")
        out += [" · ".join(links), "{: .ikko-meta }", ""]
        out += _why(corpus, old, new, anchor)
        if before is None:
            out += [f"<ins>{esc(after)}</ins>", ""]
        elif after is None:
            out += [f"<del>{esc(before)}</del>", "", "*(в новой редакции нет: статья утратила силу)*", ""]
        else:
            out += [_word_diff(before, after), ""]
    return "\n".join(out) + "\n"


def _why(corpus, old: Edition, new: Edition, anchor: str) -> list[str]:
    """The source notes of the changes that made this difference, and any editorial resolution."""
    out = []
    changes = [w.change for w in new.history.get(anchor, []) if w.change not in old.changes]
    changes += [c for a, c in new.added.items() if a == anchor and c not in old.changes]
    unique = [c for i, c in enumerate(changes) if all(c is not d for d in changes[:i])]  # one change, many edits
    for change in unique:
        out += [f"Изменение ({_law_phrase(corpus, change.law)}): «{esc(change.source)}»", "{: .ikko-note }", ""]
        if change.editorial:
            out += [f"Редакционное уточнение: {esc(change.editorial['note'])}", "{: .ikko-note }", ""]
    return out


def _repealed_article_section(corpus, article: Article, new: Edition, rel_old: str, rel_new: str) -> list[str]:
    change = new.repealed[article.anchor]
    out = [f"## Статья {esc(article.number)} — утратила силу {{#{article.anchor}}}", "",
           f"[в прежней редакции]({rel_old}#{article.anchor}) · [в новой редакции]({rel_new}#{article.anchor})",
           "{: .ikko-meta }", "",
           f"Изменение ({_law_phrase(corpus, change.law)}): «{esc(change.source)}»", "{: .ikko-note }", "",
           f"<ins>Утратила силу с {date_ru(change.effective)}. – {_law_phrase(corpus, change.law)}.</ins>", "",
           '<details class="ikko-earlier" markdown>',
           f"<summary>Прежний текст статьи {esc(article.number)} «{esc(article.title)}»</summary>", ""]
    for part in article.parts:
        number = f"{esc(part.number)}\\. " if part.number else ""
        out += [f"<del>{number}{esc(part.text)}</del>", ""]
        out += [f"<del>{esc(pt.number) + ') ' if pt.number else ''}{esc(pt.text)}</del>" + "\n" for pt in part.points]
    return out + ["</details>", ""]


def _unit_labels(law: Law) -> dict[str, str]:
    """anchor -> "ст. 8 п. 10 пп. 3 абз. 4": how the law itself names a unit."""
    out = {}
    for a in law.articles:
        out[a.anchor] = f"Статья {a.number}"
        for part in a.parts:
            base = f"ст. {a.number}" + (f" п. {part.number}" if part.number else "")
            out[part.anchor] = base
            owner, k = base, 1
            for pt in part.points:
                if pt.number:
                    owner, k = f"{base} пп. {pt.number}", 1
                    out[pt.anchor] = owner
                else:
                    k += 1
                    out[pt.anchor] = f"{owner} абз. {k}"
    return out


def amending_laws(corpus) -> list[tuple[Law, list[tuple[Law, Article]]]]:
    """Every law that amended a law we hold, with the articles it touched, newest first."""
    touched: dict[str, list[tuple[Law, Article]]] = {}
    for law in corpus.laws.values():
        for article in law.articles:
            for law_id in article.amending_laws():
                touched.setdefault(law_id, [])
                if (law, article) not in touched[law_id]:
                    touched[law_id].append((law, article))
    laws = [(corpus.laws[i], arts) for i, arts in touched.items() if i in corpus.laws]
    return sorted(laws, key=lambda la: (la[0].date is not None, la[0].date, la[0].id), reverse=True)


def amendments_page(corpus) -> str:
    out = ["# Изменяющие законы", "",
           "Законы, которыми вносились изменения в законы этой базы, — от новых к старым, "
           "со статьями, которые они изменили.", ""]
    for law, articles in amending_laws(corpus):
        out += [f"## {esc(_law_label(law, law.id))} {{#{law.id}}}", ""]
        if law.title:
            out += [f"«{esc(law.title)}»", ""]
        links = [f"[ст. {esc(a.number)} {esc(target.number or '')}]({urls.anchored(urls.relative(urls.law_page(target.id), urls.AMENDING_LAWS), a.anchor)})"
                 for target, a in articles]
        out += ["Изменены: " + ", ".join(links), ""]
        out += _editions_made_by(corpus, law)
    return "\n".join(out)


def _editions_made_by(corpus, amending: Law) -> list[str]:
    """For an amending law recorded as data: the edition it starts and the comparison with the one before."""
    out = []
    for target in sorted(corpus.laws.values(), key=lambda l: l.id):
        for old, new in zip(target.editions, target.editions[1:]):
            if any(c.law == amending.id and c.effective == new.since for c in new.changes):
                out += [f"Редакция закона № {esc(target.number)} с {date_ru(new.since)}: "
                        f"[текст]({urls.relative(edition_path(target, new), urls.AMENDING_LAWS)}) · "
                        f"[сравнение с прежней]({urls.relative(comparison_path(target, old, new), urls.AMENDING_LAWS)})", ""]
    return out


def laws_index(corpus) -> str:
    out = ["# Законы и правовые акты", "",
           "Акты, на которые опираются документы комиссии. Полный текст доступен для законов, отмеченных ссылкой.", ""]
    rows = []
    kinds = {"federal_law": "федеральный закон", "federal_constitutional_law": "федеральный конституционный закон",
             "regional_law": "закон Кемеровской области – Кузбасса", "cik_act": "акт ЦИК России",
             "code": "кодекс", "other": "иной акт"}
    for law in sorted(corpus.laws.values(), key=lambda l: (not l.has_text, l.kind, l.id)):
        title = f"[{esc(law.full_title)}]({urls.relative(urls.law_page(law.id), urls.LAWS)})" if law.has_text else esc(law.full_title)
        rows.append([title, kinds.get(law.kind, law.kind), esc(", ".join(law.short_names)) or "—"])
    out.append(table(["Акт", "Вид", "Краткое название в документах"], rows))
    return "\n".join(out) + "\n"


def pages(corpus, site_url: str) -> list[Page]:
    out = [Page(urls.LAWS, "Все акты", "Законы", lambda: laws_index(corpus))]
    for law in sorted(corpus.laws.values(), key=lambda l: l.id):
        if law.has_text:
            out.append(Page(urls.law_page(law.id), f"Закон № {law.number}" if law.number else law.id, "Законы",
                            lambda law=law: law_page(corpus, law)))
            for e in law.editions:
                out.append(Page(edition_path(law, e), f"№ {law.number}: {edition_label(e)}", "Законы",
                                lambda law=law, e=e: edition_page(corpus, law, e), in_nav=False))
            for old, new in zip(law.editions, law.editions[1:]):
                out.append(Page(comparison_path(law, old, new), f"№ {law.number}: сравнение редакций", "Законы",
                                lambda law=law, old=old, new=new: comparison_page(corpus, law, old, new), in_nav=False))
    out.append(Page(urls.AMENDING_LAWS, "Изменяющие законы", "Законы", lambda: amendments_page(corpus)))
    return out
