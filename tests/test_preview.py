"""The preview server (``python -m ikko serve``): edits to each kind of data reach the served page, an
invalid edit shows its error on the page and the next valid edit recovers, and after a series of edits
the preview's files equal a full build of the same data."""
from __future__ import annotations

import gzip
import html
import re
import threading
import time
import urllib.request
from pathlib import Path

import pytest

ELECTION = "data/elections/zs-2023/election.yaml"
LAW = "data/laws/zko-1-oz.yaml"
PLAN = "data/plans/plan-2024.yaml"
REGISTRY = "data/registry/abbreviations.yaml"


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


def wait_for(url: str, text: str, timeout: float = 120) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        page = fetch(url)
        if text in page:
            return page
        time.sleep(0.1)
    raise AssertionError(f"«{text}» did not appear at {url} in {timeout} s")


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    from conftest import copy_project
    from ikko.preview import serve
    project = copy_project(tmp_path_factory.mktemp("preview-project"))
    work = tmp_path_factory.mktemp("preview-work")
    stop, ready, said = threading.Event(), [], []
    thread = threading.Thread(target=serve, args=(project, "127.0.0.1", 0), daemon=True,
                              kwargs={"log": said.append, "stop": stop, "ready": ready.append, "work": work})
    thread.start()
    deadline = time.monotonic() + 300
    while not ready and time.monotonic() < deadline and thread.is_alive():
        time.sleep(0.1)
    assert ready, "the preview did not start:\n" + "\n".join(said)
    yield project, ready[0], said, work
    stop.set()
    thread.join(timeout=60)


def test_edits_of_every_data_kind_reach_the_served_page(preview):
    project, url, _, _ = preview
    edit(project, ELECTION, "action: ", "action: ПРАВКА-ПУНКТА ")
    wait_for(url + "vybory/zs-2023/", "ПРАВКА-ПУНКТА")
    edit(project, LAW, "text: Основные термины и понятия", "text: ПРАВКА-ЧАСТИ Основные термины и понятия")
    wait_for(url + "zakony/zko-1-oz/", "ПРАВКА-ЧАСТИ")
    plan = (project / PLAN).read_text(encoding="utf-8")
    first_text = re.search(r"text: >-\n(\s+)(\S)", plan)
    edit(project, PLAN, first_text.group(0), first_text.group(0)[:-1] + "ПРАВКА-ПЛАНА " + first_text.group(2))
    wait_for(url + "plany/plan-2024/", "ПРАВКА-ПЛАНА")
    edit(project, REGISTRY, "full: Центральная избирательная комиссия Российской Федерации",
         "full: ПРАВКА-СПРАВОЧНИКА Центральная избирательная комиссия Российской Федерации")
    wait_for(url + "spravochnik/sokrashcheniya/", "ПРАВКА-СПРАВОЧНИКА")


def test_an_invalid_edit_is_shown_on_the_page_and_the_next_valid_edit_recovers(preview):
    project, url, said, _ = preview
    good = (project / ELECTION).read_text(encoding="utf-8")
    edit(project, ELECTION, "action: ", "action: [незакрытая скобка ")
    page = wait_for(url + "vybory/zs-2023/", "Ошибки в данных")
    problem = re.search(r"<li><code>(data/elections/zs-2023/election\.yaml:\d+:\d+: [^<]+)</code>", page)
    assert problem, page[:3000]
    assert html.unescape(problem.group(1)) in said   # the same message in the terminal
    assert "(синтаксис)" in problem.group(1)
    (project / ELECTION).write_text(good.replace("action: ", "action: ИСПРАВЛЕНО ", 1), encoding="utf-8")
    page = wait_for(url + "vybory/zs-2023/", "ИСПРАВЛЕНО")
    assert "Ошибки в данных" not in page


def test_after_a_series_of_edits_the_preview_equals_a_full_build(preview, tmp_path):
    from ikko.build import build_all
    project, url, _, work = preview
    edit(project, ELECTION, "action: ", "action: ПОСЛЕДНЯЯ ")
    wait_for(url + "vybory/zs-2023/", "ПОСЛЕДНЯЯ")
    time.sleep(1)   # nothing else is pending
    served = work / "site"
    build_all(project, log=lambda *_: None)
    full = project / "site"
    ignore = ("pagefind/",)   # the index is rebuilt in the background, not part of an edit

    def files(root: Path) -> dict[str, bytes]:
        out = {}
        for p in root.rglob("*"):
            rel = p.relative_to(root).as_posix()
            if p.is_file() and not rel.startswith(ignore):
                out[rel] = gzip.decompress(p.read_bytes()) if rel.endswith(".gz") else p.read_bytes()
        return out
    mine, theirs = files(served), files(full)
    assert sorted(mine) == sorted(theirs)
    assert [rel for rel in sorted(mine) if mine[rel] != theirs[rel]] == []



def test_stopped_preview_leaves_no_temporary_folder(tmp_path):
    """A service manager stops the preview with SIGTERM: its docs/ and site/ copies must go with it."""
    import os
    import signal
    import subprocess
    import sys
    from conftest import copy_project
    project = tmp_path / "project"
    project.mkdir()
    copy_project(project)
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp), "PYTHONUNBUFFERED": "1"}
    server = subprocess.Popen([sys.executable, "-m", "ikko", "--root", str(project), "serve", "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        said = []
        for line in server.stdout:
            said.append(line)
            if line.startswith("Предпросмотр:"):
                break
        assert said and said[-1].startswith("Предпросмотр:"), "".join(said)
        assert [p.name for p in temp.iterdir() if p.name.startswith("ikko-preview-")], "no working folder to check"
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=60) == 0
    finally:
        server.kill()
    assert not [p.name for p in temp.iterdir() if p.name.startswith("ikko-preview-")]
