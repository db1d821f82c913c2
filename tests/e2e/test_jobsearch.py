"""A student tracks an application in the browser: creates it, works through
the five steps until the checklist says done, and moves it along the board
with a click, with the keyboard and by dragging."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from careerdev.jobsearch.models import JobApplication, Status
from careerdev.school.selectors import today_in
from tests.factories import PASSWORD

from .conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_student_works_an_application_through_the_five_steps_and_the_board(
    page, live_server, small_school
):
    student = small_school.student_a
    today = today_in(small_school.school)
    day = lambda n: (today - dt.timedelta(days=n)).isoformat()  # noqa: E731

    sign_in(page, student.email, PASSWORD)
    page.goto("/jobs/")
    expect(page.get_by_role("heading", name="My job search")).to_be_visible()
    page.get_by_role("link", name="New application").click()

    # Step 1: the opportunity.
    page.get_by_label("Company").fill("Hooli")
    page.get_by_label("Job title").fill("Junior developer")
    page.get_by_label("Posting link").fill("https://hooli.example/jobs/42")
    page.get_by_role("button", name="Add application").click()
    expect(page.get_by_role("heading", name="Junior developer")).to_be_visible()
    expect(page.locator("#steps-state")).to_have_text("1 of 5 done")

    # Step 2: research.
    page.get_by_label("Research notes").fill("Compression platform; engineering blog on Rust.")
    page.get_by_role("button", name="Save evidence").click()
    expect(page.locator("#steps-state")).to_have_text("2 of 5 done")

    # Step 3: a contact there, the outreach and the conversation.
    page.get_by_role("link", name="Add a contact at Hooli").click()
    page.get_by_label("Name").fill("Gavin Belson")
    page.get_by_label("Role").fill("Developer")
    page.get_by_role("button", name="Add contact").click()
    expect(page.get_by_role("heading", name="Junior developer")).to_be_visible()
    page.get_by_label("The person you reached out to").select_option(
        label="Gavin Belson (Developer)"
    )
    page.get_by_label("Reached out on").fill(day(10))
    # Out of order first: refused next to the field.
    page.get_by_label("Talked on").fill(day(11))
    page.get_by_role("button", name="Save evidence").click()
    expect(page.locator("#step-3")).to_contain_text("You can't have talked before you reached out.")
    page.get_by_label("Talked on").fill(day(8))
    page.get_by_role("button", name="Save evidence").click()
    expect(page.locator("#steps-state")).to_have_text("3 of 5 done")

    # Step 4: the tailored application.
    page.get_by_label("Tailored resume").fill("https://docs.example.com/resume-hooli")
    page.get_by_label("Cover letter").fill("Mentions my chat with Gavin.")
    page.get_by_label("Applied on:", exact=True).fill(day(6))
    page.get_by_role("button", name="Save evidence").click()
    expect(page.locator("#steps-state")).to_have_text("4 of 5 done")

    # Step 5: back to the contact.
    page.get_by_label("Told my contact I applied on").fill(day(5))
    page.get_by_role("button", name="Save evidence").click()
    expect(page.locator("#steps-state")).to_have_text("Done: all five steps")
    application = JobApplication.objects.get(student=student)
    assert application.all_steps_done

    # Along the board: a click (htmx swaps the board in place)...
    page.get_by_role("link", name="Board").click()
    card = f"#application-{application.pk}"
    expect(page.locator("#column-interested").locator(card)).to_be_visible()
    page.get_by_label("Move Junior developer at Hooli to", exact=True).select_option("applied")
    page.get_by_role("button", name="Move Junior developer at Hooli", exact=True).click()
    expect(page.locator("#column-applied").locator(card)).to_be_visible()
    assert JobApplication.objects.get(pk=application.pk).status == Status.APPLIED

    # ...and the keyboard alone.
    page.get_by_label("Move Junior developer at Hooli to", exact=True).select_option("phone_screen")
    page.get_by_role("button", name="Move Junior developer at Hooli", exact=True).focus()
    page.keyboard.press("Enter")
    expect(page.locator("#column-phone_screen").locator(card)).to_be_visible()
    # Screen readers hear the outcome; focus stays on the card's button.
    expect(page.get_by_role("status")).to_have_text("Junior developer at Hooli: phone screen.")
    expect(
        page.get_by_role("button", name="Move Junior developer at Hooli", exact=True)
    ).to_be_focused()
    assert JobApplication.objects.get(pk=application.pk).status == Status.PHONE_SCREEN

    # Dragging is a shortcut for the same move.
    page.locator(card).drag_to(
        page.locator("#column-interviewing"), source_position={"x": 4, "y": 4}
    )
    expect(page.locator("#column-interviewing").locator(card)).to_be_visible()
    assert JobApplication.objects.get(pk=application.pk).status == Status.INTERVIEWING
