"""Queuing notifications (once per key) and sending their emails (once each)."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from careerdev.people.models import User

from .models import OPTIONAL_KINDS, EmailOptOut, Notification, UndeliveredEmail

MAX_ATTEMPTS = 5
# A claim older than this belongs to a run that died mid-send: retry it.
STALE_CLAIM = dt.timedelta(minutes=10)
BATCH = 500

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class NewNotification:
    recipient_id: int
    key: str
    kind: str
    subject: str
    body: str
    url: str = ""
    # False when the event's email goes by another path (a calendar
    # invitation): the notice is then in-app only.
    email: bool = True


def page_url(path: str) -> str:
    """An absolute link to a page of careerdev, for emails."""
    return settings.SITE_URL.rstrip("/") + path


def queue(notifications: list[NewNotification]) -> int:
    """Store notifications whose key is new; an existing key is left alone, so
    queuing the same reminder on every run sends it once. Returns how many
    were new."""
    if not notifications:
        return 0
    keys = [n.key for n in notifications]
    existing = set(Notification.objects.filter(key__in=keys).values_list("key", flat=True))
    fresh = [n for n in notifications if n.key not in existing]
    opted_out = set(
        EmailOptOut.objects.filter(
            user_id__in={n.recipient_id for n in fresh}, kind__in=[k.value for k in OPTIONAL_KINDS]
        ).values_list("user_id", "kind")
    )
    Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=n.recipient_id,
                key=n.key,
                kind=n.kind,
                subject=n.subject[:200],
                body=n.body,
                url=n.url,
                email_wanted=n.email and (n.recipient_id, n.kind) not in opted_out,
            )
            for n in fresh
        ],
        ignore_conflicts=True,  # two runs at once: the key decides
    )
    return len(fresh)


@dataclass
class SendResult:
    sent: int = 0
    failed: int = 0
    stopped: str = ""  # why the run stopped early (the mail server), if it did


def _message(n: Notification) -> EmailMessage:
    digest = hashlib.sha256(n.key.encode()).hexdigest()[:32]
    body = n.body + (f"\n\n{page_url(n.url)}\n" if n.url else "\n")
    return EmailMessage(
        subject=n.subject,
        body=body,
        to=[n.recipient.email],
        # The same key gives the same Message-ID: a retry after a crash is
        # one message to the reader, not two.
        headers={"Message-ID": f"<{digest}@careerdev>"},
    )


def _pending(now: dt.datetime, keys: list[str] | None = None):
    found = Notification.objects.filter(
        email_wanted=True, sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS
    )
    if keys is not None:
        found = found.filter(key__in=keys)
    return (
        found.filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - STALE_CLAIM))
        .select_related("recipient")
        .order_by("created_at", "pk")
    )


def send_pending(
    *, now: dt.datetime | None = None, batch: int = BATCH, keys: list[str] | None = None
) -> SendResult:
    """Send queued emails over one SMTP connection, each claimed first and
    marked sent straight after, so a crash loses nothing and repeats nothing.
    A message the server refuses is retried next run (up to MAX_ATTEMPTS);
    a server that is down stops the run, to be tried again next time."""
    now = now or timezone.now()
    result = SendResult()
    connection = get_connection()
    try:
        connection.open()
    except (smtplib.SMTPException, OSError) as error:
        result.stopped = f"Could not reach the mail server: {error}"
        _record_failure(list(_pending(now, keys)[:batch]), result.stopped)
        return result
    try:
        for n in _pending(now, keys)[:batch]:
            claimed = (
                Notification.objects.filter(pk=n.pk, sent_at__isnull=True)
                .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - STALE_CLAIM))
                .update(claimed_at=timezone.now())
            )
            if not claimed:
                continue  # another run has it
            try:
                connection.send_messages([_message(n)])
            except (smtplib.SMTPServerDisconnected, ConnectionError) as error:
                _record_failure([n], str(error))
                result.failed += 1
                result.stopped = f"The mail server went away: {error}"
                break
            except (smtplib.SMTPException, OSError) as error:
                _record_failure([n], str(error))
                result.failed += 1
                continue
            Notification.objects.filter(pk=n.pk).update(sent_at=timezone.now(), last_error="")
            result.sent += 1
    finally:
        with contextlib.suppress(smtplib.SMTPException, OSError):
            connection.close()
    return result


def _record_failure(notifications: list[Notification], error: str) -> None:
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
        claimed_at=None, attempts=F("attempts") + 1, last_error=error[:500]
    )
    if notifications:
        logger.warning("%d notification emails not sent: %s", len(notifications), error)


@transaction.atomic
def mark_read(user: User, ids: list[int] | None = None) -> int:
    """Mark the user's notices read (these, or all)."""
    notices = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        notices = notices.filter(pk__in=ids)
    return notices.update(read_at=timezone.now())


@transaction.atomic
def set_email_opt_outs(user: User, kinds: set[str]) -> None:
    """The optional kinds the user gets no email for (the notice stays in-app)."""
    allowed = {k.value for k in OPTIONAL_KINDS}
    kinds = kinds & allowed
    EmailOptOut.objects.filter(user=user).exclude(kind__in=kinds).delete()
    for kind in kinds:
        EmailOptOut.objects.get_or_create(user=user, kind=kind)
    # What is queued and not yet sent follows the new choice.
    Notification.objects.filter(recipient=user, sent_at__isnull=True, kind__in=allowed).update(
        email_wanted=True
    )
    Notification.objects.filter(recipient=user, sent_at__isnull=True, kind__in=kinds).update(
        email_wanted=False
    )


def notify_now(notifications: list[NewNotification]) -> None:
    """Queue these and, once the transaction commits, email them straight
    away (a booking's confirmation should not wait for the next cron run).
    A mail server that is down only leaves them for `send-reminders`."""
    queue(notifications)
    keys = [n.key for n in notifications]
    if keys:
        transaction.on_commit(lambda: send_pending(keys=keys))


def record_undelivered(
    messages: list[EmailMessage], error: str, *, school_id: int | None, redo: str = ""
) -> None:
    """Keep, for staff, which emails sent straight after a change were not taken."""
    UndeliveredEmail.objects.bulk_create(
        [
            UndeliveredEmail(
                school_id=school_id,
                to=", ".join(m.to)[:500],
                subject=m.subject[:200],
                error=error[:500],
                redo=redo[:200],
            )
            for m in messages
        ]
    )


@transaction.atomic
def dismiss_undelivered(school, undelivered_id: int) -> bool:
    """Staff have dealt with it; False if it is not one of their school's."""
    return bool(
        UndeliveredEmail.objects.filter(
            pk=undelivered_id, school=school, dismissed_at__isnull=True
        ).update(dismissed_at=timezone.now())
    )
