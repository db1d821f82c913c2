"""Status derivation: excused, done (late or not), overdue from the due
moment in the school's zone, in progress, not started."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from careerdev.deliverables.status import Evidence, Status, derive, needs_help

DENVER = ZoneInfo("America/Denver")
DUE = dt.datetime(2026, 12, 11, 23, 59, tzinfo=DENVER)  # Friday of week 5


def at(minutes_from_due: int) -> dt.datetime:
    return DUE + dt.timedelta(minutes=minutes_from_due)


@pytest.mark.parametrize(
    ("evidence", "now", "excused", "expected"),
    [
        (Evidence(), at(-60), False, Status.NOT_STARTED),
        (Evidence(started=True), at(-60), False, Status.IN_PROGRESS),
        (Evidence(started=True), at(-1), False, Status.IN_PROGRESS),
        (Evidence(started=True), at(0), False, Status.OVERDUE),  # at the due moment
        (Evidence(), at(1), False, Status.OVERDUE),
        (Evidence(started=True, done=True), at(60), False, Status.DONE),
        (Evidence(started=True, done=True, done_at=at(30)), at(60), False, Status.DONE),  # late
        (Evidence(), at(600), True, Status.EXCUSED),
        (Evidence(started=True, done=True), at(60), True, Status.EXCUSED),
    ],
)
def test_status_is_derived_from_evidence_and_the_clock(evidence, now, excused, expected):
    assert derive(evidence, DUE, now, excused=excused) == expected


def test_the_due_moment_is_in_the_schools_zone_not_utc():
    # 23:59 in Denver is 06:59 UTC the next day: at 00:30 UTC it is not yet due.
    utc_half_past_midnight = dt.datetime(2026, 12, 12, 0, 30, tzinfo=dt.UTC)
    assert derive(Evidence(), DUE, utc_half_past_midnight, excused=False) == Status.NOT_STARTED
    utc_seven = dt.datetime(2026, 12, 12, 7, 0, tzinfo=dt.UTC)
    assert derive(Evidence(), DUE, utc_seven, excused=False) == Status.OVERDUE


def test_needs_help_when_overdue_or_due_soon_with_nothing_started():
    assert needs_help(Status.OVERDUE, DUE, at(5))
    assert needs_help(Status.NOT_STARTED, DUE, DUE - dt.timedelta(days=2))
    assert not needs_help(Status.NOT_STARTED, DUE, DUE - dt.timedelta(days=5))
    assert not needs_help(Status.IN_PROGRESS, DUE, DUE - dt.timedelta(days=1))
    assert not needs_help(Status.EXCUSED, DUE, at(5))
