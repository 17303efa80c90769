"""An action cell -> the action, its sub-actions and its basis parentheses."""
from __future__ import annotations

import re

from .basis import strip_basis
from .brackets import is_open


def parse_action(cell: list[tuple[int, str]]) -> tuple[str, list[str], list[str]]:
    """(action, sub-actions, basis parentheses) of an action cell."""
    logical: list[str] = []
    list_mode = False
    for _, line in cell:
        is_dash = bool(re.match(r"^[-–]\s", line))
        if logical and is_open(logical[-1]):
            logical[-1] += " " + line
        elif logical and not is_dash and not list_mode and (line[:1].islower() or line.startswith("(")):
            logical[-1] += " " + line
        elif logical and line.startswith("(") and not is_dash:
            logical[-1] += " " + line          # a basis printed on its own line belongs to the line above
        else:
            logical.append(line)
        if len(logical) == 1 and logical[0].rstrip().endswith(":"):
            list_mode = True
    bases: list[str] = []
    texts = []
    for line in logical:
        text, found = strip_basis(line)
        bases += found
        texts.append(text)
    if not texts:
        return "", [], bases
    main, rest = texts[0], texts[1:]
    subs = [re.sub(r"^[-–]\s+", "", t).rstrip(" ;") for t in rest]
    dashed = any(re.match(r"^[-–]\s", line) for line in logical[1:])
    if rest and not dashed and not main.endswith(":"):
        # Separate paragraphs without a list (item 30 of 004): each is an action of its own.
        return "\n".join(texts), texts, bases
    return main, [s for s in subs if s], bases
