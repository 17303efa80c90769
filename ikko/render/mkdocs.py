"""MkDocs as the renderer: the project's mkdocs.yml, pointed at the staged docs and site folders.

The hooks in mkdocs.yml see the ``Build`` in ``config.extra`` (key ``BUILD_KEY``)
and do not load the data again; pages are files in the staged docs folder, so
no page is generated inside MkDocs.
"""
from __future__ import annotations

import logging
import os
from contextlib import contextmanager
from pathlib import Path

from .. import builddate
from . import RenderError

BUILD_KEY = "ikko_build"      # the pipeline's Build, for the hooks
STAGED_KEY = "ikko_staged"    # True: the pages are already files in docs_dir


class _Warnings(logging.Handler):
    """MkDocs' warnings, kept so that a strict-mode abort can say what they were."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(record.getMessage())


@contextmanager
def _dated_like_the_build():
    """MkDocs dates the sitemap (and its gzip header) by SOURCE_DATE_EPOCH, else by the clock: a build
    whose date IKKO_BUILD_DATE fixes gives MkDocs that date too, so its rebuild is byte-identical."""
    epoch = builddate.epoch_for_tools()
    if epoch is None:
        yield
        return
    os.environ[builddate.EPOCH] = epoch
    try:
        yield
    finally:
        os.environ.pop(builddate.EPOCH, None)


class MkDocsRenderer:
    def render(self, build, docs_dir: Path, site_dir: Path) -> None:
        from mkdocs.commands.build import build as mkdocs_build
        from mkdocs.exceptions import MkDocsException
        from mkdocs.config import load_config
        site_dir.mkdir(parents=True, exist_ok=True)
        site_dir.chmod(0o755)   # the site is public, whatever the staging folder's mode
        warnings = _Warnings()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(warnings)
        try:
            config = load_config(str(build.root / "mkdocs.yml"), docs_dir=str(docs_dir), site_dir=str(site_dir))
            config["extra"][BUILD_KEY] = build
            config["extra"][STAGED_KEY] = True
            config.plugins.on_startup(command="build", dirty=False)
            try:
                with _dated_like_the_build():
                    mkdocs_build(config)
            finally:
                config.plugins.on_shutdown()
        except MkDocsException as exc:
            listed = "".join(f"\n  {line}" for line in warnings.lines)
            raise RenderError(f"MkDocs не собрал сайт: {exc}{listed}") from None
        finally:
            logger.removeHandler(warnings)


class MkDocsSession:
    """MkDocs kept alive between renders, for the preview: after an edit only the pages whose Markdown
    changed are read and rendered again, into the same site folder.

    ``render_all`` takes the steps of ``mkdocs.commands.build.build`` (MkDocs 1.6, pinned) and keeps
    what they produce (files, navigation, template environment); ``render_pages`` repeats the last two
    steps for some pages. A change to the navigation (a page added, removed or renamed) needs
    ``render_all``: every page shows the navigation.
    """

    def __init__(self, root: Path, docs_dir: Path, site_dir: Path):
        self.root, self.docs_dir, self.site_dir = root, docs_dir, site_dir
        self.state = None

    def render_all(self, build) -> None:
        with _dated_like_the_build():      # the sitemap as a full build writes it
            self._render_all(build)

    def _render_all(self, build) -> None:
        from mkdocs.commands.build import _build_extra_template, _build_page, _build_theme_template, _populate_page
        from mkdocs.config import load_config
        from mkdocs.structure.files import get_files, set_exclusions
        from mkdocs.structure.nav import get_navigation
        from mkdocs.structure.pages import Page
        from mkdocs import utils
        config = load_config(str(self.root / "mkdocs.yml"), docs_dir=str(self.docs_dir), site_dir=str(self.site_dir))
        config["extra"][BUILD_KEY] = build
        config["extra"][STAGED_KEY] = True
        config.plugins.on_startup(command="build", dirty=False)
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        utils.clean_directory(config.site_dir)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        for file in files.documentation_pages():
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)
            _populate_page(file.page, config, files, False)
        env = config.plugins.on_env(env, config=config, files=files)
        files.copy_static_files(dirty=False)
        for template in config.theme.static_templates:
            _build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            _build_extra_template(template, files, config, nav)
        doc_files = files.documentation_pages()
        for file in doc_files:
            _build_page(file.page, config, doc_files, nav, env, False)
        config.plugins.on_post_build(config=config)
        self.state = (config, files, nav, env, doc_files)

    def render_pages(self, build, paths: list[str]) -> None:
        from mkdocs.commands.build import _build_page, _populate_page
        config, files, nav, env, doc_files = self.state
        config["extra"][BUILD_KEY] = build
        for path in paths:
            page = files.get_file_from_path(path).page
            _populate_page(page, config, files, False)
            _build_page(page, config, doc_files, nav, env, False)
