"""Every write about sessions and attendance, each in one transaction.

Bad input raises ValidationError keyed by the form field it concerns, and
changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from careerdev.school.models import Cohort, Enrollment, Term

from . import selectors
from .models import Attendance, GuestSpeaker, PanelTopic, Session, SessionDrop, SessionKind


@dataclass(frozen=True)
class Moment:
    week: int
    starts_at: dt.datetime
    ends_at: dt.datetime


def _moment(term: Term, date: dt.date, start: dt.time, end: dt.time) -> Moment:
    """The aware start and end in the school's zone, checked against the term."""
    if end <= start:
        raise ValidationError({"end_time": "The session must end after it starts."})
    week = term.week_number_on(date)
    if week is None:
        raise ValidationError(
            {
                "date": f"Choose a day in {term.name}: {term.start_date:%-d %b} – "
                f"{term.end_date:%-d %b %Y} (weeks 1–{term.school.weeks_in_module})."
            }
        )
    zone = term.school.zone
    return Moment(
        week,
        dt.datetime.combine(date, start, tzinfo=zone),
        dt.datetime.combine(date, end, tzinfo=zone),
    )


def _check_link(link: str) -> str:
    link = (link or "").strip()
    if link:
        try:
            URLValidator(schemes=["http", "https"])(link)
        except ValidationError:
            raise ValidationError(
                {"video_link": "Give a full web address, such as https://meet.example.com/pd."}
            ) from None
    return link


def _check_cohorts(term: Term, cohorts: Iterable[Cohort]) -> list[Cohort]:
    cohorts = list(cohorts)
    if any(c.program.school_id != term.school_id for c in cohorts):
        raise ValidationError({"cohorts": "Choose cohorts of this school."})
    return cohorts


def _check_topic(kind: str, topic: str) -> str:
    if kind != SessionKind.PANEL:
        return ""
    if topic not in PanelTopic.values:
        raise ValidationError({"topic": "Choose the panel's topic."})
    return topic


@transaction.atomic
def add_session(term: Term, **details) -> Session:
    """A session for every cohort of the term, or only for `cohorts`
    (the details as `_save_session` takes them)."""
    return _save_session(Session(term=term), **details)


@transaction.atomic
def update_session(session: Session, **details) -> Session:
    """Change a session for everyone it applies to (moving it is changing its date or times)."""
    return _save_session(session, **details)


def _save_session(
    session: Session,
    *,
    kind: str,
    title: str,
    date: dt.date,
    start_time: dt.time,
    end_time: dt.time,
    place: str = "",
    video_link: str = "",
    description: str = "",
    topic: str = "",
    cohorts: Iterable[Cohort] = (),
) -> Session:
    """Check the details and write them: one path for adding and changing."""
    term = session.term
    moment = _moment(term, date, start_time, end_time)
    session.video_link = _check_link(video_link)
    session.topic = _check_topic(kind, topic)
    cohorts = _check_cohorts(term, cohorts)
    session.kind = kind
    session.title = title.strip()
    session.week, session.starts_at, session.ends_at = moment.week, moment.starts_at, moment.ends_at
    session.place = place.strip()
    session.description = description.strip()
    session.all_cohorts = not cohorts
    session.save()
    session.cohorts.set(cohorts)
    return session


@transaction.atomic
def delete_session(session: Session) -> None:
    session.delete()


def _applies_to(session: Session, cohort: Cohort) -> bool:
    term_ids = Enrollment.objects.filter(term=session.term).values_list("cohort_id", flat=True)
    return cohort.pk in selectors.cohort_ids_of(session, set(term_ids) | {cohort.pk})


@transaction.atomic
def drop_session_for_cohort(session: Session, cohort: Cohort) -> None:
    """The session no longer applies to `cohort` (the others keep it)."""
    if not _applies_to(session, cohort):
        raise ValidationError({"cohort": f"{session.title} does not apply to {cohort.code}."})
    SessionDrop.objects.get_or_create(session=session, cohort=cohort)


@transaction.atomic
def restore_session_for_cohort(session: Session, cohort: Cohort) -> None:
    SessionDrop.objects.filter(session=session, cohort=cohort).delete()


@transaction.atomic
def move_session_for_cohort(
    session: Session, cohort: Cohort, *, date: dt.date, start_time: dt.time, end_time: dt.time
) -> Session:
    """Give `cohort` the session at another moment: the original is dropped
    for the cohort and a copy (with its speakers) is made for it alone."""
    moment = _moment(session.term, date, start_time, end_time)
    if not _applies_to(session, cohort):
        raise ValidationError({"cohort": f"{session.title} does not apply to {cohort.code}."})
    SessionDrop.objects.get_or_create(session=session, cohort=cohort)
    copy = Session.objects.create(
        term=session.term,
        kind=session.kind,
        title=session.title,
        week=moment.week,
        starts_at=moment.starts_at,
        ends_at=moment.ends_at,
        place=session.place,
        video_link=session.video_link,
        description=session.description,
        topic=session.topic,
        all_cohorts=False,
    )
    copy.cohorts.set([cohort])
    GuestSpeaker.objects.bulk_create(
        GuestSpeaker(session=copy, name=s.name, title=s.title, company=s.company, bio=s.bio)
        for s in session.speakers.all()
    )
    return copy


@transaction.atomic
def add_speaker(
    session: Session, *, name: str, title: str = "", company: str = "", bio: str = ""
) -> GuestSpeaker:
    if session.kind != SessionKind.PANEL:
        raise ValidationError({"name": "Only a guest speaker or panel session has speakers."})
    if not name.strip():
        raise ValidationError({"name": "Give the speaker's name."})
    return GuestSpeaker.objects.create(
        session=session, name=name.strip(), title=title.strip(), company=company.strip(), bio=bio
    )


@transaction.atomic
def remove_speaker(speaker: GuestSpeaker) -> None:
    speaker.delete()


# --- The usual schedule


@dataclass(frozen=True)
class UsualSession:
    key: str
    kind: str
    title: str
    week: int
    weekday: int | None  # None: the school's PD day
    start: dt.time | None  # None: the PD slot
    end: dt.time | None
    half: str = ""  # "first"/"second": that half of the PD slot
    mod4_only: bool = False
    description: str = ""


def usual_schedule(term: Term) -> list[UsualSession]:
    """The programme's usual sessions for the school's PD weeks: kick-off in
    week 1, Homeroom every PD day, Mix It Up in the second half-hour of weeks
    2 and 4, employer mock interviews in week 3, salary negotiation in week 4."""
    school = term.school
    pd_weeks = [w for w in school.pd_weeks if w <= school.weeks_in_module]
    usual = [
        UsualSession(
            "kick_off", SessionKind.KICK_OFF, "Mod 4 kick-off", pd_weeks[0], 0,
            dt.time(10, 0), dt.time(11, 0), mod4_only=True,
            description="What the module asks of you, and how the job search starts.",
        ),
    ]  # fmt: skip
    for w in pd_weeks:
        mixed = w in (2, 4)
        usual.append(
            UsualSession(
                f"homeroom_{w}", SessionKind.HOMEROOM, f"Homeroom · week {w}", w, None, None,
                None, half="first" if mixed else "",
                description="Working session on the module's deliverables." if w == 5 else "",
            )
        )  # fmt: skip
        if mixed:
            usual.append(
                UsualSession(
                    f"mix_it_up_{w}", SessionKind.MIX_IT_UP, f"Mix It Up · week {w}", w, None,
                    None, None, half="second",
                )
            )  # fmt: skip
    if school.weeks_in_module >= 3:
        usual.append(
            UsualSession(
                "mock_interviews", SessionKind.MOCK_INTERVIEWS, "Employer mock interviews", 3, 3,
                dt.time(9, 0), dt.time(17, 0), mod4_only=True,
                description="Your 30-minute interview with an employer volunteer.",
            )
        )  # fmt: skip
    if school.weeks_in_module >= 4:
        usual.append(
            UsualSession(
                "negotiation", SessionKind.WORKSHOP, "Salary negotiation workshop", 4, 1,
                dt.time(13, 0), dt.time(14, 30), mod4_only=True,
                description="Then the asynchronous lesson and its exit ticket, due Friday.",
            )
        )  # fmt: skip
    return usual


def _usual_moment(term: Term, u: UsualSession) -> Moment:
    week = term.week(u.week)
    if u.start is not None:
        day = week.starts_on + dt.timedelta(days=u.weekday)
        zone = term.school.zone
        return Moment(
            u.week,
            dt.datetime.combine(day, u.start, tzinfo=zone),
            dt.datetime.combine(day, u.end, tzinfo=zone),
        )
    start, end = week.pd_starts_at, week.pd_ends_at
    middle = start + (end - start) / 2
    if u.half == "first":
        end = middle
    elif u.half == "second":
        start = middle
    return Moment(u.week, start, end)


@transaction.atomic
def add_usual_schedule(term: Term) -> int:
    """Add the usual sessions the term does not have yet; returns how many.
    Mod 4's own sessions go to the term's Mod 4 cohorts, the rest to all."""
    have = set(term.pd_sessions.exclude(default_key="").values_list("default_key", flat=True))
    mod4 = list(Cohort.objects.filter(enrollments__term=term, enrollments__module=4).distinct())
    created = 0
    for u in usual_schedule(term):
        if u.key in have:
            continue
        moment = _usual_moment(term, u)
        session = Session.objects.create(
            term=term,
            kind=u.kind,
            title=u.title,
            week=moment.week,
            starts_at=moment.starts_at,
            ends_at=moment.ends_at,
            description=u.description,
            all_cohorts=not (u.mod4_only and mod4),
            default_key=u.key,
        )
        if u.mod4_only and mod4:
            session.cohorts.set(mod4)
        created += 1
    return created


# --- Attendance


@transaction.atomic
def record_attendance(session: Session, present_ids: Iterable[int]) -> int:
    """Take attendance for the whole sheet at once: the students in
    `present_ids` were there, everyone else the session applies to was not.
    Refuses, changing nothing, if a student it does not apply to is named."""
    rows = selectors.attendance_sheet(session)
    applies = {r.student.pk for r in rows}
    present = set(present_ids)
    strangers = present - applies
    if strangers:
        raise ValidationError(
            {
                "present": f"{len(strangers)} of the students marked present "
                "are not in the cohorts this session is for; nothing was saved."
            }
        )
    Attendance.objects.bulk_create(
        [Attendance(session=session, student_id=i, present=i in present) for i in applies],
        update_conflicts=True,
        unique_fields=["session", "student"],
        update_fields=["present", "taken_at"],
    )
    return len(present)
