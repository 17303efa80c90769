"""Speed and scale benchmark: the real corpus and synthetic corpora 10x, 50x its size.

    .venv/bin/python bench/run.py [--scales 1,10,50] [--out bench/results.md]

For every scale a synthetic corpus is generated from data/ into a temporary
folder (next to copies of mkdocs.yml, docs/ and macros/), then each step runs
in a fresh subprocess, so the peak memory of a step is the peak RSS of that
process alone (``ru_maxrss`` from ``os.wait4`` — what RUSAGE_CHILDREN reports
for that one child):

  1. load + validate   ikko.load.load_corpus
  2. deadlines         Election.compute() over all elections (corpus loaded first, untimed)
  3. feeds             ikko.feeds.all_feeds + to_ical of each, bytes written to disk
  4. full build        plain ``mkdocs build`` of the project: our hooks compute the build
                       (site + all feeds + open data + search)
  4b. ikko build       ``python -m ikko build``, what ``make site`` runs: the same site, plus
                       calendars/ beside it, staged and swapped in
  5. plain build       ``mkdocs build`` of the same pages exported as plain Markdown
                       (ikko.pages.full_markdown), same theme and markdown_extensions,
                       no hooks, explicit nav

Steps 1-3 are timed inside the child around the operation only (imports and
the untimed loading excluded); steps 4-5 are the wall time of the whole
``mkdocs build`` process. (4)/(5) is the cost of our layer. A separate
micro-benchmark writes 10,000 synthetic events into one feed with to_ical.

``--profile STEP --scale K`` runs one step under cProfile and prints its top
entries instead (STEP: load, deadlines, feeds, full, plain, micro).

Only files under bench/ belong to this script; it never writes into data/,
docs/, site/ or calendars/ of the repository.
"""
from __future__ import annotations

import argparse
import compileall
import copy
import json
import os
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MKDOCS = str(BIN / "mkdocs")
MICRO_EVENTS = 10_000

ELECTION = "zs-2023"
PLAN = "plan-2024"
LAW = "zko-1-oz"

TARGETS = {  # limits from the issue "Speed and scale"
    "real_build_s": 10.0,
    "layer_ratio_10": 1.3,
    "growth_50": 60.0,
    "micro_s": 1.0,
    "peak_50_mb": 1024.0,
}


# --- synthetic corpus -----------------------------------------------------------------
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """SafeLoader whose mapping keys stay the text written (``on:`` is "on", not True)."""


def _mapping(loader, node, deep=False):
    loader.flatten_mapping(node)
    return {(k.value if isinstance(k, yaml.ScalarNode) else loader.construct_object(k, deep=True)):
            loader.construct_object(v, deep=True) for k, v in node.value}


_Loader.add_constructor("tag:yaml.org,2002:map", _mapping)


def _read(path: Path) -> tuple[str, object]:
    """The file's leading comment lines (schema hint) and its data."""
    text = path.read_text(encoding="utf-8")
    header = "".join(line for line in text.splitlines(keepends=True)[:3] if line.startswith("#"))
    return header, yaml.load(text, Loader=_Loader)


def _write(path: Path, header: str, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _day(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _walk(node, fn):
    """Apply ``fn(dict)`` to every mapping in ``node`` (depth first)."""
    if isinstance(node, dict):
        fn(node)
        for v in node.values():
            _walk(v, fn)
    elif isinstance(node, list):
        for v in node:
            _walk(v, fn)


def election_copy(raw: dict, n: int) -> dict:
    """Copy n (2, 3, ...): voting days, decision, publication, approval moved n-1 whole weeks."""
    e = copy.deepcopy(raw)
    shift = timedelta(weeks=n - 1)
    e["id"] = f"{raw['id']}-s{n}"
    e["title"] = f"{raw['title']} (синтетическая копия {n})"
    e["voting_days"] = [_day(d) + shift for d in raw["voting_days"]]
    for key in ("date", "published"):
        e["decision"][key] = _day(raw["decision"][key]) + shift
    e["approved"]["date"] = _day(raw["approved"]["date"]) + shift

    def fix(node: dict):
        node.pop("printed", None)                    # copies print no dates: no false warnings
        if node.get("law") == LAW:                   # cite this copy's own copy of the law
            node["law"] = f"{LAW}-s{n}"
    for section in e["sections"]:
        for item in section["items"]:
            _walk(item, fix)
            for d in item.get("deadlines", ()):
                _walk(d.get("rule"), _shift_fixed_dates(shift))
    return e


def _shift_fixed_dates(shift: timedelta):
    def fix(node: dict):
        if "date" in node and "of" not in node:     # a bound with a fixed calendar date
            node["date"] = _day(node["date"]) + shift
    return fix


def law_copy(raw: dict, n: int) -> dict:
    law = copy.deepcopy(raw)
    law["id"] = f"{raw['id']}-s{n}"
    law["title"] = f"{raw['title']} (синтетическая копия {n})"

    def fix(node: dict):                             # self-references (none today) follow the copy
        if isinstance(node.get("laws"), list):
            node["laws"] = [law["id"] if x == raw["id"] else x for x in node["laws"]]
        if node.get("law") == raw["id"]:
            node["law"] = law["id"]
    _walk(law.get("text"), fix)
    return law


def renamed(raw: dict, n: int) -> dict:
    out = copy.deepcopy(raw)
    out["id"] = f"{raw['id']}-s{n}"
    out["title"] = f"{raw['title']} (синтетическая копия {n})"
    return out


SNAPSHOT = ("ikko", "macros", "docs", "overrides", "data", "mkdocs.yml")
SITE_PARTS = ("docs", "macros", "overrides")   # copied next to every corpus (overrides: theme.custom_dir)


def snapshot(root: Path) -> Path:
    """Freeze the code and data under test: others keep editing the repository during a run.

    Children import ``ikko`` from here (PYTHONPATH comes before the editable install).
    """
    src = root / "src"
    for name in SNAPSHOT:
        if not (REPO / name).exists():
            continue
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(REPO / name, src / name)
    # Compiled once, as pip compiles an installed package: otherwise, where PYTHONDONTWRITEBYTECODE is set
    # (this sandbox), every build would compile our modules again (~0.4 s) while MkDocs' are compiled.
    compileall.compile_dir(src, quiet=1)
    return src


def generate(scale: int, work: Path, src: Path) -> dict:
    """work/ gets data/ (scaled), docs/, macros/, mkdocs.yml. Returns what was generated."""
    shutil.copytree(src / "data", work / "data")
    for name in SITE_PARTS:
        if (src / name).exists():
            shutil.copytree(src / name, work / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(src / "mkdocs.yml", work / "mkdocs.yml")
    data = work / "data"
    if scale > 1:
        e_header, e_raw = _read(src / "data/elections" / ELECTION / "election.yaml")
        p_header, p_raw = _read(src / "data/plans" / f"{PLAN}.yaml")
        l_header, l_raw = _read(src / "data/laws" / f"{LAW}.yaml")
        reports = [_read(p) for p in sorted((src / "data/reports").glob("*.yaml"))]
        for n in range(2, scale + 1):
            e = election_copy(e_raw, n)
            _write(data / "elections" / e["id"] / "election.yaml", e_header, e)
            p = renamed(p_raw, n)                     # year kept
            _write(data / "plans" / f"{p['id']}.yaml", p_header, p)
            law = law_copy(l_raw, n)
            _write(data / "laws" / f"{law['id']}.yaml", l_header, law)
            for r_header, r_raw in reports:
                r = renamed(r_raw, n)
                _write(data / "reports" / f"{r['id']}.yaml", r_header, r)
    return {"yaml_mb": sum(p.stat().st_size for p in data.rglob("*.yaml")) / 2**20}


# --- children: one measured step per fresh process --------------------------------------
def _site_url(work: Path) -> str:
    from ikko.pipeline import normalize_url
    with open(work / "mkdocs.yml", encoding="utf-8") as f:
        url = re.search(r"^site_url:\s*(\S+)", f.read(), re.M)
    return normalize_url(url.group(1) if url else None)


class Clock:
    """Wall and CPU seconds of one operation inside a child."""

    def __init__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def stop(self) -> dict:
        return {"seconds": time.perf_counter() - self.wall, "cpu": time.process_time() - self.cpu}


def child(step: str, work: Path) -> dict:
    from ikko.load import load_corpus
    data = work / "data"
    if step == "load":
        clock = Clock()
        corpus = load_corpus(data)
        return {**clock.stop(), "elections": len(corpus.elections), "plans": len(corpus.plans),
                "reports": len(corpus.reports), "laws": len(corpus.laws), "warnings": len(corpus.warnings),
                "deadlines": sum(len(i.deadlines) for e in corpus.elections.values() for i in e.items)}
    if step == "deadlines":
        corpus = load_corpus(data)
        clock = Clock()
        cycles = [n for e in corpus.elections.values() for n in e.compute()]
        return {**clock.stop(), "cycles": len(cycles),
                "deadlines": sum(len(i.deadlines) for e in corpus.elections.values() for i in e.items)}
    if step == "feeds":
        from ikko.feeds import all_feeds, to_ical
        corpus = load_corpus(data)
        site_url = _site_url(work)
        out = work / "feeds"
        clock = Clock()
        feeds = all_feeds(corpus, site_url)
        written = 0
        for feed in feeds:
            path = out / feed.path
            path.parent.mkdir(parents=True, exist_ok=True)
            blob = to_ical(feed)
            path.write_bytes(blob)
            written += len(blob)
        return {**clock.stop(), "feeds": len(feeds), "events": sum(len(f.events) for f in feeds),
                "bytes": written}
    if step == "check":
        import ikko
        from ikko.pages import site_pages  # noqa: F401  (the page modules import)
        import ikko.pages.calendar, ikko.pages.general, ikko.pages.law, ikko.pages.plan, ikko.pages.report  # noqa
        return {"seconds": 0.0, "cpu": 0.0, "ikko": ikko.__file__}
    if step == "export":
        return export_plain(work)
    if step == "micro":
        return micro(work)
    raise SystemExit(f"unknown step {step}")


def export_plain(work: Path) -> dict:
    """The same pages as plain Markdown files + a plain mkdocs.yml (no macros, no hooks)."""
    from ikko.pages import nav
    from ikko.pipeline import Build
    clock = Clock()
    site = Build.compute(work, _site_url(work))
    plain = work / "plain"
    docs = plain / "docs"
    shutil.copytree(work / "docs", docs)
    for page in site.pages:
        path = docs / page.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(site.markdown[page.path], encoding="utf-8")
    from mkdocs.utils.yaml import yaml_load           # understands !ENV and friends
    with open(work / "mkdocs.yml", encoding="utf-8") as f:
        config = yaml_load(f)
    config.pop("hooks", None)
    config["plugins"] = [p for p in config.get("plugins", ())
                         if not (p == "macros" or (isinstance(p, dict) and "macros" in p))]
    config["extra"] = {k: v for k, v in (config.get("extra") or {}).items() if k != "data_dir"}
    config["docs_dir"] = "docs"
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):      # same theme, overrides included
        theme["custom_dir"] = str((work / theme["custom_dir"]).resolve())
    config["nav"] = nav(site.pages)
    (plain / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return {**clock.stop(), "pages": len(site.pages),
            "markdown_mb": sum(p.stat().st_size for p in docs.rglob("*.md")) / 2**20}


def micro_feed():
    """One feed of 10,000 events shaped like the real ones: all-day windows and timed moments."""
    from zoneinfo import ZoneInfo
    from ikko.feeds import Feed, FeedEvent, shorten
    from ikko.urls import UID_DOMAIN
    local, moscow = ZoneInfo("Asia/Novokuznetsk"), ZoneInfo("Europe/Moscow")
    feed = Feed("bench/all.ics", "Синтетический календарь — 10 000 событий",
                "Микробенчмарк записи календаря.", "Asia/Novokuznetsk")
    base = date(2023, 6, 13)
    action = ("Представление в избирательную комиссию документов для регистрации кандидата, "
              "выдвинутого по одномандатному избирательному округу")
    for i in range(MICRO_EVENTS):
        day = base + timedelta(days=i % 120)
        if i % 3 == 0:
            start, end = datetime(day.year, day.month, day.day, 18, 0, tzinfo=moscow if i % 2 else local), None
        else:
            start, end = day, day + timedelta(days=1 + i % 14)
        url = f"https://ikko-kuzbass.github.io/baza-znaniy/vybory/bench/#p-{i}"
        feed.events.append(FeedEvent(
            uid=f"bench-p{i}-1@{UID_DOMAIN}", summary=shorten(f"{i}. {action}"),
            description="\n".join([action, "Срок: Не позднее чем за 40 дней до дня голосования до 18 часов",
                                   "Основание: п. 1 ст. 38 ЗКО", "Исполнители: Кандидаты",
                                   "Раздел IV. ВЫДВИЖЕНИЕ И РЕГИСТРАЦИЯ КАНДИДАТОВ", url]),
            start=start, end=end, url=url, stamp=base, categories=("Кандидаты", "ОИК")))
    return feed


def micro(work: Path) -> dict:
    from ikko.feeds import to_ical
    feed = micro_feed()
    out = work / "micro.ics"
    clock = Clock()
    blob = to_ical(feed)
    out.write_bytes(blob)
    return {**clock.stop(), "events": len(feed.events), "bytes": len(blob)}


# --- parent: run children, collect time and peak memory ----------------------------------
CODE: Path | None = None   # the snapshot children import ikko from


def child_env() -> dict:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.pop("PYTHONPATH", None)
    if CODE:
        env["PYTHONPATH"] = str(CODE)
    return env


class StepTimeout(Exception):
    pass


def run_process(cmd: list[str], cwd: Path, log: Path, timeout: float | None, label: str = "") -> dict:
    """Run ``cmd``; wall seconds, peak RSS (MB) of that process and its children, exit code."""
    with open(log, "wb") as out:
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=child_env(), stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
        timer = None
        timed_out = threading.Event()
        if timeout:
            def kill():
                timed_out.set()
                os.killpg(proc.pid, signal.SIGKILL)
            timer = threading.Timer(timeout, kill)
            timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
        if timer:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
    if timed_out.is_set():
        raise StepTimeout(f"{label or cmd[0]} killed after {timeout:.0f} s, when the scale's time budget ran out")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024,
            "rc": proc.returncode}


def run_step(step: str, work: Path, timeout: float | None) -> dict:
    result = work / f"{step}.json"
    log = work / f"{step}.log"
    r = run_process([sys.executable, str(Path(__file__).resolve()), "--child", step, "--work", str(work),
                     "--result", str(result)], work, log, timeout, f"step {step}")
    if r["rc"] != 0:
        raise RuntimeError(f"step {step} failed (exit {r['rc']}):\n" + log.read_text(encoding="utf-8")[-3000:])
    out = json.loads(result.read_text(encoding="utf-8"))
    out.update(peak_mb=r["peak_mb"], wall=r["wall"], process_cpu=r["cpu"])
    return out


def run_build(name: str, config: Path, work: Path, timeout: float | None) -> dict:
    log = work / f"{name}.log"
    site = work / f"site-{name}"
    command = [MKDOCS, "build", "--no-strict", "-f", str(config), "-d", str(site)]
    if name == "ikko":
        # what `make site` runs: the same site, plus calendars/ beside it, staged and swapped in
        (work / "calendars").mkdir(exist_ok=True)
        site = work / "site"
        command = [sys.executable, "-m", "ikko", "--root", str(work), "build"]
    if name == "plain":
        # Same search engine on both sides: search indexing is not "our layer" (the full build's
        # the site hook runs Pagefind (ikko.search) after MkDocs; the plain build runs the same command).
        from ikko.search import pagefind_command
        command = ["bash", "-c", shlex.join(command) + " && " + shlex.join(pagefind_command(str(site)))]
    r = run_process(command, config.parent, log, timeout, f"{name} build")
    text = log.read_text(encoding="utf-8", errors="replace")
    if r["rc"] != 0:
        raise RuntimeError(f"mkdocs build ({name}) failed (exit {r['rc']}):\n{text[-3000:]}")
    html = sum(1 for _ in site.rglob("*.html"))
    ics = sum(1 for _ in (site / "calendars").rglob("*.ics")) if (site / "calendars").exists() else 0
    pagefind = re.search(r"Pagefind: \S+ \S+ \S+ за ([\d.,]+)", text)
    return {"seconds": r["wall"], "cpu": r["cpu"], "peak_mb": r["peak_mb"], "html": html, "ics": ics,
            "warnings": len(re.findall(r"^WARNING", text, re.M)),
            "pagefind_s": float(pagefind.group(1).replace(",", ".")) if pagefind else None}


def best(runs: list[dict]) -> dict:
    """The fastest of repeated runs (least disturbed by other load); peak memory is the largest seen."""
    out = dict(min(runs, key=lambda r: r["seconds"]))
    out["peak_mb"] = max(r["peak_mb"] for r in runs)
    out["runs"] = [round(r["seconds"], 3) for r in runs]
    return out


def bench_scale(scale: int, root: Path, src: Path, budget: float | None, repeat: int = 1) -> dict:
    work = root / f"x{scale}"
    work.mkdir()
    t0 = time.perf_counter()
    row = {"scale": scale, "generated": generate(scale, work, src)}
    row["generate_s"] = time.perf_counter() - t0
    start = time.perf_counter()

    def left():
        return None if budget is None else max(1.0, budget - (time.perf_counter() - start))
    try:
        for step in ("load", "deadlines", "feeds"):
            row[step] = best([run_step(step, work, left()) for _ in range(repeat)])
            print(f"  {scale}x {step}: {row[step]['seconds']:.2f} s (CPU {row[step]['cpu']:.2f} s), "
                  f"{row[step]['peak_mb']:.0f} MB", flush=True)
        # The builds run in rounds (full, ikko build, plain; again …): a slow spell of the machine then
        # hits both sides of a ratio, and each round gives its own ratio.
        row["export"] = run_step("export", work, left())
        fulls, ikkos, plains = [], [], []
        for _ in range(repeat):
            fulls.append(run_build("full", work / "mkdocs.yml", work, left()))
            ikkos.append(run_build("ikko", work / "mkdocs.yml", work, left()))
            plains.append(run_build("plain", work / "plain" / "mkdocs.yml", work, left()))
        row["full"], row["ikko"], row["plain"] = best(fulls), best(ikkos), best(plains)
        row["pairs"] = [(f["seconds"] / p["seconds"], f["cpu"] / p["cpu"]) for f, p in zip(fulls, plains)]
        row["ikko_pairs"] = [(f["seconds"] / p["seconds"], f["cpu"] / p["cpu"]) for f, p in zip(ikkos, plains)]
        for step in ("full", "ikko", "plain"):
            print(f"  {scale}x {step} build: {row[step]['seconds']:.2f} s (CPU {row[step]['cpu']:.2f} s), "
                  f"{row[step]['peak_mb']:.0f} MB", flush=True)
        print(f"  {scale}x layer per pair: " + ", ".join(f"{w:.2f}×/{c:.2f}×" for w, c in row["pairs"]), flush=True)
    except StepTimeout as exc:
        row["timeout"] = str(exc)
    row["total_s"] = time.perf_counter() - start
    return row


# --- report -----------------------------------------------------------------------------
def _cell(step: dict | None) -> str:
    if not step:
        return "—"
    digits = 3 if step["seconds"] < 0.1 else 2
    return f"{step['seconds']:.{digits}f} / {step['cpu']:.{digits}f} s · {step['peak_mb']:.0f} MB"


def _ratio(a, b) -> str:
    return f"{a / b:.2f}×" if a is not None and b else "—"


def _both(a: dict, b: dict) -> str:
    """Ratio a/b on wall time, then on CPU time."""
    return f"{_ratio(a['seconds'], b['seconds'])} / {_ratio(a['cpu'], b['cpu'])}"


def paired_layer(row: dict, key: str = "pairs") -> tuple[float, float]:
    """Our layer as the median over pairs of runs made one right after the other (wall, CPU): steadier
    than the ratio of two fastest runs, which may come from different spells of the machine."""
    pairs = row.get(key) or [(row["full"]["seconds"] / row["plain"]["seconds"],
                              row["full"]["cpu"] / row["plain"]["cpu"])]
    return statistics.median(w for w, _ in pairs), statistics.median(c for _, c in pairs)


def report(rows: list[dict], micro_r: dict | None, machine: str) -> tuple[str, list[tuple[str, bool]]]:
    head = ["Scale", "Elections / plans / reports / laws", "Pages", "Feeds / events",
            "(1) Load + validate", "(2) Deadlines", "(3) Feeds", "(4) Full build", "(5) Plain build",
            "Our layer (4)/(5), median of rounds"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        load, feeds = r.get("load"), r.get("feeds")
        counts = (f"{load['elections']} / {load['plans']} / {load['reports']} / {load['laws']}" if load else "—")
        pages = str(r["export"]["pages"]) if r.get("export") else "—"
        fe = f"{feeds['feeds']:,} / {feeds['events']:,}" if feeds else "—"
        layer = ("{:.2f}× / {:.2f}×".format(*paired_layer(r)) if r.get("full") and r.get("plain") else "—")
        scale = f"{r['scale']}×" + (" (timeout)" if r.get("timeout") else "")
        lines.append("| " + " | ".join([scale, counts, pages, fe, _cell(load), _cell(r.get("deadlines")),
                                        _cell(feeds), _cell(r.get("full")), _cell(r.get("plain")), layer]) + " |")
    by_scale = {r["scale"]: r for r in rows}
    big = max(k for k, r in by_scale.items() if r.get("full") or k == min(by_scale))
    if big > 1 and 1 in by_scale:
        a, b = by_scale[1], by_scale[big]
        cells = [_both(b[step], a[step]) if step in a and step in b else "—"
                 for step in ("load", "deadlines", "feeds", "full", "plain")]
        lines.append("| " + " | ".join([f"Growth {big}×/1×", "", "", "", *cells, ""]) + " |")
    if micro_r:
        lines.append("| " + " | ".join(["Micro: to_ical", "1 feed", "", f"1 / {micro_r['events']:,}", "", "",
                                        _cell(micro_r) + f" · {micro_r['bytes'] / 2**20:.1f} MiB", "", "", ""])
                     + " |")

    # (label, limit test, wall value, cpu value, unit)
    checks: list[tuple[str, bool]] = []
    verdict = []

    def check(label, wall, cpu, ok, fmt):
        checks.append((label, ok(wall)))
        line = f"- {'PASS' if ok(wall) else 'FAIL'} — {label}: {fmt(wall)}"
        if cpu is not None:
            line += f" (on CPU time {fmt(cpu)}: {'pass' if ok(cpu) else 'fail'})"
        verdict.append(line)

    one = by_scale.get(1, {})
    if one.get("full"):
        check("Real corpus full build (site + all feeds) < 10 s", one["full"]["seconds"], one["full"]["cpu"],
              lambda v: v < TARGETS["real_build_s"], lambda v: f"{v:.2f} s")
    ten = by_scale.get(10, {})
    if ten.get("full") and ten.get("plain"):
        wall, cpu = paired_layer(ten)
        check("Our layer at 10×: full build ≤ 1.3× plain build (median of paired runs)", wall, cpu,
              lambda v: v <= TARGETS["layer_ratio_10"], lambda v: f"{v:.2f}×")
    if big > 1 and one.get("full") and by_scale[big].get("full"):
        limit = TARGETS["growth_50"] * big / 50
        check(f"Growth: {big}× build ≤ {limit:g}× the 1× build",
              by_scale[big]["full"]["seconds"] / one["full"]["seconds"],
              by_scale[big]["full"]["cpu"] / one["full"]["cpu"], lambda v: v <= limit, lambda v: f"{v:.1f}×")
    if micro_r:
        check("Feeds: 10,000 events written < 1 s", micro_r["seconds"], micro_r["cpu"],
              lambda v: v < TARGETS["micro_s"], lambda v: f"{v:.2f} s")
    if by_scale[big].get("full"):
        label = f"Peak memory of the {big}× build < 1 GiB" + ("" if big == 50 else " (50× not run)")
        check(label, by_scale[big]["full"]["peak_mb"], None, lambda v: v < TARGETS["peak_50_mb"],
              lambda v: f"{v:.0f} MB")

    runs = len(rows[0]["full"]["runs"]) if rows and rows[0].get("full") else 1
    notes = [f"Machine: {machine}.",
             f"Cells: wall / CPU seconds (fastest of {runs} run{'s' if runs > 1 else ''}) · peak RSS of the step's "
             "own process. (1)–(3) and the micro-benchmark time the operation inside the process; (4), (5) are the "
             "whole `mkdocs build` process (interpreter start, imports, everything its hooks start, e.g. Pagefind). "
             "(4) includes writing every feed (on_post_build). CPU time is user + system of the process and its "
             "children: it stays meaningful when other jobs share the machine, wall time does not."]
    for r in rows:
        if r.get("pairs"):
            wall, cpu = paired_layer(r)
            notes.append(f"{r['scale']}×, our layer per round (full, `ikko build`, plain run in turn; wall / CPU): "
                         + ", ".join(f"{w:.2f}× / {c:.2f}×" for w, c in r["pairs"])
                         + f"; median {wall:.2f}× / {cpu:.2f}×.")
        if r.get("ikko_pairs"):
            wall, cpu = paired_layer(r, "ikko_pairs")
            notes.append(f"{r['scale']}×, `python -m ikko build` (what `make site` runs: the same site plus "
                         f"calendars/, staged and swapped in): fastest {r['ikko']['seconds']:.2f} s wall / "
                         f"{r['ikko']['cpu']:.2f} s CPU, {r['ikko']['peak_mb']:.0f} MB; against the plain build per "
                         "round: " + ", ".join(f"{w:.2f}× / {c:.2f}×" for w, c in r["ikko_pairs"])
                         + f"; median {wall:.2f}× / {cpu:.2f}×.")
        if r.get("full") and r.get("load"):
            notes.append(f"{r['scale']}×: YAML {r['generated']['yaml_mb']:.1f} MiB, "
                         f"{r['load']['deadlines']:,} deadlines, {r['load']['warnings']} data warnings; "
                         f"full build {r['full']['html']} HTML + {r['full']['ics']} .ics, "
                         f"{r['full']['warnings']} mkdocs warnings"
                         + (f", Pagefind indexing {r['full']['pagefind_s']:.1f} s wall (search_hook; the plain "
                            f"build runs the same indexing, so search is on both sides of the ratio)"
                            if r["full"].get("pagefind_s") is not None else "")
                         + (f"; plain build {r['plain']['html']} HTML, {r['plain']['warnings']} mkdocs warnings"
                            if r.get("plain") else "")
                         + f"; corpus generation {r['generate_s']:.1f} s.")
        if r.get("timeout"):
            notes.append(f"{r['scale']}×: stopped — {r['timeout']}.")
    text = ("\n".join(lines) + "\n\n" + "\n".join(f"- {n}" for n in notes) + "\n\nTargets (judged on wall time):\n\n"
            + "\n".join(verdict) + "\n")
    return text, checks


def revision() -> str:
    try:
        head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True).stdout.splitlines()
        return f"commit {head}" + (f" + uncommitted changes in {len(dirty)} files" if dirty else "")
    except OSError:
        return "unknown revision"


def machine() -> str:
    import platform
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{os.cpu_count()} CPU (load average at the end {load}), Python {platform.python_version()}, {platform.system()} {platform.release()}"


# --- profiling --------------------------------------------------------------------------
def profile(step: str, scale: int, top: int, keep: bool) -> None:
    global CODE
    root = Path(tempfile.mkdtemp(prefix="ikko-bench-prof-"))
    try:
        src = CODE = snapshot(root)
        work = root / f"x{scale}"
        work.mkdir()
        generate(scale, work, src)
        prof = work / f"{step}.prof"
        if step in ("full", "plain"):
            if step == "plain":
                run_step("export", work, None)
            config = work / "mkdocs.yml" if step == "full" else work / "plain" / "mkdocs.yml"
            cmd = [sys.executable, "-m", "cProfile", "-o", str(prof), MKDOCS, "build", "--no-strict",
                   "-f", str(config), "-d", str(work / f"site-{step}")]
        else:
            cmd = [sys.executable, str(Path(__file__).resolve()), "--child", step, "--work", str(work),
                   "--result", str(work / f"{step}.json"), "--cprofile", str(prof)]
        r = run_process(cmd, work, work / f"{step}-prof.log", None)
        if r["rc"] != 0:
            print((work / f"{step}-prof.log").read_text(encoding="utf-8")[-3000:])
            raise SystemExit(f"profiled run failed (exit {r['rc']})")
        import pstats
        print(f"# {step} at {scale}×: {r['wall']:.2f} s under cProfile, peak {r['peak_mb']:.0f} MB\n")
        for key in ("cumulative", "tottime"):
            print(f"## top {top} by {key}")
            pstats.Stats(str(prof)).strip_dirs().sort_stats(key).print_stats(top)
        print("## our code (ikko/, macros/) by cumulative")
        pstats.Stats(str(prof)).sort_stats("cumulative").print_stats(r"/(ikko|macros)/", top)
    finally:
        if keep:
            print(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


# --- main -------------------------------------------------------------------------------
def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scales", default="1,10,50", help="comma-separated scale factors (default 1,10,50)")
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "results.md", help="Markdown report file")
    ap.add_argument("--scale-timeout", type=float, default=600,
                    help="stop a scale whose steps take longer than this many seconds (default 600; 0 = none)")
    ap.add_argument("--repeat", type=int, default=1,
                    help="run every step N times and report the fastest (default 1)")
    ap.add_argument("--no-micro", action="store_true", help="skip the 10,000-event to_ical micro-benchmark")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder (corpora, sites, logs)")
    ap.add_argument("--profile", metavar="STEP", help="profile one step (load, deadlines, feeds, full, plain, micro)")
    ap.add_argument("--scale", type=int, default=1, help="scale for --profile")
    ap.add_argument("--top", type=int, default=25, help="entries shown by --profile")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--cprofile", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.child:
        if args.cprofile:
            import cProfile
            prof = cProfile.Profile()
            out = prof.runcall(child, args.child, args.work)
            prof.dump_stats(str(args.cprofile))
        else:
            out = child(args.child, args.work)
        args.result.write_text(json.dumps(out), encoding="utf-8")
        return 0

    if args.profile:
        profile(args.profile, args.scale, args.top, args.keep)
        return 0

    scales = sorted({int(s) for s in args.scales.split(",") if s.strip()})
    if not scales or min(scales) < 1:
        ap.error("--scales: positive integers, e.g. 1,10,50")
    root = Path(tempfile.mkdtemp(prefix="ikko-bench-"))
    print(f"Working folder: {root}", flush=True)
    global CODE
    src = CODE = snapshot(root)
    (root / "check").mkdir()
    check = run_step("check", root / "check", 120)
    print(f"Code under test: {Path(check['ikko']).parent} (snapshot of {REPO} at {revision()})", flush=True)
    rows = []
    micro_r = None
    try:
        for scale in scales:
            print(f"Scale {scale}×: generating corpus…", flush=True)
            row = bench_scale(scale, root, src, args.scale_timeout or None, args.repeat)
            rows.append(row)
            if row.get("timeout"):
                print(f"  {scale}×: {row['timeout']} — larger scales skipped", flush=True)
                break
        if not args.no_micro:
            micro_dir = root / "micro"
            micro_dir.mkdir()
            micro_r = best([run_step("micro", micro_dir, None) for _ in range(args.repeat)])
            print(f"  micro: {micro_r['seconds']:.2f} s (CPU {micro_r['cpu']:.2f} s) for {micro_r['events']:,} events",
                  flush=True)
    finally:
        if args.keep:
            print(f"Kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    text, checks = report(rows, micro_r, f"{machine()}, {revision()}")
    title = (f"# Benchmark results ({datetime.now():%Y-%m-%d %H:%M}, scales "
             f"{', '.join(str(r['scale']) + '×' for r in rows)})\n\n")
    print()
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(title + text, encoding="utf-8")
    print(f"Written to {args.out}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
