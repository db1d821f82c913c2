"""Staff and student pages: what they show and how many queries they take."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def add_students(small_school, n, cohort=None):
    for _ in range(n):
        s = factories.student(small_school.school)
        factories.enroll(s, small_school.term, cohort or small_school.be, module=4)


def test_staff_home_is_the_term_overview_with_counts_and_repeaters(client, small_school):
    s = factories.student(small_school.school, first_name="Rae", last_name="Repeat")
    factories.enroll(s, small_school.term, small_school.be, module=4, repeating=True)
    client.force_login(small_school.staff)
    response = client.get(reverse("home"), follow=True)
    body = response.content.decode()
    overview = response.context["overview"]
    assert [m.module for m in overview.modules] == [4, 3, 2, 1]
    assert overview.modules[0].students == 3 and overview.modules[0].repeating == 1
    assert overview.modules[2].students == 1
    assert overview.students == 4
    assert "Rae Repeat" in body and "2405-BE" in body and "2407-FE" in body


def test_cohort_roster_lists_the_cohorts_students(client, small_school):
    client.force_login(small_school.staff)
    response = client.get(reverse("school:cohort_roster", args=[small_school.be.pk]))
    body = response.content.decode()
    assert "Ana Able" in body and "Ben Baker" in body and "Cy Cole" not in body


@pytest.mark.parametrize(
    "url_name", ["school:cohort_roster", "school:term_overview"], ids=["roster", "overview"]
)
def test_staff_page_queries_do_not_grow_with_students(
    client, small_school, django_assert_max_num_queries, url_name
):
    client.force_login(small_school.staff)
    args = [small_school.be.pk] if url_name == "school:cohort_roster" else []
    url = reverse(url_name, args=args)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add_students(small_school, 40)
    add_students(small_school, 5, factories.cohort(small_school.be.program, "2409-BE"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200


def test_student_home_shows_the_current_week_and_its_dates(client, small_school, monkeypatch):
    import datetime as dt

    from careerdev.school import selectors, views

    wednesday_week_2 = small_school.term.start_date + dt.timedelta(days=9)
    monkeypatch.setattr(views.selectors, "today_in", lambda school: wednesday_week_2)
    assert selectors is views.selectors
    client.force_login(small_school.student_a)
    response = client.get(reverse("home"))
    body = response.content.decode()
    assert response.context["week_number"] == 2
    assert "Week 2 of Winter 2026" in body
    assert "1:00 PM" in body  # the school's PD time, in its own zone
    assert "PD time:" in body
    assert 'aria-current="date"' in body


def test_student_with_no_enrollment_sees_a_clear_home_page(client, small_school):
    s = factories.student(small_school.school)
    client.force_login(s)
    response = client.get(reverse("home"))
    assert response.status_code == 200
