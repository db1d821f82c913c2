"""Document reviews in the browser: staff publish a morning's run of slots,
a student books one, and once its time has come staff mark it held."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from careerdev.reviews.models import BookingStatus, ReviewBooking, ReviewSlot
from careerdev.reviews.selectors import reviewed_students
from tests.factories import PASSWORD

from .conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()


def test_staff_publish_slots_a_student_books_and_staff_mark_it_held(page, small_school):
    school = small_school.school
    day = dt.datetime.now(school.zone).date() + dt.timedelta(days=7)

    sign_in(page, small_school.staff.email, PASSWORD)
    page.goto("/reviews/staff/")
    expect(page.get_by_role("heading", name="Document reviews")).to_be_visible()
    run = page.locator("form", has=page.get_by_role("button", name="Publish the run"))
    run.get_by_label("Day").fill(day.isoformat())
    run.get_by_label("From").fill("09:00")
    run.get_by_label("Until").fill("10:00")
    run.get_by_label("Place").fill("Career office")
    run.get_by_role("button", name="Publish the run").click()
    expect(page.get_by_text("Published 2 slots.")).to_be_visible()
    expect(page.get_by_role("heading", name=day.strftime("%A %-d %B"))).to_be_visible()
    assert ReviewSlot.objects.filter(term=small_school.term).count() == 2
    sign_out(page)

    student = small_school.student_a
    sign_in(page, student.email, PASSWORD)
    page.goto("/reviews/")
    expect(page.get_by_role("heading", name="Free slots")).to_be_visible()
    page.get_by_role("button", name="Book").first.click()
    expect(page.get_by_text("Booked: your document review is on")).to_be_visible()
    expect(page.get_by_role("heading", name="Your review")).to_be_visible()
    expect(page.get_by_text("9:00 a.m.", exact=False).first).to_be_visible()
    booking = ReviewBooking.objects.get(student=student)
    sign_out(page)

    # The morning of the review comes: the slot is now in the past.
    ReviewSlot.objects.filter(pk=booking.slot_id).update(
        starts_at=booking.slot.starts_at - dt.timedelta(days=8)
    )
    sign_in(page, small_school.staff.email, PASSWORD)
    page.goto("/reviews/staff/")
    row = page.locator(f"#slot-{booking.slot_id}")
    expect(row).to_contain_text(student.display_name)
    row.get_by_role("button", name=f"Mark {student.display_name}'s review held").click()
    # htmx swaps the row in place.
    expect(page.locator(f"#slot-{booking.slot_id} .badge")).to_have_text("Held")
    expect(page.get_by_role("status")).to_have_text("Marked.")
    booking.refresh_from_db()
    assert booking.status == BookingStatus.HELD
    assert reviewed_students(small_school.term) == {student.pk}
