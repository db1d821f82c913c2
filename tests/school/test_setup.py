"""Staff set up their school in the app: settings, programs and terms."""

import datetime as dt

import pytest
from django.urls import reverse

from careerdev.deliverables.schedule import DEFAULTS
from careerdev.school.models import Program, Term

pytestmark = pytest.mark.django_db


def post(client, small_school, form, **data):
    client.force_login(small_school.staff)
    payload = {"form": form, **{f"{form}-{k}": v for k, v in data.items()}}
    return client.post(reverse("school:setup"), payload)


def test_staff_add_a_term_starting_on_a_monday(client, small_school):
    response = post(client, small_school, "term", name="Spring 2027", start_date="2027-03-01")
    assert response.status_code == 302
    term = Term.objects.get(name="Spring 2027")
    assert term.school == small_school.school and term.start_date == dt.date(2027, 3, 1)
    # With the programme's deliverables, before anyone opens a deliverables page.
    assert set(term.deliverables.values_list("kind", flat=True)) == {d.kind for d in DEFAULTS}


def test_a_term_not_starting_on_a_monday_is_refused_with_a_reason(client, small_school):
    before = Term.objects.count()
    response = post(client, small_school, "term", name="Odd", start_date="2027-03-03")
    assert response.status_code == 200
    assert "is not a Monday" in response.content.decode()
    assert Term.objects.count() == before


def test_a_duplicate_program_code_is_refused(client, small_school):
    response = post(client, small_school, "program", code="be", name="Again")
    assert "already has a program BE" in response.content.decode()
    assert Program.objects.filter(school=small_school.school).count() == 2


def test_staff_add_a_program(client, small_school):
    post(client, small_school, "program", code="ds", name="Data Science")
    assert Program.objects.filter(school=small_school.school, code="DS").exists()


SETTINGS = {
    "name": "Turing Test School",
    "time_zone": "America/Denver",
    "pd_weekday": 2,
    "pd_start_time": "13:00",
    "pd_end_time": "14:00",
    "weeks_in_module": 6,
    "first_pd_week": 1,
    "last_pd_week": 5,
}


def test_school_settings_refuse_pd_time_ending_before_it_starts(client, small_school):
    data = {**SETTINGS, "name": "Renamed", "pd_start_time": "14:00", "pd_end_time": "13:00"}
    response = post(client, small_school, "settings", **data)
    assert "must end after it starts" in response.content.decode()
    small_school.school.refresh_from_db()
    assert small_school.school.name == "Turing Test School"


def test_school_settings_refuse_an_unknown_time_zone(client, small_school):
    response = post(client, small_school, "settings", **{**SETTINGS, "time_zone": "Mars/Olympus"})
    assert "is not a time zone name" in response.content.decode()


def test_school_settings_are_saved(client, small_school):
    post(client, small_school, "settings", **{**SETTINGS, "pd_start_time": "12:30"})
    small_school.school.refresh_from_db()
    assert small_school.school.pd_start_time.strftime("%H:%M") == "12:30"


def test_students_cannot_open_school_setup(client, small_school):
    client.force_login(small_school.student_a)
    assert client.get(reverse("school:setup")).status_code == 403
