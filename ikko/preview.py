"""``python -m ikko serve``: a preview that follows edits to data/, docs/ and mkdocs.yml.

Every save is validated. A data error is printed in the terminal and shown at
the top of every served page (file:line:column: field: message); the server
keeps running and the next valid save recovers. After a valid edit only what
depends on the changed files is recomputed and rewritten:

- files are parsed again only if they changed (``ParseCache``);
- pages whose Markdown cannot depend on the edit keep it (``stale_pages``);
- only pages whose Markdown changed are rendered again by MkDocs, unless the
  navigation changed (then every page, since every page shows it);
- a feed or dataset equal to the previous one keeps its bytes.

Unchanged outputs are byte-identical to a full build of the same data
(tests/test_preview.py compares them after a series of edits).
"""
from __future__ import annotations

import html
import posixpath
import http.server
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Callable

from . import children, search, urls
from .errors import DataError
from .incremental import reload
from .load import read_checked
from .pipeline import Build, UidClash, write_file
from .render.mkdocs import MkDocsSession

SETTLE_S = 0.03   # a file whose size or time still changes after this is being written: wait
POLL_S = 0.1   # a scan of data/ and docs/ (a few hundred files) takes milliseconds
INDEX_AFTER_S = 5   # search is re-indexed once edits pause this long: Pagefind would compete with the next edit


class ParseCache:
    """``load_corpus``'s file reader that re-reads a file only when its size or modification time changed.
    Files with problems are never cached, so their problems are reported on every load."""

    def __init__(self):
        self.docs: dict[Path, tuple[tuple, object]] = {}

    def __call__(self, path: Path, kind: str, problems):
        st = path.stat()
        stamp = (kind, st.st_mtime_ns, st.st_size)
        hit = self.docs.get(path)
        if hit and hit[0] == stamp:
            return hit[1]
        before = len(problems.items)
        doc = read_checked(path, kind, problems)
        if doc is not None and len(problems.items) == before:
            self.docs[path] = (stamp, doc)
        else:
            self.docs.pop(path, None)
        return doc


def _owner(page_path: str, corpus) -> tuple[str, str | None] | None:
    """The data object a page belongs to; None for pages that gather many objects (always recomputed)."""
    for kind, ids, page in (("election", corpus.elections, urls.election_page), ("law", corpus.laws, urls.law_page),
                            ("report", corpus.reports, urls.report_page)):
        own = next((i for i in ids if page(i) == page_path), None)
        if own is not None:
            return (kind, own)
    in_folder = lambda index: page_path.startswith(posixpath.dirname(index) + "/")
    if in_folder(urls.PLANS) and page_path != urls.PLANS:
        return ("plans", None)
    if in_folder(urls.LAWS):
        return ("laws", None)      # the list of acts and the amending laws: laws only
    if in_folder(urls.REPORTS) and page_path != urls.REPORTS:
        return ("reports", None)   # the comparison of periods: reports only
    return None


def _cited_laws(corpus, election_ids: set[str]) -> set[str]:
    return {law for (law, _), uses in corpus.citations.items() if any(e.id in election_ids for e, _ in uses)}


def stale_pages(changed: set[str], old_corpus) -> Callable[[str, object], bool]:
    """Which pages an edit of ``changed`` (paths relative to data/) can change, as ``stale(page, corpus)``.

    An election's page, the pages of elections using it as a template and the law pages it cites; a
    plan's pages (owners' pages gather all plans); a report's page; pages gathering many objects always.
    Registry, law and unrecognised files can change any page.
    """
    elections, plans, reports, everything = set(), False, set(), False
    for rel in changed:
        parts = rel.split("/")
        if parts[0] == "elections" and len(parts) == 3:
            elections.add(parts[1])
        elif parts[0] == "plans":
            plans = True
        elif parts[0] == "reports" and len(parts) == 2:
            reports.add(parts[1].rsplit(".", 1)[0])
        else:
            everything = True

    cited: dict[int, set[str]] = {}   # per corpus (old, new): laws the edited elections cite

    def stale(page_path: str, corpus) -> bool:
        owner = _owner(page_path, corpus)
        if everything or owner is None:
            return True
        kind, key = owner
        if kind == "plans":
            return plans
        if kind == "laws":
            return False          # law edits are "everything" above
        if kind == "reports":
            return bool(reports)
        if kind == "report":
            return key in reports
        if kind == "election":
            templates = {c.elections[key].template for c in (corpus, old_corpus) if key in c.elections}
            return key in elections or bool(templates & elections)
        if kind == "law":
            for c in (corpus, old_corpus):
                if id(c) not in cited:
                    with_dependents = elections | {e.id for e in c.elections.values() if e.template in elections}
                    cited[id(c)] = _cited_laws(c, with_dependents)
            return any(key in cited[id(c)] for c in (corpus, old_corpus))
        return True
    return stale


@dataclass
class Refresh:
    seconds: float
    pages: int            # pages rendered again
    full: bool            # every page rendered (first build, navigation or configuration changed)
    problems: list[str]


class Preview:
    def __init__(self, root: Path, work: Path, log=print):
        self.root = Path(root).resolve()
        self.docs, self.site = work / "docs", work / "site"
        self.log = log
        self.cache = ParseCache()
        self.session = MkDocsSession(self.root, self.docs, self.site)
        self.build: Build | None = None
        self.stamps: dict[str, tuple] = {}       # files at the last refresh
        self.good_stamps: dict[str, tuple] = {}  # files at the last refresh that succeeded
        self.problems: list[str] = []
        self.version = 0          # raised after every refresh; open pages reload when it changes
        self.indexer = None
        self.index_due: float | None = None   # when to re-index search (monotonic clock)

    def _stamps(self) -> dict[str, tuple]:
        out = {}
        for folder in ("data", "docs"):
            for path in sorted((self.root / folder).rglob("*")):
                if path.is_file():
                    st = path.stat()
                    out[path.relative_to(self.root).as_posix()] = (st.st_mtime_ns, st.st_size)
        st = (self.root / "mkdocs.yml").stat()
        out["mkdocs.yml"] = (st.st_mtime_ns, st.st_size)
        return out

    def refresh(self) -> Refresh | None:
        """Bring the preview up to date with the files; None if nothing changed since the last call."""
        now = self._stamps()
        if now == self.stamps and self.build is not None:
            return None
        started = time.perf_counter()
        time.sleep(SETTLE_S)
        if self._stamps() != now:
            return None         # still being written: a half-saved file would only show a false error
        self.stamps = now
        self._stop_indexing()   # an index of the old pages is of no use, and it would slow this refresh
        # Changes since the last build that succeeded (an error in between does not force a full load).
        changed = {p for p in set(now) | set(self.good_stamps) if now.get(p) != self.good_stamps.get(p)}
        data_only = self.build is not None and all(p.startswith("data/") for p in changed)
        previous = self.build if data_only else None
        edited = {p[len("data/"):] for p in changed}
        stale = stale_pages(edited, previous.corpus) if previous else None
        try:
            corpus = reload(previous.corpus, edited, self.root / "data", self.root, self.cache) if previous else None
            build = Build.compute(self.root, read=self.cache, previous=previous, stale=stale, corpus=corpus)
        except DataError as exc:
            return self._failed([str(p) for p in exc.problems], started)
        except UidClash as exc:
            return self._failed(str(exc).splitlines(), started)
        self.problems = []   # the data is valid again: pages written from now on need no banner
        old = self.build if data_only else None
        if old is None or old.nav() != build.nav() or [p.path for p in old.pages] != [p.path for p in build.pages]:
            shutil.rmtree(self.docs, ignore_errors=True)
            build.write_docs(self.docs)
            self.session.render_all(build)
            build.write_site_files(self.site)
            rendered, full = len(build.pages), True
        else:
            pages = [p for p in build.markdown if build.markdown[p] != old.markdown[p]]
            # The pages of the edited objects first: the editor is looking at one of them.
            edited_ids = {part for rel in edited for part in rel.replace(".yaml", "").split("/")}
            pages.sort(key=lambda p: (_owner(p, build.corpus) or ("", None))[1] not in edited_ids)
            for path in pages:
                write_file(self.docs / path, build.page_source(path).encode("utf-8"))
            self.session.render_pages(build, pages)
            before, after = old.site_files(), build.site_files()
            for rel, data in after.items():
                if before.get(rel) != data:
                    write_file(self.site / rel, data)
            for rel in set(before) - set(after):
                (self.site / rel).unlink(missing_ok=True)
            rendered, full = len(pages), False
        self.build, self.good_stamps = build, now
        self.version += 1
        self.index_due = time.monotonic() + (0 if full else INDEX_AFTER_S)
        result = Refresh(time.perf_counter() - started, rendered, full, [])
        self.log(f"Обновлено за {result.seconds:.2f} с: страниц заново {rendered}"
                 + (" (все)" if full else "") + ".")
        return result

    def _failed(self, problems: list[str], started: float) -> Refresh:
        self.problems = problems
        self.version += 1
        for line in problems:
            self.log(line)
        self.log(f"Ошибок: {len(problems)}. Предпросмотр показывает последнюю верную версию; "
                 "исправьте файл и сохраните его.")
        return Refresh(time.perf_counter() - started, 0, False, problems)

    def index_if_due(self) -> None:
        """Search is rebuilt in the background once edits pause: it is not part of an edit's latency."""
        if self.index_due is None or time.monotonic() < self.index_due:
            return
        self.index_due = None
        try:
            self.indexer = search.start(self.site)
        except search.SearchError as exc:
            self.indexer = None
            self.log(str(exc))

    def _stop_indexing(self) -> None:
        if self.indexer is not None:
            if self.indexer.poll() is None:
                self.indexer.kill()
                self.indexer.wait()
            children.forget(self.indexer)
            self.indexer = None

    # --- what the server adds to every page -----------------------------------------------
    def banner(self) -> str:
        script = (f"<script>(function(v){{setInterval(function(){{fetch('/__ikko_version').then(function(r)"
                  f"{{return r.text()}}).then(function(t){{if(t!=v)location.reload()}}).catch(function(){{}})}},"
                  f"1000)}})('{self.version}')</script>")
        if not self.problems:
            return script
        items = "".join(f"<li><code>{html.escape(p)}</code></li>" for p in self.problems)
        return (script + '<div class="ikko-preview-errors" style="background:#fdecea;color:#611a15;padding:1em;'
                'border:2px solid #b71c1c;font:14px sans-serif;position:relative;z-index:10">'
                f"<strong>Ошибки в данных ({len(self.problems)}): показана последняя верная версия.</strong>"
                f"<ul>{items}</ul></div>")


class _Handler(http.server.SimpleHTTPRequestHandler):
    preview: Preview

    def log_message(self, *args):   # no line per request in the editor's terminal
        pass

    def do_GET(self):
        if self.path == "/__ikko_version":
            return self._send(str(self.preview.version).encode(), "text/plain; charset=utf-8")
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.endswith("/"):
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            page = path.read_text(encoding="utf-8")
            at = page.find(">", page.find("<body")) + 1 if "<body" in page else 0
            page = page[:at] + self.preview.banner() + page[at:]
            return self._send(page.encode("utf-8"), "text/html; charset=utf-8")
        return super().do_GET()

    def _send(self, body: bytes, kind: str):
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000, log=print,
          stop: threading.Event | None = None, ready: Callable[[str], None] | None = None,
          work: Path | None = None) -> None:
    """Serve the preview until ``stop`` is set (or Ctrl+C); ``work`` (default: a temporary folder, removed
    at the end) receives docs/ and site/."""
    stop = stop or threading.Event()
    keep = work is not None
    work = Path(work) if keep else Path(tempfile.mkdtemp(prefix="ikko-preview-"))
    try:
        preview = Preview(root, work, log)
        preview.refresh()
        preview.index_if_due()
        handler = type("Handler", (_Handler,), {"preview": preview})
        server = http.server.ThreadingHTTPServer((host, port), partial(handler, directory=str(preview.site)))
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        url = f"http://{host}:{server.server_address[1]}/"
        log(f"Предпросмотр: {url} (следит за data/, docs/ и mkdocs.yml; Ctrl+C — выход)")
        if ready:
            ready(url)
        try:
            while not stop.wait(POLL_S):
                try:
                    preview.refresh()
                    preview.index_if_due()
                except Exception as exc:   # e.g. MkDocs refused a page: say so, keep serving; the next save retries
                    log(f"Предпросмотр не обновлен: {exc}")
        finally:
            server.shutdown()
            server.server_close()
    finally:
        children.kill_all()
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
