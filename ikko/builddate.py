"""The build's "today": which edition of a law is in force, what is upcoming.

``IKKO_BUILD_DATE=YYYY-MM-DD`` fixes it (tests, reproducible rebuilds); without it the
real date is used. Read once per call, never cached, so a test can set the variable.
"""
from __future__ import annotations

import os
from datetime import date

VARIABLE = "IKKO_BUILD_DATE"


def today() -> date:
    value = os.environ.get(VARIABLE, "").strip()
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise SystemExit(f"{VARIABLE}: ожидается дата ГГГГ-ММ-ДД, указано «{value}»") from exc
