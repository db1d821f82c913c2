"""Availability windows are cut into 30-minute slots in the school's zone,
correctly across a daylight-saving change; bad windows change nothing."""

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import ValidationError

from careerdev.interviews import services
from careerdev.interviews.models import AvailabilityWindow, MockInterviewSlot, Track, VolunteerCap
from tests import factories

from .conftest import add_window

pytestmark = pytest.mark.django_db

DENVER = zoneinfo.ZoneInfo("America/Denver")


def test_window_is_cut_into_thirty_minute_slots_in_school_time(small_school, window, week):
    starts = [s.starts_at.astimezone(DENVER) for s in window.slots.order_by("starts_at")]
    assert [s.strftime("%H:%M") for s in starts] == ["09:00", "09:30", "10:00", "10:30"]
    assert all(s.date() == week.starts_on for s in starts)
    assert VolunteerCap.objects.get(volunteer=small_school.volunteer).cap == services.DEFAULT_CAP


def test_a_window_that_is_not_a_multiple_of_thirty_minutes_drops_the_tail(small_school, week, now):
    w = add_window(
        small_school.term, small_school.volunteer, week.starts_on, "13:00", "14:10", now=now
    )
    assert w.slots.count() == 2


def test_slots_are_cut_correctly_in_a_term_spanning_the_end_of_daylight_saving():
    """Week 3 of a term starting 12 October 2026 runs 26 Oct–1 Nov; US clocks
    fall back at 2:00 on Sunday 1 November."""
    cut = services.cut_slots(
        dt.datetime(2026, 11, 1, 0, 0, tzinfo=DENVER), dt.datetime(2026, 11, 1, 3, 0, tzinfo=DENVER)
    )
    # Wall clock 0:00–3:00 that night is four real hours: eight slots, none twice.
    assert len(cut) == 8
    assert len(set(cut)) == 8
    assert all(b - a == dt.timedelta(minutes=30) for a, b in zip(cut, cut[1:], strict=False))


@pytest.mark.django_db
def test_windows_before_and_after_the_clock_change_keep_their_wall_clock_time(small_school):
    term = factories.term(small_school.school, start_date=dt.date(2026, 10, 12))
    now = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)
    before = add_window(
        term, small_school.volunteer, dt.date(2026, 10, 30), "09:00", "10:00", now=now
    )
    after = add_window(
        term, small_school.volunteer, dt.date(2026, 11, 1), "09:00", "10:00", now=now
    )
    night = add_window(
        term, small_school.volunteer, dt.date(2026, 11, 1), "00:00", "03:00", now=now
    )
    first_before = before.slots.order_by("starts_at").first().starts_at
    first_after = after.slots.order_by("starts_at").first().starts_at
    assert first_before.astimezone(dt.UTC).hour == 15  # 9:00 MDT is UTC-6
    assert first_after.astimezone(dt.UTC).hour == 16  # 9:00 MST is UTC-7
    assert [
        s.starts_at.astimezone(DENVER).strftime("%H:%M %Z")
        for s in night.slots.order_by("starts_at")
    ] == [
        "00:00 MDT",
        "00:30 MDT",
        "01:00 MDT",
        "01:30 MDT",
        "01:00 MST",
        "01:30 MST",
        "02:00 MST",
        "02:30 MST",
    ]


@pytest.mark.django_db
def test_a_time_the_clocks_skip_is_refused(small_school):
    # US clocks spring forward at 2:00 on Sunday 8 March 2026: 2:30 does not exist.
    term = factories.term(small_school.school, start_date=dt.date(2026, 2, 16))
    now = dt.datetime(2026, 2, 1, tzinfo=dt.UTC)
    with pytest.raises(ValidationError) as error:
        add_window(term, small_school.volunteer, dt.date(2026, 3, 8), "02:30", "04:00", now=now)
    assert "does not exist" in str(error.value)
    assert not AvailabilityWindow.objects.exists()


@pytest.mark.parametrize(
    ("start", "end", "day_offset", "message"),
    [
        ("10:00", "09:00", 0, "end time must be after"),
        ("10:00", "10:00", 0, "end time must be after"),
        ("09:00", "10:00", -1, "Mock interviews are in week 3"),
        ("09:00", "10:00", 7, "Mock interviews are in week 3"),
        ("09:00", "09:20", 0, "Not even one 30-minute"),
    ],
)
def test_bad_windows_are_refused_and_nothing_changes(
    small_school, week, now, start, end, day_offset, message
):
    with pytest.raises(ValidationError) as error:
        add_window(
            small_school.term,
            small_school.volunteer,
            week.starts_on + dt.timedelta(days=day_offset),
            start,
            end,
            now=now,
        )
    assert message in str(error.value)
    assert not AvailabilityWindow.objects.exists()
    assert not MockInterviewSlot.objects.exists()


def test_overlapping_window_is_refused_and_nothing_changes(small_school, window, week, now):
    with pytest.raises(ValidationError) as error:
        add_window(
            small_school.term, small_school.volunteer, week.starts_on, "10:30", "12:00", now=now
        )
    assert "overlaps your window" in str(error.value)
    assert AvailabilityWindow.objects.count() == 1
    assert MockInterviewSlot.objects.count() == 4
    # Back to back is not an overlap.
    add_window(small_school.term, small_school.volunteer, week.starts_on, "11:00", "12:00", now=now)
    assert MockInterviewSlot.objects.count() == 6


def test_window_in_the_past_is_refused(small_school, week):
    late = dt.datetime.combine(week.starts_on, dt.time(12), tzinfo=small_school.school.zone)
    with pytest.raises(ValidationError) as error:
        add_window(
            small_school.term, small_school.volunteer, week.starts_on, "09:00", "10:00", now=late
        )
    assert "already passed" in str(error.value)
    assert not AvailabilityWindow.objects.exists()


def test_only_volunteers_give_availability(small_school, week, now):
    with pytest.raises(ValidationError):
        add_window(small_school.term, small_school.staff, week.starts_on, now=now)


def test_track_and_kind_are_carried_to_every_slot(small_school, week, now):
    add_window(
        small_school.term,
        small_school.volunteer,
        week.starts_on,
        kind="technical",
        track=Track.FRONT_END,
        now=now,
    )
    assert set(MockInterviewSlot.objects.values_list("kind", "track")) == {("technical", "FE")}
