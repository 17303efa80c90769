"""mkdocs-macros entry point: a thin layer that only asks ikko for a page's Markdown.

Pages are rendered by plain functions in ``ikko.pages``; data never reaches
Jinja as template source (the page stubs contain only a macro call with a
page path we generated), and the returned Markdown is not rendered again.
"""
from __future__ import annotations

from pathlib import Path

from ikko.site import get_site


def define_env(env):
    root = Path(env.conf["config_file_path"]).parent
    data_dir = root / env.conf.get("extra", {}).get("data_dir", "data")

    @env.macro
    def ikko_page(path: str) -> str:
        """The whole Markdown of a generated page."""
        return get_site(data_dir, env.conf.get("site_url")).markdown(path)
