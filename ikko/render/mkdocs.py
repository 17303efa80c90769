"""MkDocs as the renderer: the project's mkdocs.yml, pointed at the staged docs and site folders.

The hooks in mkdocs.yml see the ``Build`` in ``config.extra`` (key ``BUILD_KEY``)
and do not load the data again; pages are files in the staged docs folder, so
no page is generated inside MkDocs.
"""
from __future__ import annotations

from pathlib import Path

from . import RenderError

BUILD_KEY = "ikko_build"      # the pipeline's Build, for the hooks
STAGED_KEY = "ikko_staged"    # True: the pages are already files in docs_dir


class MkDocsRenderer:
    def render(self, build, docs_dir: Path, site_dir: Path) -> None:
        from mkdocs.commands.build import build as mkdocs_build
        from mkdocs.exceptions import MkDocsException
        from mkdocs.config import load_config
        site_dir.mkdir(parents=True, exist_ok=True)
        site_dir.chmod(0o755)   # the site is public, whatever the staging folder's mode
        try:
            config = load_config(str(build.root / "mkdocs.yml"), docs_dir=str(docs_dir), site_dir=str(site_dir))
            config["extra"][BUILD_KEY] = build
            config["extra"][STAGED_KEY] = True
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(config)
            finally:
                config.plugins.on_shutdown()
        except MkDocsException as exc:
            raise RenderError(f"MkDocs не собрал сайт: {exc}") from None
