"""Everything in a person's calendar, as careerdev.ics events.

A student: their sessions this term (Homeroom and Mix It Up ones say their
room, never a Mix It Up topic), their document review and their mock
interview. A volunteer: the mock interviews booked with them. Staff: the
term's sessions and the document reviews booked with them. Each event's UID
is stable, so clients update an event that moved instead of adding a second
one.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from careerdev import ics, policies
from careerdev.groups.models import GroupMember, RoundKind, RoundStatus
from careerdev.interviews.models import BookingStatus as InterviewStatus
from careerdev.interviews.models import MockInterviewBooking
from careerdev.notifications.services import page_url
from careerdev.people.models import User
from careerdev.reviews.models import BookingStatus as ReviewStatus
from careerdev.reviews.models import ReviewBooking
from careerdev.school.models import Term
from careerdev.school.selectors import current_term, school_of
from careerdev.sessions.models import Session, SessionKind
from careerdev.sessions.selectors import sessions_for

DOMAIN = "careerdev"


def _session_event(s: Session, stamp: dt.datetime, extra: str = "", optional=False) -> ics.Event:
    description = "\n".join(
        part
        for part in (
            extra,
            "Optional for you (you are repeating the module)." if optional else "",
            s.description,
        )
        if part
    )
    return ics.Event(
        uid=f"session-{s.pk}@{DOMAIN}",
        starts_at=s.starts_at,
        ends_at=s.ends_at,
        summary=s.title,
        stamp=stamp,
        description=description,
        location=s.place or s.video_link,
        url=s.video_link,
    )


def _rooms(student: User, term: Term) -> dict[tuple[str, int | None], str]:
    """The student's published groups: ("homeroom", None) or ("mix_it_up", week) → a line.

    A feed is pasted into Google or Outlook, where others may read it, so a
    Mix It Up line has the same form for every group: the room and a link
    into careerdev. The topic, or leading or not, would tell who is in the
    less-represented group (docs/security.md)."""
    out = {}
    home = page_url(reverse("home"))
    for m in GroupMember.objects.filter(
        student=student, round__term=term, round__status=RoundStatus.PUBLISHED
    ).select_related("round", "group"):
        if m.round.kind == RoundKind.HOMEROOM:
            out["homeroom", None] = f"Your Homeroom group: room {m.group.room}."
        else:
            out["mix_it_up", m.round.week] = (
                f"Your Mix It Up group: room {m.group.room}.\n"
                f"Topic, prompts and who leads: in careerdev, {home}"
            )
    return out


def _student_events(student: User, term: Term, stamp: dt.datetime) -> list[ics.Event]:
    rooms = _rooms(student, term)
    events = []
    for s in sessions_for(student, term):
        extra = ""
        if s.kind == SessionKind.HOMEROOM:
            extra = rooms.get(("homeroom", None), "")
        elif s.kind == SessionKind.MIX_IT_UP:
            extra = rooms.get(("mix_it_up", s.week), "")
        events.append(_session_event(s, stamp, extra, optional=getattr(s, "optional", False)))
    for b in ReviewBooking.objects.filter(
        student=student, term=term, status__in=[ReviewStatus.BOOKED, ReviewStatus.HELD]
    ).select_related("slot__held_by__student_profile"):
        events.append(_review_event(b, stamp))
    for b in MockInterviewBooking.objects.filter(
        student=student, term=term, status=InterviewStatus.BOOKED
    ).select_related("slot__volunteer__volunteer_profile"):
        events.append(_interview_event(b, stamp, for_volunteer=False))
    return events


def _review_event(b: ReviewBooking, stamp: dt.datetime) -> ics.Event:
    slot = b.slot
    return ics.Event(
        uid=f"review-{b.pk}@{DOMAIN}",
        starts_at=slot.starts_at,
        ends_at=slot.starts_at + dt.timedelta(minutes=slot.length_minutes),
        summary="Document review",
        stamp=stamp,
        description=f"Resume, cover letter and LinkedIn, with {slot.held_by.display_name}.",
        location=slot.place or slot.video_link,
        url=slot.video_link,
    )


def _interview_event(b: MockInterviewBooking, stamp: dt.datetime, *, for_volunteer) -> ics.Event:
    slot = b.slot
    other = b.student.display_name if for_volunteer else slot.volunteer.display_name
    return ics.Event(
        uid=f"mock-interview-{b.pk}@{DOMAIN}",
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        summary=f"Mock interview with {other}",
        stamp=stamp,
        description=f"{slot.get_kind_display()} mock interview."
        + ("" if b.video_link else " The video-call link will follow."),
        location=b.video_link,
        url=b.video_link,
    )


def events_for(user: User) -> tuple[list[ics.Event], object]:
    """The person's events and their school's zone (None without a school)."""
    school = school_of(user)
    if school is None:
        return [], None
    term = current_term(school)
    stamp = timezone.now().replace(microsecond=0)
    events: list[ics.Event] = []
    if term is not None:
        if policies.is_student(user):
            events = _student_events(user, term, stamp)
        elif policies.is_volunteer(user):
            events = [
                _interview_event(b, stamp, for_volunteer=True)
                for b in MockInterviewBooking.objects.filter(
                    slot__volunteer=user, term=term, status=InterviewStatus.BOOKED
                ).select_related("slot", "student__student_profile")
            ]
        elif policies.is_staff_of(user, school):
            events = [
                _session_event(s, stamp)
                for s in Session.objects.filter(term=term).order_by("starts_at")
            ] + [
                _review_event(b, stamp)
                for b in ReviewBooking.objects.filter(
                    slot__held_by=user, term=term, status=ReviewStatus.BOOKED
                ).select_related("slot__held_by")
            ]
    return events, school.zone
