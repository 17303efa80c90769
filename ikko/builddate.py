"""The build's "today": which edition of a law is in force, what is upcoming, each deadline's state.

``IKKO_BUILD_DATE=YYYY-MM-DD`` fixes it (tests, reproducible rebuilds), else ``SOURCE_DATE_EPOCH``
(the reproducible-builds convention, seconds since 1970 UTC); without them the real date is used.
Read once per call, never cached, so a test can set the variable.
"""
from __future__ import annotations

import os
from datetime import date, datetime, time, timezone

VARIABLE = "IKKO_BUILD_DATE"
EPOCH = "SOURCE_DATE_EPOCH"


def today() -> date:
    value = os.environ.get(VARIABLE, "").strip()
    if value:
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            raise SystemExit(f"{VARIABLE}: ожидается дата ГГГГ-ММ-ДД, указано «{value}»") from exc
    epoch = os.environ.get(EPOCH, "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
        except (ValueError, OverflowError, OSError) as exc:
            raise SystemExit(f"{EPOCH}: ожидается число секунд с 1970 года, указано «{epoch}»") from exc
    return date.today()


def epoch_for_tools() -> str | None:
    """``SOURCE_DATE_EPOCH`` for tools that date what they write (MkDocs' sitemap), when only
    ``IKKO_BUILD_DATE`` is set: midnight UTC of that day, so a rebuild gives the same bytes."""
    if os.environ.get(EPOCH, "").strip() or not os.environ.get(VARIABLE, "").strip():
        return None
    return str(int(datetime.combine(today(), time(), tzinfo=timezone.utc).timestamp()))
