"""All-or-nothing publishing: a build killed at any stage leaves the old site and calendars, the next
build recovers, a failing render publishes nothing, and concurrent builds wait for each other."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT

OLD_PAGE = "старый сайт"
OLD_FEED = "BEGIN:VCALENDAR old"


def seed_old_outputs(project: Path) -> None:
    (project / "site").mkdir(exist_ok=True)
    (project / "site" / "index.html").write_text(OLD_PAGE, encoding="utf-8")
    (project / "calendars" / "old.ics").write_text(OLD_FEED, encoding="utf-8")


def assert_old_outputs(project: Path) -> None:
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == OLD_PAGE
    assert sorted(p.name for p in (project / "site").iterdir()) == ["index.html"]
    assert sorted(p.name for p in (project / "calendars").iterdir()) == ["old.ics"]


def assert_new_outputs(project: Path) -> None:
    assert OLD_PAGE not in (project / "site" / "index.html").read_text(encoding="utf-8")
    assert (project / "site" / "vybory" / "zs-2023" / "index.html").is_file()
    assert (project / "site" / "pagefind" / "pagefind-entry.json").is_file()
    assert (project / "site" / "calendars" / "zs-2023" / "all.ics").is_file()
    assert (project / "calendars" / "zs-2023" / "all.ics").read_bytes() == \
        (project / "site" / "calendars" / "zs-2023" / "all.ics").read_bytes()
    assert not (project / "calendars" / "old.ics").exists()


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".") or p.name.endswith(".old"))


def start_build(project: Path, pause: str | None = None) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_MKDOCS_2_WARNING="1")
    env.pop("IKKO_PAUSE_AT", None)
    if pause:
        env["IKKO_PAUSE_AT"] = pause
    return subprocess.Popen([sys.executable, "-m", "ikko", "--root", str(project), "build"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def wait_for_line(process: subprocess.Popen, text: str, timeout: float = 120) -> list[str]:
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        if text in line:
            return lines
    process.kill()
    raise AssertionError(f"no «{text}» from the build:\n" + "".join(lines) + (process.stdout.read() or ""))


def children_of(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(x) for x in path.read_text().split()] if path.exists() else []


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
    except FileNotFoundError:
        return False
    return state != "Z"


def kill_at(project: Path, stage: str) -> list[int]:
    """Run a build to ``stage``, SIGKILL it there; returns the pids of its children at that moment."""
    process = start_build(project, stage)
    wait_for_line(process, f"ikko: пауза: {stage}")
    kids = children_of(process.pid)
    process.send_signal(signal.SIGKILL)
    process.wait()
    process.stdout.close()
    return kids


def test_a_build_killed_at_any_stage_leaves_the_old_outputs_and_the_next_build_recovers(project):
    seed_old_outputs(project)
    kids = []
    for stage in ("computed", "staged", "indexing"):
        kids += kill_at(project, stage)
        assert_old_outputs(project)
    assert kids, "Pagefind was running while the build paused at «indexing»"
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in kids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(pid) for pid in kids), "a child of the killed build is still running"

    # Killed between swapping site/ and calendars/: the next build completes that swap first.
    kill_at(project, "swapping")
    assert (project / ".ikko-publish.json").exists()
    (project / "site.old").mkdir()          # what older versions left when killed
    (project / ".site-abc123").mkdir()
    from ikko.publish import recover
    said: list[str] = []
    recover(project, said.append)
    assert_new_outputs(project)
    assert leftovers(project) == []
    text = "\n".join(said)
    assert "публикация завершена (заменены: calendars)" in text
    assert "Удалена папка site.old" in text
    assert "Удалены остатки прерванной сборки: .site-abc123." in text


def test_a_site_left_only_as_site_old_is_put_back(tmp_path):
    from ikko.publish import recover
    (tmp_path / "site.old").mkdir()
    (tmp_path / "site.old" / "index.html").write_text(OLD_PAGE, encoding="utf-8")
    (tmp_path / ".calendars-x1").mkdir()
    said: list[str] = []
    recover(tmp_path, said.append)
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == OLD_PAGE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert said == ["Сайт восстановлен из site.old, оставленного прерванной сборкой.",
                    "Удалены остатки прерванной сборки: .calendars-x1."]


def test_a_failing_render_publishes_nothing(project):
    from ikko.build import build_all
    from ikko.render import RenderError
    seed_old_outputs(project)
    (project / "docs" / "broken.md").write_text("# Сломано\n\n[нет такой](net-takoj.md)\n", encoding="utf-8")
    with pytest.raises(RenderError) as failure:
        build_all(project, log=lambda *_: None)
    assert "net-takoj.md" in str(failure.value)   # the warning itself, not only "Aborted with 1 warnings"
    assert_old_outputs(project)
    assert leftovers(project) == []


def test_a_second_build_waits_for_the_first_and_then_publishes(project):
    seed_old_outputs(project)
    (project / "calendars" / "README.md").write_text("# Календари\n", encoding="utf-8")
    first = start_build(project, "rendered")
    wait_for_line(first, "ikko: пауза: rendered")
    second = start_build(project)
    wait_for_line(second, "Идет другая сборка этого проекта")
    time.sleep(1)
    assert second.poll() is None and not (project / "calendars" / "zs-2023").exists()
    first.send_signal(signal.SIGTERM)       # stopped cleanly: its staging folder is removed by itself
    assert first.wait(timeout=60) == 130
    out = second.communicate(timeout=300)[0]
    assert second.returncode == 0, out
    assert "Готово:" in out
    assert_new_outputs(project)
    assert (project / "calendars" / "README.md").read_text(encoding="utf-8") == "# Календари\n"   # kept
    assert leftovers(project) == []
    first.stdout.close()
