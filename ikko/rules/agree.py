"""Whether the dates a document prints agree with the dates its rule gives."""
from __future__ import annotations

import re
from datetime import date

PRINTED_DATE = re.compile(r"\b(\d{2})\.(\d{2})\.(\d{4})\b")


def printed_dates(printed: str | None) -> list[date]:
    """Dates as the published document prints them ("Не позднее 11.07.2023")."""
    out = []
    for d, m, y in PRINTED_DATE.findall(printed or ""):
        try:
            out.append(date(int(y), int(m), int(d)))
        except ValueError:
            continue
    return out


def printed_agrees(printed: list[date], computed: list[date]) -> bool:
    """True unless both sides have dates and they differ.

    A document may print only one bound of a window ("Не позднее 04.09.2023" under
    "не ранее … и не позднее …"): one printed date that is one of the rule's dates agrees.
    Nothing printed or nothing computed (an event with no fixed date) leaves nothing to compare.
    """
    if not printed or not computed or printed == computed:
        return True
    return len(printed) == 1 and printed[0] in computed
