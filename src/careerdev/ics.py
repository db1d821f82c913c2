"""iCalendar (RFC 5545) text: pure functions, no Django.

Builds VCALENDAR/VEVENT text with CRLF line ends, lines folded at 75 octets
and TEXT values escaped. Times are written with the TZID of the school's zone
and a VTIMEZONE built from the zone's own transitions (zoneinfo), so every
client shows the wall-clock time the school meant, across daylight-saving
changes. Mock-interview invitations use it today; calendar feeds can pass
many events (and no METHOD) to `calendar()` later.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

PRODID = "-//careerdev//careerdev//EN"
_UTC = dt.UTC


@dataclass(frozen=True)
class Person:
    """An organizer or attendee: an email address and a display name."""

    email: str
    name: str = ""


@dataclass(frozen=True)
class Event:
    """One VEVENT. `uid` must stay the same for every version of the event
    (raise `sequence` when it changes) so clients update instead of duplicating."""

    uid: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    summary: str
    stamp: dt.datetime
    description: str = ""
    location: str = ""
    url: str = ""
    organizer: Person | None = None
    attendees: Sequence[Person] = field(default_factory=tuple)
    sequence: int = 0
    status: str = "CONFIRMED"

    def __post_init__(self):
        for moment in (self.starts_at, self.ends_at, self.stamp):
            if moment.tzinfo is None:
                raise ValueError("iCalendar events need time-zone-aware datetimes.")
        if self.ends_at <= self.starts_at:
            raise ValueError("An event must end after it starts.")


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma, newline."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _param(value: str) -> str:
    """A parameter value: quoted, with characters a quoted string cannot hold dropped."""
    return '"' + value.replace('"', "'").replace("\r", " ").replace("\n", " ") + '"'


def fold(line: str) -> str:
    """Fold one content line at 75 octets (§3.1), never inside a UTF-8 character."""
    out: list[str] = []
    current, size, limit = [], 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append("".join(current))
            current, size, limit = [], 0, 74  # continuation lines start with a space
        current.append(char)
        size += width
    out.append("".join(current))
    return "\r\n ".join(out)


def format_utc(moment: dt.datetime) -> str:
    return moment.astimezone(_UTC).strftime("%Y%m%dT%H%M%SZ")


def format_local(moment: dt.datetime, zone: zoneinfo.ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%Y%m%dT%H%M%S")


def _transitions(
    zone: zoneinfo.ZoneInfo, start: dt.datetime, end: dt.datetime
) -> list[dt.datetime]:
    """The UTC instants at which the zone's offset changes between start and end."""
    found = []
    step = dt.timedelta(days=1)
    cursor = start.astimezone(_UTC)
    end = end.astimezone(_UTC)
    while cursor < end:
        nxt = cursor + step
        if cursor.astimezone(zone).utcoffset() != nxt.astimezone(zone).utcoffset():
            low, high = cursor, nxt
            while high - low > dt.timedelta(minutes=1):
                mid = low + (high - low) / 2
                if mid.astimezone(zone).utcoffset() == low.astimezone(zone).utcoffset():
                    low = mid
                else:
                    high = mid
            found.append(high.replace(second=0, microsecond=0))
        cursor = nxt
    return found


def _offset(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}{minutes % 60:02d}"


def vtimezone_lines(zone: zoneinfo.ZoneInfo, start: dt.datetime, end: dt.datetime) -> list[str]:
    """A VTIMEZONE for `zone` covering start–end: one STANDARD or DAYLIGHT
    observance for the offset in force at `start` and one per transition."""
    begin = start.astimezone(_UTC) - dt.timedelta(days=400)
    finish = end.astimezone(_UTC) + dt.timedelta(days=400)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{zone.key}"]
    first = begin.astimezone(zone)
    changes = [(begin, first.utcoffset(), first)]
    for instant in _transitions(zone, begin, finish):
        before = (instant - dt.timedelta(minutes=1)).astimezone(zone).utcoffset()
        changes.append((instant, before, instant.astimezone(zone)))
    for instant, offset_from, local in changes:
        kind = "DAYLIGHT" if local.dst() else "STANDARD"
        # DTSTART of an observance is the local time in the offset it replaces.
        onset = (instant + offset_from).replace(tzinfo=None)
        lines += [
            f"BEGIN:{kind}",
            f"DTSTART:{onset:%Y%m%dT%H%M%S}",
            f"TZOFFSETFROM:{_offset(offset_from)}",
            f"TZOFFSETTO:{_offset(local.utcoffset())}",
            f"TZNAME:{escape_text(local.tzname() or zone.key)}",
            f"END:{kind}",
        ]
    lines.append("END:VTIMEZONE")
    return lines


def event_lines(event: Event, zone: zoneinfo.ZoneInfo | None) -> list[str]:
    """The VEVENT's content lines (unfolded); times with TZID when `zone` is given, else UTC."""

    def when(name: str, moment: dt.datetime) -> str:
        if zone is None:
            return f"{name}:{format_utc(moment)}"
        return f"{name};TZID={zone.key}:{format_local(moment, zone)}"

    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{format_utc(event.stamp)}",
        when("DTSTART", event.starts_at),
        when("DTEND", event.ends_at),
        f"SEQUENCE:{event.sequence}",
        f"STATUS:{event.status}",
        f"SUMMARY:{escape_text(event.summary)}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.url:
        lines.append(f"URL:{event.url}")
    if event.organizer:
        cn = f";CN={_param(event.organizer.name)}" if event.organizer.name else ""
        lines.append(f"ORGANIZER{cn}:mailto:{event.organizer.email}")
    for person in event.attendees:
        cn = f";CN={_param(person.name)}" if person.name else ""
        lines.append(
            f"ATTENDEE{cn};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE"
            f":mailto:{person.email}"
        )
    lines.append("END:VEVENT")
    return lines


def calendar(
    events: Iterable[Event],
    *,
    zone: zoneinfo.ZoneInfo | None = None,
    method: str | None = None,
    name: str = "",
) -> str:
    """A whole VCALENDAR as text (CRLF line ends, folded). With `zone`, events
    carry TZID and one VTIMEZONE covers them all; `method` is e.g. REQUEST for
    an invitation by email, None for a subscribed feed."""
    events = list(events)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    if method:
        lines.append(f"METHOD:{method}")
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    if zone is not None and events:
        lines += vtimezone_lines(
            zone, min(e.starts_at for e in events), max(e.ends_at for e in events)
        )
    for event in events:
        lines += event_lines(event, zone)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def invitation(event: Event, zone: zoneinfo.ZoneInfo) -> str:
    """A single-event invitation to attach to an email (METHOD:REQUEST)."""
    return calendar([event], zone=zone, method="REQUEST")
