"""A term in full swing for the browser tests that walk every page: groups
formed and published, slots booked, a portfolio waiting for review, a job
search under way, a repeater with a plan and an early-graduation request.

Everything is made through the apps' own services (or the test factories
that the apps' tests use), so the pages show what real use would put there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from careerdev.deliverables.services import ensure_default_deliverables
from careerdev.graduation import services as graduation
from careerdev.graduation.models import EarlyGraduationRequest
from careerdev.groups import prompts
from careerdev.groups import services as groups
from careerdev.groups.models import GroupMember, GroupRound, Prompt
from careerdev.interviews import services as interviews
from careerdev.interviews.models import InterviewKind, MockInterviewBooking, Track
from careerdev.jobsearch.models import Decision, JobApplication, Status
from careerdev.people.models import Invitation, Role, User
from careerdev.people.services import hash_token
from careerdev.portfolios import services as portfolios
from careerdev.portfolios.models import Portfolio
from careerdev.repeats import services as repeats
from careerdev.repeats.models import RepeatPlan
from careerdev.reviews import services as reviews
from careerdev.roster.models import RosterUpload
from careerdev.roster.services import create_upload
from careerdev.selfevaluation.models import Competency
from careerdev.selfevaluation.services import submit_self_evaluation
from careerdev.sessions import services as sessions
from careerdev.sessions.models import Session
from tests import factories
from tests.jobsearch import factories as jobs
from tests.portfolios import factories as portfolio_factories


@dataclass
class BusyTerm:
    """The small school's people and what the pages need by id."""

    school: object
    staff: User
    student: User  # Mod 4, opted in, in groups, with a booking of each kind
    classmate: User  # Mod 4, with a signed offer and an early-graduation request
    repeater: User  # repeating Mod 4, with a plan
    volunteer: User
    groupmate: User  # shares student's published groups
    mix_it_up: GroupRound
    homeroom: GroupRound
    session: Session
    portfolio_in_review: Portfolio
    published_portfolio: Portfolio
    application: JobApplication
    interview: MockInterviewBooking
    plan: RepeatPlan
    graduation_request: EarlyGraduationRequest
    prompt: Prompt
    roster_upload: RosterUpload  # one good row, one with errors
    be_cohort: object
    invitation_token: str  # a volunteer's unused invitation: the set-a-password page


def _invitation(staff: User) -> str:
    """The token of a new volunteer's invitation, as its email's link carries it."""
    invitee = User.objects.create_user(
        email="new.volunteer@example.com", first_name="Vi", role=Role.VOLUNTEER,
        school=staff.school,
    )  # fmt: skip
    token = "busy-term-invitation-token"  # noqa: S105  # a test's, never a real one
    now = timezone.now()
    Invitation.objects.create(
        user=invitee,
        invited_by=staff,
        token_hash=hash_token(token),
        created_at=now,
        expires_at=now + dt.timedelta(days=7),
    )
    return token


def seed_busy_term(small_school, student_body) -> BusyTerm:
    """`student_body` (tests/groups/conftest.py) has answered the survey."""
    term, staff = small_school.term, small_school.staff
    student, classmate = small_school.student_a, small_school.student_b

    groups.close_survey(term)
    homeroom = groups.publish(groups.form_homerooms(term, by=staff, seed=1))
    mix_it_up = groups.publish(groups.form_mix_it_up(term, 2, by=staff, seed=1))
    # Reopened for late answers, so the student's survey page shows its form.
    groups.open_survey(term)
    group_id = GroupMember.objects.get(round=mix_it_up, student=student).group_id
    groupmate = (
        GroupMember.objects.filter(group_id=group_id).exclude(student=student).first().student
    )

    repeater = factories.student(small_school.school, first_name="Rae", last_name="Repeat")
    factories.enroll(repeater, term, small_school.be, module=4, repeating=True)
    repeats.open_plans(term)
    plan = RepeatPlan.objects.get(student=repeater, term=term)
    repeats.add_goal(
        plan,
        competency=Competency.values[0],
        action="Run two mock interviews with a classmate.",
        measure="Both done, with notes on what to change.",
        target_week=4,
    )
    now = timezone.now().replace(second=0, microsecond=0)
    repeats.publish_meeting_slot(
        term, held_by=staff, starts_at=now + dt.timedelta(days=5), place="Career office"
    )

    ensure_default_deliverables(term)
    sessions.add_usual_schedule(term)
    session = Session.objects.filter(term=term).order_by("starts_at").first()
    sessions.record_attendance(session, [student.pk, classmate.pk])

    slots = [
        factories.review_slot(term, staff, starts_at=now + dt.timedelta(days=d)) for d in (3, 4)
    ]
    reviews.book_slot(student, slots[0].pk)

    week = interviews.interview_week(term)
    interviews.add_window(
        term,
        small_school.volunteer,
        day=week.starts_on,
        start_time=dt.time(9),
        end_time=dt.time(11),
        kind=InterviewKind.BOTH,
        track=Track.ANY,
    )
    slot_id = (
        small_school.volunteer.interview_slots.order_by("starts_at")
        .values_list("pk", flat=True)
        .first()
    )
    interview = interviews.book_slot(student, term, slot_id)

    in_review = portfolio_factories.portfolio(student, title="Back-end developer")
    portfolios.request_review(student)
    published = portfolio_factories.portfolio(classmate, title="Full-stack developer")
    portfolios.request_review(classmate)
    portfolios.publish(published, reviewer=staff, comment="Clear and complete.")

    application = jobs.application(student, steps=3, title="Junior back-end developer")
    jobs.application(student, steps=1, title="Platform engineer", status=Status.APPLIED)
    signed = jobs.application(classmate, steps=5, title="Developer", status=Status.OFFER)
    jobs.offer(signed, decision=Decision.ACCEPTED, decided_on=jobs.DAY)
    graduation_request = graduation.request_early_graduation(
        classmate,
        term,
        plan_text="30 days: learn the codebase. 60: ship a feature. 90: own a service.",
    )

    prompts.ensure_default_prompts(small_school.school)
    submit_self_evaluation(
        student, term, dict.fromkeys(Competency.values, (3, "Led our group's retro."))
    )
    # Every grade appears in the cohorts' distribution.
    for i, other in enumerate(student_body.students[:12]):
        grades = {c: (1 + (i + n) % 4, "") for n, c in enumerate(Competency.values)}
        submit_self_evaluation(other, term, grades)
    roster_upload = create_upload(
        school=small_school.school,
        term=term,
        uploaded_by=staff,
        filename="roster.csv",
        content=(
            b"Email;First Name;Last Name;Program;Cohort;Module;Repeating\r\n"
            b"dee.dune@example.edu;Dee;Dune;BE;2405-BE;4;no\r\n"
            b"not-an-email;Eli;East;FE;2501-FE;7;maybe\r\n"
        ),
    )
    return BusyTerm(
        school=small_school.school,
        staff=staff,
        student=student,
        classmate=classmate,
        repeater=repeater,
        volunteer=small_school.volunteer,
        groupmate=groupmate,
        mix_it_up=mix_it_up,
        homeroom=homeroom,
        session=session,
        portfolio_in_review=Portfolio.objects.get(pk=in_review.pk),
        published_portfolio=Portfolio.objects.get(pk=published.pk),
        application=application,
        interview=interview,
        plan=plan,
        graduation_request=graduation_request,
        prompt=Prompt.objects.filter(school=small_school.school).first(),
        be_cohort=small_school.be,
        invitation_token=_invitation(staff),
        roster_upload=roster_upload,
    )
