"""Staff pick students on the matrix and email them what is still open."""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass

from django.core.mail import EmailMessage, get_connection
from django.urls import reverse

from careerdev.notifications.wording import when
from careerdev.people.models import User
from careerdev.school.models import Term

from .selectors import still_to_do

logger = logging.getLogger(__name__)


@dataclass
class ReminderResult:
    sent: int = 0
    nothing_open: int = 0
    failed: str = ""  # why sending failed, for staff; nothing was sent then


def reminder_for(student: User, term: Term, base_url: str) -> EmailMessage | None:
    cells = still_to_do(student, term)
    if not cells:
        return None
    zone = term.school.zone
    lines = [
        f"- {c.deliverable.title}: {c.status.label.lower()}, due {when(c.due, zone)}" for c in cells
    ]
    link = base_url.rstrip("/") + reverse("deliverables:mine")
    return EmailMessage(
        subject=f"{term.school.name}: your deliverables for {term.name}",
        body=(
            f"Hello {student.display_name},\n\n"
            f"A reminder from the Career Development team of what is still open:\n\n"
            + "\n".join(lines)
            + f"\n\nSee them, and what each needs, here:\n{link}\n"
        ),
        to=[student.email],
    )


def send_reminders(students: list[User], term: Term, *, base_url: str) -> ReminderResult:
    """One email per student with something open, over one SMTP connection.
    An SMTP failure is reported, never raised: the page says it and nothing
    else changes."""
    result = ReminderResult()
    messages = []
    for student in students:
        message = reminder_for(student, term, base_url)
        if message is None:
            result.nothing_open += 1
        else:
            messages.append(message)
    if not messages:
        return result
    try:
        result.sent = get_connection().send_messages(messages) or 0
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("Deliverable reminders not sent: %s", error)
        result.failed = f"The mail server did not take the reminders ({error}). Try again later."
    return result
