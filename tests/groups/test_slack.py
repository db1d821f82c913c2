"""Slack, optional: one group conversation per published Mix It Up group,
against a fake Slack Web API on loopback. A failure never touches the groups;
it is recorded per group and a retry posts only what is missing."""

import datetime as dt
import socket

import pytest
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from careerdev.groups import slack, views_slack
from careerdev.groups.models import (
    DiscussionGroup,
    GroupMember,
    GroupRound,
    MixItUpTopic,
    RoundKind,
    RoundStatus,
    SlackDelivery,
    TopicKind,
)
from tests import factories

from .fake_slack import TOKEN, FakeSlackServer

pytestmark = pytest.mark.django_db


@pytest.fixture
def fake_slack(settings):
    with FakeSlackServer() as fake:
        settings.SLACK_BOT_TOKEN = TOKEN
        settings.SLACK_BASE_URL = fake.base_url
        yield fake


def topic(small_school, name, kind=TopicKind.STANDARD):
    return MixItUpTopic.objects.get_or_create(term=small_school.term, name=name, kind=kind)[0]


def build_round(small_school, groups, *, published=True, week=2):
    round_ = GroupRound.objects.create(
        term=small_school.term,
        kind=RoundKind.MIX_IT_UP,
        week=week,
        status=RoundStatus.PUBLISHED if published else RoundStatus.DRAFT,
        published_at=timezone.now() if published else None,
    )
    for number, (topic_, members) in enumerate(groups, start=1):
        group = DiscussionGroup.objects.create(round=round_, number=number, topic=topic_)
        for student, leads in members:
            GroupMember.objects.create(round=round_, group=group, student=student, is_leader=leads)
    return round_


@pytest.fixture
def two_groups(small_school):
    """Room 1: Networking, led by Ana, with Cy. Room 2: Interviewing, led by Ben, with Dee."""
    s = small_school
    dee = factories.student(s.school, first_name="Dee", last_name="Dunn")
    factories.enroll(dee, s.term, s.fe, module=1)
    round_ = build_round(
        s,
        [
            (topic(s, "Networking"), [(s.student_a, True), (s.other_cohort_student, False)]),
            (topic(s, "Interviewing"), [(s.student_b, True), (dee, False)]),
        ],
    )
    return round_, [[s.student_a, s.other_cohort_student], [s.student_b, dee]]


def add_everyone(fake, groups):
    return {student.email: fake.add_user(student.email) for g in groups for student in g}


def members_of(round_):
    return sorted(GroupMember.objects.filter(round=round_).values_list("group__number", "student"))


def test_posting_opens_one_conversation_per_group_and_posts_room_time_and_members(
    fake_slack, two_groups, small_school
):
    round_, groups = two_groups
    ids = add_everyone(fake_slack, groups)

    summary = slack.post_round(round_)

    assert (summary.posted, summary.failed) == (2, 0)
    assert fake_slack.methods_called().count("conversations.open") == 2
    assert fake_slack.methods_called().count("users.lookupByEmail") == 4
    for number, members in enumerate(groups, start=1):
        delivery = SlackDelivery.objects.get(group__round=round_, group__number=number)
        assert delivery.posted_at and delivery.attempts == 1 and delivery.error == ""
        assert sorted(fake_slack.conversations[delivery.conversation_id]) == sorted(
            ids[m.email] for m in members
        )
        [text] = fake_slack.messages[delivery.conversation_id]
        assert f"room {number}*" in text
        names = sorted(m.display_name for m in members)
        assert f"*Group:* {', '.join(names)}" in text
        assert "Topic, prompts and who leads: in careerdev, <http" in text
    text = fake_slack.messages[SlackDelivery.objects.get(group__number=1).conversation_id][0]
    # Slack is read outside careerdev: no topic, no leader (see the test below).
    assert "Networking" not in text and "Leads" not in text
    # Mix It Up is the second half-hour of the 1–2 pm session, in the school's zone.
    session = small_school.term.week(2).pd_starts_at + dt.timedelta(minutes=30)
    assert session.weekday() == 2 and session.tzinfo.key == "America/Denver"
    assert f"*When:* Wednesday {session.day} {session:%B}, 1:30 PM {session:%Z}" in text


def test_a_slack_failure_is_recorded_and_the_groups_stay_published(fake_slack, two_groups):
    round_, groups = two_groups
    add_everyone(fake_slack, groups)
    before = members_of(round_)
    fake_slack.fail["chat.postMessage"] = "ratelimited"

    summary = slack.post_round(round_)

    assert (summary.posted, summary.failed) == (0, 2)
    round_.refresh_from_db()
    assert round_.is_published and members_of(round_) == before
    for delivery in SlackDelivery.objects.filter(group__round=round_):
        assert delivery.posted_at is None and "ratelimited" in delivery.error
    # Rate-limited is Slack-wide: the second group was not tried at all.
    assert fake_slack.methods_called().count("chat.postMessage") == 1
    assert SlackDelivery.objects.get(group__number=2).error.startswith("Not tried")
    status = slack.slack_status(round_)
    assert [g.state for g in status.groups] == ["failed", "failed"] and status.can_retry

    del fake_slack.fail["chat.postMessage"]
    summary = slack.post_round(round_)
    assert (summary.posted, summary.failed) == (2, 0)
    attempts = SlackDelivery.objects.filter(group__round=round_).order_by("group__number")
    assert [d.attempts for d in attempts] == [2, 1]
    assert all(d.error == "" for d in attempts)
    assert [g.state for g in slack.slack_status(round_).groups] == ["posted", "posted"]


def test_a_retry_posts_only_the_failed_groups(fake_slack, two_groups):
    round_, groups = two_groups
    add_everyone(fake_slack, groups)
    dee = groups[1][1]
    del fake_slack.users[dee.email]  # not in Slack (yet)

    summary = slack.post_round(round_)
    assert (summary.posted, summary.failed) == (1, 1)
    failed = SlackDelivery.objects.get(group__number=2)
    assert "No Slack account found for Dee Dunn" in failed.error
    assert [g.state for g in slack.slack_status(round_).groups] == ["posted", "failed"]

    fake_slack.add_user(dee.email)
    fake_slack.calls.clear()
    summary = slack.post_round(round_)

    assert (summary.posted, summary.failed, summary.already_posted) == (1, 0, 1)
    assert fake_slack.methods_called().count("conversations.open") == 1
    assert fake_slack.methods_called().count("chat.postMessage") == 1
    first = SlackDelivery.objects.get(group__number=1)
    assert len(fake_slack.messages[first.conversation_id]) == 1  # not posted twice
    assert slack.post_round(round_).posted == 0


def test_an_http_error_or_unreachable_slack_never_raises(fake_slack, two_groups, settings):
    round_, groups = two_groups
    add_everyone(fake_slack, groups)
    fake_slack.fail["conversations.open"] = 500
    summary = slack.post_round(round_)
    assert summary.failed == 2
    assert "HTTP 500" in SlackDelivery.objects.get(group__number=1).error

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings.SLACK_BASE_URL = f"http://127.0.0.1:{port}/api/"
    summary = slack.post_round(round_)
    assert summary.failed == 2
    assert "Could not reach Slack" in SlackDelivery.objects.get(group__number=1).error
    round_.refresh_from_db()
    assert round_.is_published


def test_a_refusal_for_one_group_does_not_stop_the_others(fake_slack, two_groups):
    round_, groups = two_groups
    add_everyone(fake_slack, groups)
    fake_slack.fail["conversations.open"] = "user_disabled"
    summary = slack.post_round(round_)
    assert summary.failed == 2
    assert fake_slack.methods_called().count("conversations.open") == 2
    assert "user_disabled" in SlackDelivery.objects.get(group__number=2).error


def test_names_cannot_mention_everyone(fake_slack, small_school):
    s = small_school
    loud = factories.student(s.school, first_name="<!channel>", last_name="Loud")
    round_ = build_round(s, [(topic(s, "Networking"), [(s.student_a, True), (loud, False)])])
    add_everyone(fake_slack, [[s.student_a, loud]])
    slack.post_round(round_)
    [text] = next(iter(fake_slack.messages.values()))
    assert "<!channel>" not in text and "&lt;!channel&gt; Loud" in text


def test_a_group_bigger_than_slack_allows_is_posted_with_a_note(fake_slack, small_school):
    s = small_school
    crowd = []
    for _ in range(9):
        student = factories.student(s.school)
        factories.enroll(student, s.term, s.fe, module=2)
        crowd.append(student)
    round_ = build_round(
        s, [(topic(s, "Materials"), [(s.student_a, True), *((c, False) for c in crowd)])]
    )
    ids = add_everyone(fake_slack, [[s.student_a, *crowd]])

    summary = slack.post_round(round_)

    delivery = SlackDelivery.objects.get(group__round=round_)
    members = fake_slack.conversations[delivery.conversation_id]
    assert summary.posted == 1 and len(members) == 8 and ids[s.student_a.email] in members
    assert "Slack allows 8" in delivery.error and summary.notes


def test_the_less_represented_group_is_told_what_every_group_is(small_school):
    """Its text differs from an ordinary group's only by room and names: no
    topic, no "open format", no leader line, no leaders listed first."""
    s = small_school
    dee = factories.student(s.school, first_name="Dee", last_name="Dunn")
    private = topic(s, "Identifying as less represented in tech", TopicKind.LESS_REPRESENTED)
    round_ = build_round(
        s,
        [
            (private, [(s.student_b, False), (s.student_a, False)]),
            # Dee leads: listed first, she would come before Cy.
            (topic(s, "Networking"), [(s.other_cohort_student, False), (dee, True)]),
        ],
    )
    private_group, ordinary_group = round_.groups.order_by("number")
    private_text = slack.message_for(private_group, round_)
    ordinary_text = slack.message_for(ordinary_group, round_)
    assert "*Group:* Cy Cole, Dee Dunn" in ordinary_text
    assert (
        private_text.replace("room 1*", "room 2*").replace(
            "Ana Able, Ben Baker", "Cy Cole, Dee Dunn"
        )
        == ordinary_text
    )
    for word in ("less represented", "open", "Leads", "lead this"):
        assert word not in private_text


def test_draft_and_homeroom_rounds_are_not_posted(fake_slack, two_groups, small_school):
    round_, groups = two_groups
    add_everyone(fake_slack, groups)
    GroupRound.objects.filter(pk=round_.pk).update(status=RoundStatus.DRAFT, published_at=None)
    round_.refresh_from_db()
    assert slack.post_round(round_).skipped_reason
    homeroom = GroupRound.objects.create(term=small_school.term, kind=RoundKind.HOMEROOM)
    assert slack.post_round(homeroom).skipped_reason
    assert slack.slack_status(homeroom) is None
    assert fake_slack.calls == []


def test_without_a_token_slack_is_absent(fake_slack, two_groups, settings, client, small_school):
    round_, groups = two_groups
    add_everyone(fake_slack, groups)
    settings.SLACK_BOT_TOKEN = ""

    assert slack.is_configured() is False
    assert slack.post_round(round_).skipped_reason
    assert slack.slack_status(round_) is None
    assert render_to_string("groups/_slack_status.html", {"slack_status": None}).strip() == ""
    client.force_login(small_school.staff)
    assert client.post(reverse("groups:slack_retry", args=[round_.pk])).status_code == 404
    assert fake_slack.calls == []
    assert not SlackDelivery.objects.exists()


def test_the_status_snippet_shows_errors_and_offers_a_retry(fake_slack, two_groups):
    round_, groups = two_groups
    add_everyone(fake_slack, groups)
    fake_slack.fail["chat.postMessage"] = "channel_not_found"
    slack.post_round(round_)
    html = render_to_string(
        "groups/_slack_status.html", {"slack_status": slack.slack_status(round_)}
    )
    assert "channel_not_found" in html and "2 failed" in html
    assert reverse("groups:slack_retry", args=[round_.pk]) in html


@pytest.fixture
def round_url(monkeypatch):
    """Where the retry sends staff back: the round page (groups:round)."""
    try:
        reverse("groups:round", args=[1])
    except NoReverseMatch:  # the round page is not wired yet in this checkout
        monkeypatch.setattr(views_slack, "reverse", lambda name, args: f"/groups/rounds/{args[0]}/")
    return lambda pk: f"/groups/rounds/{pk}/"


def test_staff_retry_from_the_round_page(fake_slack, two_groups, client, small_school, round_url):
    round_, groups = two_groups
    add_everyone(fake_slack, groups)
    fake_slack.fail["users.lookupByEmail"] = "ratelimited"
    slack.post_round(round_)
    del fake_slack.fail["users.lookupByEmail"]
    client.force_login(small_school.staff)

    response = client.post(reverse("groups:slack_retry", args=[round_.pk]))

    assert response.status_code == 302 and response.url == round_url(round_.pk)
    assert [g.state for g in slack.slack_status(round_).groups] == ["posted", "posted"]


def test_only_the_schools_staff_may_retry(fake_slack, two_groups, client, small_school):
    round_, groups = two_groups
    add_everyone(fake_slack, groups)
    url = reverse("groups:slack_retry", args=[round_.pk])
    client.force_login(small_school.student_a)
    assert client.post(url).status_code == 403
    client.force_login(factories.staff(factories.school()))
    assert client.post(url).status_code == 404
    client.force_login(small_school.staff)
    assert client.get(url).status_code == 405
    assert fake_slack.calls == []


@pytest.mark.django_db(transaction=True)
def test_publishing_posts_the_groups_from_a_background_thread(fake_slack, two_groups, monkeypatch):
    from careerdev.groups import services

    round_, groups = two_groups
    add_everyone(fake_slack, groups)
    GroupRound.objects.filter(pk=round_.pk).update(status=RoundStatus.DRAFT, published_at=None)
    monkeypatch.setattr(services, "evaluate", lambda r: {"ok": True, "rules": []})
    started = []
    real = slack.post_round_in_background
    monkeypatch.setattr(slack, "post_round_in_background", lambda pk: started.append(real(pk)))

    services.publish(round_)

    [thread] = started
    thread.join(timeout=30)
    assert SlackDelivery.objects.filter(group__round=round_, posted_at__isnull=False).count() == 2
