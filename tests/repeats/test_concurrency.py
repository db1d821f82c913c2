"""Repeating students race for one meeting time: one gets it, the others are
told someone else just did. See tests/concurrency.py for how the race runs."""

import datetime as dt

import pytest

from careerdev.repeats import services
from careerdev.repeats.models import RepeatPlan
from tests import concurrency, factories

THREADS = 6


@pytest.mark.django_db(transaction=True)
def test_concurrent_bookings_of_one_meeting_time_let_exactly_one_through(small_school):
    slot = services.publish_meeting_slot(
        small_school.term,
        held_by=small_school.staff,
        starts_at=dt.datetime.now(dt.UTC) + dt.timedelta(days=1),
    )
    plans = []
    for _ in range(THREADS):
        student = factories.student(small_school.school)
        factories.enroll(student, small_school.term, small_school.be, module=4)
        plans.append(RepeatPlan.objects.create(student=student, term=small_school.term))

    outcomes = concurrency.race(
        [lambda p=p: services.book_meeting(p, slot.pk) for p in plans], (services.MeetingTaken,)
    )

    assert [o for o in outcomes if o[0] == "error"] == []
    assert [o[0] for o in outcomes].count("done") == 1
    refusals = {message for kind, message in outcomes if kind == "refused"}
    assert refusals == {"Someone has just booked that time. Please choose another."}
    assert RepeatPlan.objects.filter(meeting_slot=slot).count() == 1
