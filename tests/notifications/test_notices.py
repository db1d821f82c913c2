"""What happens to a person tells them: a notice on their home page and an
email sent as soon as the change is committed."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from careerdev.notifications.models import Kind, Notification
from careerdev.reviews import services as reviews
from tests import factories

pytestmark = pytest.mark.django_db


def test_booking_moving_and_cancelling_a_review_each_say_so(
    small_school, django_capture_on_commit_callbacks
):
    a = small_school.student_a
    first = factories.review_slot(small_school.term, small_school.staff)
    second = factories.review_slot(small_school.term, small_school.staff)
    with django_capture_on_commit_callbacks(execute=True):
        reviews.book_slot(a, first.pk)
    with django_capture_on_commit_callbacks(execute=True):
        reviews.move_booking(a, small_school.term, second.pk)
    with django_capture_on_commit_callbacks(execute=True):
        reviews.cancel_booking(a, small_school.term)
    subjects = [m.subject for m in mail.outbox]
    assert len(subjects) == 3
    assert "your document review is booked for" in subjects[0]
    assert "your document review is moved to" in subjects[1]
    assert "is cancelled" in subjects[2]
    assert all(s.startswith("Turing Test School: ") for s in subjects)
    assert reverse("reviews:student") in mail.outbox[0].body
    assert Notification.objects.filter(recipient=a, sent_at__isnull=False).count() == 3


def test_a_repeat_meeting_booked_tells_the_student(
    small_school, django_capture_on_commit_callbacks
):
    from careerdev.repeats import services as repeats
    from careerdev.repeats.models import RepeatPlan

    plan = RepeatPlan.objects.create(student=small_school.student_b, term=small_school.term)
    when = dt.datetime.combine(
        small_school.term.week(1).starts_on, dt.time(10), tzinfo=small_school.school.zone
    )
    with django_capture_on_commit_callbacks(execute=True):
        repeats.set_meeting(plan, at=when, with_staff=small_school.staff, place="Room 2")
    [message] = mail.outbox
    assert "repeat-plan meeting is on" in message.subject
    assert "Room 2" in message.body
    assert Notification.objects.get(recipient=small_school.student_b).kind == Kind.REPEAT_MEETING


def test_a_mail_server_down_leaves_the_notice_for_the_next_run(
    small_school, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9
    slot = factories.review_slot(small_school.term, small_school.staff)
    with django_capture_on_commit_callbacks(execute=True):
        booking = reviews.book_slot(small_school.student_a, slot.pk)  # no exception
    assert booking.pk
    notice = Notification.objects.get(recipient=small_school.student_a)
    assert notice.sent_at is None and notice.attempts == 1 and notice.last_error


def test_sending_after_commit_reports_a_mail_server_that_is_down_and_never_raises(
    small_school, settings
):
    from careerdev.mail import send_now

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9
    assert send_now([mail.EmailMessage("x", "y", to=["a@example.edu"])])  # the error, said
