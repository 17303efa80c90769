"""Editor-facing problems: every one names the file, line, column and field.

Messages are Russian (editors are commission staff); the format is the one
compilers use, so editors' tools can jump to the place:
``data/elections/zs-2023/election.yaml:12:7: sections[0].items[3].rule: сообщение``.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    field: str
    message: str
    severity: str = "error"  # "error" stops the build, "warning" is only listed

    def __str__(self) -> str:
        tag = "" if self.severity == "error" else "предупреждение: "
        return f"{self.file}:{self.line}:{self.column}: {self.field}: {tag}{self.message}"


class DataError(Exception):
    """Raised when the data has errors; carries all of them, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))  # a template's mistake is met once per election using it
        super().__init__("\n".join(str(p) for p in self.problems))


_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


MESSAGE_LIMIT = 600  # a 5,000-character value quoted in full would bury the other messages


def visible(text: str) -> str:
    """Data quoted in a message cannot drive the editor's terminal: control characters are shown as codes."""
    text = _INVISIBLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", str(text))
    return text if len(text) <= MESSAGE_LIMIT else text[:MESSAGE_LIMIT] + "… (сокращено)"


@dataclass
class Problems:
    """Collects problems during loading so an editor sees every mistake at once."""

    root: Path
    items: list[Problem] = field(default_factory=list)

    def rel(self, path: Path | str) -> str:
        path = Path(path)
        for resolve in (os.path.abspath, os.path.realpath):  # a symlink is named as itself, not its target
            try:
                return Path(resolve(path)).relative_to(resolve(self.root)).as_posix()
            except ValueError:
                pass
        return path.as_posix()

    def add(self, where, field_path: str, message: str, severity: str = "error") -> None:
        """``where`` is anything with ``file``, ``line``, ``column`` (a Located node)."""
        problem = Problem(visible(self.rel(where.file)), where.line, where.column, visible(field_path), visible(message),
                          severity)
        if problem not in self.items:  # each edition of an amended plan is checked; report once
            self.items.append(problem)

    def warn(self, where, field_path: str, message: str) -> None:
        self.add(where, field_path, message, "warning")

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise DataError(self.errors)
