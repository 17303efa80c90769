"""Command line: ``python -m ikko check|build|export|schemas``."""
from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from .errors import DataError


def _root(args) -> Path:
    return Path(args.root).resolve()


def cmd_check(args) -> int:
    from .feeds import all_feeds
    from .load import load_corpus
    from .pipeline import check_uids, normalize_url, read_config
    root = _root(args)
    try:
        corpus = load_corpus(root / "data", root)
    except DataError as exc:
        for p in exc.problems:
            print(p)
        print(f"Ошибок: {len(exc.problems)}. Данные не приняты.")
        return 1
    problems = [str(w) for w in corpus.warnings]
    clashes = check_uids(all_feeds(corpus, normalize_url(read_config(root / "mkdocs.yml").get("site_url"))))
    for line in problems + clashes:
        print(line)
    print(f"Ошибок: {len(clashes)}, предупреждений: {len(problems)}. "
          + ("Данные в порядке." if not clashes else "Данные не приняты."))
    return 1 if clashes else 0


def _stop_on_signals() -> None:
    """SIGTERM (and SIGHUP) end the build or the preview like Ctrl+C: cleanup runs, children are killed, nothing
    is published."""
    def stop(signum, frame):
        raise KeyboardInterrupt
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, stop)


def cmd_build(args) -> int:
    from .build import build_all
    _stop_on_signals()
    try:
        build_all(_root(args))
    except DataError as exc:
        for p in exc.problems:
            print(p, file=sys.stderr)
        print(f"Ошибок: {len(exc.problems)}. Сайт и календари не изменены.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Сборка прервана. Сайт и календари не изменены.", file=sys.stderr)
        return 130
    except Exception as exc:  # MkDocs, Pagefind, UID clash: nothing was swapped in
        print(f"Сборка остановлена: {exc}\nСайт и календари не изменены.", file=sys.stderr)
        return 1
    return 0


def cmd_export(args) -> int:
    from .export import export
    try:
        build = export(_root(args), Path(args.out))
    except DataError as exc:
        for p in exc.problems:
            print(p, file=sys.stderr)
        print(f"Ошибок: {len(exc.problems)}. Выгрузка не записана.", file=sys.stderr)
        return 1
    print(f"Выгружено в {args.out}: {len(build.pages)} страниц, {len(build.feed_bytes)} календарей, "
          f"{len(build.opendata)} файлов открытых данных; mkdocs.yml для любого движка.")
    return 0


def cmd_serve(args) -> int:
    from .preview import serve
    _stop_on_signals()   # stopped by its service manager, the preview still removes its temporary folder
    try:
        serve(_root(args), args.host, args.port)
    except KeyboardInterrupt:
        pass
    return 0


def cmd_schemas(args) -> int:
    """The JSON Schemas for editors, and the compiled checks the validator imports (ikko/schema_checks)."""
    from .schema import write_checks, write_schemas
    for path in write_schemas(_root(args) / "schemas") + write_checks():
        print(path)
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="ikko", description="База знаний и календари ИККО")
    parser.add_argument("--root", default=".", help="папка проекта (где mkdocs.yml и data/)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="проверить все данные").set_defaults(func=cmd_check)
    sub.add_parser("build", help="собрать календари и сайт").set_defaults(func=cmd_build)
    exp = sub.add_parser("export", help="выгрузить сайт как обычный Markdown-проект (без MkDocs)")
    exp.add_argument("out")
    exp.set_defaults(func=cmd_export)
    srv = sub.add_parser("serve", help="предпросмотр: обновляется после каждой правки данных")
    srv.add_argument("--host", default="127.0.0.1")
    srv.add_argument("--port", type=int, default=8000)
    srv.set_defaults(func=cmd_serve)
    sub.add_parser("schemas", help="записать JSON-схемы в schemas/ и проверки в ikko/schema_checks/").set_defaults(func=cmd_schemas)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
