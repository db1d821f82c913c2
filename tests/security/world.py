"""One school with something in every app, built through the apps' own
services and the existing test factories, for the access matrix.

Two students of one cohort (Ana, opted in to the less-represented-in-tech
group, and Ben) share a published Homeroom; Cy is in another cohort; two
volunteers each hold mock-interview slots. Ana and Ben each own one of
everything a student can own (review booking, portfolio with files, job
search records and an offer, self-evaluation, early-graduation request,
repeat plan and goal, mock-interview booking, notices, calendar feed), so
each visitor can be pointed at records that are somebody else's. Ana's
portfolio is published (anyone may see it, never her opt-in); Ben's waits
in the review queue, a draft. Five more students, in a cohort of their own,
make a week-2 Mix It Up round the engine can form: three of them opted in
like Ana, and those four are its less-represented group; Ben and Cy meet
the other two. Another school, with its own term and staff, is there to
find none of it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.mail import EmailMessage
from django.utils import timezone

from careerdev.calendars import events as calendar_events
from careerdev.calendars import services as calendar_services
from careerdev.deliverables import services as deliverable_services
from careerdev.deliverables.models import DeliverableKind
from careerdev.graduation import services as graduation_services
from careerdev.groups import services as group_services
from careerdev.groups.models import GroupRound, MixItUpTopic, Prompt
from careerdev.interviews import services as interview_services
from careerdev.interviews.models import InterviewKind, MockInterviewBooking, Track
from careerdev.jobsearch.models import Decision
from careerdev.notifications import services as notification_services
from careerdev.notifications.models import UndeliveredEmail
from careerdev.people.models import User
from careerdev.portfolios import services as portfolio_services
from careerdev.repeats import services as repeat_services
from careerdev.repeats.models import MeetingSlot, RepeatGoal, RepeatPlan
from careerdev.reviews import services as review_services
from careerdev.reviews.models import ReviewBooking, ReviewSlot
from careerdev.roster import services as roster_services
from careerdev.school.models import Cohort, School, Term
from careerdev.selfevaluation.services import submit_self_evaluation
from careerdev.sessions import services as session_services
from careerdev.sessions.models import GuestSpeaker, Session, SessionKind
from tests import factories
from tests.jobsearch import factories as jobs
from tests.portfolios import factories as portfolio_factories
from tests.roster import files as roster_files
from tests.sessions import factories as session_factories

RATINGS = {
    "networking": (3, "Went to two meetups."),
    "interviewing": (2, "Nervous in the mock."),
    "materials": (4, "Resume reviewed."),
    "job_search": (3, "Ten applications."),
    "negotiations": (1, "Never tried."),
}


@dataclass
class Owned:
    """What one student owns: the records another visitor is pointed at."""

    student: User
    review_booking: ReviewBooking
    portfolio: object
    application: object
    company: object
    contact: object
    offer: object
    graduation_request: object
    plan: RepeatPlan
    goal: RepeatGoal
    interview_booking: MockInterviewBooking
    feed_token: str
    event_uid: str
    portfolio_title: str
    # Text only some may read, by who may: "owner" (the job search: not even
    # staff), "owner_and_staff", "staff" (review notes: not even the student).
    private_text: dict[str, list[str]]


@dataclass
class World:
    school: School
    term: Term
    be: Cohort
    fe: Cohort
    staff: User
    student_a: User
    student_b: User
    other_cohort_student: User
    volunteer: User
    other_volunteer: User
    other_school_staff: User
    homeroom: GroupRound
    # Week 2's, published; its less-represented group is Ana and three others
    # who opted in (`mix_it_up_mates`).
    mix_it_up: GroupRound
    restricted_topic: MixItUpTopic
    mix_it_up_mates: list[User]
    prompt: Prompt
    review_slot: ReviewSlot
    session: Session
    panel: Session
    speaker: GuestSpeaker
    custom_deliverable: object
    other_window: object
    meeting_slot: MeetingSlot
    roster_upload: object
    undelivered_email: object
    owned: dict[int, Owned] = field(default_factory=dict)

    def of(self, student: User) -> Owned:
        return self.owned[student.pk]


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def build_world() -> World:
    """Build the school. Call inside a transaction that is rolled back after."""
    school = factories.school(name="Access Matrix School")
    be = factories.cohort(factories.program(school, "BE"), "2405-BE")
    fe = factories.cohort(factories.program(school, "FE"), "2407-FE")
    # Week 2 of the term today, whatever the day: the term is current, and the
    # interview week (3) and later weeks are still to come.
    term = factories.term(
        school,
        name="Matrix Term",
        start_date=_monday(timezone.localdate(timezone=school.zone)) - dt.timedelta(weeks=1),
    )
    staff = factories.staff(school)
    a = factories.student(school, first_name="Ana", last_name="Able", opt_in=True)
    b = factories.student(school, first_name="Ben", last_name="Baker")
    c = factories.student(school, first_name="Cy", last_name="Cole")
    # Ana and Ben repeat Mod 4, so each has a repeat plan.
    factories.enroll(a, term, be, module=4, repeating=True)
    factories.enroll(b, term, be, module=4, repeating=True)
    factories.enroll(c, term, fe, module=2)
    # Their history: both sat Mod 4 in an earlier term and rated themselves;
    # Ana was repeating already then, so she has an earlier repeat plan too.
    earlier = factories.term(
        school, name="Earlier Term", start_date=term.start_date - dt.timedelta(weeks=12)
    )
    factories.enroll(a, earlier, be, module=4, repeating=True)
    factories.enroll(b, earlier, be, module=4)
    for s in (a, b):
        submit_self_evaluation(s, earlier, RATINGS)
    repeat_services.open_plans(earlier)
    volunteer = factories.volunteer(school, first_name="Vera", last_name="Vega")
    other_volunteer = factories.volunteer(school, first_name="Otto", last_name="Orr")

    # Another school, running its own term: its staff must see nothing of ours.
    elsewhere = factories.school(name="Elsewhere Academy")
    factories.term(elsewhere, name="Elsewhere Term", start_date=term.start_date)
    other_school_staff = factories.staff(elsewhere, first_name="Olga", last_name="Outside")

    # Five more students, so the engine can form two Mix It Up groups of at
    # least four, one of them the less-represented group (four who opted in).
    # A cohort of their own keeps Ana and Ben in one Homeroom.
    fs = factories.cohort(fe.program, "2409-FE")
    mates = [
        factories.student(school, first_name=first, last_name=last, opt_in=opt_in)
        for first, last, opt_in in [
            ("Dee", "Dunn", True),
            ("Eve", "Ennis", True),
            ("Fay", "Ford", True),
            ("Gus", "Gray", False),
            ("Hal", "Hart", False),
        ]
    ]
    for s in mates:
        factories.enroll(s, term, fs, module=3)

    # Wednesday groups: everyone answers the survey (those who opted in put
    # the less-represented topic first); Homerooms and week 2's Mix It Up
    # groups are published.
    topics = group_services.ensure_default_topics(term)
    standard = [t for t in topics if not t.is_restricted]
    restricted = next(t for t in topics if t.is_restricted)
    group_services.open_survey(term)
    for s in (a, b, c, *mates):
        opted_in = s.student_profile.less_represented_opt_in
        group_services.answer_survey(
            s,
            term,
            ranking=[restricted, standard[0]] if opted_in else standard[:2],
            industry_interest="Fintech",
            opt_in=opted_in,
            leads_topic=standard[0] if s in (a, b) else None,
        )
    homeroom = group_services.form_homerooms(term, by=staff)
    homeroom = group_services.publish(homeroom)  # also makes the prompts and notices
    mix_it_up = group_services.publish(group_services.form_mix_it_up(term, 2, by=staff))
    prompt = Prompt.objects.filter(school=school).order_by("key").first()

    # Document reviews: staff slots, one booked by each student.
    now = timezone.now().replace(microsecond=0)
    review_slots = [
        factories.review_slot(term, staff, starts_at=now + dt.timedelta(days=d)) for d in (3, 4, 5)
    ]

    # Deliverables: the defaults and one custom tick.
    deliverable_services.ensure_default_deliverables(term)
    custom = deliverable_services.add_custom_deliverable(
        term,
        title="Coffee chat",
        kind=DeliverableKind.CUSTOM_TICK,
        due_week=3,
        due_weekday=4,
        due_time=dt.time(17),
        modules="4",
    )

    # Sessions: a workshop with attendance taken, a panel with a speaker.
    session = session_factories.session(term, week=1, weekday=2)
    session_services.record_attendance(session, [a.pk])
    panel = session_factories.session(term, week=4, weekday=2, kind=SessionKind.PANEL)
    speaker = session_services.add_speaker(panel, name="Grace Guest", company="Initech")

    # Mock interviews: each volunteer offers a morning; Ana and Ben both book
    # with the other volunteer, so the visiting volunteer holds neither.
    week = interview_services.interview_week(term)
    before = dt.datetime.combine(week.starts_on - dt.timedelta(days=7), dt.time(9), tzinfo=dt.UTC)
    windows = {
        v: interview_services.add_window(
            term,
            v,
            day=week.starts_on + dt.timedelta(days=1),
            start_time=dt.time(9),
            end_time=dt.time(11),
            kind=InterviewKind.BOTH,
            track=Track.ANY,
            now=before,
        )
        for v in (volunteer, other_volunteer)
    }
    other_slots = list(windows[other_volunteer].slots.order_by("starts_at"))

    # Repeat plans, and a meeting time staff offer.
    repeat_services.open_plans(term)
    meeting_slot = repeat_services.publish_meeting_slot(
        term, held_by=staff, starts_at=now + dt.timedelta(days=6), place="Room 2"
    )

    roster_upload = roster_services.create_upload(
        school=school,
        term=term,
        uploaded_by=staff,
        filename="roster.csv",
        content=roster_files.csv_bytes(*roster_files.student_rows(2)),
    )

    # An invitation email the mail server refused, on staff's outbox page.
    notification_services.record_undelivered(
        [EmailMessage("You are invited", "", to=["new.person@example.edu"])],
        "Connection refused",
        school_id=school.pk,
        redo="Invite them again.",
    )

    world = World(
        school=school,
        term=term,
        be=be,
        fe=fe,
        staff=staff,
        student_a=a,
        student_b=b,
        other_cohort_student=c,
        volunteer=volunteer,
        other_volunteer=other_volunteer,
        other_school_staff=other_school_staff,
        homeroom=homeroom,
        mix_it_up=mix_it_up,
        restricted_topic=restricted,
        mix_it_up_mates=[m for m in mates if m.student_profile.less_represented_opt_in],
        prompt=prompt,
        review_slot=review_slots[2],
        session=session,
        panel=panel,
        speaker=speaker,
        custom_deliverable=custom,
        other_window=windows[other_volunteer],
        meeting_slot=meeting_slot,
        roster_upload=roster_upload,
        undelivered_email=UndeliveredEmail.objects.get(school=school),
    )
    for i, s in enumerate((a, b)):
        world.owned[s.pk] = _records_of(
            s, world, review_slots[i], other_slots[i], before, published=s == a
        )
    return world


def _records_of(
    student: User, world: World, review_slot, interview_slot, before, *, published: bool
) -> Owned:
    term = world.term
    # Words that appear nowhere else, without characters HTML would escape.
    who = student.first_name
    private = {
        "owner": [f"Dreamco {who} Labs", f"Recruiter {who} Contactname"],
        "owner_and_staff": [
            f"Plan of {who}: ship the first feature",
            f"Evidence of {who}: ten applications",
            f"Goal of {who}: two mock interviews",
            f"Feedback for {who}: clear stories",
            # The signed offer goes to staff with the early-graduation request.
            f"Offerco {who} Inc",
        ],
        "staff": [f"Specialist note on {who}: weak summary"],
    }
    review_booking = review_services.book_slot(student, review_slot.pk)
    review_services.save_notes(review_booking, private["staff"][0])

    # Both ask for a review; staff publish the one that is to be published (the
    # opted-in student's: the harder case for her privacy). The other's title
    # stays its student's and staff's while it is a draft.
    portfolio_title = f"Portfolio of {who}: back-end developer"
    portfolio = portfolio_factories.portfolio(
        student, slug=f"{student.first_name.lower()}-dev", title=portfolio_title
    )
    portfolio_services.request_review(student)
    if published:
        portfolio = portfolio_services.publish(portfolio, reviewer=world.staff)
    else:
        private["owner_and_staff"].append(portfolio_title)

    company = jobs.company(student, name=private["owner"][0])
    contact = jobs.contact(student, company, name=private["owner"][1])
    application = jobs.application(
        student, company, steps=5, contact=contact, title="Backend engineer"
    )
    signed = jobs.application(
        student, jobs.company(student, name=private["owner_and_staff"][4]), title="Developer"
    )
    offer = jobs.offer(signed, decision=Decision.ACCEPTED, decided_on=jobs.DAY)
    graduation_request = graduation_services.request_early_graduation(
        student, term, private["owner_and_staff"][0], ""
    )

    submit_self_evaluation(
        student, term, RATINGS | {"job_search": (3, private["owner_and_staff"][1])}
    )

    plan = RepeatPlan.objects.get(student=student, term=term)
    goal = repeat_services.add_goal(
        plan,
        competency="interviewing",
        action=private["owner_and_staff"][2],
        measure="Both done",
        target_week=4,
    )
    repeat_services.check_in(goal, progress="One done", on_track=True)

    interview_booking = interview_services.book_slot(student, term, interview_slot.pk, now=before)
    interview_services.give_feedback(
        interview_booking,
        behavioural_rating=4,
        technical_rating=3,
        strengths=private["owner_and_staff"][3],
        to_work_on="Pace.",
        now=interview_slot.ends_at,
    )

    feed_token = calendar_services.feed_of(student).token
    mine, _ = calendar_events.events_for(student)
    return Owned(
        student=student,
        review_booking=review_booking,
        portfolio=portfolio,
        application=application,
        company=company,
        contact=contact,
        offer=offer,
        graduation_request=graduation_request,
        plan=plan,
        goal=goal,
        interview_booking=interview_booking,
        feed_token=feed_token,
        portfolio_title=portfolio_title,
        # Their own review, not a session everyone shares.
        private_text=private,
        event_uid=next(e.uid for e in mine if e.uid.startswith("review-")).split("@")[0],
    )


# --- What each URL names ---------------------------------------------------------
# `victim` is the student whose records the visitor is pointed at (never the
# visitor themself); volunteers are pointed at the other volunteer's window
# and at bookings held by the other volunteer.


# A URL about one group round is walked once per round: the Homeroom, and
# the Mix It Up round whose groups have topics, the less-represented one too.
ROUND_URLS = frozenset(
    {
        "groups:round",
        "groups:move",
        "groups:publish",
        "groups:absences",
        "groups:export",
        "groups:export_confidential",
        "groups:slack_retry",
    }
)
ROUNDS = ("homeroom", "mix_it_up")


def variants(name: str) -> tuple[str, ...]:
    """The records `name` is walked with, by name ("" when there is one)."""
    return ROUNDS if name in ROUND_URLS else ("",)


def url_kwargs(name: str, world: World, victim: User, variant: str = "") -> dict:
    """The URL arguments for `name`, naming records that are not the visitor's."""
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    owned = world.of(victim)
    round_ = world.mix_it_up if variant == "mix_it_up" else world.homeroom
    portfolio = owned.portfolio
    project = portfolio.projects.order_by("position").first()
    screenshot = project.screenshots.first()
    application, offer = owned.application.pk, owned.offer.pk
    by_name = {
        "password_reset_confirm": {
            "uidb64": urlsafe_base64_encode(force_bytes(victim.pk)),
            "token": "set-password",
        },
        "people:accept_invitation": {"token": "not-a-real-invitation-token"},
        "people:student_profile": {"pk": victim.pk},
        "school:cohort_roster": {"pk": world.be.pk},
        "roster:preview": {"pk": world.roster_upload.pk},
        "roster:confirm": {"pk": world.roster_upload.pk},
        "groups:round": {"pk": round_.pk},
        "groups:move": {"pk": round_.pk},
        "groups:publish": {"pk": round_.pk},
        "groups:absences": {"pk": round_.pk},
        "groups:export": {"pk": round_.pk, "fmt": "csv"},
        "groups:export_confidential": {"pk": round_.pk, "fmt": "csv"},
        "groups:slack_retry": {"pk": round_.pk},
        "groups:prompt_edit": {"pk": world.prompt.pk},
        "groups:prompt_restore": {"pk": world.prompt.pk},
        "reviews:delete_slot": {"pk": world.review_slot.pk},
        "reviews:mark": {"pk": owned.review_booking.pk},
        "reviews:notes": {"pk": owned.review_booking.pk},
        "reviews:cancel_for_student": {"pk": owned.review_booking.pk},
        "portfolios:project_edit": {"pk": project.pk},
        "portfolios:project_move": {"pk": project.pk},
        "portfolios:project_delete": {"pk": project.pk},
        "portfolios:screenshot_delete": {"pk": screenshot.pk},
        "portfolios:review": {"pk": portfolio.pk},
        "portfolios:review_student": {"student_id": victim.pk},
        "portfolios:staff_unpublish": {"pk": portfolio.pk},
        "portfolios:public": {"slug": portfolio.slug},
        "portfolios:photo": {"slug": portfolio.slug},
        "portfolios:resume": {"slug": portfolio.slug},
        "portfolios:screenshot": {"slug": portfolio.slug, "pk": screenshot.pk},
        "jobsearch:application": {"pk": application},
        "jobsearch:move": {"pk": application},
        "jobsearch:application_change": {"pk": application},
        "jobsearch:application_delete": {"pk": application},
        "jobsearch:offer": {"pk": owned.offer.application_id},
        "jobsearch:negotiation_add": {"pk": offer},
        "jobsearch:offer_decision": {"pk": offer},
        "jobsearch:company": {"pk": owned.company.pk},
        "jobsearch:company_delete": {"pk": owned.company.pk},
        "jobsearch:contact": {"pk": owned.contact.pk},
        "jobsearch:contact_delete": {"pk": owned.contact.pk},
        "deliverables:complete": {"pk": world.custom_deliverable.pk},
        "selfevaluation:of_student": {"student_id": victim.pk},
        "sessions:detail": {"pk": world.session.pk},
        "sessions:drop": {"pk": world.session.pk},
        "sessions:restore": {"pk": world.session.pk},
        "sessions:move": {"pk": world.session.pk},
        "sessions:delete": {"pk": world.session.pk},
        "sessions:add_speaker": {"pk": world.panel.pk},
        "sessions:remove_speaker": {"pk": world.panel.pk, "speaker_pk": world.speaker.pk},
        "sessions:attendance": {"pk": world.session.pk},
        "interviews:remove_window": {"pk": world.other_window.pk},
        "interviews:booking": {"pk": owned.interview_booking.pk},
        "interviews:video_link": {"pk": owned.interview_booking.pk},
        "interviews:feedback": {"pk": owned.interview_booking.pk},
        "notifications:dismiss_undelivered": {"pk": world.undelivered_email.pk},
        "calendars:feed": {"token": owned.feed_token},
        "calendars:event": {"uid": owned.event_uid},
        "graduation:detail": {"pk": owned.graduation_request.pk},
        "graduation:plan": {"pk": owned.graduation_request.pk},
        "graduation:first_project": {"pk": owned.graduation_request.pk},
        "graduation:decide": {"pk": owned.graduation_request.pk},
        "repeats:check_in": {"goal_id": owned.goal.pk},
        "repeats:book_meeting": {"slot_id": world.meeting_slot.pk},
        "repeats:staff_plan": {"pk": owned.plan.pk},
    }
    return by_name.get(name, {})


# What a published portfolio shows everyone, signed in or not.
PUBLIC_PORTFOLIO_URLS = frozenset(
    {
        "portfolios:directory",
        "portfolios:public",
        "portfolios:photo",
        "portfolios:resume",
        "portfolios:screenshot",
    }
)


def shown_when_ok(name: str, world: World, victim: User) -> list[bytes]:
    """What an "ok" answer on `name` must carry: a published portfolio's public
    parts (its student's name, title, résumé and screenshot links; the very
    files stored), and the directory's link to every published portfolio."""
    from django.urls import reverse

    if name not in PUBLIC_PORTFOLIO_URLS:
        return []

    def stored(f) -> bytes:
        with f.open("rb"):
            return f.read()

    portfolio = world.of(victim).portfolio
    shot = portfolio.projects.order_by("position").first().screenshots.first()
    page = [
        victim.display_name,
        world.of(victim).portfolio_title,
        reverse("portfolios:resume", args=[portfolio.slug]),
        reverse("portfolios:screenshot", args=[portfolio.slug, shot.pk]),
    ]
    directory = [
        text
        for owned in world.owned.values()
        if owned.portfolio.is_published
        for text in (
            reverse("portfolios:public", args=[owned.portfolio.slug]),
            owned.portfolio_title,
        )
    ]
    return {
        "portfolios:public": [t.encode() for t in page],
        "portfolios:photo": [stored(portfolio.photo)],
        "portfolios:resume": [stored(portfolio.resume)],
        "portfolios:screenshot": [stored(shot.image)],
        "portfolios:directory": [t.encode() for t in directory],
    }.get(name, [])


def post_data(name: str, world: World, victim: User) -> dict:
    """A POST that would act if it were let through: a refusal then proves the
    access check, not a form error."""
    free_review_slot = world.review_slot.pk
    return {
        "reviews:book": {"slot": free_review_slot},
        "reviews:move": {"slot": free_review_slot},
        "reviews:mark": {"status": "held"},
        "reviews:notes": {"staff_notes": "Strong resume."},
        "groups:move": {"student": victim.pk, "to_group": 2},
        "groups:absences": {"absent": [victim.pk]},
        "groups:form_round": {"kind": "homeroom"},
        "groups:topics": {"action": "add", "name": "Open source", "kind": "standard"},
        "jobsearch:move": {"status": "interviewing"},
        "jobsearch:negotiation_add": {"on": "2026-11-03", "asked": "More", "got": "Some"},
        "jobsearch:offer_decision": {"decision": "declined", "decided_on": "2026-11-03"},
        "jobsearch:application_change": {
            "company": "Elsewhere",
            "title": "Renamed",
            "posting_url": "https://jobs.example.com/9",
        },
        "interviews:video_link": {"video_link": "https://meet.example.com/abc"},
        "interviews:book": {"slot": world.other_window.slots.order_by("-starts_at").first().pk},
        "interviews:set_cap": {"cap": 3},
        "graduation:plan": {"plan_text": "Someone else's plan", "plan_url": ""},
        "graduation:first_project": {"finished": "on"},
        "graduation:decide": {"decision": "decline", "note": "No."},
        "repeats:check_in": {"progress": "Not mine", "on_track": "on"},
        "portfolios:project_move": {"direction": "down"},
        "sessions:drop": {"cohort": world.be.pk},
        "sessions:add_speaker": {"name": "Mallory"},
        "deliverables:complete": {},
        "deliverables:remind": {"student": [victim.pk]},
        "notifications:mark_read": {},
        "groups:prompt_preview": {"body": "# Hi"},
        "portfolios:staff_unpublish": {"comment": "Taken down."},
        "sessions:delete": {},
        "roster:confirm": {},
        "calendars:renew": {},
    }.get(name, {})
