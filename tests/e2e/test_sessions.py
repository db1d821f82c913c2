"""Staff open the term's schedule, take attendance for a session with the
"all present" shortcut less one absentee, and see it counted."""

import pytest
from playwright.sync_api import expect

from careerdev.sessions import selectors
from careerdev.sessions.models import Attendance, SessionKind
from tests.factories import PASSWORD
from tests.sessions import factories

from .conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_staff_take_attendance_for_a_session(page, small_school):
    term = small_school.term
    session = factories.session(term, kind=SessionKind.HOMEROOM, title="Homeroom norms")
    sign_in(page, small_school.staff.email, PASSWORD)
    page.goto(f"/sessions/?term={term.pk}")
    expect(page.get_by_role("heading", name="Week 1")).to_be_visible()
    page.get_by_role("row", name="Homeroom norms").get_by_role(
        "link", name="Take attendance"
    ).click()
    expect(page.get_by_role("heading", name="Attendance")).to_be_visible()
    page.get_by_role("button", name="All present").click()
    page.get_by_label(small_school.student_b.display_name).uncheck()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_text("Attendance saved: 2 present.")).to_be_visible()
    expect(page.get_by_label(small_school.student_a.display_name)).to_be_checked()
    expect(page.get_by_label(small_school.student_b.display_name)).not_to_be_checked()

    recorded = dict(Attendance.objects.filter(session=session).values_list("student_id", "present"))
    assert recorded == {
        small_school.student_a.pk: True,
        small_school.student_b.pk: False,
        small_school.other_cohort_student.pk: True,
    }
    assert selectors.attendance_rate(small_school.student_b, term) == 0.0
    page.goto(f"/sessions/?term={term.pk}")
    expect(page.get_by_role("link", name="2 of 3 present")).to_be_visible()
