"""careerdev.ics: folding, escaping, time zones; parsed back with icalendar."""

import datetime as dt
import zoneinfo

import icalendar
import pytest

from careerdev import ics

DENVER = zoneinfo.ZoneInfo("America/Denver")
STAMP = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)


def event(**kw):
    base = {
        "uid": "x-1@example.edu",
        "starts_at": dt.datetime(2026, 10, 30, 9, tzinfo=DENVER),
        "ends_at": dt.datetime(2026, 10, 30, 9, 30, tzinfo=DENVER),
        "summary": "Mock interview",
        "stamp": STAMP,
    }
    return ics.Event(**{**base, **kw})


def test_text_is_escaped_and_read_back_unchanged():
    text = "Ana; Ben, and C\\D\nsecond line"
    cal = icalendar.Calendar.from_ical(ics.calendar([event(summary=text, description=text)]))
    [ev] = cal.walk("VEVENT")
    assert str(ev["SUMMARY"]) == text
    assert str(ev["DESCRIPTION"]) == text


def test_long_lines_are_folded_at_75_octets_without_splitting_characters():
    summary = "Entretien d’embauche — é" * 20
    text = ics.calendar([event(summary=summary)])
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    assert text.endswith("\r\n")
    [ev] = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert str(ev["SUMMARY"]) == summary


@pytest.mark.parametrize("day", [dt.date(2026, 10, 30), dt.date(2026, 11, 2)])
def test_times_on_both_sides_of_a_clock_change_read_back_as_the_same_instant(day):
    start = dt.datetime.combine(day, dt.time(9), tzinfo=DENVER)
    ev = event(starts_at=start, ends_at=start + dt.timedelta(minutes=30))
    cal = icalendar.Calendar.from_ical(ics.calendar([ev], zone=DENVER, method="REQUEST"))
    [parsed] = cal.walk("VEVENT")
    assert parsed.decoded("DTSTART") == start
    assert parsed["DTSTART"].params["TZID"] == "America/Denver"
    tz = cal.walk("VTIMEZONE")[0]
    kinds = {c.name for c in tz.subcomponents}
    assert kinds == {"STANDARD", "DAYLIGHT"}
    # The VTIMEZONE itself maps the local time to the right offset.
    offsets = {c.decoded("DTSTART"): c.decoded("TZOFFSETTO") for c in tz.subcomponents}
    in_force = max(k for k in offsets if k <= start.replace(tzinfo=None))
    assert offsets[in_force] == start.utcoffset()


def test_without_a_zone_times_are_utc():
    text = ics.calendar([event()])
    assert "DTSTART:20261030T150000Z" in text
    assert "VTIMEZONE" not in text


def test_naive_or_reversed_times_are_refused():
    with pytest.raises(ValueError):
        event(starts_at=dt.datetime(2026, 10, 30, 9))
    with pytest.raises(ValueError):
        event(ends_at=dt.datetime(2026, 10, 30, 8, tzinfo=DENVER))
