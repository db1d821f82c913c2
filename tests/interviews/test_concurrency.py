"""Many students try to book at the same moment, each from their own thread
and database connection: one slot gets one student, and a volunteer's cap
holds across different slots.

See tests/concurrency.py for how the race runs on each database."""

import pytest

from careerdev.interviews import services
from careerdev.interviews.models import BookingStatus, MockInterviewBooking, VolunteerCap
from tests import concurrency, factories

THREADS = 8


def race(students, book):
    """Each student's booking at once; `book(index, student)`."""
    return concurrency.race(
        [lambda i=i, s=s: book(i, s) for i, s in enumerate(students)], (services.BookingRefused,)
    )


def mod_4_students(small_school, n):
    students = []
    for _ in range(n):
        student = factories.student(small_school.school)
        factories.enroll(student, small_school.term, small_school.be, module=4)
        students.append(student)
    return students


@pytest.mark.django_db(transaction=True)
def test_concurrent_bookings_of_one_slot_let_exactly_one_through(small_school, week, now):
    from .conftest import add_window

    window = add_window(small_school.term, small_school.volunteer, week.starts_on, now=now)
    slot = window.slots.order_by("starts_at").first()
    students = mod_4_students(small_school, THREADS)
    outcomes = race(
        students, lambda i, s: services.book_slot(s, small_school.term, slot.pk, now=now)
    )
    assert len(outcomes) == THREADS
    assert [o for o in outcomes if o[0] == "error"] == []
    assert [o[0] for o in outcomes].count("done") == 1
    assert [m for k, m in outcomes if k == "refused"] == [services.TAKEN_MESSAGE] * (THREADS - 1)
    assert MockInterviewBooking.objects.filter(slot=slot, status=BookingStatus.BOOKED).count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_bookings_of_different_slots_hold_the_volunteers_cap(small_school, week, now):
    from .conftest import add_window

    window = add_window(
        small_school.term, small_school.volunteer, week.starts_on, "09:00", "13:00", now=now
    )
    services.set_cap(small_school.term, small_school.volunteer, 3)
    slots = list(window.slots.order_by("starts_at"))
    students = mod_4_students(small_school, THREADS)
    outcomes = race(
        students, lambda i, s: services.book_slot(s, small_school.term, slots[i].pk, now=now)
    )
    assert [o for o in outcomes if o[0] == "error"] == []
    assert [o[0] for o in outcomes].count("done") == 3
    assert {m for k, m in outcomes if k == "refused"} == {services.FULL_MESSAGE}
    assert MockInterviewBooking.objects.filter(status=BookingStatus.BOOKED).count() == 3
    assert VolunteerCap.objects.get(volunteer=small_school.volunteer).booked == 3


@pytest.mark.django_db(transaction=True)
def test_one_students_concurrent_bookings_of_two_slots_keep_one(small_school, week, now):
    from .conftest import add_window

    window = add_window(
        small_school.term, small_school.volunteer, week.starts_on, "09:00", "13:00", now=now
    )
    slots = list(window.slots.order_by("starts_at"))
    student = small_school.student_a
    outcomes = race(
        [student] * 4, lambda i, s: services.book_slot(s, small_school.term, slots[i].pk, now=now)
    )
    assert [o for o in outcomes if o[0] == "error"] == []
    assert [o[0] for o in outcomes].count("done") == 1
    assert MockInterviewBooking.objects.filter(student=student).count() == 1
