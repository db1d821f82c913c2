"""The weekly paths, in a real browser: staff open a cohort roster; a student
opens their home page and their profile."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

from .conftest import ARTIFACTS, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_staff_signs_in_and_opens_a_cohort_roster(page, small_school):
    sign_in(page, small_school.staff.email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Winter 2026")
    # The vendored stylesheet is served, so the page is styled, not bare HTML.
    assert page.request.get("/static/vendor/pico/pico.min.css").ok
    page.get_by_role("link", name="2405-BE").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("2405-BE")
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Ana Able")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "staff-cohort-roster.png"), full_page=True)


def test_student_signs_in_and_sees_their_week_and_profile(page, small_school):
    student = small_school.student_a
    sign_in(page, student.email.upper(), PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Ana Able")
    expect(page.get_by_text("2405-BE · Mod 4")).to_be_visible()
    expect(page.get_by_role("list", name="Weeks of the term").locator("li")).to_have_count(6)
    page.get_by_role("link", name="My profile").click()
    page.get_by_label("Pronouns").fill("she/her")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    expect(page.get_by_label("Pronouns")).to_have_value("she/her")


def test_wrong_password_shows_a_clear_error(page, small_school):
    sign_in(page, small_school.staff.email, "not-the-password")
    expect(page.get_by_role("alert")).to_contain_text("correct email")
    expect(page).to_have_url(re.compile(r"/login/$"))
