"""Repeat plans: opened for Mod 4 repeaters, the proposal from their first
Mod 4 self-evaluation, the meeting, goals, check-ins and each plan's status."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from careerdev.repeats import selectors, services
from careerdev.repeats.models import RepeatPlan
from careerdev.repeats.selectors import PlanStatus
from tests import factories

from .factories import repeater as make_repeater

pytestmark = pytest.mark.django_db


@pytest.fixture
def repeater(small_school):
    return small_school, make_repeater(small_school)


def test_a_plan_opens_for_each_mod_4_repeater_only_once(repeater):
    school, plan = repeater
    assert services.open_plans(school.term) == 0
    assert RepeatPlan.objects.count() == 1


def test_the_proposal_puts_the_lowest_rated_competencies_first(repeater):
    school, plan = repeater
    found = selectors.proposal(school.student_b, school.term)
    assert [r.competency for r in found.ratings][:3] == [
        "interviewing",
        "negotiations",
        "job_search",
    ]
    assert found.evaluation.term.name == "First time"


def test_a_goal_needs_an_action_a_measure_and_a_week_of_the_term(repeater):
    school, plan = repeater
    with pytest.raises(ValidationError) as error:
        services.add_goal(plan, competency="cooking", action="", measure="", target_week=9)
    assert set(error.value.message_dict) == {"competency", "action", "measure", "target_week"}
    assert not plan.goals.exists()


def test_the_status_follows_the_meeting_goals_and_check_ins(repeater):
    school, plan = repeater

    def status(week=2):
        return selectors.plan_status(selectors.plan_of(school.student_b, school.term), week)

    assert status() == PlanStatus.NO_MEETING
    when = dt.datetime.combine(
        school.term.week(2).starts_on, dt.time(10), tzinfo=school.school.zone
    )
    services.set_meeting(plan, at=when, with_staff=school.staff)
    assert status() == PlanStatus.MEETING_BOOKED
    goal = services.add_goal(
        plan, competency="interviewing", action="Two mock interviews", measure="Both done",
        target_week=4,
    )  # fmt: skip
    assert status() == PlanStatus.GOALS_SET
    services.check_in(goal, progress="One done", on_track=True)
    assert status() == PlanStatus.ON_TRACK
    assert status(week=5) == PlanStatus.BEHIND  # past its target week, not met
    services.check_in(goal, progress="Both done", on_track=True, achieved=True)
    assert status(week=5) == PlanStatus.ON_TRACK


def test_a_meeting_is_with_the_schools_staff(repeater):
    school, plan = repeater
    when = dt.datetime.combine(
        school.term.week(2).starts_on, dt.time(10), tzinfo=school.school.zone
    )
    with pytest.raises(ValidationError):
        services.set_meeting(plan, at=when, with_staff=school.student_a)


def test_the_student_writes_goals_and_checks_in_and_nobody_else_can(client, repeater):
    school, plan = repeater
    client.force_login(school.student_b)
    page = client.get(reverse("repeats:mine")).content.decode()
    assert "Froze in the mock." in page
    client.post(
        reverse("repeats:mine"),
        {"competency": "negotiations", "action": "Practise", "measure": "Script", "target_week": 3},
    )
    goal = plan.goals.get()
    client.force_login(school.student_a)
    url = reverse("repeats:check_in", args=[goal.pk])
    assert client.post(url, {"progress": "x", "on_track": "on"}).status_code == 404
    assert client.get(reverse("repeats:staff_list")).status_code == 403
    assert "no repeat plan" in client.get(reverse("repeats:mine")).content.decode()
    other_staff = factories.staff(factories.school(name="Elsewhere"))
    client.force_login(other_staff)
    assert client.get(reverse("repeats:staff_plan", args=[plan.pk])).status_code == 404


def test_staff_see_every_repeater_in_a_fixed_number_of_queries(
    client, repeater, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    school, plan = repeater
    client.force_login(school.staff)
    url = reverse("repeats:staff_list")
    with CaptureQueriesContext(connection) as few:
        page = client.get(url)
    assert "No meeting yet" in page.content.decode()
    # Counted now: the next request clears the connection's query log.
    queries = len(few.captured_queries)
    for _ in range(5):
        s = factories.student(school.school)
        factories.enroll(s, school.term, school.be, module=4, repeating=True)
    client.get(url)  # opens the new plans
    with django_assert_max_num_queries(queries):
        client.get(url)


def test_the_student_books_the_meeting_from_staffs_times(client, repeater):
    school, plan = repeater
    starts = dt.datetime.combine(
        dt.date.today() + dt.timedelta(days=2), dt.time(10), tzinfo=school.school.zone
    )
    client.force_login(school.staff)
    client.post(
        reverse("repeats:staff_list"),
        {"s-date": starts.date().isoformat(), "s-time": "10:00", "s-with_staff": school.staff.pk,
         "s-place": "Room 5"},
    )  # fmt: skip
    [slot] = selectors.free_meeting_slots(school.term)
    client.force_login(school.student_b)
    assert "Room 5" in client.get(reverse("repeats:mine")).content.decode()
    client.post(reverse("repeats:book_meeting", args=[slot.pk]))
    plan.refresh_from_db()
    assert (plan.meeting_at, plan.meeting_with, plan.meeting_place) == (
        starts,
        school.staff,
        "Room 5",
    )
    assert selectors.free_meeting_slots(school.term) == []


def test_a_slot_someone_else_booked_is_refused_and_nothing_changes(repeater):
    school, plan = repeater
    slot = services.publish_meeting_slot(
        school.term,
        held_by=school.staff,
        starts_at=dt.datetime.now(dt.UTC) + dt.timedelta(days=1),
    )
    other = RepeatPlan.objects.create(student=school.student_a, term=school.term)
    services.book_meeting(other, slot.pk)
    with pytest.raises(ValidationError, match="Someone has just booked that time"):
        services.book_meeting(plan, slot.pk)
    plan.refresh_from_db()
    assert plan.meeting_at is None


def test_a_meeting_time_in_the_past_is_not_offered(repeater):
    school, plan = repeater
    with pytest.raises(ValidationError):
        services.publish_meeting_slot(
            school.term, held_by=school.staff, starts_at=dt.datetime.now(dt.UTC)
        )


def test_a_second_repeat_books_the_meeting_for_this_terms_plan(client, repeater):
    """Ben repeated Mod 4 once before, so he has last term's plan too: the
    booking goes to this term's plan (it used to fail with a 500)."""
    school, plan = repeater
    earlier = factories.term(school.school, name="Repeated once", start_date=dt.date(2025, 6, 2))
    factories.enroll(school.student_b, earlier, school.be, module=4, repeating=True)
    services.open_plans(earlier)
    starts = timezone.now().replace(microsecond=0) + dt.timedelta(days=2)
    slot = services.publish_meeting_slot(school.term, held_by=school.staff, starts_at=starts)
    client.force_login(school.student_b)
    response = client.post(reverse("repeats:book_meeting", args=[slot.pk]))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.meeting_slot == slot
    assert RepeatPlan.objects.get(student=school.student_b, term=earlier).meeting_slot is None
