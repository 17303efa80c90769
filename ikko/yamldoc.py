"""YAML loading that remembers where every value stands in the file.

Data is returned as plain dicts, lists and scalars (so JSON Schema can check
it), plus a table from each value's path to its line and column, so that any
later check can name the exact place of a mistake. The table is made only when
a problem is to be reported: valid files are read by libyaml's fast loader.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problems

Path_ = tuple  # a path inside a document: keys and list indices


@dataclass(frozen=True)
class Place:
    file: Path
    line: int
    column: int


@dataclass
class Doc:
    """One loaded YAML file: its data and the position of every value in it."""

    file: Path
    data: Any
    _positions: dict[Path_, tuple] | None = field(default_factory=dict)
    text: str | None = None          # kept to find positions later, when they are first needed

    @property
    def positions(self) -> dict[Path_, tuple]:
        if self._positions is None:
            self._positions = {}
            _convert(yaml.compose(self.text, Loader=_FastLoader), (), self, Problems(self.file.parent))
        return self._positions

    def at(self, *path) -> Place:
        """Where the value at ``path`` stands; the nearest parent if it is absent."""
        path = tuple(path)
        while path not in self.positions and path:
            path = path[:-1]
        line, column, *other = self.positions.get(path, (1, 1))
        # A merged document (a plan with its amendments) keeps each value's own file.
        return Place(other[0] if other else self.file, line, column)

    def graft(self, path: tuple, source: "Doc", source_path: tuple) -> None:
        """Take the positions of ``source``'s subtree at ``source_path`` for our subtree at ``path``."""
        n = len(path)
        for key in [k for k in self.positions if k[:n] == path]:
            del self.positions[key]
        m = len(source_path)
        for key, pos in source.positions.items():
            if key[:m] == source_path:
                line, column, *other = pos
                self.positions[path + key[m:]] = (line, column, other[0] if other else source.file)


def field_name(path) -> str:
    """``('sections', 0, 'items', 3, 'rule')`` -> ``sections[0].items[3].rule``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(документ)"


_constructor = yaml.constructor.SafeConstructor()   # its per-tag functions only: no memo kept
# libyaml's parser is ~10× faster and gives the same node marks; pure Python where it is absent.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SYNTAX_WORDS = {
    "could not find expected ':'": "не найдено ожидаемое ':'",
    "mapping values are not allowed here": "здесь не может стоять значение (лишнее ':' — заключите текст в кавычки)",
    "found character that cannot start any token": "символ, с которого не может начинаться значение (заключите текст в кавычки)",
    "expected <block end>, but found '-'": "неверный отступ элемента списка",
    "found unexpected end of stream": "файл оборвался (не закрыта кавычка или скобка)",
    "found undefined alias": "неизвестная ссылка (alias)",
}


def _russian_syntax(problem: str | None) -> str:
    problem = problem or ""
    for english, russian in _SYNTAX_WORDS.items():
        if problem.startswith(english):
            return russian
    return f"ошибка синтаксиса YAML ({problem})"


class _NeedsPositions(Exception):
    """The fast loader met something only the careful reader can report (a duplicate key …)."""


_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_PLAIN_SCALARS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
                  "tag:yaml.org,2002:null"}


class _FastLoader(_LOADER):
    """Same values as ``_convert`` gives: keys stay text (`on:` is "on"), dates stay text."""

    def resolve(self, kind, value, implicit):
        """What ``BaseResolver.resolve`` answers (this loader has no path resolvers), without building
        lists on every call: libyaml asks it for each of the ~160,000 scalars of a 10× corpus."""
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in _IMPLICIT.get(value[:1], _WILDCARD):
                    if regexp.match(value):
                        return tag
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

    def data(self, node: yaml.Node) -> Any:
        """The node's value, built directly (aliases were counted before). Anything ``_convert`` would
        report (a duplicate key, a tag data files do not use, a value its tag refuses) raises
        ``_NeedsPositions``."""
        kind, tag = type(node), node.tag
        if kind is yaml.ScalarNode:
            if tag == _STR or tag == _TIMESTAMP:          # dates stay text; the model parses them
                return node.value
            if tag in _PLAIN_SCALARS:
                try:
                    return self.yaml_constructors[tag](self, node)
                except (ValueError, KeyError):            # `!!int abc`
                    raise _NeedsPositions from None
        elif kind is yaml.SequenceNode and tag == _SEQ:
            return [self.data(item) for item in node.value]
        elif kind is yaml.MappingNode and tag == _MAP:
            out = {}
            for key_node, value_node in node.value:
                if type(key_node) is not yaml.ScalarNode or key_node.value in out:
                    raise _NeedsPositions
                out[key_node.value] = self.data(value_node)
            return out
        raise _NeedsPositions


# YAML 1.1's implicit types that data holds; the others (merge `<<`, value `=`, yaml `!`) stay text, as an
# editor who writes `=` means it (no constructor exists for them: the loader used to crash on `a: =`).
_DATA_TAGS = _PLAIN_SCALARS | {_TIMESTAMP}
_WILDCARD = tuple((tag, regexp) for tag, regexp in _FastLoader.yaml_implicit_resolvers.get(None, ())
                  if tag in _DATA_TAGS)
_IMPLICIT = {first: tuple((tag, regexp) for tag, regexp in resolvers if tag in _DATA_TAGS) + _WILDCARD
             for first, resolvers in _FastLoader.yaml_implicit_resolvers.items() if first is not None}


MAX_BYTES = 5 * 1024 * 1024       # the largest real file (a law) is ~0.3 MB
MAX_NODES = 1_000_000              # values after expanding aliases: an "alias bomb" stops here
# Control characters an editor cannot see (a vertical tab pasted from Word, a lone CR, Unicode line
# separators): YAML either crashes on them or lets them through into feeds and pages.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|\r(?!\n)")
_ALIAS = re.compile(r"(?:^|[\s\[{,:-])\*[^\s*,\]}]")


def _control_character(text: str, path: Path, problems: Problems) -> bool:
    found = _CONTROL.search(text.lstrip("\ufeff"))
    if not found:
        return False
    offset = found.start() + (len(text) - len(text.lstrip("\ufeff")))
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    problems.add(Place(path, line, column), "(файл)",
                 f"управляющий символ U+{ord(found.group()[0]):04X} (невидимый; часто попадает при копировании "
                 "из Word): удалите его")
    return True


def _expanded_size(node, memo: dict) -> int:
    """How many values the document has once every alias is expanded (shared nodes counted each time)."""
    if id(node) in memo:
        return memo[id(node)]
    memo[id(node)] = MAX_NODES + 1  # a node met again while counting itself: a recursive alias
    if isinstance(node, yaml.MappingNode):
        size = 1 + sum(_expanded_size(k, memo) + _expanded_size(v, memo) for k, v in node.value)
    elif isinstance(node, yaml.SequenceNode):
        size = 1 + sum(_expanded_size(v, memo) for v in node.value)
    else:
        size = 1
    memo[id(node)] = min(size, MAX_NODES + 1)
    return memo[id(node)]


def _too_many_aliases(text: str, node: yaml.Node, path: Path, problems: Problems) -> bool:
    # no aliases (the common case: no walk; the plain "*" test spares the regex most files), or few enough
    if "*" not in text or not _ALIAS.search(text) or _expanded_size(node, {}) <= MAX_NODES:
        return False
    first = _ALIAS.search(text)
    line = text.count("\n", 0, first.start()) + 1
    problems.add(Place(path, line, 1), "(файл)",
                 f"ссылки YAML (*alias) разворачиваются больше чем в {MAX_NODES:,} значений".replace(",", " ")
                 + ": уберите ссылки, запишите значения явно")
    return True


def read_text(path: Path, problems: Problems) -> str | None:
    """The file's text if it is safe to parse: a regular UTF-8 file, not empty, not huge, no control characters."""
    if path.is_symlink():
        # never followed: the target may be outside the repository; its content is never printed
        problems.add(Place(path, 1, 1), "(файл)", "символическая ссылка не читается: положите в data/ сам файл")
        return None
    if not path.is_file():  # a named pipe or a device would block or never end
        problems.add(Place(path, 1, 1), "(файл)", "не обычный файл: положите в data/ сам файл")
        return None
    size = path.stat().st_size
    if size > MAX_BYTES:
        problems.add(Place(path, 1, 1), "(файл)",
                     f"файл слишком большой ({size / 1024 / 1024:.1f} МБ, предел {MAX_BYTES // 1024 // 1024} МБ)")
        return None
    try:
        with open(path, encoding="utf-8", newline="") as f:  # keep a lone CR visible, to report it
            text = f.read()
    except UnicodeDecodeError as exc:
        problems.add(Place(path, 1, 1), "(файл)", f"файл не в кодировке UTF-8 ({exc.reason})")
        return None
    if not text.strip():
        problems.add(Place(path, 1, 1), "(файл)", "файл пуст")
        return None
    if _control_character(text, path, problems):
        return None
    return text


def load_doc(path: Path, problems: Problems) -> Doc | None:
    """Parse ``path``; on a problem record it and return None.

    The file is composed once (libyaml); its nodes give the data directly, or, when something must be
    reported with its place (a duplicate key …), the data with every value's position."""
    text = read_text(path, problems)
    if text is None:
        return None
    try:
        return _parse(path, text, problems)
    except RecursionError:     # hundreds of nested lists: more than Python's recursion allows; no data nests so
        problems.add(Place(path, *_deep_place(text)), "(файл)",
                     f"списки и поля вложены глубже {DEEP} уровней: так глубоко данные не вкладываются")
        return None


DEEP = 100   # real files nest fewer than 10 levels


def _deep_place(text: str) -> tuple[int, int]:
    """(line, column) where the nesting first goes deeper than ``DEEP``: the parser's events, counted without
    recursion."""
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > DEEP:
                return event.start_mark.line + 1, event.start_mark.column + 1
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
    return 1, 1


def _parse(path: Path, text: str, problems: Problems) -> Doc | None:
    try:
        loader = _FastLoader(text)
        node = loader.get_single_node()
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        problems.add(Place(path, 1, exc.position + 1), "(синтаксис)", f"недопустимый символ {exc.character!r}")
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problems.add(Place(path, mark.line + 1, mark.column + 1), "(синтаксис)",
                     _russian_syntax(exc.problem))
        return None
    if node is None:
        problems.add(Place(path, 1, 1), "(файл)", "файл пуст (только комментарии)")
        return None
    if _too_many_aliases(text, node, path, problems):
        return None
    try:
        return Doc(path, loader.data(node), None, text)
    except _NeedsPositions:
        pass  # read the nodes again, with positions, to report exactly what is wrong and where
    finally:
        loader.dispose()
    doc = Doc(path, None)
    doc.data = _convert(node, (), doc, problems)
    doc.text = text
    return doc


def _convert(node: yaml.Node, path: tuple, doc: Doc, problems: Problems) -> Any:
    doc._positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        if node.tag != _MAP:
            return _unknown_tag(node, path, doc, problems)
        out: dict = {}
        for key_node, value_node in node.value:
            # Keys are names, never YAML 1.1 booleans: `on:` must stay "on".
            if not isinstance(key_node, yaml.ScalarNode):
                problems.add(doc.at(*path), field_name(path), "ключ должен быть простой строкой")
                continue
            key = key_node.value
            if key in out:
                problems.add(Place(doc.file, key_node.start_mark.line + 1, key_node.start_mark.column + 1),
                             field_name(path + (key,)), "поле указано дважды")
            out[key] = _convert(value_node, path + (key,), doc, problems)
            # A key's own line is more useful than its value's for block values.
            doc._positions[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        return out
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ:
            return _unknown_tag(node, path, doc, problems)
        return [_convert(child, path + (i,), doc, problems) for i, child in enumerate(node.value)]
    if node.tag in (_STR, _TIMESTAMP):
        return node.value  # dates stay text; the model parses and checks them
    if node.tag in _PLAIN_SCALARS:
        try:
            return _constructor.yaml_constructors[node.tag](_constructor, node)
        except (ValueError, KeyError):
            problems.add(doc.at(*path), field_name(path),
                         f"значение {node.value!r} не подходит к тегу {_tag_name(node.tag)}: уберите тег")
            return None
    return _unknown_tag(node, path, doc, problems)


def _tag_name(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag


def _unknown_tag(node: yaml.Node, path: tuple, doc: Doc, problems: Problems) -> None:
    """A tag (``!foo``, ``!!binary``, ``!!set``, ``!!python/…``) makes a value data files do not hold."""
    problems.add(doc.at(*path), field_name(path),
                 f"тег YAML {_tag_name(node.tag)} здесь не используется: уберите его (текст пишется без тегов)")
    return None
