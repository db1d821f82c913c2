"""Many students try to book one slot at the same moment, each from their own
thread and database connection: exactly one gets it, every other one is
told clearly that someone else got there first.

See tests/concurrency.py for how the race runs on each database."""

import pytest

from careerdev.reviews import services
from careerdev.reviews.models import BookingStatus, ReviewBooking
from tests import concurrency, factories

THREADS = 8


@pytest.mark.django_db(transaction=True)
def test_concurrent_bookings_of_one_slot_let_exactly_one_through(small_school, now):
    slot = factories.review_slot(small_school.term, small_school.staff)
    students = []
    for _ in range(THREADS):
        student = factories.student(small_school.school)
        factories.enroll(student, small_school.term, small_school.be)
        students.append(student)

    outcomes = concurrency.race(
        [lambda s=s: services.book_slot(s, slot.pk) for s in students],
        (services.BookingRefused,),
    )

    assert len(outcomes) == THREADS
    assert [o for o in outcomes if o[0] == "error"] == []
    assert [o[0] for o in outcomes].count("done") == 1
    refusals = [message for kind, message in outcomes if kind == "refused"]
    assert refusals == [services.TAKEN_MESSAGE] * (THREADS - 1)
    live = ReviewBooking.objects.filter(slot=slot, status=BookingStatus.BOOKED)
    assert live.count() == 1
    assert ReviewBooking.objects.count() == 1
