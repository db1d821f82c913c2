"""Optional Slack: one group conversation per published Mix It Up group.

With a bot token set (CAREERDEV_SLACK_BOT_TOKEN), posting a round opens a
group DM with each group's members and posts its room, time and members,
with a link into careerdev for the topic and who leads (`message_for`).
Without a token the feature is absent: `is_configured()` is False and
nothing here talks to Slack.

Slack is a convenience on top of the published groups, never a condition for
them: every failure (Slack's own errors, the network, a student with no Slack
account) is recorded per group in SlackDelivery, shown to staff, and retried
by posting the round again, which only touches groups not yet posted.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from careerdev.notifications.services import page_url
from careerdev.people.models import User

from .models import (
    DiscussionGroup,
    GroupMember,
    GroupRound,
    RoundKind,
    SlackDelivery,
)

logger = logging.getLogger(__name__)

# Slack's limit on the people in one group DM.
MAX_MEMBERS_PER_CONVERSATION = 8
REQUEST_TIMEOUT_SECONDS = 10


def is_configured() -> bool:
    return bool(getattr(settings, "SLACK_BOT_TOKEN", ""))


def _client() -> WebClient:
    return WebClient(
        token=settings.SLACK_BOT_TOKEN,
        base_url=getattr(settings, "SLACK_BASE_URL", "") or "https://slack.com/api/",
        timeout=REQUEST_TIMEOUT_SECONDS,
        # No silent retries with sleeps inside a request: staff retry from the page.
        retry_handlers=[],
    )


class _GroupFailed(Exception):
    """This group could not be posted; the message says why, for staff."""


@dataclass
class SlackSummary:
    posted: int = 0
    failed: int = 0
    already_posted: int = 0
    # Why nothing was attempted (not configured, not published, not Mix It Up).
    skipped_reason: str = ""
    notes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        if self.skipped_reason:
            return self.skipped_reason
        parts = [f"{self.posted} posted"]
        if self.failed:
            parts.append(f"{self.failed} failed")
        if self.already_posted:
            parts.append(f"{self.already_posted} already in Slack")
        return "Slack: " + ", ".join(parts) + "."


def _describe(error: Exception) -> str:
    """What went wrong, in a line staff can act on."""
    if isinstance(error, _GroupFailed):
        return str(error)
    if isinstance(error, SlackApiError):
        response = error.response
        status = getattr(response, "status_code", None) or 0
        code = response.get("error") if isinstance(getattr(response, "data", None), dict) else None
        if status >= 500 or (status >= 400 and not code):
            # slack_sdk puts an unreadable body in "error"; the status says more.
            return f"Slack answered with HTTP {status}; try again later."
        if code:
            return f"Slack refused the request: {code}."
        return f"Slack gave an unexpected answer: {str(error)[:200]}"
    return f"Could not reach Slack: {str(error)[:200]}."


def _round_for_posting(round_: GroupRound) -> list[DiscussionGroup]:
    members = GroupMember.objects.select_related("student__student_profile").order_by(
        "-is_leader", "student__last_name", "student__first_name", "student__email"
    )
    return list(
        DiscussionGroup.objects.filter(round=round_)
        .select_related("slack")
        .prefetch_related(Prefetch("members", queryset=members))
        .order_by("number")
    )


def session_time(round_: GroupRound) -> dt.datetime | None:
    """When the round's groups meet, in the school's zone: Mix It Up takes the
    second half of the PD session of its week."""
    term = round_.term
    try:
        week = term.week(round_.week) if round_.week else None
    except ValueError:
        return None
    if week is None or not week.is_pd_week:
        return None
    if round_.kind == RoundKind.MIX_IT_UP:
        return week.pd_starts_at + (week.pd_ends_at - week.pd_starts_at) / 2
    return week.pd_starts_at


def _format_time(moment: dt.datetime | None, zone) -> str:
    if moment is None:
        return ""
    local = moment.astimezone(zone)
    hour = local.strftime("%I").lstrip("0")
    return f"{local:%A} {local.day} {local:%B}, {hour}:{local:%M %p} {local.tzname()}"


def _escape(text: str) -> str:
    # Slack reads <...> as links and mentions (<!channel>); names are text.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def message_for(group: DiscussionGroup, round_: GroupRound) -> str:
    """The text posted to a group: its room, when, who is in it, and a link
    into careerdev for the rest. The same form for every group: a topic, a
    leader line or leaders listed first would set the less-represented group
    apart, and Slack is read outside careerdev (docs/security.md)."""
    names = sorted(
        (m.student.display_name for m in group.members.all()), key=lambda n: (n.casefold(), n)
    )
    when = _format_time(session_time(round_), round_.term.school.zone)
    lines = [f"*Mix It Up, week {round_.week}* — you are in *room {group.room}*."]
    if when:
        lines.append(f"*When:* {when}")
    lines.append("*Group:* " + ", ".join(_escape(name) for name in names))
    lines.append(f"Topic, prompts and who leads: in careerdev, <{page_url(reverse('home'))}>")
    return "\n".join(lines)


# Errors that say Slack as a whole is unusable right now: after one of these,
# the rest of the round is not tried (each try could wait for a timeout).
_SLACK_WIDE_ERRORS = {
    "ratelimited",
    "invalid_auth",
    "not_authed",
    "token_revoked",
    "token_expired",
    "account_inactive",
    "missing_scope",
    "fatal_error",
    "service_unavailable",
}


def _is_slack_wide(error: Exception) -> bool:
    if isinstance(error, _GroupFailed):
        return False
    if isinstance(error, SlackApiError):
        response = error.response
        status = getattr(response, "status_code", None) or 0
        data = getattr(response, "data", None)
        code = data.get("error") if isinstance(data, dict) else None
        return status >= 500 or status == 429 or code in _SLACK_WIDE_ERRORS
    return True  # the network, a timeout, an unreadable answer


class _Poster:
    """One call to post_round: one client, and Slack ids looked up once."""

    def __init__(self) -> None:
        self.client = _client()
        self.user_ids: dict[str, str | None] = {}

    def slack_id(self, student: User) -> str | None:
        email = student.email
        if email not in self.user_ids:
            try:
                response = self.client.users_lookupByEmail(email=email)
                self.user_ids[email] = response["user"]["id"]
            except SlackApiError as error:
                if error.response is not None and error.response.get("error") == "users_not_found":
                    self.user_ids[email] = None
                else:
                    raise
        return self.user_ids[email]

    def post(self, group: DiscussionGroup, round_: GroupRound) -> tuple[str, str]:
        """Post one group; returns (conversation id, a note for staff)."""
        members = list(group.members.all())
        ids: list[str] = []
        missing: list[str] = []
        for member in members:
            slack_id = self.slack_id(member.student)
            if slack_id:
                ids.append(slack_id)
            else:
                missing.append(f"{member.student.display_name} ({member.student.email})")
        if missing:
            raise _GroupFailed("No Slack account found for " + ", ".join(missing) + ".")
        if not ids:
            raise _GroupFailed("The group has no members.")
        note = ""
        if len(ids) > MAX_MEMBERS_PER_CONVERSATION:
            # Leaders come first (see _round_for_posting), so they are kept.
            left_out = [m.student.display_name for m in members[MAX_MEMBERS_PER_CONVERSATION:]]
            ids = ids[:MAX_MEMBERS_PER_CONVERSATION]
            note = (
                f"Slack allows {MAX_MEMBERS_PER_CONVERSATION} people in a group conversation; "
                f"not added: {', '.join(left_out)}."
            )
        conversation = self.client.conversations_open(users=ids)
        channel = conversation["channel"]["id"]
        self.client.chat_postMessage(channel=channel, text=message_for(group, round_))
        return channel, note


def post_round_in_background(round_id: int) -> threading.Thread:
    """Post a just-published round from a thread of its own: a school's round
    is a few hundred Slack calls, too many to keep staff waiting on the
    publish request. Failures are recorded per group as ever, and staff see
    them (and retry) on the round page."""

    def run() -> None:
        try:
            post_round(GroupRound.objects.get(pk=round_id))
        except Exception:  # a thread has no one to raise to: log it
            logger.exception("Posting round %s to Slack failed", round_id)
        finally:
            connection.close()

    thread = threading.Thread(target=run, name=f"slack-round-{round_id}", daemon=True)
    thread.start()
    return thread


def post_round(round_: GroupRound) -> SlackSummary:
    """Post every group of a published Mix It Up round that is not yet in
    Slack. Safe to call again: groups already posted are left alone. Never
    raises for Slack or network failures; each is recorded on its group."""
    summary = SlackSummary()
    if not is_configured():
        summary.skipped_reason = "Slack is not set up."
        return summary
    round_ = GroupRound.objects.select_related("term__school").get(pk=round_.pk)
    if round_.kind != RoundKind.MIX_IT_UP:
        summary.skipped_reason = "Only Mix It Up groups are posted to Slack."
        return summary
    if not round_.is_published:
        summary.skipped_reason = "Groups are posted to Slack once they are published."
        return summary

    poster = _Poster()
    stopped: str = ""
    for group in _round_for_posting(round_):
        delivery = getattr(group, "slack", None) or SlackDelivery(group=group)
        if delivery.posted_at:
            summary.already_posted += 1
            continue
        if stopped:
            delivery.error = f"Not tried: {stopped}"
            summary.failed += 1
            delivery.save()
            continue
        delivery.attempts += 1
        try:
            channel, note = poster.post(group, round_)
        except (_GroupFailed, SlackClientError, OSError, ValueError) as error:
            # SlackClientError covers Slack's refusals (SlackApiError) and bad
            # responses; OSError covers refused connections and timeouts.
            delivery.error = _describe(error)
            summary.failed += 1
            if _is_slack_wide(error):
                stopped = delivery.error
            logger.info("Slack post failed for group %s of %s: %s", group.number, round_, error)
        else:
            delivery.conversation_id = channel
            delivery.posted_at = timezone.now()
            delivery.error = note
            summary.posted += 1
            if note:
                summary.notes.append(f"Group {group.number}: {note}")
        delivery.save()
    return summary


@dataclass
class GroupSlackStatus:
    number: int
    topic: str
    state: str  # "posted", "failed" or "pending"
    error: str = ""
    attempts: int = 0
    posted_at: dt.datetime | None = None

    @property
    def room(self) -> int:
        return self.number


@dataclass
class RoundSlackStatus:
    round_id: int
    published: bool
    groups: list[GroupSlackStatus]

    @property
    def posted(self) -> int:
        return sum(g.state == "posted" for g in self.groups)

    @property
    def failed(self) -> int:
        return sum(g.state == "failed" for g in self.groups)

    @property
    def pending(self) -> int:
        return sum(g.state == "pending" for g in self.groups)

    @property
    def can_retry(self) -> bool:
        return self.published and (self.failed + self.pending) > 0


def slack_status(round_: GroupRound) -> RoundSlackStatus | None:
    """Per group: posted, failed (with why) or pending. None when Slack is not
    set up or the round is not Mix It Up — then pages say nothing about Slack."""
    if not is_configured() or round_.kind != RoundKind.MIX_IT_UP:
        return None
    groups = DiscussionGroup.objects.filter(round=round_).select_related("topic", "slack")
    statuses = []
    for group in groups.order_by("number"):
        delivery = getattr(group, "slack", None)
        if delivery and delivery.posted_at:
            state = "posted"
        elif delivery and delivery.error:
            state = "failed"
        else:
            state = "pending"
        statuses.append(
            GroupSlackStatus(
                number=group.number,
                topic=group.topic.name if group.topic else "",
                state=state,
                error=delivery.error if delivery else "",
                attempts=delivery.attempts if delivery else 0,
                posted_at=delivery.posted_at if delivery else None,
            )
        )
    return RoundSlackStatus(round_id=round_.pk, published=round_.is_published, groups=statuses)
