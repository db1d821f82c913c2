"""The pages: a volunteer adds availability, a link and feedback; a student
books; feedback is seen by its student and staff, never by other students;
the 48-hour missing-link flag; a coverage page whose query count does not
grow with the students."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from careerdev.interviews import selectors, services
from careerdev.interviews.models import InterviewFeedback, InterviewKind, MockInterviewBooking
from tests import factories

from .conftest import add_window

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_window(small_school, week):
    """A window in the real interview week (the pages use the real clock)."""
    return add_window(
        small_school.term,
        small_school.volunteer,
        week.starts_on,
        "09:00",
        "10:00",
        now=timezone.now(),
    )


def test_volunteer_adds_a_window_through_the_page(client, small_school, week):
    client.force_login(small_school.volunteer)
    data = {
        "day": week.starts_on.isoformat(),
        "start_time": "13:00",
        "end_time": "14:00",
        "kind": "both",
        "track": "any",
    }
    response = client.post(reverse("interviews:add_window"), data, follow=True)
    assert "Added 2 interview slots." in response.content.decode()
    bad = client.post(reverse("interviews:add_window"), {**data, "start_time": "13:30"})
    assert bad.status_code == 400
    assert "overlaps your window" in bad.content.decode()


def test_student_books_through_the_page(client, small_school, live_window):
    client.force_login(small_school.student_a)
    page = client.get(reverse("interviews:student"))
    assert len(page.context["slots"]) == 2
    slot = live_window.slots.order_by("starts_at").first()
    body = client.post(reverse("interviews:book"), {"slot": slot.pk}, follow=True).content.decode()
    assert "Booked: your mock interview is on" in body
    assert "Your interview" in body


def test_students_and_staff_cannot_give_availability(client, small_school):
    for user in (small_school.student_a, small_school.staff):
        client.force_login(user)
        assert client.get(reverse("interviews:volunteer")).status_code == 403


def test_volunteer_sets_a_video_link_and_bad_links_are_refused(client, small_school, live_window):
    slot = live_window.slots.order_by("starts_at").first()
    booking = services.book_slot(small_school.student_a, small_school.term, slot.pk)
    client.force_login(small_school.volunteer)
    bad = client.post(
        reverse("interviews:video_link", args=[booking.pk]),
        {"video_link": "not a link"},
        follow=True,
    )
    assert "Enter a full link" in bad.content.decode()
    client.post(
        reverse("interviews:video_link", args=[booking.pk]),
        {"video_link": "https://meet.example.com/abc"},
    )
    booking.refresh_from_db()
    assert booking.video_link == "https://meet.example.com/abc"
    other = factories.volunteer(small_school.school)
    client.force_login(other)
    assert (
        client.post(
            reverse("interviews:video_link", args=[booking.pk]), {"video_link": "https://x.example"}
        ).status_code
        == 404
    )


def test_missing_link_is_flagged_48_hours_after_booking(client, small_school, window, now):
    slot = window.slots.order_by("starts_at").first()
    booking = services.book_slot(small_school.student_a, small_school.term, slot.pk, now=now)
    assert not selectors.missing_video_links(small_school.term, now + dt.timedelta(hours=47))
    assert list(selectors.missing_video_links(small_school.term, now + dt.timedelta(hours=48))) == [
        booking
    ]
    mine = selectors.student_interview(
        small_school.student_a, small_school.term, now + dt.timedelta(hours=49)
    )
    assert mine.link_overdue
    services.set_video_link(booking, "https://meet.example.com/x", now=now + dt.timedelta(hours=50))
    assert not selectors.missing_video_links(small_school.term, now + dt.timedelta(hours=51))


def test_student_page_shows_the_reminder_when_the_link_is_overdue(
    client, small_school, live_window
):
    slot = live_window.slots.order_by("starts_at").first()
    booking = services.book_slot(small_school.student_a, small_school.term, slot.pk)
    MockInterviewBooking.objects.filter(pk=booking.pk).update(
        booked_at=timezone.now() - dt.timedelta(hours=49)
    )
    client.force_login(small_school.student_a)
    assert "with your resume attached" in client.get(reverse("interviews:student")).content.decode()
    client.force_login(small_school.staff)
    assert "Overdue" in client.get(reverse("interviews:staff")).content.decode()


def give(booking, **kw):
    data = {
        "behavioural_rating": 4,
        "technical_rating": 3,
        "strengths": "Clear STAR stories.",
        "to_work_on": "Think aloud.",
    }
    return services.give_feedback(booking, **{**data, **kw}, now=booking.slot.starts_at)


def test_feedback_rates_only_the_parts_given(small_school, week, now):
    w = add_window(
        small_school.term,
        small_school.volunteer,
        week.starts_on,
        kind=InterviewKind.BEHAVIOURAL,
        now=now,
    )
    booking = services.book_slot(
        small_school.student_a, small_school.term, w.slots.first().pk, now=now
    )
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="not a technical interview"):
        give(booking)
    with pytest.raises(ValidationError, match="Give feedback once"):
        services.give_feedback(
            booking,
            behavioural_rating=4,
            technical_rating=None,
            strengths="a",
            to_work_on="b",
            now=now,
        )
    with pytest.raises(ValidationError, match="1 to 5"):
        give(booking, behavioural_rating=6, technical_rating=None)
    give(booking, technical_rating=None)
    assert InterviewFeedback.objects.get().behavioural_rating == 4


def test_feedback_is_seen_by_the_student_and_staff_never_other_students(
    client, small_school, window, now
):
    booking = services.book_slot(
        small_school.student_a, small_school.term, window.slots.first().pk, now=now
    )
    give(booking)
    url = reverse("interviews:booking", args=[booking.pk])
    for viewer in (small_school.student_a, small_school.staff, small_school.volunteer):
        client.force_login(viewer)
        page = client.get(url)
        assert page.status_code == 200
        assert "Clear STAR stories." in page.content.decode()
    for outsider in (
        small_school.student_b,
        factories.volunteer(small_school.school),
        factories.staff(factories.school()),
    ):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    client.force_login(small_school.student_b)
    assert "Clear STAR stories." not in client.get(reverse("interviews:student")).content.decode()


def test_volunteer_gives_feedback_through_the_page(client, small_school, window, now):
    booking = services.book_slot(
        small_school.student_a, small_school.term, window.slots.first().pk, now=now
    )
    client.force_login(small_school.volunteer)
    url = reverse("interviews:feedback", args=[booking.pk])
    assert client.get(url).status_code == 200
    early = client.post(url, {"behavioural_rating": "4", "strengths": "Calm", "to_work_on": "Pace"})
    assert early.status_code == 400  # the interview has not started yet
    assert not InterviewFeedback.objects.exists()
    client.force_login(small_school.student_a)
    assert client.get(url).status_code == 403


def test_staff_assign_everyone_left_through_the_page(client, small_school, live_window):
    client.force_login(small_school.staff)
    response = client.post(
        reverse("interviews:assign"), {"term": small_school.term.pk}, follow=True
    )
    assert "Assigned 2 students." in response.content.decode()
    assert MockInterviewBooking.objects.count() == 2


def coverage_queries(client, small_school):
    client.force_login(small_school.staff)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("interviews:staff"))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_coverage_page_queries_do_not_grow_with_students(client, small_school, week, now):
    w = add_window(
        small_school.term, small_school.volunteer, week.starts_on, "09:00", "17:00", now=now
    )
    services.set_cap(small_school.term, small_school.volunteer, 20)
    slots = list(w.slots.order_by("starts_at"))
    services.book_slot(small_school.student_a, small_school.term, slots[0].pk, now=now)
    few = coverage_queries(client, small_school)
    for i in range(8):
        s = factories.student(small_school.school)
        factories.enroll(s, small_school.term, small_school.be, module=4)
        if i % 2:
            b = services.book_slot(s, small_school.term, slots[i + 1].pk, now=now)
            give(b)
    assert coverage_queries(client, small_school) == few


def test_coverage_counts_booked_unbooked_and_slots_left_per_track(small_school, window, now):
    services.book_slot(small_school.student_a, small_school.term, window.slots.first().pk, now=now)
    cov = selectors.coverage(small_school.term, now)
    assert (cov.booked, cov.unbooked) == (1, 1)
    assert {t.track: t.free_slots for t in cov.free_by_track} == {
        "Front-end": 0,
        "Back-end": 0,
        "Any track": 3,
    }
