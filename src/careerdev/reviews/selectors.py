"""Reads the document-review pages need, and the review state of each student
for the deliverables matrix. Each page's reads are a fixed number of queries,
whatever the number of slots and bookings."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from careerdev.people.models import User
from careerdev.school.models import Term

from .models import SLOT_TAKING, BookingStatus, ReviewBooking, ReviewSlot
from .services import change_cutoff


class ReviewState(models.TextChoices):
    """Where a student stands on the document-review deliverable in a term."""

    NONE = "none", "Not booked"
    BOOKED = "booked", "Booked"
    HELD = "held", "Held"
    NO_SHOW = "no_show", "No-show"


# When a student has several bookings in a term (a no-show, then a new
# booking), the one that says most about the deliverable wins.
_PRECEDENCE = [ReviewState.HELD, ReviewState.BOOKED, ReviewState.NO_SHOW]


def _state_of(statuses: set[str]) -> ReviewState:
    for state in _PRECEDENCE:
        if state.value in statuses:
            return state
    return ReviewState.NONE


def reviewed_students(term: Term) -> set[int]:
    """Ids of the students whose document review was held in `term`: the
    deliverable is done for them. One query."""
    return set(
        ReviewBooking.objects.filter(term=term, status=BookingStatus.HELD).values_list(
            "student_id", flat=True
        )
    )


def review_states(term: Term, students: Collection[int] | None = None) -> dict[int, ReviewState]:
    """Every student (of `students`, when given) with a live or past booking
    in `term`, by id, with their state; students missing from the dict are
    ReviewState.NONE. One query."""
    statuses: dict[int, set[str]] = defaultdict(set)
    rows = ReviewBooking.objects.filter(term=term).exclude(status=BookingStatus.CANCELLED)
    if students is not None:
        rows = rows.filter(student_id__in=students)
    # No order: the model's (by the slot's start) would join the slots for nothing.
    rows = rows.order_by().values_list("student_id", "status")
    for student_id, status in rows:
        statuses[student_id].add(status)
    return {student_id: _state_of(s) for student_id, s in statuses.items()}


def review_state(student: User, term: Term) -> ReviewState:
    """The student's state on the document review in `term`: none, booked,
    held or no-show. One query."""
    statuses = set(
        ReviewBooking.objects.filter(student=student, term=term)
        .exclude(status=BookingStatus.CANCELLED)
        .values_list("status", flat=True)
    )
    return _state_of(statuses)


# --- Student page -------------------------------------------------------------


def open_slots(term: Term, now: dt.datetime | None = None) -> QuerySet[ReviewSlot]:
    """Slots a student may still book: free, and starting after the cut-off."""
    now = now or timezone.now()
    taken = ReviewBooking.objects.filter(slot=OuterRef("pk"), status__in=SLOT_TAKING)
    return (
        ReviewSlot.objects.filter(term=term, starts_at__gt=now + change_cutoff())
        .annotate(taken=Exists(taken))
        .filter(taken=False)
        .select_related("held_by")
        .order_by("starts_at", "held_by__last_name")
    )


@dataclass
class StudentReviews:
    """What a student sees: never staff notes, never anyone else's booking."""

    upcoming: ReviewBooking | None
    past: list[ReviewBooking]
    state: ReviewState
    can_change: bool


def student_reviews(student: User, term: Term, now: dt.datetime | None = None) -> StudentReviews:
    now = now or timezone.now()
    # Notes are staff-only: not even loaded for the student's page.
    bookings = list(
        ReviewBooking.objects.filter(student=student, term=term)
        .exclude(status=BookingStatus.CANCELLED)
        .select_related("slot__held_by")
        .defer("staff_notes")
        .order_by("slot__starts_at")
    )
    upcoming = next((b for b in bookings if b.status == BookingStatus.BOOKED), None)
    return StudentReviews(
        upcoming=upcoming,
        past=[b for b in bookings if b is not upcoming],
        state=_state_of({b.status for b in bookings}),
        can_change=bool(upcoming and upcoming.slot.starts_at - change_cutoff() > now),
    )


# --- Staff page ---------------------------------------------------------------


@dataclass
class StaffDay:
    day: dt.date
    slots: list[ReviewSlot]


@dataclass
class StaffReviews:
    days: list[StaffDay]
    slots: int
    booked: int
    held: int
    no_show: int


def staff_reviews(term: Term, day: dt.date | None = None) -> StaffReviews:
    """The term's slots (or one day's), by day in the school's zone, each with
    its live booking (`slot.booking`, or None) and the student. Two queries."""
    zone = term.school.zone
    slots = ReviewSlot.objects.filter(term=term).select_related("held_by")
    if day is not None:
        start = dt.datetime.combine(day, dt.time(0), tzinfo=zone)
        end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), tzinfo=zone)
        slots = slots.filter(starts_at__gte=start, starts_at__lt=end)
    live = ReviewBooking.objects.filter(status__in=SLOT_TAKING).select_related(
        "student__student_profile", "marked_by"
    )
    slots = slots.prefetch_related(Prefetch("bookings", queryset=live, to_attr="live_bookings"))
    by_day: dict[dt.date, list[ReviewSlot]] = defaultdict(list)
    counts = dict.fromkeys(SLOT_TAKING, 0)
    total = 0
    for slot in slots.order_by("starts_at", "held_by__last_name"):
        local_day = timezone.localtime(slot.starts_at, zone).date()
        slot.booking = slot.live_bookings[0] if slot.live_bookings else None
        if slot.booking:
            counts[slot.booking.status] += 1
        by_day[local_day].append(slot)
        total += 1
    return StaffReviews(
        days=[StaffDay(d, s) for d, s in sorted(by_day.items())],
        slots=total,
        booked=counts[BookingStatus.BOOKED],
        held=counts[BookingStatus.HELD],
        no_show=counts[BookingStatus.NO_SHOW],
    )


def staff_of_school(term: Term) -> QuerySet[User]:
    """Who may hold review slots: the school's staff."""
    return User.objects.staff().filter(school_id=term.school_id, is_active=True)


def staff_slot(slot_id: int) -> ReviewSlot:
    """One slot as the staff page shows it (`slot.booking` attached)."""
    live = ReviewBooking.objects.filter(status__in=SLOT_TAKING).select_related(
        "student__student_profile", "marked_by"
    )
    slot = (
        ReviewSlot.objects.select_related("held_by")
        .prefetch_related(Prefetch("bookings", queryset=live, to_attr="live_bookings"))
        .get(pk=slot_id)
    )
    slot.booking = slot.live_bookings[0] if slot.live_bookings else None
    return slot
