"""A repeat plan: one per student repeating Mod 4 in a term. Its meeting
with the Career Development team, the goals set there (each tied to a
competency, with an action, a measure and a target week) and the student's
check-ins. The plan's status is derived (selectors.plan_status)."""

from django.conf import settings
from django.db import models

from careerdev.school.models import Term
from careerdev.selfevaluation.models import Competency


class MeetingSlot(models.Model):
    """A time a member of the Career Development team offers for repeat-plan
    meetings; a student books one (one plan per slot, held by the database)."""

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="repeat_meeting_slots")
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="repeat_meeting_slots"
    )
    starts_at = models.DateTimeField()
    length_minutes = models.PositiveSmallIntegerField(default=30)
    place = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint("held_by", "starts_at", name="repeat_slot_unique_per_holder"),
            models.CheckConstraint(
                condition=models.Q(length_minutes__gte=10, length_minutes__lte=120),
                name="repeat_slot_length_sensible",
            ),
        ]

    def __str__(self) -> str:
        return f"Repeat-plan meeting slot {self.starts_at:%Y-%m-%d %H:%M} with {self.held_by}"


class RepeatPlan(models.Model):
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="repeat_plans"
    )
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="repeat_plans")
    created_at = models.DateTimeField(auto_now_add=True)
    meeting_at = models.DateTimeField(null=True, blank=True)
    meeting_with = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="repeat_meetings",
    )
    meeting_place = models.CharField(max_length=200, blank=True)
    # Booked by the student from staff's slots; OneToOne: never two plans in one slot.
    meeting_slot = models.OneToOneField(
        MeetingSlot, on_delete=models.SET_NULL, null=True, blank=True, related_name="plan"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint("student", "term", name="one_repeat_plan_per_term"),
            models.CheckConstraint(
                condition=models.Q(meeting_at__isnull=True) | models.Q(meeting_with__isnull=False),
                name="repeat_meeting_has_someone",
            ),
        ]

    def __str__(self) -> str:
        return f"Repeat plan of {self.student}, {self.term}"


class RepeatGoal(models.Model):
    plan = models.ForeignKey(RepeatPlan, on_delete=models.CASCADE, related_name="goals")
    competency = models.CharField(max_length=20, choices=Competency.choices)
    action = models.TextField(max_length=1000, help_text="What you will do.")
    measure = models.CharField(max_length=300, help_text="How you will know it is done.")
    target_week = models.PositiveSmallIntegerField()
    achieved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["target_week", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(competency__in=Competency.values), name="goal_competency_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(target_week__gte=1, target_week__lte=12),
                name="goal_target_week_in_term",
            ),
            models.CheckConstraint(condition=~models.Q(measure=""), name="goal_has_a_measure"),
        ]

    def __str__(self) -> str:
        return f"{self.get_competency_display()}: {self.action[:40]}"


class CheckIn(models.Model):
    goal = models.ForeignKey(RepeatGoal, on_delete=models.CASCADE, related_name="check_ins")
    at = models.DateTimeField()
    progress = models.TextField(max_length=2000)
    on_track = models.BooleanField()

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"Check-in on {self.goal}"
