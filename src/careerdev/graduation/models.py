"""Early graduation: a student with a signed offer asks to graduate before the
term ends; staff check the conditions and approve or decline with a note."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class RequestStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"


DECIDED = [RequestStatus.APPROVED, RequestStatus.DECLINED]


class EarlyGraduationRequest(models.Model):
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="early_graduation_requests"
    )
    term = models.ForeignKey(
        "school.Term", on_delete=models.CASCADE, related_name="early_graduation_requests"
    )
    # The signed offer the request rests on; its details stay in the job tracker.
    offer = models.ForeignKey(
        "jobsearch.Offer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="early_graduation_requests",
    )
    status = models.CharField(
        max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    # The 30/60/90-day plan: written out, or a link to it (or both).
    plan_text = models.TextField("30/60/90-day plan", blank=True)
    plan_url = models.URLField("Link to the plan", max_length=500, blank=True)
    plan_submitted_at = models.DateTimeField(null=True, blank=True)
    # Ticked by staff: nothing in careerdev records the first project otherwise.
    first_project_finished = models.BooleanField(default=False)
    first_project_ticked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    first_project_ticked_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["student", "term"],
                condition=Q(status=RequestStatus.PENDING),
                name="graduation_one_open_request_per_term",
                violation_error_message="You already have an early graduation request open "
                "for this term.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=RequestStatus.values), name="graduation_status_known"
            ),
            models.CheckConstraint(
                condition=Q(
                    status=RequestStatus.PENDING, decided_by__isnull=True, decided_at__isnull=True
                )
                | Q(status__in=DECIDED, decided_by__isnull=False, decided_at__isnull=False),
                name="graduation_decided_iff_approved_or_declined",
            ),
            models.CheckConstraint(
                condition=Q(plan_submitted_at__isnull=True) | ~Q(plan_text="") | ~Q(plan_url=""),
                name="graduation_submitted_plan_not_empty",
            ),
        ]

    def __str__(self) -> str:
        return f"Early graduation: {self.student} ({self.term}, {self.status})"

    @property
    def is_open(self) -> bool:
        return self.status == RequestStatus.PENDING

    @property
    def plan_submitted(self) -> bool:
        return self.plan_submitted_at is not None
