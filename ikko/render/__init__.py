"""Engines that turn a staged docs folder into HTML. MkDocs (Material) is the one we use.

A renderer gets the ``Build`` (for navigation and titles), the staged docs
folder (hand-written and generated pages, all plain Markdown with front matter)
and an empty site folder; it writes HTML and nothing else. Feeds, open data and
search are the pipeline's, not the engine's.
"""
from __future__ import annotations

from pathlib import Path
from typing import Protocol


class RenderError(RuntimeError):
    """The engine refused the pages (e.g. a strict-mode warning); nothing is published."""


class Renderer(Protocol):
    def render(self, build, docs_dir: Path, site_dir: Path) -> None: ...


def default_renderer() -> Renderer:
    from .mkdocs import MkDocsRenderer
    return MkDocsRenderer()
