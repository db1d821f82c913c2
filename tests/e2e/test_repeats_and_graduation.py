"""Repeat plans and early graduation in the browser: staff offer a meeting
time, the repeating student books it, goals are set and checked in; a
student with a signed offer asks to graduate early and staff approve once
every condition holds."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from careerdev.graduation.models import EarlyGraduationRequest, RequestStatus
from careerdev.repeats.models import RepeatPlan
from tests.factories import PASSWORD
from tests.graduation.conftest import media_root, signed_offer, take_attendance  # noqa: F401
from tests.portfolios import factories as portfolio_factories
from tests.repeats.factories import repeater

from .conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()


def test_staff_offer_a_meeting_the_repeater_books_it_and_goals_are_checked_in(page, small_school):
    plan = repeater(small_school)
    ben, staff = small_school.student_b, small_school.staff
    day = dt.datetime.now(small_school.school.zone).date() + dt.timedelta(days=2)

    sign_in(page, staff.email, PASSWORD)
    page.goto(f"/repeat/staff/?term={small_school.term.pk}")
    expect(page.get_by_role("row", name=ben.display_name)).to_contain_text("No meeting yet")
    page.get_by_label("Date").fill(day.isoformat())
    page.get_by_label("Time").fill("10:30")
    page.get_by_label("With").select_option(label=staff.display_name)
    page.get_by_label("Place").fill("Career office")
    page.get_by_role("button", name="Offer this time").click()
    expect(page.get_by_text("Career office — free")).to_be_visible()
    sign_out(page)

    sign_in(page, ben.email, PASSWORD)
    page.goto("/repeat/")
    proposed = page.get_by_role("region", name="Where you start from").get_by_role("listitem")
    expect(proposed.first).to_contain_text("Interviewing")
    page.get_by_role("button", name="Book").click()
    meeting = page.get_by_role("region", name="Meeting with the Career Development team")
    expect(meeting).to_contain_text("10:30 AM")
    expect(meeting).to_contain_text("Career office")
    page.goto("/")
    expect(page.get_by_text("repeat-plan meeting is on").first).to_be_visible()
    sign_out(page)

    sign_in(page, staff.email, PASSWORD)
    page.goto(f"/repeat/staff/{plan.pk}/")
    goal = page.locator("form", has=page.get_by_role("button", name="Add the goal"))
    goal.get_by_label("Competency").select_option(label="Interviewing")
    goal.get_by_label("Action").fill("Two mock interviews with a volunteer")
    goal.get_by_label("Measure").fill("Feedback says I answered clearly")
    goal.get_by_label("Target week").fill("4")
    goal.get_by_role("button", name="Add the goal").click()
    expect(page.get_by_text("Two mock interviews with a volunteer")).to_be_visible()
    sign_out(page)

    sign_in(page, ben.email, PASSWORD)
    page.goto("/repeat/")
    page.get_by_label("Progress").fill("Booked the first one for Monday.")
    page.get_by_label("On track").check()
    page.get_by_role("button", name="Save a check-in").click()
    expect(page.get_by_text("on track: Booked the first one for Monday.")).to_be_visible()
    sign_out(page)

    sign_in(page, staff.email, PASSWORD)
    page.goto(f"/repeat/staff/?term={small_school.term.pk}")
    expect(page.get_by_role("row", name=ben.display_name)).to_contain_text("On track")
    assert RepeatPlan.objects.get(pk=plan.pk).goals.get().check_ins.count() == 1


def test_a_student_asks_to_graduate_early_and_staff_approve_when_all_conditions_hold(
    page, small_school
):
    ana, staff = small_school.student_a, small_school.staff
    signed_offer(ana, title="Platform engineer")
    take_attendance(small_school.term, ana, present=5, of=6)
    portfolio_factories.portfolio(ana)

    sign_in(page, ana.email, PASSWORD)
    page.goto("/graduation/")
    expect(page.get_by_text("Platform engineer").first).to_be_visible()
    page.get_by_label("30/60/90-day plan").fill("30: learn the stack; 60: ship; 90: own a service.")
    page.get_by_role("button", name="Request early graduation").click()
    expect(page.get_by_role("row", name="First project finished")).to_contain_text("✗ Not met")
    sign_out(page)

    sign_in(page, staff.email, PASSWORD)
    page.goto("/graduation/requests/")
    page.get_by_role("link", name=ana.get_full_name()).click()
    # Approving before the first project is ticked is refused, with the reason.
    page.get_by_label("Note to the student").fill("Congratulations!")
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_role("alert")).to_contain_text("first project")
    page.get_by_label("First project finished").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("row", name="First project finished")).to_contain_text("✓ Met")
    page.get_by_label("Note to the student").fill("Congratulations!")
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("Status: Approved")).to_be_visible()
    sign_out(page)

    sign_in(page, ana.email, PASSWORD)
    page.goto("/")
    expect(page.get_by_text("early-graduation request is approved").first).to_be_visible()
    page.goto("/graduation/")
    expect(page.get_by_text("Congratulations!")).to_be_visible()
    assert EarlyGraduationRequest.objects.get(student=ana).status == RequestStatus.APPROVED
