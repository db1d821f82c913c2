"""Mock interviews in the browser: a volunteer gives a morning of
availability in the interview week, and a Mod 4 student books a slot."""

import pytest
from playwright.sync_api import expect

from careerdev.interviews import services
from careerdev.interviews.models import BookingStatus, MockInterviewBooking, MockInterviewSlot
from tests.factories import PASSWORD

from .conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()


def test_volunteer_gives_availability_and_a_student_books(page, small_school):
    week = services.interview_week(small_school.term)

    sign_in(page, small_school.volunteer.email, PASSWORD)
    page.goto("/interviews/volunteer/")
    expect(page.get_by_role("heading", name="Your mock interviews")).to_be_visible()
    form = page.locator("form", has=page.get_by_role("button", name="Add the window"))
    form.get_by_label("Day").fill(week.starts_on.isoformat())
    form.get_by_label("From").fill("09:00")
    form.get_by_label("Until").fill("10:30")
    form.get_by_label("Interview kind").select_option("technical")
    form.get_by_label("Track").select_option("BE")
    form.get_by_role("button", name="Add the window").click()
    expect(page.get_by_text("Added 3 interview slots.")).to_be_visible()
    assert MockInterviewSlot.objects.filter(volunteer=small_school.volunteer).count() == 3
    sign_out(page)

    student = small_school.student_a
    sign_in(page, student.email, PASSWORD)
    page.goto("/interviews/")
    expect(page.get_by_role("heading", name="Free slots")).to_be_visible()
    page.get_by_role("button", name="Book").first.click()
    expect(page.get_by_text("Booked: your mock interview is on")).to_be_visible()
    expect(page.get_by_role("heading", name="Your interview")).to_be_visible()
    booking = MockInterviewBooking.objects.get(student=student)
    assert booking.status == BookingStatus.BOOKED
    assert booking.slot.volunteer == small_school.volunteer
