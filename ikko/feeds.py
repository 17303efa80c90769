"""iCalendar feeds (RFC 5545) for elections and work plans, written with ``icalendar``.

Output is reproducible: UIDs come from stable ids (election/plan id, item
number, sub-deadline index), DTSTAMP from the approving resolution's date,
events are sorted, so a rebuild of unchanged data gives byte-identical files.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from datetime import date, datetime, time, timedelta, timezone

from zoneinfo import ZoneInfo

from icalendar import Event, vRecur

from .deadlines import describe, describe_timing
from .model import CalendarItem, Deadline, Election, EventStatus, PlanItem, WorkPlan
from .periods import MONTHS, month_runs
from . import urls

REFRESH = timedelta(hours=12)       # how often subscribed apps should re-fetch
PRODID = "-//Избирательная комиссия Кемеровской области – Кузбасса//Календари//RU"
SUMMARY_LIMIT = 140


@dataclass(frozen=True)
class FeedEvent:
    uid: str
    summary: str
    description: str
    start: date | datetime
    end: date | datetime | None      # exclusive for all-day events; None for a timed moment
    url: str
    stamp: date
    categories: tuple[str, ...] = ()
    sequence: int = 0
    status: EventStatus = EventStatus.CONFIRMED
    last_modified: date | None = None
    rrule: str | None = None          # "FREQ=DAILY;COUNT=3": the same hours on several days

    @property
    def sort_key(self):
        start = self.start if isinstance(self.start, datetime) else datetime.combine(self.start, time())
        return (start.replace(tzinfo=None), self.uid)


@dataclass
class Feed:
    path: str                 # relative to calendars/, e.g. "zs-2023/tik.ics"
    name: str
    description: str
    timezone: str
    events: list[FeedEvent] = field(default_factory=list)
    owner: str | None = None  # id of the executor (or responsible) a per-person feed is for


def shorten(text: str, limit: int = SUMMARY_LIMIT) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:–- ")
    return cut + "…"


# --- elections -------------------------------------------------------------------
TITLE_LIMIT = 90                    # what a phone's agenda shows of a title
EXAMPLE = "[Пример] "               # title prefix of every event of an illustrative plan
EXECUTOR_IN_NAME = 40              # a calendar's name: "2023 ЗС Кузбасса — <executor, cut>"
WINDOW_AS_BAR = 7                   # longer windows become a start event and an end event
KIND = {"on": "", "until": "До: ", "from": "С: ", "window": "", "start": "Начало: ", "end": "Окончание: "}
PARENTHESES = re.compile(r"\s*\([^()]*\)")
DAILY_HOURS = re.compile(r"^\s*с\s+\d{1,2}[.:]\d{2}\s+до\s+\d{1,2}[.:]\d{2}", re.IGNORECASE)


def calendar_name(election: Election, who: str) -> str:
    """Year and short name first: phones cut calendar names after about 30 characters."""
    return f"{election.voting_day.year} {election.short_title or shorten(election.title, 40)} — {who}"


def event_title(election: Election, item: CalendarItem, d: Deadline, kind: str, tag: str = "") -> str:
    """"До: Прием заявлений…: в любую ТИК (п. 11)": the kind, the action, the item; at most TITLE_LIMIT.

    The action is cut to the same length whatever the kind, so a window's start and end read alike.
    """
    head = (EXAMPLE if election.illustrative else "") + KIND[kind]
    tail = f" (п. {item.number}{tag})"
    room = TITLE_LIMIT - len(head.replace(KIND[kind], "")) - max(map(len, KIND.values())) - len(tail)
    action = _brief(item.action).rstrip(": ")
    if d.action:
        sub = shorten(_brief(d.action), max(room // 2 - 2, 20))
        what = f"{shorten(action, room - len(sub) - 2)}: {sub}"
    else:
        what = shorten(action, room)
    return head + what + tail


def _brief(text: str) -> str:
    """Wording without its parenthetical asides ("(далее – ОИК)", "(обнародование)"): they stay in DESCRIPTION."""
    return " ".join(PARENTHESES.sub("", text).split()) or text


def daily_hours(d: Deadline) -> bool:
    """"с 8.00 до 20.00 … с 08.09 по 10.09": the same hours on each day, not one span of days."""
    return bool(DAILY_HOURS.match(d.words or d.printed or ""))


def date_note(election: Election, d: Deadline) -> list[str]:
    """The plan's date in words, the count beside it when different, the document's wording when impossible."""
    lines = [f"Дата: {describe_timing(d.timing)}"]
    if d.printed_impossible:
        lines.append(f"В документе напечатано «{d.printed}» — такой даты быть не может (раньше решения о "
                     f"назначении выборов); указана дата по расчету.")
    elif d.computed is not None and d.computed != d.timing:
        lines.append(f"По расчету: {describe_timing(d.computed)} (действует дата, напечатанная в плане)")
    elif d.printed:
        lines.append(f"В документе: {d.printed}")
    return lines


def _description(election: Election, item: CalendarItem, d: Deadline, url: str, part: str = "") -> str:
    lines = []
    if election.illustrative:
        lines.append("ПРИМЕРНЫЙ ПЛАН: не утвержден комиссией, даты показывают, как сроки шаблона ложатся на "
                     "выбранные даты.")
    if part:
        lines.append(part)
    lines += [item.action + (f" {d.action}" if d.action else ""), f"Срок: {d.words}"] + date_note(election, d)
    if item.basis:
        lines.append("Основание: " + "; ".join(b.text for b in item.basis))
    executors = d.executors_text or ", ".join(e.name + (f" ({e.abbr})" if e.abbr else "") for e in d.executors)
    lines += [f"Исполнители: {executors}", f"Раздел {item.section.number}. {item.section.title}", url]
    return "\n".join(lines)


Span = tuple[str, bool, "date | datetime", "date | datetime | None", str]   # kind, closing event?, start, end, part


def _point(kind: str, end: bool, bound, zone: str, part: str = "") -> Span:
    """One bound as an event: a moment when the plan gives a time (no DTEND), else that whole day."""
    moment = bound.moment(zone)
    if moment:
        return kind, end, moment, None, part
    return kind, end, bound.day, bound.day + timedelta(days=1), part


def _spans(election: Election, d: Deadline) -> list[Span]:
    """The events a deadline gives: a day or a moment, a bar of up to a week, or a start and an end."""
    t, zone = d.timing, election.timezone
    if t.start and t.end and t.start.day == t.end.day and t.start.time == t.end.time:
        return [_point("on", False, t.start, zone)]
    if not (t.start and t.end):
        return [_point("until", False, t.end, zone) if t.end else _point("from", False, t.start, zone)]
    if (t.end.day - t.start.day).days + 1 > WINDOW_AS_BAR:
        whole = describe_timing(t)
        return [_point("start", False, t.start, zone, f"Начало срока ({whole})."),
                _point("end", True, t.end, zone, f"Окончание срока ({whole}).")]
    if not (t.start.time or t.end.time):
        return [("window", False, t.start.day, t.end.day + timedelta(days=1), "")]
    first = t.start.moment(zone) or datetime.combine(t.start.day, time(), tzinfo=ZoneInfo(zone))
    last = t.end.moment(zone) or datetime.combine(t.end.day + timedelta(days=1), time(), tzinfo=ZoneInfo(zone))
    return [("window", False, first, last, "")]


def _deadline_events(election: Election, item: CalendarItem, d: Deadline, site_url: str,
                     tag: str = "") -> list[FeedEvent]:
    t = d.timing
    if t is None or t.undated:
        return []
    url = site_url + urls.item_url(election.id, item.anchor)
    status = EventStatus.TENTATIVE if election.illustrative else EventStatus.CONFIRMED
    cats = tuple(e.label for e in d.executors)
    if daily_hours(d) and t.start and t.end and t.start.time and t.end.time:
        first = t.start.moment(election.timezone)
        days = (t.end.day - t.start.day).days + 1
        closing = datetime.combine(first.date(), time(*map(int, t.end.time.split(":"))), tzinfo=first.tzinfo)
        part = f"Каждый день с {t.start.time} до {t.end.time}, с {describe(t.start.day)} по {describe(t.end.day)}."
        return [FeedEvent(urls.deadline_uid(election.id, item.number, d.index), event_title(election, item, d, "on", tag),
                          _description(election, item, d, url, part), first, closing, url, election.stamp, cats,
                          status=status, rrule=f"FREQ=DAILY;COUNT={days}" if days > 1 else None)]
    return [FeedEvent(urls.deadline_uid(election.id, item.number, d.index, end), event_title(election, item, d, kind, tag),
                      _description(election, item, d, url, part), start, stop, url, election.stamp, cats,
                      status=status)
            for kind, end, start, stop, part in _spans(election, d)]


def item_events(election: Election, item: CalendarItem, site_url: str) -> list[tuple[Deadline, FeedEvent]]:
    """Events of one item; deadlines whose titles would coincide are told apart by their number."""
    events = [(d, ev) for d in item.deadlines for ev in _deadline_events(election, item, d, site_url)]
    titles = [ev.summary for _, ev in events]
    if len(titles) == len(set(titles)):
        return events
    return [(d, ev) for d in item.deadlines
            for ev in _deadline_events(election, item, d, site_url, f", срок {d.index}")]


def election_feeds(election: Election, site_url: str) -> list[Feed]:
    """Feeds of the current edition; with amendments, every change is carried as RFC 5545 expects."""
    if len(election.editions) > 1:
        return versioned([(res, _edition_feeds(ed, site_url)) for res, ed in election.editions])
    return _edition_feeds(election, site_url)


def _edition_feeds(election: Election, site_url: str) -> list[Feed]:
    example = " Примерный план: не утвержден комиссией." if election.illustrative else ""
    everything = Feed(urls.election_feed(election.id), calendar_name(election, "все сроки"),
                      f"Календарный план: {election.title.rstrip('.')}. Все сроки с датами.{example}", election.timezone)
    per_executor: dict[str, Feed] = {}
    for item in election.items:
        if item.excluded:
            continue
        for d, ev in item_events(election, item, site_url):
            everything.events.append(ev)
            for ex in d.executors:
                feed = per_executor.setdefault(ex.id, Feed(
                    urls.election_feed(election.id, ex.id), calendar_name(election, shorten(ex.label, EXECUTOR_IN_NAME)),
                    f"Сроки календарного плана «{election.title}» для исполнителя: {ex.name}.{example}",
                    election.timezone, owner=ex.id))
                feed.events.append(ev)
    return [everything] + [per_executor[k] for k in sorted(per_executor)]


# --- work plans ------------------------------------------------------------------
def _plan_events(plan: WorkPlan, item: PlanItem, site_url: str) -> list[FeedEvent]:
    url = site_url + urls.plan_item_url(plan.id, item.anchor)
    who = item.responsible_text or ""
    period = item.period.words or (MONTHS[item.month - 1] if item.month else "—")
    base = f"{item.text}\nСрок: {period}\nОтветственные: {who}\n{url}"
    summary = shorten(f"{item.number}. {item.text}", TITLE_LIMIT - 13)   # room for " (dd.mm.yyyy)"
    cats = tuple(r.name for r in item.responsible)
    spans: list[tuple[date, date]] = []
    if item.period.kind == "dates":
        spans = [(d, d + timedelta(days=1)) for d in item.period.dates]
    elif item.period.kind == "months":
        for first, last in month_runs(item.period.months):
            end = date(plan.year + (last == 12), last % 12 + 1, 1)
            spans.append((date(plan.year, first, 1), end))
    dated = item.period.kind == "dates"   # several dated events of one item: tell them apart
    return [FeedEvent(urls.plan_event_uid(plan.id, item.number, k),
                      f"{summary} ({s:%d.%m.%Y})" if dated and len(spans) > 1 else summary, base, s, e,
                      url, plan.approved.date, cats) for k, (s, e) in enumerate(spans, start=1)]


def plan_feeds(plan: WorkPlan, site_url: str, timezone_name: str = "Asia/Novokuznetsk") -> list[Feed]:
    if len(plan.editions) > 1:
        return versioned([(res, _plan_edition_feeds(ed, site_url, timezone_name)) for res, ed in plan.editions])
    return _plan_edition_feeds(plan, site_url, timezone_name)


def _plan_edition_feeds(plan: WorkPlan, site_url: str, timezone_name: str) -> list[Feed]:
    note = ("Пункты со сроком «весь период», «по мере необходимости», «в соответствии с утвержденными "
            "сроками» в календарь не входят: они перечислены на странице плана.")
    everything = Feed(urls.plan_feed(plan.id), shorten(plan.title, 80), f"{plan.title}. {note}", timezone_name)
    per_owner: dict[str, Feed] = {}
    for item in plan.items:
        if item.excluded:
            continue
        events = _plan_events(plan, item, site_url)
        everything.events += events
        for who in item.responsible if events else ():   # no empty feeds for owners of undated items only
            feed = per_owner.setdefault(who.id, Feed(
                urls.plan_feed(plan.id, who.id), f"План работы {plan.year} — {who.name}",
                f"Пункты плана работы на {plan.year} год, где ответственный: {who.name}. {note}", timezone_name,
                owner=who.id))
            feed.events += events
    return [everything] + [per_owner[k] for k in sorted(per_owner)]


def _content(ev: FeedEvent) -> tuple:
    return (ev.summary, ev.description, ev.start, ev.end, ev.url, ev.categories)


def versioned(editions: list[tuple[object, list[Feed]]]) -> list[Feed]:
    """Merge the feeds of successive editions so subscribed apps update what they hold.

    A changed event keeps its UID and gets SEQUENCE = the number of amendments that
    changed it, LAST-MODIFIED and DTSTAMP = the date of the last of them. An event
    that leaves a feed (item removed, executor changed) stays in that feed as
    STATUS:CANCELLED with a raised SEQUENCE, instead of silently vanishing.
    Events no amendment touched come out exactly as in the first edition.
    """
    latest: dict[str, FeedEvent] = {}     # uid -> newest version of the event
    sequence: dict[str, int] = {}         # uid -> number of amendments that changed it
    changed_on: dict = {}                 # uid -> date of the last of them
    removed: set[str] = set()             # uids whose item left the plan
    ever_in: dict[str, set[str]] = {}     # feed path -> uids it ever held
    now_in: dict[str, set[str]] = {}
    feeds: dict[str, Feed] = {}

    def bump(uid: str, resolution) -> None:
        sequence[uid] = sequence.get(uid, 0) + 1
        changed_on[uid] = resolution.date

    for k, (resolution, edition) in enumerate(editions):
        now_in = {f.path: {e.uid for e in f.events} for f in edition}
        events = {e.uid: e for f in edition for e in f.events}
        for f in edition:
            feeds.setdefault(f.path, replace(f, events=[]))
            ever_in.setdefault(f.path, set()).update(now_in[f.path])
        if k:
            for uid, event in events.items():
                if uid in latest and _content(latest[uid]) != _content(event):
                    bump(uid, resolution)
            for uid in set(latest) - set(events) - removed:
                removed.add(uid)
                bump(uid, resolution)
        latest.update(events)
    out = []
    for path, feed in feeds.items():
        for uid in ever_in[path]:
            cancelled = uid in removed or uid not in now_in.get(path, set())
            seq = sequence.get(uid, 0)
            if cancelled and seq == 0:
                seq = 1   # left this feed without other change: still newer than what subscribers hold
            feed.events.append(replace(latest[uid], sequence=seq, status=EventStatus.CANCELLED if cancelled else latest[uid].status,
                                       stamp=changed_on.get(uid, latest[uid].stamp),
                                       last_modified=changed_on.get(uid)))
        out.append(feed)
    order = [f.path for f in editions[0][1]] + sorted(feeds)
    return sorted(out, key=lambda f: order.index(f.path))


def all_feeds(corpus, site_url: str) -> list[Feed]:
    feeds = []
    for election in corpus.elections.values():
        feeds += election_feeds(election, site_url)
    for plan in corpus.plans.values():
        feeds += plan_feeds(plan, site_url)
    return feeds


class FeedIndex:
    """A build's feeds, computed once, by path and by whose they are: pages that show a feed's name, link and
    count look it up here instead of computing the election's or plan's feeds again."""

    def __init__(self, feeds: list[Feed]):
        self.feeds = feeds
        self._by_path = {f.path: f for f in feeds}
        self._by_source: dict[tuple[str, str], list[Feed]] = {}
        for f in feeds:
            self._by_source.setdefault(urls.feed_source(f.path), []).append(f)

    @classmethod
    def of(cls, corpus, site_url: str) -> "FeedIndex":
        return cls(all_feeds(corpus, site_url))

    def get(self, path: str) -> Feed | None:
        return self._by_path.get(path)

    def of_election(self, election_id: str) -> list[Feed]:
        """The election's feeds in ``election_feeds``' order (the whole plan first)."""
        return self._by_source.get(("election", election_id), [])

    def of_plan(self, plan_id: str) -> list[Feed]:
        return self._by_source.get(("plan", plan_id), [])


# --- writing ---------------------------------------------------------------------
# The calendar frame and VTIMEZONEs are written by icalendar. Events are written by
# ``event_bytes``, a direct RFC 5545 writer: icalendar folds lines one character at a
# time (about 0.6 ms an event), which made 10,000 events take 6 s. The test suite
# checks that ``event_bytes`` gives exactly icalendar's bytes for every real event.
_END = b"END:VCALENDAR\r\n"


def _utc_midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=timezone.utc)


def icalendar_event(ev: FeedEvent) -> Event:
    """The event as an icalendar component: the reference for ``event_bytes``."""
    event = Event.new(uid=ev.uid, summary=ev.summary, description=ev.description, start=ev.start,
                      end=ev.end, url=ev.url, stamp=_utc_midnight(ev.stamp),
                      categories=list(ev.categories) or (), sequence=ev.sequence or None,
                      status=ev.status, transparency="TRANSPARENT",
                      last_modified=_utc_midnight(ev.last_modified) if ev.last_modified else None)
    if ev.rrule:
        event.add("rrule", vRecur.from_ical(ev.rrule))
    return event


# RFC 5545 TEXT allows no control characters but tab: every line break (lone CR, NEL, U+2028/9)
# becomes an escaped \n, any other control character a space. Never raw in a feed.
_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def plain_text(value: str) -> str:
    """Text with only \n as line break and no control characters."""
    return _CONTROLS.sub(" ", _BREAKS.sub("\n", value))


def one_line(value: str) -> str:
    """A name or summary: one line, whatever breaks the data held."""
    return " ".join(plain_text(value).split())


def _text(value: str) -> str:
    return (plain_text(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def _fold(line: str) -> bytes:
    """Fold at 75 octets as icalendar does: never inside a UTF-8 sequence, never right after a backslash."""
    data = line.encode("utf-8")
    if len(data) < 75:
        return data + b"\r\n"
    out, start = [], 0
    while len(data) - start >= 75:
        cut = start + 74
        while data[cut] & 0xC0 == 0x80:      # a continuation byte: the character starts earlier
            cut -= 1
        last = cut - 1
        while data[last] & 0xC0 == 0x80:
            last -= 1
        if data[last] in b"\\^" and last > start:  # keep an escape together with what it escapes
            cut = last
        out.append(data[start:cut])
        start = cut
    out.append(data[start:])
    return b"\r\n ".join(out) + b"\r\n"


def _when(name: str, value: date | datetime) -> str:
    if isinstance(value, datetime):
        return f"{name};TZID={value.tzinfo.key}:{value:%Y%m%dT%H%M%S}"
    return f"{name};VALUE=DATE:{value:%Y%m%d}"


@lru_cache(maxsize=65536)
def event_bytes(ev: FeedEvent) -> bytes:
    """One VEVENT; cached, since the same event stands in several feeds (all, per executor)."""
    lines = ["BEGIN:VEVENT", f"SUMMARY:{_text(one_line(ev.summary))}", _when("DTSTART", ev.start)]
    if ev.end is not None:
        lines.append(_when("DTEND", ev.end))
    lines += [f"DTSTAMP:{ev.stamp:%Y%m%d}T000000Z", f"UID:{_text(ev.uid)}"]
    if ev.sequence:
        lines.append(f"SEQUENCE:{ev.sequence}")
    if ev.rrule:
        lines.append(f"RRULE:{ev.rrule}")
    if ev.categories:
        lines.append("CATEGORIES:" + ",".join(_text(c) for c in ev.categories))
    lines.append(f"DESCRIPTION:{_text(ev.description)}")
    if ev.last_modified:
        lines.append(f"LAST-MODIFIED:{ev.last_modified:%Y%m%d}T000000Z")
    lines += [f"STATUS:{ev.status}", "TRANSP:TRANSPARENT", f"URL:{ev.url}", "END:VEVENT"]
    return b"".join(_fold(line) for line in lines)


def _transitions(zone: ZoneInfo, first: datetime, last: datetime) -> list[datetime]:
    """UTC instants in [first, last) where the zone's offset changes (found day by day, then to the minute)."""
    out, day = [], first
    while day < last:
        nxt = day + timedelta(days=1)
        if day.astimezone(zone).utcoffset() != nxt.astimezone(zone).utcoffset():
            lo, hi = day, nxt
            while hi - lo > timedelta(minutes=1):
                mid = lo + (hi - lo) / 2
                if mid.astimezone(zone).utcoffset() == lo.astimezone(zone).utcoffset():
                    lo = mid
                else:
                    hi = mid
            out.append(hi.replace(second=0, microsecond=0))
        day = nxt
    return out


def _offset(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


@lru_cache(maxsize=None)
def vtimezone_bytes(tzid: str, first_year: int, last_year: int) -> bytes:
    """A VTIMEZONE true for the years the events fall in, from the system's tz database.

    icalendar's ``Timezone.from_tzid`` drops transitions that change only the offset (Moscow's return
    to +03 in 2014), so a client that reads the VTIMEZONE put Moscow-time deadlines an hour off.
    """
    zone = ZoneInfo(tzid)
    first = datetime(first_year, 1, 1, tzinfo=timezone.utc)
    last = datetime(last_year + 1, 1, 1, tzinfo=timezone.utc)

    def component(at: datetime, before: timedelta) -> list[str]:
        local = at.astimezone(zone)
        kind = "DAYLIGHT" if local.dst() else "STANDARD"
        onset = (at + before).replace(tzinfo=None)          # RFC 5545: DTSTART in the offset it changes from
        return [f"BEGIN:{kind}", f"DTSTART:{onset:%Y%m%dT%H%M%S}", f"TZNAME:{local.tzname()}",
                f"TZOFFSETFROM:{_offset(before)}", f"TZOFFSETTO:{_offset(local.utcoffset())}", f"END:{kind}"]

    start_offset = first.astimezone(zone).utcoffset()
    lines = ["BEGIN:VTIMEZONE", f"TZID:{tzid}"] + component(first, start_offset)
    for at in _transitions(zone, first, last):
        lines += component(at, (at - timedelta(minutes=1)).astimezone(zone).utcoffset())
    lines.append("END:VTIMEZONE")
    return b"".join(_fold(line) for line in lines)


def header_bytes(feed: Feed) -> bytes:
    """The calendar's own properties, written here so each follows its RFC exactly.

    NAME/X-WR-CALNAME/X-WR-CALDESC are TEXT (commas and semicolons escaped); REFRESH-INTERVAL needs
    VALUE=DURATION (RFC 7986 §5.7); no METHOD: RFC 5546 would then require an ORGANIZER in every event,
    and a subscribed feed is not a scheduling message.
    """
    hours = int(REFRESH.total_seconds() // 3600)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             f"UID:{_text(urls.feed_uid(feed.path))}", f"NAME:{_text(one_line(feed.name))}", f"X-WR-CALNAME:{_text(one_line(feed.name))}",
             f"DESCRIPTION:{_text(one_line(feed.description))}", f"X-WR-CALDESC:{_text(one_line(feed.description))}",
             f"REFRESH-INTERVAL;VALUE=DURATION:PT{hours}H", f"X-PUBLISHED-TTL:PT{hours}H",
             f"X-WR-TIMEZONE:{feed.timezone}"]
    return b"".join(_fold(line) for line in lines)


def to_ical(feed: Feed) -> bytes:
    timed = [v for e in feed.events for v in (e.start, e.end) if isinstance(v, datetime)]
    years = min((v.year for v in timed), default=0), max((v.year for v in timed), default=0)
    zones = b"".join(vtimezone_bytes(tzid, *years) for tzid in sorted({v.tzinfo.key for v in timed}))
    events = b"".join(event_bytes(ev) for ev in sorted(feed.events, key=lambda e: e.sort_key))
    return header_bytes(feed) + zones + events + _END
