"""Law pages: the text by chapter and article with stable anchors, amendment history and backlinks."""
from __future__ import annotations

from ..model import Article, Law, Note, Part
from . import Page
from .md import date_ru, esc, table


def _law_label(law: Law | None, law_id: str) -> str:
    if law is None:
        return law_id
    head = "Закон" if law.kind == "regional_law" else "Акт"
    return f"{head} от {date_ru(law.date)} № {law.number}" if law.date and law.number else law.full_title


def _note(corpus, note: Note, anchor: str) -> str:
    return f"*{esc(note.text)}*\n{{: .ikko-note }}"


def _paragraph(text: str, anchor: str, css: str, aliases: list[str]) -> str:
    # Bookmarks of the source ("P64") stay reachable as extra anchors.
    extra = "".join(f'<span id="{a.lower()}"></span>' for a in aliases)
    return f"{extra}{text}\n{{: #{anchor} .{css} }}"


def _part_markdown(corpus, part: Part) -> list[str]:
    number = f"{esc(part.number)}\\. " if part.number else ""
    out = [_paragraph(f"[{number.strip() or '¶'}](#{part.anchor}){{ .ikko-num }} {esc(part.text)}"
                      if part.number else esc(part.text), part.anchor, "ikko-part", part.aliases), ""]
    out += [_note(corpus, n, part.anchor) + "\n" for n in part.notes]
    for point in part.points:
        label = f"{esc(point.number)}) " if point.number else ""
        out += [_paragraph(label + esc(point.text), point.anchor, "ikko-point", point.aliases), ""]
        out += [_note(corpus, n, point.anchor) + "\n" for n in point.notes]
    return out


def _history(corpus, article: Article) -> str:
    laws = [corpus.laws.get(i) for i in article.amending_laws()]
    laws = sorted((l for l in laws if l), key=lambda l: (l.date is None, l.date), reverse=True)
    if not laws:
        return ""
    links = [f"[{esc(_law_label(l, l.id))}](izmeneniya.md#{l.id})" for l in laws]
    return "**История изменений:** " + "; ".join(links)


def _backlinks(corpus, law: Law, article: Article) -> str:
    refs = corpus.citations.get((law.id, article.number), [])
    if not refs:
        return ""
    seen: dict[str, str] = {}
    for election, item in refs:
        seen.setdefault(f"{election.id}#{item.anchor}",
                        f"[п. {item.number} календарного плана ({esc(election.title)})]"
                        f"(../vybory/{election.id}.md#{item.anchor})")
    return "**На статью ссылаются:** " + "; ".join(seen.values())


def article_markdown(corpus, law: Law, article: Article) -> str:
    aliases = "".join(f'<span id="{a.lower()}"></span>' for a in article.aliases)
    out = ([aliases, ""] if aliases else []) + [
        f"### Статья {esc(article.number)}. {esc(article.title)} {{#{article.anchor}}}", ""]
    out += [_note(corpus, n, article.anchor) + "\n" for n in article.notes]
    for part in article.parts:
        out += _part_markdown(corpus, part)
    for p in article.pending:
        out += [f'!!! info "Изменение с {date_ru(p.effective)}"', "", f"    {esc(p.text)}", ""]
    for extra in (_history(corpus, article), _backlinks(corpus, law, article)):
        if extra:
            out += [extra, "{: .ikko-meta }", ""]
    return "\n".join(out)


def law_page(corpus, law: Law) -> str:
    out = [f"# {esc(law.full_title)}", ""]
    if law.short_names:
        out += [f"В документах комиссии: {', '.join('«' + esc(s) + '»' for s in law.short_names)}.", ""]
    out += ["Текст в действующей редакции с примечаниями об изменениях. У каждой статьи и пункта есть "
            "постоянная ссылка: например, `#st-8-p-3` — пункт 3 статьи 8.", ""]
    out += ["## Оглавление {#oglavlenie}", "", '<div class="ikko-toc" markdown>', ""]
    for chapter in law.chapters:
        out.append(f"- [Глава {esc(chapter.number)}. {esc(chapter.title)}](#{chapter.anchor})")
        out += [f"    - [Статья {esc(a.number)}. {esc(a.title)}](#{a.anchor})" for a in chapter.articles]
    out += ["", "</div>", ""]
    for part in law.preamble:
        out += _part_markdown(corpus, part)
    for chapter in law.chapters:
        out += [f"## Глава {esc(chapter.number)}. {esc(chapter.title)} {{#{chapter.anchor}}}", ""]
        out += [article_markdown(corpus, law, a) for a in chapter.articles]
    return "\n".join(out) + "\n"


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
        links = [f"[ст. {esc(a.number)} {esc(target.number or '')}]({target.id}.md#{a.anchor})" for target, a in articles]
        out += ["Изменены: " + ", ".join(links), ""]
    return "\n".join(out)


def laws_index(corpus) -> str:
    out = ["# Законы и правовые акты", "",
           "Акты, на которые опираются документы комиссии. Полный текст доступен для законов, отмеченных ссылкой.", ""]
    rows = []
    kinds = {"federal_law": "федеральный закон", "federal_constitutional_law": "федеральный конституционный закон",
             "regional_law": "закон Кемеровской области – Кузбасса", "cik_act": "акт ЦИК России",
             "code": "кодекс", "other": "иной акт"}
    for law in sorted(corpus.laws.values(), key=lambda l: (not l.has_text, l.kind, l.id)):
        title = f"[{esc(law.full_title)}]({law.id}.md)" if law.has_text else esc(law.full_title)
        rows.append([title, kinds.get(law.kind, law.kind), esc(", ".join(law.short_names)) or "—"])
    out.append(table(["Акт", "Вид", "Краткое название в документах"], rows))
    return "\n".join(out) + "\n"


def pages(corpus, site_url: str) -> list[Page]:
    out = [Page("zakony/index.md", "Все акты", "Законы", lambda: laws_index(corpus))]
    for law in sorted(corpus.laws.values(), key=lambda l: l.id):
        if law.has_text:
            out.append(Page(f"zakony/{law.id}.md", f"Закон № {law.number}" if law.number else law.id, "Законы",
                            lambda law=law: law_page(corpus, law)))
    out.append(Page("zakony/izmeneniya.md", "Изменяющие законы", "Законы", lambda: amendments_page(corpus)))
    return out
