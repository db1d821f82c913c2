"""Every write about mock interviews, one function per use case, each in a
transaction.

Availability is entered in the school's wall-clock time and cut into
30-minute slots in UTC, so a window on the night clocks change yields the
slots that really fit. Booking is safe under concurrent requests: the
student's enrollment row, the slot's row and the volunteer's cap row are
locked (select_for_update) before they are checked, and the database's
constraints refuse a second live booking of a slot or of a student, or a
booking over the cap, even if a check were ever skipped. Emails go out once
the transaction commits, over one SMTP connection.
"""

from __future__ import annotations

import datetime as dt
from email.mime.text import MIMEText

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef
from django.utils import dateformat, timezone

from careerdev import ics
from careerdev.mail import send_after_commit
from careerdev.notifications import notices
from careerdev.people.models import User
from careerdev.school.models import Enrollment, Term

from . import matching
from .models import (
    SLOT_MINUTES,
    AvailabilityWindow,
    BookingStatus,
    InterviewFeedback,
    InterviewKind,
    MockInterviewBooking,
    MockInterviewSlot,
    Track,
    VolunteerCap,
)

DEFAULT_INTERVIEW_WEEK = 3
DEFAULT_CHANGE_CUTOFF = dt.timedelta(hours=24)
DEFAULT_CAP = 4
LINK_GRACE = dt.timedelta(hours=48)
INTERVIEW_MODULE = 4

TAKEN_MESSAGE = "Someone else booked that slot just before you. Please choose another one."
FULL_MESSAGE = (
    "This volunteer has reached the number of interviews they offered. Please choose another slot."
)
SECOND_MESSAGE = "You already have a mock interview booked this term: move it instead."


class BookingRefused(Exception):
    """A booking, move or cancellation was refused; nothing changed."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def interview_week(term: Term):
    """The term's interview week (week 3 unless MOCK_INTERVIEW_WEEK says otherwise)."""
    return term.week(getattr(settings, "MOCK_INTERVIEW_WEEK", DEFAULT_INTERVIEW_WEEK))


def change_cutoff() -> dt.timedelta:
    hours = getattr(settings, "MOCK_INTERVIEW_CHANGE_CUTOFF_HOURS", None)
    return dt.timedelta(hours=hours) if hours is not None else DEFAULT_CHANGE_CUTOFF


def cutoff_text() -> str:
    hours = int(change_cutoff().total_seconds() // 3600)
    return f"{hours} hour{'s' if hours != 1 else ''}"


# --- Availability (volunteers) ------------------------------------------------


def _local(term: Term, day: dt.date, time: dt.time, field: str) -> dt.datetime:
    """`time` on `day` in the school's zone; a time the clocks skip is refused,
    a time they pass twice is its first occurrence."""
    zone = term.school.zone
    moment = dt.datetime.combine(day, time, tzinfo=zone)
    if moment.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) != moment.replace(
        tzinfo=None
    ):
        raise ValidationError({field: f"{time:%H:%M} does not exist that day: the clocks change."})
    return moment


def cut_slots(starts_at: dt.datetime, ends_at: dt.datetime) -> list[dt.datetime]:
    """Back-to-back 30-minute starts, each ending by `ends_at`, stepped in real
    (UTC) time so a daylight-saving change neither loses nor invents a slot."""
    length = dt.timedelta(minutes=SLOT_MINUTES)
    start, end = starts_at.astimezone(dt.UTC), ends_at.astimezone(dt.UTC)
    starts = []
    while start + length <= end:
        starts.append(start)
        start += length
    return starts


def _check_volunteer(term: Term, volunteer: User) -> None:
    if not (volunteer.is_volunteer and volunteer.school_id == term.school_id):
        raise ValidationError("Only a volunteer of this school can give interview availability.")


@transaction.atomic
def add_window(
    term: Term,
    volunteer: User,
    *,
    day: dt.date,
    start_time: dt.time,
    end_time: dt.time,
    kind: str,
    track: str,
    now: dt.datetime | None = None,
) -> AvailabilityWindow:
    """A window of availability in the interview week, cut into slots; all or nothing."""
    now = now or timezone.now()
    _check_volunteer(term, volunteer)
    # One volunteer's concurrent requests run one after the other.
    User.objects.select_for_update().filter(pk=volunteer.pk).first()
    errors: dict[str, str] = {}
    if kind not in InterviewKind.values:
        errors["kind"] = "Choose behavioural, technical or both."
    if track not in Track.values:
        errors["track"] = "Choose front-end, back-end or any track."
    week = interview_week(term)
    if not week.starts_on <= day <= week.ends_on:
        errors["day"] = (
            f"Mock interviews are in week {week.number}, "
            f"{week.starts_on:%a %d %b} to {week.ends_on:%a %d %b}."
        )
    if end_time <= start_time:
        errors["end_time"] = "The end time must be after the start time."
    if errors:
        raise ValidationError(errors)
    starts_at = _local(term, day, start_time, "start_time")
    ends_at = _local(term, day, end_time, "end_time")
    if starts_at <= now:
        raise ValidationError({"start_time": "That time has already passed."})
    starts = cut_slots(starts_at, ends_at)
    if not starts:
        raise ValidationError({"end_time": "Not even one 30-minute interview fits in this window."})
    overlap = (
        AvailabilityWindow.objects.filter(
            volunteer=volunteer, starts_at__lt=ends_at, ends_at__gt=starts_at
        )
        .order_by("starts_at")
        .first()
    )
    if overlap:
        first = timezone.localtime(overlap.starts_at, term.school.zone)
        last = timezone.localtime(overlap.ends_at, term.school.zone)
        raise ValidationError(
            {
                "start_time": f"This overlaps your window on {first:%a %d %b} "
                f"{first:%H:%M}–{last:%H:%M}; nothing was added."
            }
        )
    window = AvailabilityWindow.objects.create(
        term=term,
        volunteer=volunteer,
        starts_at=starts_at,
        ends_at=ends_at,
        kind=kind,
        track=track,
    )
    MockInterviewSlot.objects.bulk_create(
        MockInterviewSlot(
            term=term, window=window, volunteer=volunteer, starts_at=s, kind=kind, track=track
        )
        for s in starts
    )
    VolunteerCap.objects.get_or_create(term=term, volunteer=volunteer)
    return window


@transaction.atomic
def remove_window(window: AvailabilityWindow) -> None:
    """Remove a window none of whose slots is booked."""
    AvailabilityWindow.objects.select_for_update().filter(pk=window.pk).first()
    if MockInterviewBooking.objects.filter(
        slot__window=window, status=BookingStatus.BOOKED
    ).exists():
        raise ValidationError(
            "A student has booked a slot in this window; it cannot be removed. "
            "Please write to the Career Development team."
        )
    window.delete()


@transaction.atomic
def set_cap(term: Term, volunteer: User, cap: int) -> VolunteerCap:
    """How many interviews the volunteer will do this term (not below those booked)."""
    _check_volunteer(term, volunteer)
    row, _ = VolunteerCap.objects.get_or_create(term=term, volunteer=volunteer)
    row = VolunteerCap.objects.select_for_update().get(pk=row.pk)
    if not 1 <= cap <= 50:
        raise ValidationError({"cap": "Offer between 1 and 50 interviews."})
    if cap < row.booked:
        raise ValidationError(
            {
                "cap": f"{row.booked} interviews are already booked with you; "
                "the cap cannot be lower."
            }
        )
    row.cap = cap
    row.save(update_fields=["cap"])
    return row


# --- Bookings (students) ------------------------------------------------------


def track_of(enrollment: Enrollment) -> str:
    return enrollment.cohort.program.code


def _lock_enrollment(student: User, term: Term) -> Enrollment:
    enrollment = (
        Enrollment.objects.select_for_update(of=("self",))
        .select_related("cohort__program")
        .filter(student=student, term=term)
        .first()
    )
    if enrollment is None or enrollment.module != INTERVIEW_MODULE:
        raise BookingRefused("Mock interviews are for students in Mod 4 this term.")
    return enrollment


def _lock_slot(slot_id: int, term: Term, track: str, now: dt.datetime) -> MockInterviewSlot:
    slot = (
        MockInterviewSlot.objects.select_for_update(of=("self",))
        .filter(pk=slot_id, term=term)
        .select_related("volunteer")
        .first()
    )
    if slot is None:
        raise BookingRefused("That slot no longer exists. Please choose another one.")
    if slot.starts_at - change_cutoff() <= now:
        raise BookingRefused(
            f"Bookings close {cutoff_text()} before an interview starts. "
            "Please choose a later slot."
        )
    if not slot.fits(track):
        raise BookingRefused(
            f"That slot is for the {slot.get_track_display()} track; please choose one for {track}."
        )
    if MockInterviewBooking.objects.filter(slot=slot, status=BookingStatus.BOOKED).exists():
        raise BookingRefused(TAKEN_MESSAGE)
    return slot


def _take_cap(slot: MockInterviewSlot) -> None:
    """Count one more interview against the volunteer's cap, under its row lock."""
    cap, _ = VolunteerCap.objects.get_or_create(
        term_id=slot.term_id, volunteer_id=slot.volunteer_id
    )
    cap = VolunteerCap.objects.select_for_update().get(pk=cap.pk)
    if cap.booked >= cap.cap:
        raise BookingRefused(FULL_MESSAGE)
    VolunteerCap.objects.filter(pk=cap.pk).update(booked=F("booked") + 1)


def _release_cap(booking: MockInterviewBooking) -> None:
    VolunteerCap.objects.select_for_update().filter(
        term_id=booking.term_id, volunteer_id=booking.slot.volunteer_id
    ).update(booked=F("booked") - 1)


def _insert(
    slot: MockInterviewSlot, student: User, now: dt.datetime, assigned_by: User | None = None
) -> MockInterviewBooking:
    try:
        with transaction.atomic():
            _take_cap(slot)
            booking = MockInterviewBooking.objects.create(
                slot=slot,
                student=student,
                term_id=slot.term_id,
                booked_at=now,
                assigned_by=assigned_by,
            )
    except IntegrityError:
        # The constraints caught what the locks should have: say which.
        if MockInterviewBooking.objects.filter(slot=slot, status=BookingStatus.BOOKED).exists():
            raise BookingRefused(TAKEN_MESSAGE) from None
        if MockInterviewBooking.objects.filter(
            student=student, term_id=slot.term_id, status=BookingStatus.BOOKED
        ).exists():
            raise BookingRefused(SECOND_MESSAGE) from None
        raise BookingRefused(FULL_MESSAGE) from None
    return booking


def upcoming(student: User, term: Term) -> MockInterviewBooking | None:
    return (
        MockInterviewBooking.objects.select_related("slot__volunteer")
        .filter(student=student, term=term, status=BookingStatus.BOOKED)
        .first()
    )


@transaction.atomic
def book_slot(
    student: User, term: Term, slot_id: int, *, now: dt.datetime | None = None
) -> MockInterviewBooking:
    """Book a free slot of the student's track; the volunteer and the student
    are emailed on commit, each with a calendar invitation."""
    now = now or timezone.now()
    enrollment = _lock_enrollment(student, term)
    if upcoming(student, term) is not None:
        raise BookingRefused(SECOND_MESSAGE)
    slot = _lock_slot(slot_id, term, track_of(enrollment), now)
    booking = _insert(slot, student, now)
    _tell([booking], term)
    return booking


def _check_changeable(booking: MockInterviewBooking, now: dt.datetime) -> None:
    if booking.slot.starts_at - change_cutoff() <= now:
        raise BookingRefused(
            f"Your interview starts in less than {cutoff_text()}: it can no longer be changed "
            "here. Please write to your volunteer and the Career Development team."
        )


def _cancel(booking: MockInterviewBooking, now: dt.datetime) -> None:
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = now
    booking.save(update_fields=["status", "cancelled_at"])
    _release_cap(booking)


@transaction.atomic
def cancel_booking(
    student: User, term: Term, *, now: dt.datetime | None = None
) -> MockInterviewBooking:
    """Cancel the student's interview, up to the cut-off; the volunteer is told."""
    now = now or timezone.now()
    _lock_enrollment(student, term)
    booking = upcoming(student, term)
    if booking is None:
        raise BookingRefused("You have no mock interview booked to cancel.")
    _check_changeable(booking, now)
    _cancel(booking, now)
    _tell([], term, cancelled=booking)
    return booking


@transaction.atomic
def move_booking(
    student: User, term: Term, to_slot_id: int, *, now: dt.datetime | None = None
) -> MockInterviewBooking:
    """Move the student's interview to another free slot, up to the cut-off of the old one."""
    now = now or timezone.now()
    enrollment = _lock_enrollment(student, term)
    booking = upcoming(student, term)
    if booking is None:
        raise BookingRefused("You have no mock interview booked to move.")
    if booking.slot_id == to_slot_id:
        raise BookingRefused("Your interview is already in that slot.")
    _check_changeable(booking, now)
    slot = _lock_slot(to_slot_id, term, track_of(enrollment), now)
    _cancel(booking, now)
    new = _insert(slot, student, now)
    _tell([new], term, cancelled=booking)
    return new


# --- Staff: assign everyone left ------------------------------------------------


@transaction.atomic
def assign_unbooked(
    term: Term, *, by: User, now: dt.datetime | None = None
) -> list[MockInterviewBooking]:
    """Book every unbooked Mod 4 student into a free slot of their track by a
    maximum matching under the volunteers' caps (matching.assign); existing
    bookings stay where they are. Returns the new bookings."""
    now = now or timezone.now()
    # Lock the term's caps first: concurrent bookings wait for the assignment.
    caps = {
        c.volunteer_id: c.left
        for c in VolunteerCap.objects.select_for_update().filter(term=term).order_by("pk")
    }
    enrollments = list(
        Enrollment.objects.select_for_update(of=("self",))
        .filter(term=term, module=INTERVIEW_MODULE)
        .exclude(
            Exists(
                MockInterviewBooking.objects.filter(
                    student=OuterRef("student"), term=term, status=BookingStatus.BOOKED
                )
            )
        )
        .select_related("cohort__program", "student")
        .order_by("pk")
    )
    slots = list(
        MockInterviewSlot.objects.select_for_update()
        .filter(term=term, starts_at__gt=now + change_cutoff())
        .exclude(
            Exists(
                MockInterviewBooking.objects.filter(
                    slot=OuterRef("pk"), status=BookingStatus.BOOKED
                )
            )
        )
        .order_by("starts_at", "pk")
    )
    chosen = matching.assign(
        [matching.Seeker(e.student_id, track_of(e)) for e in enrollments],
        [matching.Opening(s.pk, s.volunteer_id, s.track, i) for i, s in enumerate(slots)],
        caps,
    )
    students = {e.student_id: e.student for e in enrollments}
    by_slot = {s.pk: s for s in slots}
    bookings = [
        _insert(by_slot[slot_id], students[student_id], now, assigned_by=by)
        for student_id, slot_id in sorted(chosen.items())
    ]
    _tell(bookings, term)
    return bookings


# --- After booking (volunteers) -------------------------------------------------


@transaction.atomic
def set_video_link(
    booking: MockInterviewBooking, link: str, *, now: dt.datetime | None = None
) -> MockInterviewBooking:
    """The volunteer's video-call link for the interview, shown on the student's page."""
    now = now or timezone.now()
    link = link.strip()
    try:
        URLValidator(schemes=["http", "https"])(link)
    except ValidationError:
        raise ValidationError(
            {"video_link": "Enter a full link, such as https://meet.example.com/abc."}
        ) from None
    booking = MockInterviewBooking.objects.select_for_update().get(pk=booking.pk)
    if booking.status != BookingStatus.BOOKED:
        raise ValidationError({"video_link": "This booking was cancelled."})
    booking.video_link = link
    booking.video_link_added_at = now
    booking.save(update_fields=["video_link", "video_link_added_at"])
    return booking


@transaction.atomic
def give_feedback(
    booking: MockInterviewBooking,
    *,
    behavioural_rating: int | None,
    technical_rating: int | None,
    strengths: str,
    to_work_on: str,
    now: dt.datetime | None = None,
) -> InterviewFeedback:
    """The volunteer's feedback once the interview has started; rated parts
    must be parts the slot offered. Saving again replaces it."""
    now = now or timezone.now()
    booking = (
        MockInterviewBooking.objects.select_for_update(of=("self",))
        .select_related("slot")
        .get(pk=booking.pk)
    )
    errors: dict[str, str] = {}
    if booking.status != BookingStatus.BOOKED:
        errors["strengths"] = "This booking was cancelled."
    elif booking.slot.starts_at > now:
        errors["strengths"] = "Give feedback once the interview has started."
    kind = booking.slot.kind
    for name, rating, part in (
        ("behavioural_rating", behavioural_rating, InterviewKind.BEHAVIOURAL),
        ("technical_rating", technical_rating, InterviewKind.TECHNICAL),
    ):
        if rating is None:
            continue
        if kind not in (part, InterviewKind.BOTH):
            errors[name] = f"This was not a {part.label.lower()} interview: leave it unrated."
        elif not 1 <= rating <= 5:
            errors[name] = "Rate from 1 to 5."
    if behavioural_rating is None and technical_rating is None:
        errors.setdefault("behavioural_rating", "Rate at least the part you gave.")
    if not strengths.strip():
        errors["strengths"] = errors.get("strengths", "Name at least one strength.")
    if not to_work_on.strip():
        errors["to_work_on"] = "Name one thing to work on."
    if errors:
        raise ValidationError(errors)
    feedback, _ = InterviewFeedback.objects.update_or_create(
        booking=booking,
        defaults={
            "behavioural_rating": behavioural_rating,
            "technical_rating": technical_rating,
            "strengths": strengths.strip(),
            "to_work_on": to_work_on.strip(),
            "submitted_at": now,
        },
    )
    return feedback


# --- Emails ---------------------------------------------------------------------


def when_text(moment: dt.datetime, term: Term) -> str:
    local = timezone.localtime(moment, term.school.zone)
    return dateformat.format(local, r"l j F \a\t g:i a T")


def invitation_event(booking: MockInterviewBooking, term: Term) -> ics.Event:
    """The booking as one calendar event; its UID is the booking's, for good."""
    slot, student, volunteer = booking.slot, booking.student, booking.slot.volunteer
    domain = (settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "careerdev").strip(">")
    return ics.Event(
        uid=f"mock-interview-{booking.pk}@{domain}",
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        stamp=booking.booked_at,
        summary=f"Mock interview: {student.display_name} with {volunteer.display_name}",
        description=(
            f"{slot.get_kind_display()} mock interview ({term.school.name}, {term.name}).\n"
            f"{volunteer.display_name} sends the video-call link."
        ),
        url=booking.video_link,
        organizer=ics.Person(settings.DEFAULT_FROM_EMAIL, term.school.name),
        attendees=(
            ics.Person(volunteer.email, volunteer.display_name),
            ics.Person(student.email, student.display_name),
        ),
    )


def _ics_part(text: str) -> MIMEText:
    part = MIMEText(text, "calendar", "utf-8")
    part.set_param("method", "REQUEST")
    part.add_header("Content-Disposition", "attachment", filename="mock-interview.ics")
    return part


def resume_link(student: User) -> str:
    profile = getattr(student, "student_profile", None)
    return profile.resume_url if profile else ""


def introduction(booking: MockInterviewBooking, term: Term) -> str:
    """The short introduction the programme asks of the student, in their voice."""
    student, volunteer = booking.student, booking.slot.volunteer
    resume = resume_link(student)
    return (
        f"Hello {volunteer.first_name or volunteer.display_name},\n\n"
        f"My name is {student.display_name}, a Mod 4 student at {term.school.name}. "
        f"I booked a mock interview with you on {when_text(booking.slot.starts_at, term)}. "
        "Thank you for giving your time.\n\n"
        + (
            f"My resume: {resume}\n\n"
            if resume
            else "I will send you my resume before the interview.\n\n"
        )
        + f"I look forward to it,\n{student.display_name}\n{student.email}\n"
    )


# Nothing to resend from: staff see the interview on the term's page.
EMAIL_REDO = "Send them the interview's details yourself: it is on the mock interviews page."


def _tell(
    booked: list[MockInterviewBooking],
    term: Term,
    *,
    cancelled: MockInterviewBooking | None = None,
) -> None:
    """After commit: the calendar invitations (and the volunteer's cancellation)
    by email, and the student's notices in the app. A move is both."""
    emails = [_cancellation_email(cancelled, term)] if cancelled else []
    emails += _booking_emails(booked, term)
    send_after_commit(emails, school_id=term.school_id, redo=EMAIL_REDO)
    if cancelled and not booked:
        notices.interview_cancelled(cancelled, term)
    if booked:
        notices.interview_booked(booked, term, moved=cancelled is not None)


def _booking_emails(bookings: list[MockInterviewBooking], term: Term) -> list[EmailMessage]:
    messages = []
    # Read afresh: the resume link is the student's current one.
    bookings = list(
        MockInterviewBooking.objects.filter(pk__in=[b.pk for b in bookings])
        .select_related("student__student_profile", "slot__volunteer")
        .order_by("pk")
    )
    for booking in bookings:
        student, volunteer = booking.student, booking.slot.volunteer
        invite = ics.invitation(invitation_event(booking, term), term.school.zone)
        when = when_text(booking.slot.starts_at, term)
        intro = EmailMessage(
            subject=f"Mock interview on {when}: introduction from {student.display_name}",
            body=introduction(booking, term)
            + "\n--\nSent by careerdev for the student. Reply to write to them; please "
            "send the video-call link through careerdev.\n",
            to=[volunteer.email],
            reply_to=[student.email],
        )
        confirmation = EmailMessage(
            subject=f"Your mock interview on {when}",
            body=(
                f"Hello {student.first_name or student.display_name},\n\n"
                f"Your mock interview with {volunteer.display_name} is on {when}. "
                "It is in your calendar invitation attached.\n\n"
                f"careerdev sent this introduction to {volunteer.display_name} for you:\n\n"
                + introduction(booking, term)
                + "\nIf no video-call link has come 48 hours after booking, write to "
                f"{volunteer.display_name} ({volunteer.email}) with your resume attached.\n"
            ),
            to=[student.email],
        )
        for message in (intro, confirmation):
            message.attach(_ics_part(invite))
            messages.append(message)
    return messages


def _cancellation_email(booking: MockInterviewBooking, term: Term) -> EmailMessage:
    volunteer = booking.slot.volunteer
    return EmailMessage(
        subject=f"Mock interview cancelled: {booking.student.display_name}",
        body=(
            f"Hello {volunteer.first_name or volunteer.display_name},\n\n"
            f"{booking.student.display_name} cancelled or moved the mock interview on "
            f"{when_text(booking.slot.starts_at, term)}. That slot is free again.\n"
        ),
        to=[volunteer.email],
    )
