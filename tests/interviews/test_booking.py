"""Booking rules: Mod 4 only, the student's track, one booking per student
and per slot, the volunteer's cap, the cut-off for changes."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from careerdev.interviews import services
from careerdev.interviews.models import BookingStatus, MockInterviewBooking, Track, VolunteerCap
from tests import factories

from .conftest import add_window

pytestmark = pytest.mark.django_db


def slots_of(window):
    return list(window.slots.order_by("starts_at"))


def test_mod_4_student_books_a_slot_and_the_cap_counts_it(small_school, window, now):
    slot = slots_of(window)[0]
    booking = services.book_slot(small_school.student_a, small_school.term, slot.pk, now=now)
    assert booking.slot == slot and booking.status == BookingStatus.BOOKED
    assert VolunteerCap.objects.get(volunteer=small_school.volunteer).booked == 1


def test_booking_a_taken_slot_is_refused(small_school, window, now):
    slot = slots_of(window)[0]
    services.book_slot(small_school.student_a, small_school.term, slot.pk, now=now)
    with pytest.raises(services.BookingRefused, match="Someone else booked"):
        services.book_slot(small_school.student_b, small_school.term, slot.pk, now=now)


def test_a_second_booking_is_refused(small_school, window, now):
    first, second = slots_of(window)[:2]
    services.book_slot(small_school.student_a, small_school.term, first.pk, now=now)
    with pytest.raises(services.BookingRefused, match="already have a mock interview"):
        services.book_slot(small_school.student_a, small_school.term, second.pk, now=now)
    assert MockInterviewBooking.objects.count() == 1


def test_a_slot_for_another_track_is_refused(small_school, week, now):
    fe = add_window(
        small_school.term, small_school.volunteer, week.starts_on, track=Track.FRONT_END, now=now
    )
    with pytest.raises(services.BookingRefused, match="Front-end track"):
        services.book_slot(small_school.student_a, small_school.term, slots_of(fe)[0].pk, now=now)
    assert not MockInterviewBooking.objects.exists()


def test_a_slot_of_the_students_own_track_is_booked(small_school, week, now):
    be = add_window(
        small_school.term, small_school.volunteer, week.starts_on, track=Track.BACK_END, now=now
    )
    slot = slots_of(be)[0]
    booking = services.book_slot(small_school.student_a, small_school.term, slot.pk, now=now)
    stored = MockInterviewBooking.objects.get()
    assert stored == booking
    assert (stored.student, stored.slot, stored.term) == (
        small_school.student_a,
        slot,
        small_school.term,
    )
    assert stored.status == BookingStatus.BOOKED and stored.booked_at == now


def test_students_outside_mod_4_cannot_book(small_school, window, now):
    with pytest.raises(services.BookingRefused, match="Mod 4"):
        services.book_slot(
            small_school.other_cohort_student, small_school.term, slots_of(window)[0].pk, now=now
        )


def test_the_volunteers_cap_is_held(small_school, window, now):
    services.set_cap(small_school.term, small_school.volunteer, 1)
    first, second = slots_of(window)[:2]
    services.book_slot(small_school.student_a, small_school.term, first.pk, now=now)
    with pytest.raises(services.BookingRefused, match="reached the number of interviews"):
        services.book_slot(small_school.student_b, small_school.term, second.pk, now=now)
    assert VolunteerCap.objects.get(volunteer=small_school.volunteer).booked == 1


def test_the_cap_cannot_go_below_the_interviews_booked(small_school, window, now):
    services.set_cap(small_school.term, small_school.volunteer, 2)
    first, second = slots_of(window)[:2]
    services.book_slot(small_school.student_a, small_school.term, first.pk, now=now)
    services.book_slot(small_school.student_b, small_school.term, second.pk, now=now)
    with pytest.raises(ValidationError, match="cannot be lower"):
        services.set_cap(small_school.term, small_school.volunteer, 1)
    assert VolunteerCap.objects.get(volunteer=small_school.volunteer).cap == 2


def test_cancelling_frees_the_slot_and_the_cap(small_school, window, now):
    services.set_cap(small_school.term, small_school.volunteer, 1)
    slot = slots_of(window)[0]
    services.book_slot(small_school.student_a, small_school.term, slot.pk, now=now)
    services.cancel_booking(small_school.student_a, small_school.term, now=now)
    assert VolunteerCap.objects.get(volunteer=small_school.volunteer).booked == 0
    services.book_slot(small_school.student_b, small_school.term, slot.pk, now=now)


def test_moving_keeps_one_booking_and_frees_the_old_slot(small_school, window, now):
    first, second = slots_of(window)[:2]
    services.book_slot(small_school.student_a, small_school.term, first.pk, now=now)
    moved = services.move_booking(small_school.student_a, small_school.term, second.pk, now=now)
    assert moved.slot == second
    assert MockInterviewBooking.objects.filter(status=BookingStatus.BOOKED).count() == 1
    assert VolunteerCap.objects.get(volunteer=small_school.volunteer).booked == 1
    services.book_slot(small_school.student_b, small_school.term, first.pk, now=now)


def test_booking_and_changes_close_at_the_cut_off(small_school, window, now):
    first, second = slots_of(window)[:2]
    services.book_slot(small_school.student_a, small_school.term, first.pk, now=now)
    late = first.starts_at - dt.timedelta(hours=23)
    with pytest.raises(services.BookingRefused, match="less than 24 hours"):
        services.cancel_booking(small_school.student_a, small_school.term, now=late)
    with pytest.raises(services.BookingRefused, match="less than 24 hours"):
        services.move_booking(small_school.student_a, small_school.term, second.pk, now=late)
    with pytest.raises(services.BookingRefused, match="Bookings close 24 hours"):
        services.book_slot(small_school.student_b, small_school.term, second.pk, now=late)
    assert MockInterviewBooking.objects.get().slot == first


def test_removing_a_window_with_a_booking_is_refused(small_school, window, now):
    services.book_slot(small_school.student_a, small_school.term, slots_of(window)[0].pk, now=now)
    with pytest.raises(ValidationError, match="cannot be removed"):
        services.remove_window(window)


def test_a_slot_of_another_schools_term_cannot_be_booked(small_school, now):
    other = factories.school()
    term = factories.term(other)
    volunteer = factories.volunteer(other)
    w = add_window(term, volunteer, services.interview_week(term).starts_on, now=now)
    with pytest.raises(services.BookingRefused, match="no longer exists"):
        services.book_slot(small_school.student_a, small_school.term, slots_of(w)[0].pk, now=now)
