"""Deliverables of a term, when each is due, and the exceptions staff make.

A Deliverable's status is never stored: it is derived from evidence (a held
document review, a published portfolio, an application with all five steps,
a submitted exit ticket or self-evaluation, a student's own tick or link for
a custom one) — see status.py and evidence.py. The one status staff set by
hand is "excused", through a DeliverableOverride.
"""

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower

from careerdev.school.models import Cohort, Term

WEEKDAYS = [
    (0, "Monday"),
    (1, "Tuesday"),
    (2, "Wednesday"),
    (3, "Thursday"),
    (4, "Friday"),
    (5, "Saturday"),
    (6, "Sunday"),
]


class DeliverableKind(models.TextChoices):
    DOCUMENT_REVIEW = "document_review", "Document review"
    PORTFOLIO_REVIEW = "portfolio_review", "Portfolio review requested"
    PORTFOLIO_PUBLISHED = "portfolio_published", "Portfolio published"
    FIVE_STEP_APPLICATION = "five_step_application", "Job application, all five steps"
    NEGOTIATION_EXIT_TICKET = "negotiation_exit_ticket", "Negotiation exit ticket"
    SELF_EVALUATION = "self_evaluation", "Self-evaluation"
    CUSTOM_LINK = "custom_link", "Custom: a link"
    CUSTOM_TICK = "custom_tick", "Custom: a tick"


CUSTOM_KINDS = (DeliverableKind.CUSTOM_LINK, DeliverableKind.CUSTOM_TICK)


class DueMoment(models.Model):
    """A due moment inside a term: week, weekday and time, in the school's zone."""

    due_week = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    due_weekday = models.PositiveSmallIntegerField(choices=WEEKDAYS, default=4)
    due_time = models.TimeField(default=dt.time(23, 59))

    class Meta:
        abstract = True


class Deliverable(DueMoment):
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="deliverables")
    kind = models.CharField(max_length=30, choices=DeliverableKind.choices)
    title = models.CharField(max_length=120)
    description = models.TextField(blank=True, max_length=2000)
    # Which modules it applies to, as digits: "4" for Mod 4 only, "1234" for all.
    modules = models.CharField(max_length=4, default="4")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint("term", Lower("title"), name="deliverable_title_unique_ci"),
            # The built-in kinds are derived from one kind of evidence each:
            # two of one kind in a term would always agree, so one is enough.
            models.UniqueConstraint(
                fields=["term", "kind"],
                condition=~models.Q(kind__in=["custom_link", "custom_tick"]),
                name="one_builtin_deliverable_per_kind",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=DeliverableKind.values), name="deliverable_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(modules__regex=r"^1?2?3?4?$") & ~models.Q(modules=""),
                name="deliverable_modules_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(due_weekday__lte=6), name="deliverable_weekday_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_custom(self) -> bool:
        return self.kind in CUSTOM_KINDS

    def applies_to(self, module: int) -> bool:
        return str(module) in self.modules


class DeliverableOverride(models.Model):
    """Staff's exception for a cohort or one student: excused, or a new due
    moment. A student's own override wins over their cohort's."""

    deliverable = models.ForeignKey(Deliverable, on_delete=models.CASCADE, related_name="overrides")
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, null=True, blank=True)
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True
    )
    excused = models.BooleanField(default=False)
    due_week = models.PositiveSmallIntegerField(null=True, blank=True)
    due_weekday = models.PositiveSmallIntegerField(choices=WEEKDAYS, null=True, blank=True)
    due_time = models.TimeField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cohort__isnull=True, student__isnull=False)
                | models.Q(cohort__isnull=False, student__isnull=True),
                name="override_for_a_cohort_or_a_student",
            ),
            models.CheckConstraint(
                condition=models.Q(excused=True)
                | models.Q(
                    due_week__isnull=False, due_weekday__isnull=False, due_time__isnull=False
                ),
                name="override_excuses_or_moves",
            ),
            models.UniqueConstraint(
                fields=["deliverable", "cohort"],
                condition=models.Q(cohort__isnull=False),
                name="one_override_per_cohort",
            ),
            models.UniqueConstraint(
                fields=["deliverable", "student"],
                condition=models.Q(student__isnull=False),
                name="one_override_per_student",
            ),
        ]

    def __str__(self) -> str:
        who = self.student or self.cohort
        return f"{self.deliverable} for {who}"


class CustomCompletion(models.Model):
    """A student's evidence for a custom deliverable: a link, or a tick."""

    deliverable = models.ForeignKey(
        Deliverable, on_delete=models.CASCADE, related_name="completions"
    )
    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    link = models.URLField(blank=True, max_length=500)
    completed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint("deliverable", "student", name="one_completion_per_student")
        ]

    def __str__(self) -> str:
        return f"{self.deliverable} done by {self.student}"


class NegotiationExitTicket(models.Model):
    """The exit ticket of the asynchronous negotiation lesson."""

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="+")
    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    learned = models.TextField(
        max_length=2000, help_text="The most useful thing you learned about negotiating."
    )
    will_ask = models.TextField(
        max_length=2000, help_text="What you will ask for in your next offer conversation."
    )
    submitted_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint("term", "student", name="one_exit_ticket_per_student_term")
        ]

    def __str__(self) -> str:
        return f"Negotiation exit ticket of {self.student}, {self.term}"
