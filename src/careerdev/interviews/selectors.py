"""Reads the mock-interview pages need. Each page's reads are a fixed number
of queries, whatever the number of students, slots and bookings."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from careerdev.people.models import User
from careerdev.school.models import Enrollment, Term

from .models import (
    AvailabilityWindow,
    BookingStatus,
    MockInterviewBooking,
    MockInterviewSlot,
    Track,
    VolunteerCap,
)
from .services import INTERVIEW_MODULE, LINK_GRACE, change_cutoff


def _live_bookings() -> QuerySet[MockInterviewBooking]:
    return MockInterviewBooking.objects.filter(status=BookingStatus.BOOKED)


def link_overdue(booking: MockInterviewBooking, now: dt.datetime | None = None) -> bool:
    """No video link 48 hours after booking (and the interview still ahead)."""
    now = now or timezone.now()
    return (
        booking.status == BookingStatus.BOOKED
        and not booking.video_link
        and booking.booked_at + LINK_GRACE <= now
        and booking.slot.ends_at > now
    )


def missing_video_links(term: Term, now: dt.datetime | None = None) -> QuerySet:
    """Live bookings still without a video link 48 hours after booking, for
    interviews not yet over: staff see them flagged; a later management
    command can email these students and volunteers."""
    now = now or timezone.now()
    return (
        _live_bookings()
        .filter(
            term=term,
            video_link="",
            booked_at__lte=now - LINK_GRACE,
            slot__starts_at__gt=now - dt.timedelta(minutes=30),
        )
        .select_related("student", "slot__volunteer")
        .order_by("slot__starts_at")
    )


# --- Students -------------------------------------------------------------------


def bookable_slots(
    term: Term, track: str, now: dt.datetime | None = None
) -> QuerySet[MockInterviewSlot]:
    """Free slots of the student's track (or any track) after the cut-off,
    whose volunteer still has room under their cap."""
    now = now or timezone.now()
    return (
        bookable_slots_any_track(term, now)
        .filter(track__in=[track.upper(), Track.ANY])
        .select_related("volunteer__volunteer_profile")
        .order_by("starts_at", "volunteer__last_name")
    )


@dataclass
class StudentInterview:
    enrollment: Enrollment | None
    booking: MockInterviewBooking | None
    can_change: bool
    link_overdue: bool
    past: list[MockInterviewBooking]

    @property
    def eligible(self) -> bool:
        return self.enrollment is not None and self.enrollment.module == INTERVIEW_MODULE

    @property
    def track(self) -> str:
        return self.enrollment.cohort.program.code if self.enrollment else ""


def student_interview(
    student: User, term: Term, now: dt.datetime | None = None
) -> StudentInterview:
    """The student's own booking (never anyone else's), with its feedback."""
    now = now or timezone.now()
    enrollment = (
        Enrollment.objects.filter(student=student, term=term)
        .select_related("cohort__program")
        .first()
    )
    bookings = list(
        MockInterviewBooking.objects.filter(student=student, term=term)
        .exclude(status=BookingStatus.CANCELLED)
        .select_related("slot__volunteer__volunteer_profile", "feedback")
        .order_by("slot__starts_at")
    )
    booking = bookings[-1] if bookings else None
    return StudentInterview(
        enrollment=enrollment,
        booking=booking,
        can_change=bool(booking and booking.slot.starts_at - change_cutoff() > now),
        link_overdue=bool(booking and link_overdue(booking, now)),
        past=bookings[:-1],
    )


# --- Volunteers -----------------------------------------------------------------


@dataclass
class VolunteerPage:
    windows: list[AvailabilityWindow]
    bookings: list[MockInterviewBooking]
    cap: VolunteerCap | None


def volunteer_page(volunteer: User, term: Term) -> VolunteerPage:
    windows = list(
        AvailabilityWindow.objects.filter(volunteer=volunteer, term=term).prefetch_related(
            Prefetch("slots", queryset=MockInterviewSlot.objects.order_by("starts_at"))
        )
    )
    bookings = list(
        _live_bookings()
        .filter(term=term, slot__volunteer=volunteer)
        .select_related("slot", "student__student_profile", "feedback")
        .order_by("slot__starts_at")
    )
    return VolunteerPage(
        windows=windows,
        bookings=bookings,
        cap=VolunteerCap.objects.filter(term=term, volunteer=volunteer).first(),
    )


# --- Staff ----------------------------------------------------------------------


@dataclass
class CoverageRow:
    enrollment: Enrollment
    booking: MockInterviewBooking | None
    link_overdue: bool = False


@dataclass
class TrackLeft:
    track: str
    free_slots: int


@dataclass
class Coverage:
    rows: list[CoverageRow]
    booked: int
    unbooked: int
    free_by_track: list[TrackLeft]
    overdue_links: int


def coverage(term: Term, now: dt.datetime | None = None) -> Coverage:
    """Every Mod 4 student with their live booking (or none), free slots per
    track (future slots whose volunteer has room), and overdue links. Four queries."""
    now = now or timezone.now()
    live = (
        _live_bookings()
        .filter(term=term)
        .select_related("slot__volunteer__volunteer_profile", "feedback")
    )
    enrollments = (
        Enrollment.objects.filter(term=term, module=INTERVIEW_MODULE)
        .select_related("student__student_profile", "cohort__program")
        .prefetch_related(
            Prefetch("student__interview_bookings", queryset=live, to_attr="live_interviews")
        )
        .order_by("cohort__code", "student__last_name", "student__first_name")
    )
    rows = []
    for e in enrollments:
        booking = e.student.live_interviews[0] if e.student.live_interviews else None
        rows.append(CoverageRow(e, booking, bool(booking and link_overdue(booking, now))))
    free = Counter(bookable_slots_any_track(term, now).values_list("track", flat=True).order_by())
    booked = sum(1 for r in rows if r.booking)
    return Coverage(
        rows=rows,
        booked=booked,
        unbooked=len(rows) - booked,
        free_by_track=[TrackLeft(t.label, free.get(t.value, 0)) for t in Track],
        overdue_links=sum(1 for r in rows if r.link_overdue),
    )


def bookable_slots_any_track(term: Term, now: dt.datetime) -> QuerySet[MockInterviewSlot]:
    """Free slots after the cut-off whose volunteer still has room, every track."""
    taken = _live_bookings().filter(slot=OuterRef("pk"))
    full = VolunteerCap.objects.filter(
        term=term, volunteer=OuterRef("volunteer"), booked__gte=F("cap")
    )
    return MockInterviewSlot.objects.filter(term=term, starts_at__gt=now + change_cutoff()).exclude(
        Exists(taken) | Exists(full)
    )


def booking_for_viewer(pk: int) -> MockInterviewBooking | None:
    return (
        MockInterviewBooking.objects.select_related(
            "slot__volunteer", "student", "term__school", "feedback"
        )
        .filter(pk=pk)
        .first()
    )
