"""A student's home page keeps what every student of the term shares in the
worker's memory (home/selectors.py, school/shared.py). These check that the
next page after any change shows the change — however it was made — and
what a page costs once the memory is warm."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careerdev.deliverables import services as deliverables
from careerdev.deliverables.models import Deliverable, DeliverableKind
from careerdev.groups import prompts, services
from careerdev.groups.models import GroupMember, Prompt
from careerdev.school.models import School, Term
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def student(client, student_body, published_week_2):
    """A Mod 4 student of the published week-2 round, signed in, whose home
    page the worker has already read once."""
    student = next(
        s
        for s in student_body.students
        if GroupMember.objects.filter(round=published_week_2, student=s, is_leader=False).exists()
    )
    client.force_login(student)
    client.get(reverse("home"))
    return student


def home(client) -> str:
    return client.get(reverse("home")).content.decode()


def test_publishing_shows_the_room_at_once_and_absences_the_next_one(
    client, student_body, monkeypatch
):
    monkeypatch.setattr(Term, "next_pd_week", lambda self, now: self.week(2), raising=True)
    round_ = services.form_mix_it_up(student_body.term, 2, by=student_body.staff)
    mine = GroupMember.objects.filter(round=round_, is_leader=False).first()
    client.force_login(mine.student)
    assert "Mix It Up · room" not in home(client)  # a draft: not shown yet
    services.publish(round_, by=student_body.staff)
    assert f"Mix It Up · room {mine.group.number}" in home(client)
    services.rerun_for_absences(round_, {mine.student_id}, by=student_body.staff)
    assert "Mix It Up · room" not in home(client)  # absent today: in no group


def test_a_new_group_mate_shows_and_a_moved_one_goes(client, published_week_2, student):
    mine = GroupMember.objects.get(round=published_week_2, student=student)
    mate = GroupMember.objects.filter(group=mine.group).exclude(student=student).first().student
    assert mate.display_name in home(client)
    # Not through a service: a bulk update in the shell is seen as well.
    other = published_week_2.groups.exclude(pk=mine.group_id).first()
    GroupMember.objects.filter(round=published_week_2, student=mate).update(group=other)
    assert mate.display_name not in home(client)


def test_a_changed_deliverable_and_a_new_exception_show(client, student_body, student):
    term = student_body.term
    deliverables.ensure_default_deliverables(term)
    d = Deliverable.objects.get(term=term, kind=DeliverableKind.SELF_EVALUATION)
    assert d.applies_to(1) and d.title in home(client)
    deliverables.change_deliverable(
        d,
        title="Where I stand: five competencies",
        due_week=5,
        due_weekday=4,
        due_time=dt.time(17, 0),
        modules=d.modules,
    )
    assert "Where I stand: five competencies" in home(client)
    deliverables.set_override(d, by=student_body.staff, student=student, excused=True)
    assert "Where I stand" not in home(client)  # excused: nothing to do


def test_an_edited_prompt_shows(client, student_body, student):
    prompts.ensure_default_prompts(student_body.term.school)
    leads = Prompt.objects.filter(school=student_body.term.school, key__startswith="topic:")
    for prompt in leads:
        prompts.update_prompt(prompt, body="Bring **one question** for the group.")
    assert "<strong>one question</strong>" in home(client)


def test_new_pd_times_show_in_the_calendar(client, student_body, student):
    assert "1:00 PM" in home(client)
    school = School.objects.get(pk=student_body.term.school_id)
    school.pd_start_time, school.pd_end_time = dt.time(12, 30), dt.time(13, 45)
    school.save()
    body = home(client)
    assert "12:30 PM" in body and "1:45 PM" in body


def test_the_survey_link_follows_the_survey(client, student_body, student):
    assert "Choose your Mix It Up topics" in home(client)  # the fixture opened it
    services.close_survey(student_body.term)
    assert "Choose your Mix It Up topics" not in home(client)


def test_a_warm_page_reads_only_the_students_own_rows(
    client, student_body, published_week_2, student
):
    """Session, user (school and profile joined), group-mates, the evidence
    of each kind (document review, portfolio, five-step, exit ticket,
    self-evaluation) and notices — whatever the size of the school."""
    deliverables.ensure_default_deliverables(student_body.term)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as warm:
        assert client.get(reverse("home")).status_code == 200
    assert len(warm.captured_queries) <= 9, [q["sql"][:80] for q in warm.captured_queries]
    cohort = student_body.term.enrollments.first().cohort
    for _ in range(20):
        factories.enroll(factories.student(student_body.term.school), student_body.term, cohort)
    client.get(reverse("home"))  # the enrolments changed the token: read afresh once
    with CaptureQueriesContext(connection) as bigger:
        client.get(reverse("home"))
    assert len(bigger.captured_queries) == len(warm.captured_queries)
