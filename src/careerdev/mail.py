"""Sending email once the data it speaks of is committed, without ever
failing the request: a mail server that is down is logged and shown to
staff on the outbox page, and the caller's page has already been answered."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Sequence

from django.core.mail import EmailMessage, get_connection
from django.db import transaction

logger = logging.getLogger(__name__)


def send_now(messages: Sequence[EmailMessage]) -> str:
    """Send over one SMTP connection; the server's error ('' when all went)."""
    try:
        get_connection().send_messages(list(messages))
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("%d email(s) not sent: %s", len(messages), error)
        return str(error) or error.__class__.__name__
    return ""


def send_after_commit(
    messages: Sequence[EmailMessage], *, school_id: int | None, redo: str = ""
) -> None:
    """Send these once the current transaction commits (never if it rolls
    back). If the server does not take them, staff of the school see each
    one on the outbox page with `redo`: what to do again to resend it."""
    if not messages:
        return

    def send() -> None:
        from careerdev.notifications.services import record_undelivered

        error = send_now(messages)
        if error:
            record_undelivered(list(messages), error, school_id=school_id, redo=redo)

    transaction.on_commit(send)
