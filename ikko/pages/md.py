"""Markdown building blocks. Text from data is always escaped: it is shown, never interpreted.

Data must not become markup (raw HTML, links, emphasis) nor template code:
``<`` and ``&`` become entities, Markdown's active characters get a backslash,
and a line never starts with a block marker.
"""
from __future__ import annotations

import html
import re

from .. import ru_format

# One table for both escapes: ``& < >`` become entities (html.escape without quotes) and Markdown's
# active characters get a backslash. Entities add no active character, so one pass is both in turn.
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", **{c: "\\" + c for c in "\\`*_{}[]#+!|"}})
_NEEDS_ESCAPE = re.compile(r"[&<>\\`*_{}\[\]#+!|]")
_BLOCK_START = re.compile(r"([-:>=])|(\d+)([.)])")


def esc(text: str | None) -> str:
    """Escape data text for inline use in Markdown (single line)."""
    if text is None:
        return ""
    text = " ".join(str(text).split())
    if _NEEDS_ESCAPE.search(text):          # most text has none: skip the translation
        text = text.translate(_ESCAPES)
    # Joined on single spaces, the text is one line without leading space: only its start can read
    # as a block marker (a list item, a quote, a heading underline, a numbered list item).
    start = _BLOCK_START.match(text)
    if start is None:
        return text
    if start.group(1):
        return "\\" + text
    return start.group(2) + "\\" + text[start.end(2):]


def attr(text: str) -> str:
    """The one escape for HTML from data outside Markdown: attribute values (quotes included),
    raw-HTML blocks and SVG text. Spaces are kept as they are (a narrow no-break space in 16 171)."""
    return html.escape(str(text), quote=True)


def html_title(text: str) -> str:
    """A page title for navigation, the header and <title>: the theme prints titles unescaped.

    Titles never go into front matter or page text. mkdocs-macros also renders a navigation
    title as Jinja when it holds ``{{`` or ``{%``, so braces become entities too: the title
    shows them, the template engine never sees them. This is titles' only way into HTML.
    """
    text = html.escape(" ".join(str(text).split()), quote=True)
    return text.replace("{", "&#123;").replace("}", "&#125;")


def link(label: str, url: str) -> str:
    """A link whose label is data text and whose URL we built."""
    return f"[{esc(label)}]({url})"


def table(header: list[str], rows: list[list[str]]) -> str:
    """Rows are already-escaped cell strings."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def abbreviations(terms) -> str:
    """Markdown abbreviation definitions: every occurrence gets its full name on hover/focus."""
    out = []
    for t in terms:
        out.append(f"*[{t.abbr.replace(']', '')}]: {' '.join(t.full.split())}")
    return "\n".join(out)


# Russian formatting lives in one place (ikko/ru_format.py); the pages keep these short names.
date_ru = ru_format.day
date_words = ru_format.day_words
plural = ru_format.plural
