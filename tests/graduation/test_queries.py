"""Staff's list of requests shows every request's conditions in a number of
queries that does not grow with the number of requests."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careerdev.graduation import selectors
from tests import factories
from tests.portfolios import factories as pf

from .conftest import signed_offer, take_attendance
from .factories import open_request

pytestmark = pytest.mark.django_db


def _student_with_request(school):
    s = factories.student(school.school)
    factories.enroll(s, school.term, school.be)
    signed_offer(s)
    pf.portfolio(s)
    return open_request(s, school.term, plan_text="A plan")


def _queries(client, staff) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("graduation:staff_list")).status_code == 200
    return len(captured)


def test_staff_list_query_count_does_not_grow(client, small_school):
    client.force_login(small_school.staff)
    _student_with_request(small_school)
    one = _queries(client, small_school.staff)
    for _ in range(4):
        _student_with_request(small_school)
    assert _queries(client, small_school.staff) == one


def test_staff_list_conditions_match_the_single_request_ones(small_school):
    ana, term = small_school.student_a, small_school.term
    signed_offer(ana)
    take_attendance(term, ana, present=5, of=6)
    pf.portfolio(ana, complete=False)
    open_request(ana, term)
    _student_with_request(small_school)
    for row in selectors.requests_for_school(small_school.school):
        assert row.conditions == selectors.conditions_for(row.request)
