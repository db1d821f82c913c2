"""Sending email once the data it speaks of is committed, without ever
failing the request: a mail server that is down is logged, and the caller's
page has already been answered."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Sequence

from django.core.mail import EmailMessage, get_connection
from django.db import transaction

logger = logging.getLogger(__name__)


def send_now(messages: Sequence[EmailMessage]) -> bool:
    """Send over one SMTP connection; False (and a warning) if the server failed."""
    try:
        get_connection().send_messages(list(messages))
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("%d email(s) not sent: %s", len(messages), error)
        return False
    return True


def send_after_commit(messages: Sequence[EmailMessage]) -> None:
    """Send these once the current transaction commits (never if it rolls back)."""
    if messages:
        transaction.on_commit(lambda: send_now(messages))
