"""Russian formatting of dates, times and time zones, as the site and its messages print them."""
from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

MOSCOW = "Europe/Moscow"
MONTHS_GENITIVE = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                   "сентября", "октября", "ноября", "декабря")


def day(d: date | None) -> str:
    """"10.09.2023", as documents print dates; empty for no date."""
    return f"{d:%d.%m.%Y}" if d else ""


def day_words(d: date) -> str:
    """"10 сентября 2023 г."."""
    return f"{d.day} {MONTHS_GENITIVE[d.month - 1]} {d.year} г."


def clock(hhmm: str, moscow: bool = False) -> str:
    """A time of day as the data holds it ("18:00"), marked "(мск)" when it is Moscow time."""
    return hhmm + (" (мск)" if moscow else "")


def msk_offset(zone: str, on: date) -> str:
    """The zone as Russians name it: "МСК+4" for Asia/Novokuznetsk, "МСК" for Moscow, "МСК−1" for Kaliningrad.

    Counted from the zones' UTC offsets on the given day, so a zone that moved keeps the right name.
    """
    noon = datetime.combine(on, time(12))
    diff = noon.replace(tzinfo=ZoneInfo(zone)).utcoffset() - noon.replace(tzinfo=ZoneInfo(MOSCOW)).utcoffset()
    minutes = int(diff.total_seconds() // 60)
    if minutes == 0:
        return "МСК"
    hours, rest = divmod(abs(minutes), 60)
    return f"МСК{'+' if minutes > 0 else '−'}{hours}" + (f":{rest:02d}" if rest else "")


def plural(n: int, forms: tuple[str, str, str]) -> str:
    """"1 событие", "3 события", "42 события", "11 событий"."""
    k = 2 if 11 <= n % 100 <= 14 else (0 if n % 10 == 1 else 1 if 2 <= n % 10 <= 4 else 2)
    return f"{n} {forms[k]}"
