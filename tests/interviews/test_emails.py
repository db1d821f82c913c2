"""On booking, the volunteer gets the student's introduction and the student
a confirmation, each with a calendar invitation; captured from a real local
SMTP server and the .ics parsed back with an independent parser (icalendar)."""

import datetime as dt

import icalendar
import pytest

from careerdev.interviews import services
from careerdev.people.models import StudentProfile

pytestmark = pytest.mark.django_db(transaction=True)

RESUME = "https://drive.example.com/ana-able-resume.pdf"


def calendar_of(message):
    parts = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    assert parts[0].get_param("method") == "REQUEST"
    assert parts[0].get_filename() == "mock-interview.ics"
    return icalendar.Calendar.from_ical(parts[0].get_content())


def test_booking_emails_both_with_an_invitation_and_the_students_introduction(
    small_school, window, now, smtp_server
):
    StudentProfile.objects.filter(user=small_school.student_a).update(resume_url=RESUME)
    slot = window.slots.order_by("starts_at").first()
    booking = services.book_slot(small_school.student_a, small_school.term, slot.pk, now=now)

    assert len(smtp_server) == 2
    by_to = {m["To"]: m for m in smtp_server}
    intro = by_to[small_school.volunteer.email]
    confirmation = by_to[small_school.student_a.email]
    intro_text = intro.get_body(("plain",)).get_content()
    assert intro["Reply-To"] == small_school.student_a.email
    assert "My name is Ana Able" in intro_text
    assert RESUME in intro_text
    local = slot.starts_at.astimezone(small_school.school.zone)
    assert f"{local:%A} {local.day} {local:%B} at 9:00 a.m." in intro_text
    assert "Your mock interview with" in confirmation.get_body(("plain",)).get_content()

    uids = set()
    for message in (intro, confirmation):
        cal = calendar_of(message)
        assert str(cal["METHOD"]) == "REQUEST"
        assert str(cal["VERSION"]) == "2.0"
        [tz] = cal.walk("VTIMEZONE")
        assert str(tz["TZID"]) == "America/Denver"
        [event] = cal.walk("VEVENT")
        uids.add(str(event["UID"]))
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert start == slot.starts_at and end - start == dt.timedelta(minutes=30)
        assert event["DTSTART"].params["TZID"] == "America/Denver"
        attendees = {str(a).removeprefix("mailto:") for a in event["ATTENDEE"]}
        assert attendees == {small_school.volunteer.email, small_school.student_a.email}
        assert str(event["ORGANIZER"]).startswith("mailto:")
    assert uids == {f"mock-interview-{booking.pk}@localhost"}


def test_without_a_resume_link_the_introduction_promises_one(
    small_school, window, now, smtp_server
):
    slot = window.slots.order_by("starts_at").first()
    services.book_slot(small_school.student_b, small_school.term, slot.pk, now=now)
    intro = next(m for m in smtp_server if m["To"] == small_school.volunteer.email)
    assert "I will send you my resume" in intro.get_body(("plain",)).get_content()


def test_a_refused_booking_sends_nothing(small_school, window, now, smtp_server):
    slot = window.slots.order_by("starts_at").first()
    services.book_slot(small_school.student_a, small_school.term, slot.pk, now=now)
    smtp_server.clear()
    with pytest.raises(services.BookingRefused):
        services.book_slot(small_school.student_b, small_school.term, slot.pk, now=now)
    assert smtp_server == []


def test_moving_tells_the_volunteer_and_sends_a_new_invitation(
    small_school, window, now, smtp_server
):
    first, second = window.slots.order_by("starts_at")[:2]
    services.book_slot(small_school.student_a, small_school.term, first.pk, now=now)
    smtp_server.clear()
    services.move_booking(small_school.student_a, small_school.term, second.pk, now=now)
    subjects = sorted(m["Subject"] for m in smtp_server)
    assert len(subjects) == 3
    assert any(s.startswith("Mock interview cancelled") for s in subjects)


def test_booking_moving_and_cancelling_leave_the_student_a_notice_and_no_second_email(
    small_school, window, now, smtp_server
):
    from careerdev.notifications.models import Kind, Notification

    a, term = small_school.student_a, small_school.term
    first, second = window.slots.order_by("starts_at")[:2]
    services.book_slot(a, term, first.pk, now=now)
    services.move_booking(a, term, second.pk, now=now)
    services.cancel_booking(a, term, now=now)

    notices = list(Notification.objects.filter(recipient=a).order_by("pk"))
    assert [n.kind for n in notices] == [
        Kind.INTERVIEW_BOOKED,
        Kind.INTERVIEW_BOOKED,
        Kind.INTERVIEW_CANCELLED,
    ]
    assert "booked for" in notices[0].subject and "moved to" in notices[1].subject
    assert all(n.subject.startswith("Turing Test School: ") for n in notices)
    # The calendar invitations are the emails; the notices stay in the app.
    assert not any(n.email_wanted for n in notices)
    student_mail = [m["Subject"] for m in smtp_server if m["To"] == a.email]
    assert len(student_mail) == 2  # the booking's and the move's calendar invitations


def test_interview_emails_the_server_refused_are_shown_to_staff(
    small_school, window, now, settings
):
    from careerdev.notifications.models import UndeliveredEmail

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9
    slot = window.slots.order_by("starts_at").first()
    services.book_slot(small_school.student_a, small_school.term, slot.pk, now=now)
    failed = UndeliveredEmail.objects.filter(school=small_school.school)
    assert {f.to for f in failed} == {small_school.volunteer.email, small_school.student_a.email}
    assert all("mock interviews page" in f.redo for f in failed)
