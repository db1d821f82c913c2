"""Assigning everyone left: the min-cost-flow matching places as many
students as any assignment could (checked by brute force on small cases),
never breaks track fit or a cap, and leaves existing bookings where they are."""

import itertools
import random

import pytest

from careerdev.interviews import matching, services
from careerdev.interviews.models import BookingStatus, MockInterviewBooking, Track, VolunteerCap
from tests import factories

from .conftest import add_window


def brute_force_best(seekers, openings, caps):
    """The most seekers any valid assignment places: try every choice."""
    options = [[None] + [o for o in openings if matching.fits(o, s)] for s in seekers]
    best = 0
    for choice in itertools.product(*options):
        used = [o for o in choice if o is not None]
        if len({o.id for o in used}) != len(used):
            continue
        load: dict[int, int] = {}
        for o in used:
            load[o.volunteer_id] = load.get(o.volunteer_id, 0) + 1
        if any(n > caps.get(v, 0) for v, n in load.items()):
            continue
        best = max(best, len(used))
    return best


def check_valid(result, seekers, openings, caps):
    by_id = {o.id: o for o in openings}
    seeker = {s.id: s for s in seekers}
    assert len(set(result.values())) == len(result)
    load: dict[int, int] = {}
    for s, o in result.items():
        assert matching.fits(by_id[o], seeker[s])
        load[by_id[o].volunteer_id] = load.get(by_id[o].volunteer_id, 0) + 1
    assert all(n <= caps.get(v, 0) for v, n in load.items())


@pytest.mark.parametrize("seed", range(60))
def test_matching_is_optimal_against_brute_force(seed):
    rng = random.Random(seed)
    seekers = [matching.Seeker(i, rng.choice(["FE", "BE"])) for i in range(rng.randint(1, 5))]
    openings = [
        matching.Opening(100 + j, rng.randint(1, 3), rng.choice(["FE", "BE", "any"]), j)
        for j in range(rng.randint(1, 6))
    ]
    caps = {v: rng.randint(0, 2) for v in (1, 2, 3)}
    result = matching.assign(seekers, openings, caps)
    check_valid(result, seekers, openings, caps)
    assert len(result) == brute_force_best(seekers, openings, caps)


def test_a_greedy_trap_is_avoided():
    """A greedy pass would give the first FE student the only "any" slot and
    leave the BE student without one; the matching places both."""
    seekers = [matching.Seeker(1, "FE"), matching.Seeker(2, "BE")]
    openings = [matching.Opening(10, 1, "any", 0), matching.Opening(11, 2, "FE", 1)]
    result = matching.assign(seekers, openings, {1: 1, 2: 1})
    assert result == {1: 11, 2: 10}


@pytest.mark.django_db
def test_assign_unbooked_keeps_existing_bookings_and_respects_track_and_cap(
    small_school, week, now
):
    fe_students = []
    for _ in range(2):
        s = factories.student(small_school.school)
        factories.enroll(s, small_school.term, small_school.fe, module=4)
        fe_students.append(s)
    other = factories.volunteer(small_school.school)
    be = add_window(
        small_school.term,
        small_school.volunteer,
        week.starts_on,
        "09:00",
        "10:30",
        track=Track.BACK_END,
        now=now,
    )
    anyw = add_window(
        small_school.term, other, week.starts_on, "09:00", "10:30", track=Track.ANY, now=now
    )
    services.set_cap(small_school.term, other, 2)
    kept = services.book_slot(
        small_school.student_a,
        small_school.term,
        be.slots.order_by("starts_at").first().pk,
        now=now,
    )

    made = services.assign_unbooked(small_school.term, by=small_school.staff, now=now)

    assert {b.student for b in made} == {small_school.student_b, *fe_students}
    kept.refresh_from_db()
    assert kept.status == BookingStatus.BOOKED
    live = MockInterviewBooking.objects.filter(status=BookingStatus.BOOKED).select_related("slot")
    assert live.count() == 4
    for b in live:
        assert b.slot.fits(b.term.enrollments.get(student=b.student).cohort.program.code)
    assert VolunteerCap.objects.get(volunteer=other).booked == 2
    assert all(b.slot.window_id == anyw.pk for b in live if b.student in fe_students)
    # Nothing left to do: a second run books nobody.
    assert services.assign_unbooked(small_school.term, by=small_school.staff, now=now) == []
