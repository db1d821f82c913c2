"""A Notification is one message to one person, with a key that makes it
unique: queuing the same key twice is a no-op, so running the reminders
again sends nothing twice. It is an in-app notice (until read) and, unless
the person turned that kind off, an email (sent once)."""

from django.conf import settings
from django.db import models


class Kind(models.TextChoices):
    DELIVERABLE_DUE_SOON = "deliverable_due_soon", "A deliverable is due in three days"
    DELIVERABLE_OVERDUE = "deliverable_overdue", "A deliverable is overdue"
    GROUPS_PUBLISHED = "groups_published", "Your Wednesday groups are published"
    REVIEW_BOOKED = "review_booked", "Your document review is booked or moved"
    REVIEW_CANCELLED = "review_cancelled", "Your document review is cancelled"
    PORTFOLIO_DECIDED = "portfolio_decided", "Your portfolio is published, or changes are asked"
    REPEAT_MEETING = "repeat_meeting", "Your repeat-plan meeting is booked"
    EARLY_GRADUATION = "early_graduation", "Your early-graduation request is decided"
    # In-app only: the email for these is the calendar invitation the
    # interviews app sends itself.
    INTERVIEW_BOOKED = "interview_booked", "Your mock interview is booked or moved"
    INTERVIEW_CANCELLED = "interview_cancelled", "Your mock interview is cancelled"


# People may turn these off; the others always go.
OPTIONAL_KINDS = (Kind.DELIVERABLE_DUE_SOON, Kind.GROUPS_PUBLISHED)


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=40, choices=Kind.choices)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    url = models.CharField(max_length=500, blank=True)  # the exact page's path
    created_at = models.DateTimeField(auto_now_add=True)
    # Email: not wanted (opted out), or sent once. A claim is taken before
    # sending, so a run that dies mid-send is seen and retried with the same
    # Message-ID (mail clients fold a repeat of one Message-ID into one).
    email_wanted = models.BooleanField(default=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(
                fields=["created_at"],
                condition=models.Q(email_wanted=True, sent_at__isnull=True),
                name="notification_unsent",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=Kind.values), name="notification_kind_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.recipient}"


class EmailOptOut(models.Model):
    """A person has turned off email for an optional kind (the notice stays in-app)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_opt_outs"
    )
    kind = models.CharField(max_length=40, choices=Kind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint("user", "kind", name="one_opt_out_per_kind"),
            models.CheckConstraint(
                condition=models.Q(kind__in=[k.value for k in OPTIONAL_KINDS]),
                name="opt_out_only_optional_kinds",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — no email for {self.kind}"


class UndeliveredEmail(models.Model):
    """An email sent straight after a change — an invitation, a mock-interview
    invitation — that the mail server did not take. Its body is not kept (an
    invitation's link is a secret), so staff are told what failed and what to
    do again; the row stays on the outbox page until they dismiss it."""

    school = models.ForeignKey(
        "school.School", on_delete=models.CASCADE, null=True, related_name="undelivered_emails"
    )
    to = models.CharField(max_length=500)
    subject = models.CharField(max_length=200)
    error = models.CharField(max_length=500)
    redo = models.CharField(max_length=200, blank=True)  # what staff can do about it
    failed_at = models.DateTimeField(auto_now_add=True)
    dismissed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-failed_at", "-pk"]
        indexes = [
            models.Index(
                fields=["school", "failed_at"],
                condition=models.Q(dismissed_at__isnull=True),
                name="undelivered_open",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"
