"""Markdown building blocks. Text from data is always escaped: it is shown, never interpreted.

Data must not become markup (raw HTML, links, emphasis) nor template code:
``<`` and ``&`` become entities, Markdown's active characters get a backslash,
and a line never starts with a block marker.
"""
from __future__ import annotations

import html
import re

from .. import ru_format

_ACTIVE = re.compile(r"([\\`*_{}\[\]#+!|])")
_LINE_START = re.compile(r"^(\s*)([-:>=]|\d+[.)])", re.MULTILINE)


def esc(text: str | None) -> str:
    """Escape data text for inline use in Markdown (single line)."""
    if text is None:
        return ""
    text = " ".join(str(text).split())
    text = html.escape(text, quote=False)
    text = _ACTIVE.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if not m.group(2)[0].isdigit()
                           else m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)


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
