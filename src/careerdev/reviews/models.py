"""Document reviews: a Career Specialist's appointment slots and the students'
bookings of them.

A ReviewSlot is one appointment a staff member holds in a term. A
ReviewBooking is one student's claim on a slot; cancelling or moving keeps
the old row (status "cancelled") so the history stays. The database itself
refuses two live bookings of one slot and two upcoming bookings of one
student in a term; services.py adds the row locks and the friendly messages.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from careerdev.school.models import Term


class ReviewSlot(models.Model):
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="review_slots")
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="review_slots"
    )
    starts_at = models.DateTimeField()
    length_minutes = models.PositiveSmallIntegerField(default=30)
    place = models.CharField(max_length=200, blank=True, help_text="A room, for example.")
    video_link = models.URLField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "held_by__last_name"]
        constraints = [
            models.UniqueConstraint("held_by", "starts_at", name="review_slot_unique_per_holder"),
            models.CheckConstraint(
                condition=models.Q(length_minutes__gte=5, length_minutes__lte=240),
                name="review_slot_length_5_to_240",
            ),
            models.CheckConstraint(
                condition=~models.Q(place="", video_link=""),
                name="review_slot_has_place_or_link",
            ),
        ]
        indexes = [models.Index(fields=["term", "starts_at"])]

    def __str__(self) -> str:
        return f"Review slot at {self.starts_at:%Y-%m-%d %H:%M} UTC with {self.held_by}"

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.length_minutes)

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()


class BookingStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    HELD = "held", "Held"
    NO_SHOW = "no_show", "No-show"
    CANCELLED = "cancelled", "Cancelled"


# A slot is taken by any booking that was not cancelled: booked, held or no-show.
SLOT_TAKING = [BookingStatus.BOOKED, BookingStatus.HELD, BookingStatus.NO_SHOW]


class ReviewBooking(models.Model):
    slot = models.ForeignKey(ReviewSlot, on_delete=models.CASCADE, related_name="bookings")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_bookings"
    )
    # The slot's term, copied so the database can enforce one upcoming
    # booking per student per term.
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="review_bookings")
    status = models.CharField(
        max_length=16, choices=BookingStatus.choices, default=BookingStatus.BOOKED
    )
    booked_at = models.DateTimeField()
    cancelled_at = models.DateTimeField(null=True, blank=True)
    marked_at = models.DateTimeField(null=True, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Private to staff: never rendered on a student's page.
    staff_notes = models.TextField(blank=True)

    class Meta:
        ordering = ["slot__starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot"],
                condition=models.Q(status__in=SLOT_TAKING),
                name="review_booking_one_per_slot",
            ),
            models.UniqueConstraint(
                fields=["student", "term"],
                condition=models.Q(status=BookingStatus.BOOKED),
                name="review_booking_one_upcoming_per_student_term",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=BookingStatus.values),
                name="review_booking_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status=BookingStatus.CANCELLED, cancelled_at__isnull=False)
                | (~models.Q(status=BookingStatus.CANCELLED) & models.Q(cancelled_at__isnull=True)),
                name="review_booking_cancelled_has_time",
            ),
        ]
        indexes = [models.Index(fields=["term", "status"])]

    def __str__(self) -> str:
        return f"{self.student} — {self.get_status_display()} ({self.slot})"

    @property
    def is_upcoming(self) -> bool:
        return self.status == BookingStatus.BOOKED
