"""A student completes their portfolio and requests a review, staff publish
it, and an anonymous visitor finds it in the public directory."""

import pytest
from playwright.sync_api import expect

from careerdev.portfolios.models import Portfolio, PortfolioStatus
from tests.factories import PASSWORD
from tests.portfolios.conftest import media_root  # noqa: F401 (fixture)
from tests.portfolios.factories import PDF_BYTES, png_bytes

from .conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def png(name: str, size=(900, 600), color="teal") -> dict:
    return {"name": name, "mimeType": "image/png", "buffer": png_bytes(size, color)}


def add_project(page, title: str) -> None:
    page.get_by_role("button", name="Add a project").click()
    page.get_by_label("Title").fill(title)
    page.get_by_label("Description").fill(f"{title}: what it does and how I built it.")
    page.get_by_label("Code (repository link)").fill(f"https://github.com/ana/{title.lower()}")
    page.get_by_label("Add a screenshot").set_input_files(png(f"{title}.png", (1800, 1000)))
    page.get_by_label("What the screenshot shows").fill(f"{title} home page")
    page.get_by_role("button", name="Add project").click()
    expect(page.get_by_text(f"Project “{title}” added.")).to_be_visible()


def test_student_completes_staff_publish_and_the_public_sees_it(
    page,
    browser,
    live_server,
    small_school,
    media_root,  # noqa: F811 (the imported fixture)
):
    student = small_school.student_a
    sign_in(page, student.email, PASSWORD)
    page.goto("/portfolios/me/")
    expect(page.get_by_role("heading", name="My portfolio")).to_be_visible()
    expect(page.locator("#portfolio-status")).to_have_text("Not started")

    page.get_by_label("Title").fill("Back-end developer")
    page.get_by_label("About me").fill("I build **reliable** web services.")
    page.get_by_label("GitHub").fill("https://github.com/ana")
    page.get_by_label("LinkedIn").fill("https://www.linkedin.com/in/ana")
    page.get_by_label("Professional photo").set_input_files(png("me.png", (1600, 1600)))
    page.get_by_label("Résumé:", exact=True).set_input_files(
        {"name": "cv.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Your portfolio is saved.")).to_be_visible()
    expect(page.locator("#checklist .check-missing")).to_have_count(1)

    # Not complete yet: asking is refused with what is missing.
    page.get_by_role("button", name="Request review").click()
    expect(page.get_by_text("Still missing: 2 projects with a screenshot each")).to_be_visible()

    add_project(page, "Ledger")
    add_project(page, "Roomfinder")
    expect(page.locator("#checklist .check-missing")).to_have_count(0)
    page.get_by_role("button", name="Request review").click()
    expect(page.locator("#portfolio-status")).to_have_text("Review requested")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, small_school.staff.email, PASSWORD)
    page.goto("/portfolios/review/")
    page.get_by_role("link", name=f"Review {student.display_name}").click()
    expect(page.get_by_role("heading", name=student.display_name)).to_be_visible()
    page.get_by_label("Publish", exact=True).check()
    page.get_by_label("Comment").fill("Ready for employers.")
    page.get_by_role("button", name="Send decision").click()
    expect(page.get_by_text("is published in the directory")).to_be_visible()
    portfolio = Portfolio.objects.get(student=student)
    assert portfolio.status == PortfolioStatus.PUBLISHED

    visitor = browser.new_context(base_url=live_server.url)
    try:
        anonymous = visitor.new_page()
        anonymous.goto("/portfolios/")
        anonymous.get_by_role("link", name=student.display_name).click()
        expect(anonymous.get_by_role("heading", name=student.display_name)).to_be_visible()
        expect(anonymous.get_by_text("Back-end developer")).to_be_visible()
        expect(anonymous.locator("strong", has_text="reliable")).to_be_visible()
        photo = anonymous.get_by_role("img", name=f"Photo of {student.display_name}")
        expect(photo).to_be_visible()
        # The image really loaded (the file is served to the public now).
        assert photo.evaluate("img => img.naturalWidth") == 800
        expect(anonymous.get_by_role("img", name="Roomfinder home page")).to_be_visible()
    finally:
        visitor.close()
