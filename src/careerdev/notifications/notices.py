"""What careerdev tells people when something happens to them: one function
per event, each a short message with the school's name and a link to the
exact page, emailed straight away (see services.notify_now)."""

from __future__ import annotations

from django.urls import reverse

from .models import Kind
from .services import NewNotification, notify_now
from .wording import when


def _tell(**message) -> None:
    notify_now([NewNotification(**message)])


def review_booked(booking, *, moved: bool = False) -> None:
    slot, school = booking.slot, booking.term.school
    at = when(slot.starts_at, school.zone)
    verb = "moved to" if moved else "booked for"
    _tell(
        recipient_id=booking.student_id,
        key=f"{Kind.REVIEW_BOOKED}:{booking.pk}",
        kind=Kind.REVIEW_BOOKED,
        subject=f"{school.name}: your document review is {verb} {at}",
        body=(
            f"Your document review with {slot.held_by.display_name} is {verb} {at}"
            + (f", {slot.place}" if slot.place else "")
            + ". Bring your resume, cover letter and LinkedIn profile."
        ),
        url=reverse("reviews:student"),
    )


def review_cancelled(booking) -> None:
    school = booking.term.school
    at = when(booking.slot.starts_at, school.zone)
    _tell(
        recipient_id=booking.student_id,
        key=f"{Kind.REVIEW_CANCELLED}:{booking.pk}",
        kind=Kind.REVIEW_CANCELLED,
        subject=f"{school.name}: your document review of {at} is cancelled",
        body="Your document review is cancelled. Book another slot when you can:",
        url=reverse("reviews:student"),
    )


def portfolio_decided(portfolio, event, *, published: bool) -> None:
    school = portfolio.student.school
    name = school.name if school else "careerdev"
    if published:
        subject = f"{name}: your portfolio is published"
        body = "Your portfolio is published on the school's directory."
    else:
        subject = f"{name}: changes asked to your portfolio"
        body = "A Career Specialist asked for changes to your portfolio:\n\n" + event.comment
    _tell(
        recipient_id=portfolio.student_id,
        key=f"{Kind.PORTFOLIO_DECIDED}:{event.pk}",
        kind=Kind.PORTFOLIO_DECIDED,
        subject=subject,
        body=body,
        url=reverse("portfolios:mine"),
    )


def repeat_meeting_booked(plan) -> None:
    school = plan.term.school
    at = when(plan.meeting_at, school.zone)
    _tell(
        recipient_id=plan.student_id,
        key=f"{Kind.REPEAT_MEETING}:{plan.pk}:{plan.meeting_at.isoformat()}",
        kind=Kind.REPEAT_MEETING,
        subject=f"{school.name}: your repeat-plan meeting is on {at}",
        body=(
            f"Your meeting with {plan.meeting_with.display_name} is on {at}"
            + (f", {plan.meeting_place}" if plan.meeting_place else "")
            + ". Bring your self-evaluation from your first Mod 4: you will set goals."
        ),
        url=reverse("repeats:mine"),
    )


def early_graduation_decided(request_) -> None:
    school = request_.term.school
    approved = request_.status == "approved"
    verb = "approved" if approved else "declined"
    body = f"Your request to graduate early is {verb}."
    if request_.decision_note:
        body += f"\n\n{request_.decision_note}"
    _tell(
        recipient_id=request_.student_id,
        key=f"{Kind.EARLY_GRADUATION}:{request_.pk}",
        kind=Kind.EARLY_GRADUATION,
        subject=f"{school.name}: your early-graduation request is {verb}",
        body=body,
        url=reverse("graduation:mine"),
    )


def interview_booked(bookings, term, *, moved: bool = False) -> None:
    """In-app only: the email is the calendar invitation the interviews app sends."""
    school = term.school
    verb = "moved to" if moved else "booked for"
    notify_now(
        [
            NewNotification(
                recipient_id=b.student_id,
                key=f"{Kind.INTERVIEW_BOOKED}:{b.pk}",
                kind=Kind.INTERVIEW_BOOKED,
                subject=(
                    f"{school.name}: your mock interview is {verb} "
                    f"{when(b.slot.starts_at, school.zone)}"
                ),
                body=(
                    f"Your mock interview with {b.slot.volunteer.display_name} is {verb} "
                    f"{when(b.slot.starts_at, school.zone)}. The calendar invitation is in "
                    "your email; the video-call link will be on the interviews page."
                ),
                url=reverse("interviews:student"),
                email=False,
            )
            for b in bookings
        ]
    )


def interview_cancelled(booking, term) -> None:
    school = term.school
    _tell(
        recipient_id=booking.student_id,
        key=f"{Kind.INTERVIEW_CANCELLED}:{booking.pk}",
        kind=Kind.INTERVIEW_CANCELLED,
        subject=(
            f"{school.name}: your mock interview of "
            f"{when(booking.slot.starts_at, school.zone)} is cancelled"
        ),
        body="Your mock interview is cancelled. Book another slot while there are some:",
        url=reverse("interviews:student"),
        email=False,
    )
