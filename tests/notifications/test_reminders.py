"""`careerdev send-reminders`: deliverable reminders queued once per key and
emailed once, across runs, a crash mid-run and a mail server that is down."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from careerdev.deliverables import services as deliverables
from careerdev.deliverables.models import DeliverableKind
from careerdev.deliverables.schedule import due_at
from careerdev.notifications import services
from careerdev.notifications.models import Kind, Notification
from careerdev.notifications.reminders import deliverable_reminders

pytestmark = pytest.mark.django_db


@pytest.fixture
def running_term(small_school):
    """The small school's term running now (its exit ticket and portfolio
    review both fall due on Friday of week 4)."""
    term = small_school.term
    today = dt.date.today()
    term.start_date = today - dt.timedelta(days=today.weekday() + 14)  # today in week 3
    term.save()
    ticket = next(
        d
        for d in deliverables.ensure_default_deliverables(term)
        if d.kind == DeliverableKind.NEGOTIATION_EXIT_TICKET
    )
    return small_school, term, ticket


def two_days_before(term, ticket):
    return due_at(term, ticket.due_week, ticket.due_weekday, ticket.due_time) - dt.timedelta(days=2)


def about_the_ticket(messages):
    return [m for m in messages if "Negotiation exit ticket" in m["Subject"]]


def run(now=None):
    services.queue(deliverable_reminders(now))
    return services.send_pending(now=now)


def test_a_reminder_goes_once_across_two_runs(running_term, smtp_server):
    school, term, ticket = running_term
    now = two_days_before(term, ticket)
    first = run(now)
    second = run(now)
    # Ana and Ben are Mod 4: the exit ticket and the portfolio review are
    # theirs, due in two days; Cy (Mod 2) has nothing due then.
    assert first.sent == 4 and second.sent == 0
    assert sorted(m["To"] for m in about_the_ticket(smtp_server)) == sorted(
        [school.student_a.email, school.student_b.email]
    )
    message = about_the_ticket(smtp_server)[0]
    assert message["Subject"].startswith("Turing Test School: Negotiation exit ticket is due")
    assert "11:59 PM MST" in message["Subject"] or "11:59 PM MDT" in message["Subject"]
    assert "http://testserver" not in message.get_content()
    assert reverse("deliverables:mine") in message.get_content()


def test_done_deliverables_are_not_reminded(running_term, smtp_server):
    school, term, ticket = running_term
    deliverables.submit_exit_ticket(school.student_a, term, learned="x", will_ask="y")
    run(two_days_before(term, ticket))
    assert [m["To"] for m in about_the_ticket(smtp_server)] == [school.student_b.email]


def test_overdue_comes_after_the_due_moment_once(running_term, smtp_server):
    school, term, ticket = running_term
    after = due_at(term, ticket.due_week, ticket.due_weekday, ticket.due_time) + dt.timedelta(
        hours=1
    )
    run(after)
    run(after + dt.timedelta(hours=1))
    overdue = [m for m in smtp_server if "Negotiation exit ticket is overdue" in m["Subject"]]
    assert len(overdue) == 2  # one each for Ana and Ben, once


def test_a_crash_mid_run_loses_nothing_and_repeats_nothing(running_term, smtp_server, monkeypatch):
    school, term, ticket = running_term
    now = two_days_before(term, ticket)
    services.queue(deliverable_reminders(now))
    sent_first: list = []
    # The run dies when it comes to its second email: the first is sent and marked.
    from django.core.mail.backends.smtp import EmailBackend

    real_send = EmailBackend.send_messages

    def send_then_crash(self, messages):
        if sent_first:
            raise KeyboardInterrupt  # the process is killed mid-run
        sent_first.append(messages[0])
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", send_then_crash)
    with pytest.raises(KeyboardInterrupt):
        services.send_pending(now=now)
    monkeypatch.setattr(EmailBackend, "send_messages", real_send)
    assert len(smtp_server) == 1
    # The next run (after the dead run's claim has gone stale) sends the rest only.
    later = services.send_pending(now=dt.datetime.now(dt.UTC) + services.STALE_CLAIM * 2)
    assert later.sent == 3
    assert len(smtp_server) == 4
    assert len({(m["To"], m["Subject"]) for m in smtp_server}) == 4  # none twice


def test_a_mail_server_that_is_down_then_up(running_term, smtp_server, settings):
    school, term, ticket = running_term
    now = two_days_before(term, ticket)
    port = settings.EMAIL_PORT
    settings.EMAIL_PORT = 9  # nothing listens: the server is "down"
    down = run(now)
    assert down.sent == 0 and "Could not reach the mail server" in down.stopped
    assert all(n.attempts == 1 and n.last_error for n in Notification.objects.all())
    settings.EMAIL_PORT = port  # back up
    up = services.send_pending(now=now)
    assert up.sent == 4 and len(smtp_server) == 4
    assert not Notification.objects.filter(sent_at__isnull=True).exists()


def test_the_command_reports_and_fails_when_the_server_is_down(running_term, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9
    with pytest.raises(CommandError, match="wait for the next run"):
        call_command("send_reminders", stdout=io.StringIO())


def test_an_opt_out_keeps_the_notice_but_sends_no_email(running_term, client):
    school, term, ticket = running_term
    services.set_email_opt_outs(school.student_a, {Kind.DELIVERABLE_DUE_SOON})
    run(two_days_before(term, ticket))
    assert {tuple(m.to) for m in mail.outbox} == {(school.student_b.email,)}
    notice = Notification.objects.filter(recipient=school.student_a).first()
    assert not notice.email_wanted and notice.sent_at is None
    client.force_login(school.student_a)
    page = client.get(reverse("home")).content.decode()
    assert notice.subject in page
    client.post(reverse("notifications:mark_read"), {"notice": [notice.pk]})
    assert notice.subject not in client.get(reverse("home")).content.decode()


def test_only_optional_kinds_can_be_turned_off(small_school, client):
    client.force_login(small_school.student_a)
    client.post(reverse("notifications:settings"), {})  # every box unticked
    from careerdev.notifications.models import EmailOptOut

    assert set(EmailOptOut.objects.values_list("kind", flat=True)) == {
        Kind.DELIVERABLE_DUE_SOON,
        Kind.GROUPS_PUBLISHED,
    }


def test_staff_see_the_emails_not_sent(running_term, client, settings):
    school, term, ticket = running_term
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9
    run(two_days_before(term, ticket))
    client.force_login(school.staff)
    page = client.get(reverse("notifications:outbox")).content.decode()
    assert school.student_a.email in page and "Could not reach the mail server" in page
    client.force_login(school.student_a)
    assert client.get(reverse("notifications:outbox")).status_code == 403
