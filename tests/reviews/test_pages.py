"""The student and staff pages: booking through the page, privacy of other
students' bookings and of staff notes, other schools kept out, and a staff
page whose query count does not grow with the bookings."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careerdev.reviews import services
from careerdev.reviews.models import BookingStatus, ReviewBooking
from tests import factories

pytestmark = pytest.mark.django_db

NOTE = "Resume: lead with the capstone; cover letter too generic."


def test_student_sees_free_slots_and_books_one(client, small_school, slots):
    client.force_login(small_school.student_a)
    page = client.get(reverse("reviews:student"))
    assert page.status_code == 200
    assert len(page.context["slots"]) == 3
    response = client.post(reverse("reviews:book"), {"slot": slots[0].pk}, follow=True)
    body = response.content.decode()
    assert "Booked: your document review is on" in body
    assert "Your review" in body
    assert ReviewBooking.objects.get().student == small_school.student_a


def test_booking_a_taken_slot_through_the_page_says_so(client, small_school, slots, now):
    services.book_slot(small_school.student_b, slots[0].pk, now=now)
    client.force_login(small_school.student_a)
    response = client.post(reverse("reviews:book"), {"slot": slots[0].pk}, follow=True)
    assert services.TAKEN_MESSAGE in response.content.decode()
    assert not ReviewBooking.objects.filter(student=small_school.student_a).exists()


def test_student_moves_and_cancels_through_the_page(client, small_school, slots, now):
    services.book_slot(small_school.student_a, slots[0].pk, now=now)
    client.force_login(small_school.student_a)
    body = client.get(reverse("reviews:student")).content.decode()
    assert "Move here" in body
    client.post(reverse("reviews:move"), {"slot": slots[2].pk})
    assert ReviewBooking.objects.get(status=BookingStatus.BOOKED).slot == slots[2]
    response = client.post(reverse("reviews:cancel"), follow=True)
    assert "Cancelled." in response.content.decode()
    assert not ReviewBooking.objects.filter(status=BookingStatus.BOOKED).exists()


def test_student_never_sees_notes_nor_another_students_booking(client, small_school, slots, now):
    mine = services.book_slot(small_school.student_a, slots[0].pk, now=now)
    services.book_slot(small_school.student_b, slots[1].pk, now=now)
    services.save_notes(mine, NOTE)
    services.mark_booking(mine, BookingStatus.HELD, by=small_school.staff, now=slots[0].starts_at)
    client.force_login(small_school.student_a)
    body = client.get(reverse("reviews:student")).content.decode()
    assert "your document review was held" in body
    assert NOTE not in body
    assert "Resume: lead" not in body
    assert small_school.student_b.display_name not in body
    client.force_login(small_school.student_b)
    body = client.get(reverse("reviews:student")).content.decode()
    assert small_school.student_a.display_name not in body
    assert NOTE not in body


def test_students_and_volunteers_are_kept_off_the_staff_pages(client, small_school, slots, now):
    booking = services.book_slot(small_school.student_a, slots[0].pk, now=now)
    for person in (small_school.student_a, small_school.volunteer):
        client.force_login(person)
        assert client.get(reverse("reviews:staff")).status_code == 403
        notes_url = reverse("reviews:notes", args=[booking.pk])
        assert client.post(notes_url, {"staff_notes": "x"}).status_code == 403
        mark_url = reverse("reviews:mark", args=[booking.pk])
        assert client.post(mark_url, {"status": "held"}).status_code == 403
    booking.refresh_from_db()
    assert booking.staff_notes == "" and booking.status == BookingStatus.BOOKED


def test_another_school_gets_404(client, small_school, slots, now):
    booking = services.book_slot(small_school.student_a, slots[0].pk, now=now)
    other_school = factories.school()
    other_term = factories.term(other_school)
    outsider = factories.student(other_school)
    factories.enroll(outsider, other_term, factories.cohort(factories.program(other_school)))
    client.force_login(outsider)
    assert client.post(reverse("reviews:book"), {"slot": slots[1].pk}).status_code == 404
    assert client.post(reverse("reviews:move"), {"slot": slots[1].pk}).status_code == 404
    body = client.get(reverse("reviews:student")).content.decode()
    assert small_school.staff.display_name not in body
    other_staff = factories.staff(other_school)
    client.force_login(other_staff)
    mark_url = reverse("reviews:mark", args=[booking.pk])
    assert client.post(mark_url, {"status": "held"}).status_code == 404
    notes_url = reverse("reviews:notes", args=[booking.pk])
    assert client.post(notes_url, {"staff_notes": "x"}).status_code == 404
    delete_url = reverse("reviews:delete_slot", args=[slots[1].pk])
    assert client.post(delete_url).status_code == 404
    assert not ReviewBooking.objects.filter(student=outsider).exists()
    booking.refresh_from_db()
    assert booking.staff_notes == ""


def test_staff_mark_held_and_keep_notes_with_htmx(client, small_school, slots, now):
    booking = services.book_slot(small_school.student_a, slots[0].pk, now=now)
    # The review's time comes.
    slots[0].starts_at = now - dt.timedelta(minutes=5)
    slots[0].save()
    client.force_login(small_school.staff)
    response = client.post(
        reverse("reviews:mark", args=[booking.pk]), {"status": "held"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert f'id="slot-{slots[0].pk}"' in response.content.decode()
    assert "Held" in response.content.decode()
    client.post(
        reverse("reviews:notes", args=[booking.pk]), {"staff_notes": NOTE}, HTTP_HX_REQUEST="true"
    )
    booking.refresh_from_db()
    assert booking.status == BookingStatus.HELD
    assert booking.marked_by == small_school.staff
    assert booking.staff_notes == NOTE
    assert NOTE in client.get(reverse("reviews:staff")).content.decode()


def test_marking_a_future_review_says_why_in_its_row(client, small_school, slots, now):
    booking = services.book_slot(small_school.student_a, slots[0].pk, now=now)
    client.force_login(small_school.staff)
    response = client.post(
        reverse("reviews:mark", args=[booking.pk]), {"status": "held"}, HTTP_HX_REQUEST="true"
    )
    assert "has not started yet" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED


def test_staff_page_filters_by_day(client, small_school, slots):
    client.force_login(small_school.staff)
    day = slots[0].starts_at.astimezone(small_school.school.zone).date()
    response = client.get(reverse("reviews:staff"), {"day": day.isoformat()})
    assert [d.day for d in response.context["reviews"].days] == [day]


def _staff_page_queries(client, small_school) -> int:
    client.force_login(small_school.staff)
    url = reverse("reviews:staff")
    client.get(url)  # warm the session and caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_staff_page_queries_do_not_grow_with_bookings(client, small_school, now):
    term = small_school.term

    def add_booked_slots(count):
        for _ in range(count):
            student = factories.student(small_school.school)
            factories.enroll(student, term, small_school.be)
            slot = factories.review_slot(term, small_school.staff)
            booking = services.book_slot(student, slot.pk, now=now)
            services.save_notes(booking, "notes")

    add_booked_slots(2)
    few = _staff_page_queries(client, small_school)
    add_booked_slots(15)
    many = _staff_page_queries(client, small_school)
    assert many == few


def test_staff_cancel_a_booking_for_the_student_frees_the_slot(client, small_school, slots, now):
    booking = services.book_slot(small_school.student_a, slots[0].pk, now=now)
    client.force_login(small_school.staff)
    response = client.post(
        reverse("reviews:cancel_for_student", args=[booking.pk]), HTTP_HX_REQUEST="true"
    )
    assert "the slot is free again" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    services.book_slot(small_school.student_b, slots[0].pk, now=now)


def test_staff_cannot_cancel_a_review_that_has_started(small_school, slots, now):
    booking = services.book_slot(small_school.student_a, slots[0].pk, now=now)
    with pytest.raises(ValidationError, match="has started"):
        services.cancel_for_student(booking, now=slots[0].starts_at)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED


def test_notes_save_says_so_in_the_row(client, small_school, slots, now):
    booking = services.book_slot(small_school.student_a, slots[0].pk, now=now)
    client.force_login(small_school.staff)
    response = client.post(
        reverse("reviews:notes", args=[booking.pk]), {"staff_notes": NOTE}, HTTP_HX_REQUEST="true"
    )
    assert "Notes saved." in response.content.decode()


def test_student_page_queries_do_not_grow_with_slots(client, small_school, now):
    client.force_login(small_school.student_a)
    url = reverse("reviews:student")

    def queries() -> int:
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured)

    for _ in range(2):
        factories.review_slot(small_school.term, small_school.staff)
    few = queries()
    for _ in range(20):
        factories.review_slot(small_school.term, factories.staff(small_school.school))
    assert queries() == few


def test_after_the_cutoff_the_student_page_offers_no_changes(client, small_school, now):
    soon = factories.review_slot(
        small_school.term, small_school.staff, starts_at=now + dt.timedelta(hours=30)
    )
    factories.review_slot(small_school.term, small_school.staff)
    services.book_slot(small_school.student_a, soon.pk, now=now)
    soon.starts_at = now + dt.timedelta(hours=5)
    soon.save()
    client.force_login(small_school.student_a)
    body = client.get(reverse("reviews:student")).content.decode()
    assert "can no longer be changed here" in body
    assert f"mailto:{small_school.staff.email}" in body
    assert "Move here" not in body and "Cancel my review" not in body
    response = client.post(reverse("reviews:cancel"), follow=True)
    assert "can no longer be changed" in response.content.decode()
    assert ReviewBooking.objects.get().status == BookingStatus.BOOKED
