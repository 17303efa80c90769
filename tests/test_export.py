"""``python -m ikko export``: runs without MkDocs installed, and plain MkDocs (default theme) builds the
result with --strict, with every page, feed and open dataset of the real site."""
from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

ELECTION = "data/elections/zs-2023/election.yaml"
OLD_TITLE = "Выборы депутатов Законодательного Собрания Кемеровской области – Кузбасса созыва 2023-2028 гг."
HOSTILE_TITLE = 'Выборы "2023": {{ 7*7 }} {% if 1 %}X{% endif %} # не комментарий \\ обратная черта'

# Run ikko with every MkDocs package unimportable, as on a machine where only ikko's own needs are installed.
BLOCK_MKDOCS = """
import sys
class Blocked:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("mkdocs", "material", "mkdocs_macros"):
            raise ImportError("blocked in this test: " + name)
sys.meta_path.insert(0, Blocked())
from ikko.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    from conftest import copy_project
    project = copy_project(tmp_path_factory.mktemp("export-project"))
    path = project / ELECTION
    text = path.read_text(encoding="utf-8")
    assert f"title: {OLD_TITLE}\n" in text
    path.write_text(text.replace(f"title: {OLD_TITLE}\n", f"title: {yaml.safe_dump(HOSTILE_TITLE, allow_unicode=True, width=10**6).splitlines()[0]}\n", 1),
                    encoding="utf-8")
    out = tmp_path_factory.mktemp("export") / "out"
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run([sys.executable, "-c", BLOCK_MKDOCS, "--root", str(project), "export", str(out)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    mkdocs = Path(sys.executable).parent / "mkdocs"
    build = subprocess.run([str(mkdocs), "build", "--strict", "-f", str(out / "mkdocs.yml"), "-d", str(out / "site")],
                           cwd=out, env=env, capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stdout + build.stderr
    return out


def urls_of(nav) -> list[str]:
    if isinstance(nav, dict):
        return [u for v in nav.values() for u in urls_of(v)]
    if isinstance(nav, list):
        return [u for v in nav for u in urls_of(v)]
    return [nav]


def html_path(site: Path, md: str) -> Path:
    if md == "index.md" or md.endswith("/index.md"):
        return site / md[: -len("index.md")] / "index.html"
    return site / md[: -len(".md")] / "index.html"


def test_the_export_uses_the_default_theme_and_no_plugins_or_hooks(exported):
    config = yaml.safe_load((exported / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["name"] == "mkdocs" and config["plugins"] == [] and "hooks" not in config


def test_every_page_of_the_site_is_rendered_from_the_export(exported, built):
    config = yaml.safe_load((exported / "mkdocs.yml").read_text(encoding="utf-8"))
    pages = urls_of(config["nav"]) + [p.lstrip("/") for p in config["not_in_nav"].split()]
    site_pages = sorted(p.relative_to(built / "site").as_posix() for p in (built / "site").rglob("index.html")
                        if not p.relative_to(built / "site").as_posix().startswith(("pagefind", "assets")))
    assert sorted(html_path(Path(""), md).as_posix() for md in pages) == site_pages
    for md in pages:
        assert html_path(exported / "site", md).is_file(), md


def test_feeds_open_data_and_deadlines_are_in_the_export(exported, built):
    site = built / "site"
    published = sorted(p.relative_to(site).as_posix() for folder in ("calendars", "opendata")
                       for p in (site / folder).rglob("*") if p.is_file()) + ["assets/deadlines.json"]
    for rel in published:
        mine = exported / "site" / rel
        assert mine.is_file(), rel
        if "zs-2023" not in rel and rel not in ("assets/deadlines.json", "calendars/index.json"):
            assert mine.read_bytes() == (site / rel).read_bytes(), rel   # the title edit changes zs-2023 only


def test_a_title_is_data_in_front_matter_and_in_the_rendered_page(exported):
    source = (exported / "docs" / "vybory" / "zs-2023.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(source.split("---\n")[1])
    assert meta == {"title": HOSTILE_TITLE}
    page = (exported / "site" / "vybory" / "zs-2023" / "index.html").read_text(encoding="utf-8")
    title = html.unescape(re.search(r"<title>(.*?)</title>", page, re.S).group(1))
    assert title.startswith(HOSTILE_TITLE)
