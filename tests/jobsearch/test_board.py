"""The board: applications in columns by status, moved with a click (a plain
form, or htmx swapping the board), in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careerdev.jobsearch.models import JobApplication, Status

from . import factories as jf

pytestmark = pytest.mark.django_db


def test_board_shows_each_application_in_its_status_column(client, small_school):
    student = small_school.student_a
    interested = jf.application(student, title="Backend engineer")
    applied = jf.application(student, title="Platform developer", status=Status.APPLIED)
    client.force_login(student)
    html = client.get(reverse("jobsearch:board")).content.decode()
    column = html[html.index('id="column-interested"') : html.index('id="column-applied"')]
    assert f'id="application-{interested.pk}"' in column
    column = html[html.index('id="column-applied"') : html.index('id="column-phone_screen"')]
    assert f'id="application-{applied.pk}"' in column
    for _value, label in Status.choices:
        assert label in html


def test_a_move_without_javascript_redirects_back_to_the_board(client, small_school):
    application = jf.application(small_school.student_a)
    client.force_login(small_school.student_a)
    response = client.post(
        reverse("jobsearch:move", args=[application.pk]), {"status": "phone_screen"}
    )
    assert response.status_code == 302 and response.url == reverse("jobsearch:board")
    application.refresh_from_db()
    assert application.status == Status.PHONE_SCREEN


def test_a_move_with_htmx_answers_with_the_board(client, small_school):
    application = jf.application(small_school.student_a)
    client.force_login(small_school.student_a)
    response = client.post(
        reverse("jobsearch:move", args=[application.pk]),
        {"status": "code_challenge"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    column = html[html.index('id="column-code_challenge"') : html.index('id="column-interviewing"')]
    assert f'id="application-{application.pk}"' in column


def test_a_move_to_an_unknown_status_changes_nothing(client, small_school):
    application = jf.application(small_school.student_a)
    client.force_login(small_school.student_a)
    response = client.post(
        reverse("jobsearch:move", args=[application.pk]), {"status": "hired"}, HTTP_HX_REQUEST="1"
    )
    assert "Choose a status from the board." in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.INTERESTED


def test_a_move_from_the_application_page_returns_there(client, small_school):
    application = jf.application(small_school.student_a)
    client.force_login(small_school.student_a)
    response = client.post(
        reverse("jobsearch:move", args=[application.pk]),
        {"status": "withdrawn", "next": "application"},
    )
    assert response.url == reverse("jobsearch:application", args=[application.pk])
    assert JobApplication.objects.get(pk=application.pk).status == Status.WITHDRAWN


def _board_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("jobsearch:board")).status_code == 200
    return len(queries)


def test_board_queries_do_not_grow_with_applications(client, small_school):
    student = small_school.student_a
    client.force_login(student)
    jf.application(student, steps=5)
    few = _board_queries(client)
    for i, status in enumerate(Status.values * 3):
        jf.application(student, steps=i % 6, status=status)
    assert _board_queries(client) == few
