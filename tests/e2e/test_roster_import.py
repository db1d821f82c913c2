"""Staff import a roster in the browser: upload, preview, confirm."""

import pytest
from playwright.sync_api import expect

from careerdev.school.models import Enrollment
from tests.factories import PASSWORD

from .conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROSTER = (
    "\ufeffEmail;First Name;Last Name;Program;Cohort;Module;Repeating\r\n"
    "dee.dune@example.edu;Dee;Dune;BE;2405-BE;4;no\r\n"
    "eli.east@example.edu;Eli;East;FE;2501-FE;1;yes\r\n"
)


def test_staff_upload_preview_and_confirm_a_roster(page, small_school, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    sign_in(page, small_school.staff.email, PASSWORD)
    page.get_by_role("link", name="Import roster").click()
    page.get_by_label("Roster file").set_input_files(str(roster))
    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_role("heading", name="Roster preview")).to_be_visible()
    expect(page.get_by_text("2501-FE").first).to_be_visible()
    assert not Enrollment.objects.filter(student__email="dee.dune@example.edu").exists()
    page.get_by_role("button", name="Import 2 students").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Winter 2026")
    assert Enrollment.objects.filter(term=small_school.term).count() == 5
