"""Reading notices: a person's unread ones; the emails staff should know about."""

from __future__ import annotations

from careerdev.people.models import User
from careerdev.school.models import School

from .models import Notification, UndeliveredEmail

SHOWN = 10


def unread_notices(user: User) -> list[Notification]:
    """Newest first; notices made at one moment (a round published) in the
    order they were made, the same on every page and every database."""
    return list(
        Notification.objects.filter(recipient=user, read_at__isnull=True).order_by(
            "-created_at", "-pk"
        )[:SHOWN]
    )


def unsent_emails(school: School, limit: int = 200) -> list[Notification]:
    """Emails of the school's people not sent yet, failures first."""
    return list(
        Notification.objects.filter(
            recipient__school=school, email_wanted=True, sent_at__isnull=True
        )
        .select_related("recipient")
        .order_by("-attempts", "created_at")[:limit]
    )


def undelivered_emails(school: School, limit: int = 200) -> list[UndeliveredEmail]:
    """Emails sent straight after a change that the server did not take, newest first."""
    return list(UndeliveredEmail.objects.filter(school=school, dismissed_at__isnull=True)[:limit])
