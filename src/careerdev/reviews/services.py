"""Every write about document reviews, one function per use case, each in a
transaction.

Booking is safe under concurrent requests twice over: the slot's row is
locked (select_for_update) before it is checked, and the database's unique
constraints refuse a second live booking of a slot or a second upcoming
booking of a student in a term even if a check were ever skipped. Times are
entered in the school's zone and stored in UTC.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone

from careerdev.notifications import notices
from careerdev.people.models import User
from careerdev.school.models import Enrollment, Term

from .models import SLOT_TAKING, BookingStatus, ReviewBooking, ReviewSlot

DEFAULT_LENGTH_MINUTES = 30
# Students book, move and cancel until this long before a review starts;
# after that the Career Specialist's day is settled. A setting may override.
DEFAULT_CHANGE_CUTOFF = dt.timedelta(hours=24)
# One run of back-to-back slots is one day's work, not a season's.
MAX_SLOTS_PER_RUN = 48

TAKEN_MESSAGE = "Someone else booked that slot just before you. Please choose another one."


def change_cutoff() -> dt.timedelta:
    hours = getattr(settings, "REVIEW_CHANGE_CUTOFF_HOURS", None)
    return dt.timedelta(hours=hours) if hours is not None else DEFAULT_CHANGE_CUTOFF


def cutoff_text() -> str:
    hours = int(change_cutoff().total_seconds() // 3600)
    return f"{hours} hour{'s' if hours != 1 else ''}"


class BookingRefused(Exception):
    """A student's booking, move or cancellation was refused; nothing changed."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


# --- Slots (staff) ----------------------------------------------------------


def _at(term: Term, day: dt.date, time: dt.time) -> dt.datetime:
    """A wall-clock time on `day` in the school's zone."""
    return dt.datetime.combine(day, time, tzinfo=term.school.zone)


def _check_slot_details(
    *, length_minutes: int, place: str, video_link: str, field_prefix: str = ""
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not 5 <= length_minutes <= 240:
        errors["length_minutes"] = "A review lasts between 5 and 240 minutes."
    if video_link:
        try:
            URLValidator(schemes=["http", "https"])(video_link)
        except ValidationError:
            errors["video_link"] = "Enter a full link, such as https://meet.example.com/abc."
    if not place.strip() and not video_link:
        errors["place"] = "Give a place or a video link, so the student knows where to go."
    return errors


def _clashes(held_by: User, starts: list[dt.datetime], length: dt.timedelta) -> list[ReviewSlot]:
    """The holder's existing slots that overlap any of the new ones."""
    if not starts:
        return []
    window = ReviewSlot.objects.filter(
        held_by=held_by,
        starts_at__lt=max(starts) + length,
        starts_at__gt=min(starts) - dt.timedelta(minutes=240),
    )
    return [
        s
        for s in window
        if any(s.starts_at < start + length and start < s.ends_at for start in starts)
    ]


def _create_slots(
    term: Term,
    held_by: User,
    starts: list[dt.datetime],
    *,
    length_minutes: int,
    place: str,
    video_link: str,
    field: str,
) -> list[ReviewSlot]:
    length = dt.timedelta(minutes=length_minutes)
    clashes = _clashes(held_by, starts, length)
    if clashes:
        first = timezone.localtime(clashes[0].starts_at, term.school.zone)
        raise ValidationError(
            {
                field: f"{held_by.display_name} already holds a slot at "
                f"{first:%H:%M} on {first:%a %d %b} that overlaps; nothing was published."
            }
        )
    slots = [
        ReviewSlot(
            term=term,
            held_by=held_by,
            starts_at=start,
            length_minutes=length_minutes,
            place=place.strip(),
            video_link=video_link,
        )
        for start in starts
    ]
    for slot in slots:
        slot.full_clean(validate_unique=False, validate_constraints=False)
    return ReviewSlot.objects.bulk_create(slots)


def _check_holder(term: Term, held_by: User) -> None:
    if not (held_by.is_school_staff and held_by.school_id == term.school_id):
        raise ValidationError({"held_by": "Choose a staff member of this school."})


@transaction.atomic
def publish_slot(
    term: Term,
    *,
    held_by: User,
    day: dt.date,
    start_time: dt.time,
    length_minutes: int = DEFAULT_LENGTH_MINUTES,
    place: str = "",
    video_link: str = "",
    now: dt.datetime | None = None,
) -> ReviewSlot:
    """One slot at `start_time` on `day`, school time."""
    now = now or timezone.now()
    _check_holder(term, held_by)
    errors = _check_slot_details(length_minutes=length_minutes, place=place, video_link=video_link)
    starts_at = _at(term, day, start_time)
    if starts_at <= now:
        errors["start_time"] = "That time has already passed."
    if errors:
        raise ValidationError(errors)
    return _create_slots(
        term,
        held_by,
        [starts_at],
        length_minutes=length_minutes,
        place=place,
        video_link=video_link,
        field="start_time",
    )[0]


def run_of_starts(
    term: Term, day: dt.date, from_time: dt.time, to_time: dt.time, length_minutes: int
) -> list[dt.datetime]:
    """Back-to-back starts from `from_time`, each slot ending by `to_time`."""
    start, end = _at(term, day, from_time), _at(term, day, to_time)
    length = dt.timedelta(minutes=length_minutes)
    starts = []
    while start + length <= end:
        starts.append(start)
        start += length
    return starts


@transaction.atomic
def publish_run(
    term: Term,
    *,
    held_by: User,
    day: dt.date,
    from_time: dt.time,
    to_time: dt.time,
    length_minutes: int = DEFAULT_LENGTH_MINUTES,
    place: str = "",
    video_link: str = "",
    now: dt.datetime | None = None,
) -> list[ReviewSlot]:
    """A day's run of back-to-back slots between two times, all or nothing."""
    now = now or timezone.now()
    _check_holder(term, held_by)
    errors = _check_slot_details(length_minutes=length_minutes, place=place, video_link=video_link)
    if to_time <= from_time:
        errors["to_time"] = "The end time must be after the start time."
    elif _at(term, day, from_time) <= now:
        errors["from_time"] = "That time has already passed."
    if errors:
        raise ValidationError(errors)
    starts = run_of_starts(term, day, from_time, to_time, length_minutes)
    if not starts:
        raise ValidationError(
            {"to_time": f"Not even one {length_minutes}-minute slot fits between these times."}
        )
    if len(starts) > MAX_SLOTS_PER_RUN:
        raise ValidationError({"to_time": f"At most {MAX_SLOTS_PER_RUN} slots at a time."})
    return _create_slots(
        term,
        held_by,
        starts,
        length_minutes=length_minutes,
        place=place,
        video_link=video_link,
        field="from_time",
    )


@transaction.atomic
def delete_slot(slot: ReviewSlot) -> None:
    """Delete a slot nobody has booked (cancelled bookings go with it)."""
    slot = ReviewSlot.objects.select_for_update().get(pk=slot.pk)
    if slot.bookings.filter(status__in=SLOT_TAKING).exists():
        raise ValidationError("This slot is booked; only an unbooked slot can be deleted.")
    slot.delete()


# --- Bookings (students) ----------------------------------------------------


def _lock_enrollment(student: User, term: Term) -> Enrollment:
    """Lock the student's enrollment row: one student's own concurrent
    requests (two tabs) run one after the other."""
    enrollment = Enrollment.objects.select_for_update().filter(student=student, term=term).first()
    if enrollment is None:
        raise BookingRefused("Only students enrolled in this term can book a document review.")
    return enrollment


def _lock_open_slot(slot_id: int, student: User, now: dt.datetime) -> ReviewSlot:
    """The slot, locked, if this student may still take it; else a clear refusal."""
    slot = (
        ReviewSlot.objects.select_for_update()
        .select_related("term__school")
        .filter(pk=slot_id, term__school_id=student.school_id)
        .first()
    )
    if slot is None:
        raise BookingRefused("That slot no longer exists. Please choose another one.")
    if slot.starts_at <= now:
        raise BookingRefused("That slot has already started. Please choose a later one.")
    if slot.starts_at - change_cutoff() <= now:
        raise BookingRefused(
            f"Bookings close {cutoff_text()} before a review starts. Please choose a later slot."
        )
    if ReviewBooking.objects.filter(slot=slot, status__in=SLOT_TAKING).exists():
        raise BookingRefused(TAKEN_MESSAGE)
    return slot


def _insert_booking(slot: ReviewSlot, student: User, now: dt.datetime) -> ReviewBooking:
    try:
        with transaction.atomic():
            return ReviewBooking.objects.create(
                slot=slot, student=student, term=slot.term, booked_at=now
            )
    except IntegrityError:
        # The constraints caught what the locks should have: say which.
        if ReviewBooking.objects.filter(slot=slot, status__in=SLOT_TAKING).exists():
            raise BookingRefused(TAKEN_MESSAGE) from None
        raise BookingRefused(
            "You already have a document review booked this term: move it instead."
        ) from None


def _upcoming(student: User, term: Term) -> ReviewBooking | None:
    return (
        ReviewBooking.objects.select_related("slot")
        .filter(student=student, term=term, status=BookingStatus.BOOKED)
        .first()
    )


@transaction.atomic
def book_slot(student: User, slot_id: int, *, now: dt.datetime | None = None) -> ReviewBooking:
    """Book a free slot for a student of its term."""
    now = now or timezone.now()
    term = (
        Term.objects.filter(review_slots=slot_id, school_id=student.school_id)
        .select_related("school")
        .first()
    )
    if term is None:
        raise BookingRefused("That slot no longer exists. Please choose another one.")
    _lock_enrollment(student, term)
    if ReviewBooking.objects.filter(student=student, term=term, status=BookingStatus.HELD).exists():
        raise BookingRefused("Your document review for this term has already been held.")
    if _upcoming(student, term) is not None:
        raise BookingRefused(
            "You already have a document review booked this term: move it instead."
        )
    slot = _lock_open_slot(slot_id, student, now)
    booking = _insert_booking(slot, student, now)
    notices.review_booked(booking)
    return booking


def _check_changeable(booking: ReviewBooking, now: dt.datetime) -> None:
    if booking.slot.starts_at - change_cutoff() <= now:
        raise BookingRefused(
            f"Your review starts in less than {cutoff_text()}: it can no longer be changed "
            "here. Please write to your Career Specialist."
        )


@transaction.atomic
def cancel_booking(student: User, term: Term, *, now: dt.datetime | None = None) -> ReviewBooking:
    """Cancel the student's upcoming review, up to the cut-off."""
    now = now or timezone.now()
    _lock_enrollment(student, term)
    booking = _upcoming(student, term)
    if booking is None:
        raise BookingRefused("You have no document review booked to cancel.")
    _check_changeable(booking, now)
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = now
    booking.save(update_fields=["status", "cancelled_at"])
    notices.review_cancelled(booking)
    return booking


@transaction.atomic
def move_booking(
    student: User, term: Term, to_slot_id: int, *, now: dt.datetime | None = None
) -> ReviewBooking:
    """Move the student's upcoming review to another free slot, up to the
    cut-off of the old one; the old slot is free again at once."""
    now = now or timezone.now()
    _lock_enrollment(student, term)
    booking = _upcoming(student, term)
    if booking is None:
        raise BookingRefused("You have no document review booked to move.")
    if booking.slot_id == to_slot_id:
        raise BookingRefused("Your review is already in that slot.")
    _check_changeable(booking, now)
    slot = _lock_open_slot(to_slot_id, student, now)
    if slot.term_id != term.pk:
        raise BookingRefused("That slot is in another term. Please choose another one.")
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = now
    booking.save(update_fields=["status", "cancelled_at"])
    moved = _insert_booking(slot, student, now)
    notices.review_booked(moved, moved=True)
    return moved


# --- After the review (staff) -------------------------------------------------


@transaction.atomic
def cancel_for_student(booking: ReviewBooking, *, now: dt.datetime | None = None) -> ReviewBooking:
    """Staff cancel an upcoming review on the student's behalf, at any time
    before it starts (after the cut-off students ask their specialist)."""
    now = now or timezone.now()
    booking = ReviewBooking.objects.select_for_update().select_related("slot").get(pk=booking.pk)
    if booking.status != BookingStatus.BOOKED:
        raise ValidationError("Only an upcoming review can be cancelled.")
    if booking.slot.starts_at <= now:
        raise ValidationError("This review has started; mark it held or no-show instead.")
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = now
    booking.save(update_fields=["status", "cancelled_at"])
    notices.review_cancelled(booking)
    return booking


@transaction.atomic
def mark_booking(
    booking: ReviewBooking, status: str, *, by: User, now: dt.datetime | None = None
) -> ReviewBooking:
    """Mark a review held or no-show, once it has started; a mark can be changed."""
    now = now or timezone.now()
    booking = ReviewBooking.objects.select_for_update().select_related("slot").get(pk=booking.pk)
    if status not in (BookingStatus.HELD, BookingStatus.NO_SHOW):
        raise ValidationError("Mark a review held or no-show.")
    if booking.status == BookingStatus.CANCELLED:
        raise ValidationError("This booking was cancelled.")
    if booking.slot.starts_at > now:
        raise ValidationError("This review has not started yet; mark it once it has.")
    booking.status = status
    booking.marked_at = now
    booking.marked_by = by
    booking.save(update_fields=["status", "marked_at", "marked_by"])
    return booking


@transaction.atomic
def save_notes(booking: ReviewBooking, notes: str) -> ReviewBooking:
    """A Career Specialist's private notes on a review."""
    booking.staff_notes = notes.strip()
    booking.save(update_fields=["staff_notes"])
    return booking
