"""Work-plan periods, read from the words the plan prints ("январь – сентябрь")."""
from __future__ import annotations

import re
from datetime import date

from .model import Period, PeriodKind

MONTHS = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
          "сентябрь", "октябрь", "ноябрь", "декабрь")
MONTH_NUMBER = {name: i for i, name in enumerate(MONTHS, start=1)}
# Kinds with no dates; the site lists them in full, the feeds leave them out.
UNDATED = {
    "весь период": PeriodKind.YEAR,
    "в течение года": PeriodKind.YEAR,
    "по мере необходимости": PeriodKind.AS_NEEDED,
    "в соответствии с утвержденными сроками": PeriodKind.PER_SCHEDULE,
    "ежеквартально": None,           # quarterly: only with its dates
}
SEPARATE_PLAN = re.compile(r"\(?\s*по отдельному плану\s*\)?", re.IGNORECASE)


class PeriodError(ValueError):
    pass


def parse_period(words: str | None, month: int | None = None, dates: tuple[date, ...] = ()) -> Period:
    """Structure a published period; ``month`` is the month heading an item stands under."""
    if not words:
        if dates:
            return Period(None, PeriodKind.DATES, dates=dates)
        if month:
            return Period(None, PeriodKind.MONTHS, months=(month,))
        return Period(None, PeriodKind.NONE)
    separate = bool(SEPARATE_PLAN.search(words))
    text = SEPARATE_PLAN.sub(" ", words)
    text = re.sub(r"\s+", " ", text).strip(" .;").lower()
    if dates:
        return Period(words, PeriodKind.DATES, dates=dates, separate_plan=separate)
    for phrase, kind in UNDATED.items():
        if text.startswith(phrase):
            if kind is None:
                raise PeriodError("для «ежеквартально» укажите даты в поле dates")
            return Period(words, kind, separate_plan=separate)
    months: list[int] = []
    for piece in re.split(r"\s*[,;]\s*|\s+и\s+", text):
        ends = [m.strip() for m in re.split(r"\s*[–—-]\s*", piece) if m.strip()]
        if not ends or len(ends) > 2:
            raise PeriodError(f"не удалось разобрать срок «{words}»")
        numbers = []
        for name in ends:
            if name not in MONTH_NUMBER:
                raise PeriodError(f"неизвестный месяц «{name}» в сроке «{words}» "
                                  f"(ожидается: {', '.join(MONTHS)})")
            numbers.append(MONTH_NUMBER[name])
        first, last = numbers[0], numbers[-1]
        if last < first:
            raise PeriodError(f"в сроке «{words}» месяц «{ends[-1]}» стоит раньше «{ends[0]}»")
        months.extend(range(first, last + 1))
    return Period(words, PeriodKind.MONTHS, months=tuple(months), separate_plan=separate)


def month_runs(months: tuple[int, ...]) -> list[tuple[int, int]]:
    """Consecutive runs: (2, 7, 8) -> [(2, 2), (7, 8)]; one calendar event per run."""
    runs: list[tuple[int, int]] = []
    for m in months:
        if runs and runs[-1][1] + 1 == m:
            runs[-1] = (runs[-1][0], m)
        else:
            runs.append((m, m))
    return runs
