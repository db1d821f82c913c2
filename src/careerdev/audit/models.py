"""The audit trail: one row per change staff made to what students see of
their programme — groups, deliverable exceptions, portfolio decisions,
enrolments — with who, when, and the values before and after.

Rows are written in the same transaction as the change they record, so
neither exists without the other; nothing in careerdev updates or deletes
them."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Area(models.TextChoices):
    GROUPS = "groups", "Wednesday groups"
    DELIVERABLES = "deliverables", "Deliverable exceptions"
    PORTFOLIOS = "portfolios", "Portfolio decisions"
    ENROLMENTS = "enrolments", "Enrolments"


class AuditEntry(models.Model):
    school = models.ForeignKey("school.School", on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    # Who: kept as text too, so the trail still says who after an account goes.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor_label = models.CharField(max_length=254)
    area = models.CharField(max_length=20, choices=Area.choices)
    action = models.CharField(max_length=200)  # "moved Ana Able", "excused 2405-BE"
    subject = models.CharField(max_length=200)  # what it was done to: a round, a deliverable…
    # The student it concerns, when there is one: for "everything about Ana".
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["school", "-at"]),
            models.Index(fields=["school", "area", "-at"]),
            models.Index(fields=["student", "-at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(area__in=Area.values), name="audit_area_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label}: {self.action}"
