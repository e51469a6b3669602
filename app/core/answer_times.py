"""When support can be expected to answer: working-time arithmetic on IT's declared targets.

IT declares a target per priority (``answers.targets``, optionally per category in
``answers.category_targets``) in *working* hours, the support hours and the holidays; this
module turns "submitted at 16:30 on Friday, high priority" into "by about Tuesday 11:00"
when Monday is a public holiday. It never invents a date: without a target for the
priority, or without support hours it can read, :func:`expected_by` returns None and the
faces promise nothing.

Holidays come from the ``holidays`` package (maintained, many countries and their regions).
The arithmetic is the small loop below rather than a library: ``businesstimedelta`` had its
last release in 2019, ``workalendar`` is in maintenance and has no "add N working hours", and
``business-duration`` only measures the time between two moments. The loop walks the
support windows in the support desk's wall-clock time, so a change to or from summer time
moves nothing a person would notice.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.core.model import Message, NewTicket, Priority, Status, Ticket
from app.core.outbox import Outbox

#: Day names IT may write, in English and German, Monday = 0.
_DAYS = {
    name: number
    for number, names in enumerate(
        (
            ("mon", "monday", "mo", "montag"),
            ("tue", "tues", "tuesday", "tu", "di", "dienstag"),
            ("wed", "wednesday", "we", "mi", "mittwoch"),
            ("thu", "thur", "thurs", "thursday", "th", "do", "donnerstag"),
            ("fri", "friday", "fr", "freitag"),
            ("sat", "saturday", "sa", "samstag", "sonnabend"),
            ("sun", "sunday", "su", "so", "sonntag"),
        )
    )
    for name in names
}
_DASH = r"\s*(?:-|–|—|to|bis)\s*"
_DAY = r"(?:" + "|".join(sorted(_DAYS, key=len, reverse=True)) + r")\b\.?"
_TIME = r"\d{1,2}(?:[:.]\d{2})?"
_TOKEN = re.compile(
    rf"(?P<days>{_DAY}(?:{_DASH}{_DAY})?)|(?P<times>{_TIME}{_DASH}{_TIME})", re.IGNORECASE
)
#: What may stand between the parts: spaces, commas, semicolons, "and", "Uhr", "h".
_FILLER = re.compile(r"^(?:[\s,;/&+]|and|und|uhr|h\b)*$", re.IGNORECASE)
_MAX_DAYS = 3 * 366  # a target that needs longer than this is not a promise anyone keeps


class Settings(Protocol):
    """What is read here of :class:`app.core.config.Config` (core.config imports the schema,
    which checks hours with :func:`parse_hours`, so this module does not import it)."""

    def __getitem__(self, key: str) -> Any: ...


class HoursError(ValueError):
    """Support hours that cannot be read; ``text`` is the part that was not understood."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


#: Weekday (Monday = 0) → the open windows of that day in minutes after midnight.
Hours = dict[int, tuple[tuple[int, int], ...]]


def _minutes(text: str) -> int:
    hour, _, minute = text.replace(".", ":").partition(":")
    value = int(hour) * 60 + int(minute or 0)
    if int(minute or 0) >= 60 or value > 24 * 60:
        raise HoursError(text)
    return value


def _day_span(text: str) -> list[int]:
    parts = [p.strip().rstrip(".").lower() for p in re.split(_DASH, text, flags=re.IGNORECASE)]
    if not all(p in _DAYS for p in parts):
        raise HoursError(text)
    first, last = _DAYS[parts[0]], _DAYS[parts[-1]]
    return [(first + i) % 7 for i in range((last - first) % 7 + 1)]


def parse_hours(text: str) -> Hours:
    """Read support hours such as ``"Mon–Fri 8:00–18:00"``, ``"Mo–Do 8–17; Fr 8–14 Uhr"`` or
    ``"Mon–Fri 8:00–12:00, 13:00–17:00"``. Raises :class:`HoursError` on anything else, so a
    sentence IT wrote for people ("by appointment") is never guessed at."""
    hours: dict[int, list[tuple[int, int]]] = {}
    days: list[int] = []
    days_used = True
    end = 0
    for match in _TOKEN.finditer(text):
        if not _FILLER.match(text[end : match.start()]):
            raise HoursError(text[end : match.start()].strip())
        end = match.end()
        if match.group("days"):
            days = (days if not days_used else []) + _day_span(match.group("days"))
            days_used = False
            continue
        if not days:
            raise HoursError(match.group(0))
        start, stop = (_minutes(t) for t in re.split(_DASH, match.group("times")))
        if stop <= start:
            raise HoursError(match.group(0))
        for day in days:
            hours.setdefault(day, []).append((start, stop))
        days_used = True
    if not _FILLER.match(text[end:]) or not hours:
        raise HoursError(text[end:].strip() or text)
    return {day: tuple(sorted(windows)) for day, windows in hours.items()}


def closed_days(holidays_spec: str, extra: tuple[str, ...] = ()) -> Callable[[date], bool]:
    """A test for "support is closed all day": public holidays of ``holidays_spec`` ("DE",
    "DE-BY", "AT-9"; "" for none) and IT's own dates ("2026-12-24")."""
    own = {date.fromisoformat(d) for d in extra}
    if not holidays_spec:
        return own.__contains__
    import holidays  # only when a promise is computed: it is not needed for the first paint

    country, _, subdiv = holidays_spec.partition("-")
    calendar = holidays.country_holidays(country.upper(), subdiv=subdiv.upper() or None)
    return lambda day: day in own or day in calendar


class Zone:
    """The support desk's wall clock: an IANA zone, or this computer's own zone."""

    def __init__(self, name: str = "") -> None:
        self.zone = ZoneInfo(name) if name else None

    def wall(self, moment: datetime) -> datetime:
        local = moment.astimezone(self.zone) if self.zone else moment.astimezone()
        return local.replace(tzinfo=None)

    def moment(self, wall: datetime) -> datetime:
        return wall.replace(tzinfo=self.zone) if self.zone else wall.astimezone()


def add_working_time(
    start: datetime, amount: timedelta, hours: Hours, closed: Callable[[date], bool], zone: Zone
) -> datetime | None:
    """``start`` plus ``amount`` counted only inside the support windows, on days that are
    not closed; None when the windows never add up to it (no hours at all)."""
    wall = zone.wall(start)
    left = amount
    day = wall.date()
    for _ in range(_MAX_DAYS):
        if not closed(day):
            midnight = datetime.combine(day, datetime.min.time())
            for open_, close in hours.get(day.weekday(), ()):
                begin = max(wall, midnight + timedelta(minutes=open_))
                end = midnight + timedelta(minutes=close)
                if end <= begin:
                    continue
                if left <= end - begin:
                    return zone.moment(begin + left)
                left -= end - begin
        day += timedelta(days=1)
    return None


@dataclass(frozen=True)
class Promise:
    """When an answer can be expected, and who says so.

    ``source`` is "target" (IT's declared working hours, ``hours`` of them) or "helpdesk"
    (a due date the helpdesk set on the ticket itself)."""

    due: datetime
    source: str
    priority: Priority = Priority.NORMAL
    hours: float = 0.0

    def late(self, now: datetime) -> bool:
        return now >= self.due


def target_hours(config: Settings, priority: Priority, category: str = "") -> float:
    """IT's target for ``priority`` (in ``category`` when it has its own), 0 when none."""
    own = (config["answers.category_targets"] or {}).get(category) or {}
    value = own.get(priority.value) or (config["answers.targets"] or {}).get(priority.value)
    return float(value or 0)


def support_hours(config: Settings) -> Hours | None:
    """The support windows: ``answers.hours``, else the branding's ``support_hours`` when it
    is written in a form :func:`parse_hours` reads; None when neither can be read."""
    for key in ("answers.hours", "branding.support_hours"):
        if config[key]:
            try:
                return parse_hours(config[key])
            except HoursError:
                continue
    return None


def expected_by(
    config: Settings,
    reached: datetime,
    priority: Priority,
    category: str = "",
    helpdesk_due: datetime | None = None,
) -> Promise | None:
    """The promise for a request that reached support at ``reached``: the helpdesk's own due
    date when it set one, else IT's target counted in working time; None when neither is
    known (and always for the local store, which sends nothing to anyone)."""
    if config["backend.type"] == "local":  # a Mapping here, not only a Config
        return None
    if helpdesk_due is not None:
        return Promise(helpdesk_due, "helpdesk", priority)
    hours_wanted = target_hours(config, priority, category)
    windows = support_hours(config) if hours_wanted else None
    if not windows:
        return None
    try:
        zone = Zone(config["answers.timezone"])
        closed = closed_days(config["answers.holidays"], tuple(config["answers.closed_days"]))
    except (ZoneInfoNotFoundError, NotImplementedError, KeyError, ValueError):
        return None  # the schema checks these; a calendar missing at run time promises nothing
    due = add_working_time(reached, timedelta(hours=hours_wanted), windows, closed, zone)
    return Promise(due, "target", priority, hours_wanted) if due else None


def for_ticket(
    config: Settings,
    outbox: Outbox,
    ticket: Ticket,
    messages: list[Message],
    helpdesk_due: datetime | None = None,
) -> Promise | None:
    """The promise *My requests* shows for ``ticket`` while it is new or open: the due date
    the helpdesk set, if it set one; else IT's target, only while support has not answered
    yet (no message from support), counted from when the helpdesk recorded the request, for
    the priority and category the person filed (read from the outbox, since most helpdesks
    do not report them back; a request not filed from here gets no target promise)."""
    if ticket.status not in (Status.NEW, Status.OPEN):
        return None
    if helpdesk_due is not None:
        return expected_by(config, ticket.created_at, ticket.priority, "", helpdesk_due)
    if any(not message.from_requester for message in messages):
        return None
    item = outbox.filed_as(ticket.id)
    if item is None:
        return None
    filed = NewTicket.from_dict(item.payload)
    return expected_by(config, ticket.created_at, filed.priority, filed.category)
