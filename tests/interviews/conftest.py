"""Mock-interview fixtures: the small school's term, its interview week and a
volunteer's morning of availability in it."""

import datetime as dt

import pytest

from careerdev.interviews import services
from careerdev.interviews.models import InterviewKind, Track


@pytest.fixture
def week(small_school):
    return services.interview_week(small_school.term)


@pytest.fixture
def now(week):
    """A week before the interview week, in the school's zone."""
    return dt.datetime.combine(week.starts_on - dt.timedelta(days=7), dt.time(9), tzinfo=dt.UTC)


def add_window(term, volunteer, day, start="09:00", end="10:00", *, now, kind=None, track=None):
    return services.add_window(
        term,
        volunteer,
        day=day,
        start_time=dt.time.fromisoformat(start),
        end_time=dt.time.fromisoformat(end),
        kind=kind or InterviewKind.BOTH,
        track=track or Track.ANY,
        now=now,
    )


@pytest.fixture
def window(small_school, week, now):
    """Monday of the interview week, 9:00–11:00 school time: four slots, any track."""
    return add_window(
        small_school.term, small_school.volunteer, week.starts_on, "09:00", "11:00", now=now
    )
