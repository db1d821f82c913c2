"""Employer mock interviews in the interview week (week 3 by default).

A volunteer gives availability as windows (AvailabilityWindow), each cut into
30-minute MockInterviewSlots that carry the window's interview kind and
track, and a cap on how many interviews they will do in the term
(VolunteerCap). A Mod 4 student books one slot (MockInterviewBooking); a
cancelled or moved booking keeps its row (status "cancelled").

The database refuses two live bookings of one slot, two live bookings of one
student in a term, and more live bookings of a volunteer than their cap
(VolunteerCap.booked is kept by services.py under a row lock and checked
against the cap here). After the interview the volunteer writes
InterviewFeedback, seen by the student and staff only.
"""

import datetime as dt

from django.conf import settings
from django.db import models

from careerdev.school.models import Term

SLOT_MINUTES = 30


class InterviewKind(models.TextChoices):
    BEHAVIOURAL = "behavioural", "Behavioural"
    TECHNICAL = "technical", "Technical"
    BOTH = "both", "Behavioural and technical"


class Track(models.TextChoices):
    FRONT_END = "FE", "Front-end"
    BACK_END = "BE", "Back-end"
    ANY = "any", "Any track"


class VolunteerCap(models.Model):
    """How many interviews a volunteer will do in a term, and how many are booked."""

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="interview_caps")
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interview_caps"
    )
    cap = models.PositiveSmallIntegerField(default=4)
    booked = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint("term", "volunteer", name="interview_cap_one_per_term"),
            models.CheckConstraint(
                condition=models.Q(cap__gte=1, cap__lte=50), name="interview_cap_1_to_50"
            ),
            models.CheckConstraint(
                condition=models.Q(booked__gte=0, booked__lte=models.F("cap")),
                name="interview_cap_not_exceeded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer}: {self.booked}/{self.cap} in {self.term}"

    @property
    def left(self) -> int:
        return max(self.cap - self.booked, 0)


class AvailabilityWindow(models.Model):
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="interview_windows")
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interview_windows"
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    kind = models.CharField(max_length=16, choices=InterviewKind.choices)
    track = models.CharField(max_length=8, choices=Track.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="interview_window_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=InterviewKind.values), name="interview_window_kind"
            ),
            models.CheckConstraint(
                condition=models.Q(track__in=Track.values), name="interview_window_track"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} {self.starts_at:%Y-%m-%d %H:%M}–{self.ends_at:%H:%M} UTC"


class MockInterviewSlot(models.Model):
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="interview_slots")
    window = models.ForeignKey(AvailabilityWindow, on_delete=models.CASCADE, related_name="slots")
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interview_slots"
    )
    starts_at = models.DateTimeField()
    kind = models.CharField(max_length=16, choices=InterviewKind.choices)
    track = models.CharField(max_length=8, choices=Track.choices)

    class Meta:
        ordering = ["starts_at", "volunteer_id"]
        constraints = [
            models.UniqueConstraint(
                "volunteer", "starts_at", name="interview_slot_unique_per_volunteer"
            ),
        ]
        indexes = [models.Index(fields=["term", "starts_at"])]

    def __str__(self) -> str:
        return f"Mock interview slot {self.starts_at:%Y-%m-%d %H:%M} UTC with {self.volunteer}"

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=SLOT_MINUTES)

    def fits(self, track: str) -> bool:
        return self.track == Track.ANY or self.track.upper() == (track or "").upper()


class BookingStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    CANCELLED = "cancelled", "Cancelled"


class MockInterviewBooking(models.Model):
    slot = models.ForeignKey(MockInterviewSlot, on_delete=models.CASCADE, related_name="bookings")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interview_bookings"
    )
    # Copied from the slot so the database can hold "one per student per term".
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="interview_bookings")
    status = models.CharField(
        max_length=16, choices=BookingStatus.choices, default=BookingStatus.BOOKED
    )
    booked_at = models.DateTimeField()
    cancelled_at = models.DateTimeField(null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Staff who assigned the slot; empty when the student booked it.",
    )
    video_link = models.URLField(max_length=500, blank=True)
    video_link_added_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["slot__starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot"],
                condition=models.Q(status="booked"),
                name="interview_booking_one_per_slot",
            ),
            models.UniqueConstraint(
                fields=["student", "term"],
                condition=models.Q(status="booked"),
                name="interview_booking_one_per_student_term",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=BookingStatus.values),
                name="interview_booking_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status="cancelled", cancelled_at__isnull=False)
                | (~models.Q(status="cancelled") & models.Q(cancelled_at__isnull=True)),
                name="interview_booking_cancelled_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student} — {self.get_status_display()} ({self.slot})"


class InterviewFeedback(models.Model):
    """The volunteer's feedback: ratings only for the parts given."""

    booking = models.OneToOneField(
        MockInterviewBooking, on_delete=models.CASCADE, related_name="feedback"
    )
    behavioural_rating = models.PositiveSmallIntegerField(null=True, blank=True)
    technical_rating = models.PositiveSmallIntegerField(null=True, blank=True)
    strengths = models.TextField()
    to_work_on = models.TextField("one thing to work on")
    submitted_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(behavioural_rating__isnull=False)
                | models.Q(technical_rating__isnull=False),
                name="interview_feedback_has_a_rating",
            ),
            models.CheckConstraint(
                condition=models.Q(behavioural_rating__isnull=True)
                | models.Q(behavioural_rating__gte=1, behavioural_rating__lte=5),
                name="interview_feedback_behavioural_1_to_5",
            ),
            models.CheckConstraint(
                condition=models.Q(technical_rating__isnull=True)
                | models.Q(technical_rating__gte=1, technical_rating__lte=5),
                name="interview_feedback_technical_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"Feedback on {self.booking}"
