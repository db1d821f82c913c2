"""Booking rules: one student per slot, one upcoming review per student per
term, the cut-off for booking, moving and cancelling; marking held or
no-show and what the deliverables matrix reads from it."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from careerdev.reviews import selectors, services
from careerdev.reviews.models import BookingStatus, ReviewBooking
from careerdev.reviews.selectors import ReviewState
from careerdev.reviews.services import BookingRefused
from tests import factories

pytestmark = pytest.mark.django_db


def test_student_books_a_free_slot(small_school, slots, now):
    booking = services.book_slot(small_school.student_a, slots[0].pk, now=now)
    assert booking.status == BookingStatus.BOOKED
    assert booking.term == small_school.term
    assert selectors.review_state(small_school.student_a, small_school.term) == ReviewState.BOOKED
    assert slots[0] not in selectors.open_slots(small_school.term, now)


def test_booking_taken_slot_is_refused(small_school, slots, now):
    services.book_slot(small_school.student_a, slots[0].pk, now=now)
    with pytest.raises(BookingRefused, match="Someone else booked that slot"):
        services.book_slot(small_school.student_b, slots[0].pk, now=now)
    assert ReviewBooking.objects.count() == 1
    assert selectors.review_state(small_school.student_b, small_school.term) == ReviewState.NONE


def test_booking_a_past_slot_is_refused(small_school, now):
    past = factories.review_slot(
        small_school.term, small_school.staff, starts_at=now - dt.timedelta(hours=1)
    )
    with pytest.raises(BookingRefused, match="already started"):
        services.book_slot(small_school.student_a, past.pk, now=now)
    assert not ReviewBooking.objects.exists()


def test_booking_after_the_cutoff_is_refused(small_school, now):
    soon = factories.review_slot(
        small_school.term, small_school.staff, starts_at=now + dt.timedelta(hours=23)
    )
    with pytest.raises(BookingRefused, match="Bookings close 24 hours before"):
        services.book_slot(small_school.student_a, soon.pk, now=now)
    assert not ReviewBooking.objects.exists()
    assert soon not in selectors.open_slots(small_school.term, now)


def test_cutoff_is_a_setting(small_school, now, settings):
    settings.REVIEW_CHANGE_CUTOFF_HOURS = 2
    soon = factories.review_slot(
        small_school.term, small_school.staff, starts_at=now + dt.timedelta(hours=3)
    )
    services.book_slot(small_school.student_a, soon.pk, now=now)
    with pytest.raises(BookingRefused, match="less than 2 hours"):
        services.cancel_booking(
            small_school.student_a, small_school.term, now=now + dt.timedelta(hours=1, minutes=1)
        )


def test_second_booking_in_a_term_is_refused(small_school, slots, now):
    services.book_slot(small_school.student_a, slots[0].pk, now=now)
    with pytest.raises(BookingRefused, match="already have a document review booked"):
        services.book_slot(small_school.student_a, slots[1].pk, now=now)
    assert ReviewBooking.objects.filter(student=small_school.student_a).count() == 1


def test_student_not_enrolled_in_the_term_cannot_book(small_school, slots, now):
    outsider = factories.student(small_school.school)
    with pytest.raises(BookingRefused, match="Only students enrolled"):
        services.book_slot(outsider, slots[0].pk, now=now)
    assert not ReviewBooking.objects.exists()


def test_student_of_another_school_cannot_book(small_school, slots, now):
    other_school = factories.school()
    other = factories.student(other_school)
    with pytest.raises(BookingRefused):
        services.book_slot(other, slots[0].pk, now=now)
    assert not ReviewBooking.objects.exists()


def test_cancel_before_the_cutoff_frees_the_slot(small_school, slots, now):
    services.book_slot(small_school.student_a, slots[0].pk, now=now)
    booking = services.cancel_booking(small_school.student_a, small_school.term, now=now)
    assert booking.status == BookingStatus.CANCELLED
    assert booking.cancelled_at == now
    services.book_slot(small_school.student_b, slots[0].pk, now=now)
    assert selectors.review_state(small_school.student_a, small_school.term) == ReviewState.NONE


def test_cancel_after_the_cutoff_is_refused(small_school, slots, now):
    services.book_slot(small_school.student_a, slots[0].pk, now=now)  # two days ahead
    later = slots[0].starts_at - dt.timedelta(hours=23)
    with pytest.raises(BookingRefused, match="can no longer be changed"):
        services.cancel_booking(small_school.student_a, small_school.term, now=later)
    assert ReviewBooking.objects.get().status == BookingStatus.BOOKED


def test_move_before_the_cutoff_frees_the_old_slot(small_school, slots, now):
    services.book_slot(small_school.student_a, slots[0].pk, now=now)
    moved = services.move_booking(small_school.student_a, small_school.term, slots[1].pk, now=now)
    assert moved.slot == slots[1]
    assert ReviewBooking.objects.get(slot=slots[0]).status == BookingStatus.CANCELLED
    assert slots[0] in selectors.open_slots(small_school.term, now)


def test_move_after_the_cutoff_is_refused(small_school, slots, now):
    services.book_slot(small_school.student_a, slots[0].pk, now=now)
    later = slots[0].starts_at - dt.timedelta(hours=2)
    with pytest.raises(BookingRefused, match="can no longer be changed"):
        services.move_booking(small_school.student_a, small_school.term, slots[2].pk, now=later)
    assert ReviewBooking.objects.get().slot == slots[0]


def test_move_to_a_taken_slot_keeps_the_old_booking(small_school, slots, now):
    services.book_slot(small_school.student_a, slots[0].pk, now=now)
    services.book_slot(small_school.student_b, slots[1].pk, now=now)
    with pytest.raises(BookingRefused, match="Someone else booked that slot"):
        services.move_booking(small_school.student_a, small_school.term, slots[1].pk, now=now)
    mine = ReviewBooking.objects.get(student=small_school.student_a)
    assert mine.slot == slots[0] and mine.status == BookingStatus.BOOKED


def test_database_refuses_two_live_bookings_of_one_slot(small_school, slots, now):
    ReviewBooking.objects.create(
        slot=slots[0], student=small_school.student_a, term=small_school.term, booked_at=now
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewBooking.objects.create(
            slot=slots[0], student=small_school.student_b, term=small_school.term, booked_at=now
        )


def test_database_refuses_two_upcoming_bookings_of_one_student(small_school, slots, now):
    ReviewBooking.objects.create(
        slot=slots[0], student=small_school.student_a, term=small_school.term, booked_at=now
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewBooking.objects.create(
            slot=slots[1], student=small_school.student_a, term=small_school.term, booked_at=now
        )


def test_held_review_is_the_deliverable_done(small_school, slots, now):
    booking = services.book_slot(small_school.student_a, slots[0].pk, now=now)
    services.mark_booking(
        booking, BookingStatus.HELD, by=small_school.staff, now=slots[0].starts_at
    )
    term = small_school.term
    assert selectors.reviewed_students(term) == {small_school.student_a.pk}
    assert selectors.review_state(small_school.student_a, term) == ReviewState.HELD
    assert selectors.review_state(small_school.student_b, term) == ReviewState.NONE
    with pytest.raises(BookingRefused, match="already been held"):
        services.book_slot(small_school.student_a, slots[1].pk, now=now)


def test_marking_before_the_review_starts_is_refused(small_school, slots, now):
    booking = services.book_slot(small_school.student_a, slots[0].pk, now=now)
    with pytest.raises(Exception, match="not started yet"):
        services.mark_booking(booking, BookingStatus.HELD, by=small_school.staff, now=now)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED


def test_a_no_show_may_book_again_and_states_follow(small_school, slots, now):
    term = small_school.term
    first = services.book_slot(small_school.student_a, slots[0].pk, now=now)
    services.mark_booking(
        first, BookingStatus.NO_SHOW, by=small_school.staff, now=slots[0].starts_at
    )
    assert selectors.review_state(small_school.student_a, term) == ReviewState.NO_SHOW
    again = services.book_slot(small_school.student_a, slots[1].pk, now=now)
    assert selectors.review_state(small_school.student_a, term) == ReviewState.BOOKED
    services.mark_booking(again, BookingStatus.HELD, by=small_school.staff, now=slots[1].starts_at)
    services.book_slot(small_school.student_b, slots[2].pk, now=now)
    assert selectors.review_states(term) == {
        small_school.student_a.pk: ReviewState.HELD,
        small_school.student_b.pk: ReviewState.BOOKED,
    }
    assert selectors.reviewed_students(term) == {small_school.student_a.pk}


def test_reviewed_students_is_per_term(small_school, slots, now):
    booking = services.book_slot(small_school.student_a, slots[0].pk, now=now)
    services.mark_booking(
        booking, BookingStatus.HELD, by=small_school.staff, now=slots[0].starts_at
    )
    other_term = factories.term(small_school.school)
    assert selectors.reviewed_students(other_term) == set()
    assert selectors.review_state(small_school.student_a, other_term) == ReviewState.NONE
