"""Many students try to book one slot at the same moment, each from their own
thread and database connection: exactly one gets it, every other one is
told clearly that someone else got there first.

On PostgreSQL the threads really race and the slot's row lock plus the
unique constraint decide. SQLite has one writer at a time and its shared
in-memory test database reports a lock clash as an error instead of
waiting, so there the threads take turns: the test then proves the same
outcome without the race (it is never skipped, which CI forbids)."""

import threading

import pytest
from django.db import connection

from careerdev.reviews import services
from careerdev.reviews.models import BookingStatus, ReviewBooking
from tests import factories

THREADS = 8


@pytest.mark.django_db(transaction=True)
def test_concurrent_bookings_of_one_slot_let_exactly_one_through(small_school, now):
    slot = factories.review_slot(small_school.term, small_school.staff)
    students = []
    for _ in range(THREADS):
        student = factories.student(small_school.school)
        factories.enroll(student, small_school.term, small_school.be)
        students.append(student)

    start = threading.Barrier(THREADS)
    turns = threading.Lock() if connection.vendor == "sqlite" else None
    outcomes: list[tuple[str, str]] = []
    record = threading.Lock()

    def attempt(student):
        from django.db import connection as own_connection

        try:
            start.wait(timeout=30)
            try:
                if turns:
                    with turns:
                        services.book_slot(student, slot.pk)
                else:
                    services.book_slot(student, slot.pk)
            except services.BookingRefused as refusal:
                outcome = ("refused", refusal.message)
            except Exception as error:  # noqa: BLE001 (reported by the assertion below)
                outcome = ("error", repr(error))
            else:
                outcome = ("booked", "")
            with record:
                outcomes.append(outcome)
        finally:
            own_connection.close()

    threads = [threading.Thread(target=attempt, args=(s,)) for s in students]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    assert len(outcomes) == THREADS
    assert [o for o in outcomes if o[0] == "error"] == []
    assert [o[0] for o in outcomes].count("booked") == 1
    refusals = [message for kind, message in outcomes if kind == "refused"]
    assert refusals == [services.TAKEN_MESSAGE] * (THREADS - 1)
    live = ReviewBooking.objects.filter(slot=slot, status=BookingStatus.BOOKED)
    assert live.count() == 1
    assert ReviewBooking.objects.count() == 1
