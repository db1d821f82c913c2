"""The review queue and the directory read a fixed number of queries,
however many portfolios there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careerdev.portfolios import services
from tests import factories

from .factories import portfolio as make_portfolio

pytestmark = pytest.mark.django_db


def add_students(small_school, n: int, *, publish: bool) -> None:
    for _ in range(n):
        student = factories.student(small_school.school)
        factories.enroll(student, small_school.term, small_school.be)
        portfolio = make_portfolio(student, projects=0)
        portfolio.status = "review_requested"
        portfolio.review_requested_at = portfolio.first_review_requested_at = portfolio.created_at
        portfolio.save()
        if publish:
            services.publish(portfolio, reviewer=small_school.staff)


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("publish", [False, True], ids=["waiting", "published"])
def test_review_queue_queries_do_not_grow(client, small_school, publish):
    client.force_login(small_school.staff)
    url = reverse("portfolios:queue")
    add_students(small_school, 2, publish=publish)
    few = queries_for(client, url)
    add_students(small_school, 8, publish=publish)
    many = queries_for(client, url)
    assert many == few
    assert few <= 6


def test_directory_queries_do_not_grow(client, small_school):
    url = reverse("portfolios:directory")
    add_students(small_school, 2, publish=True)
    few = queries_for(client, url)
    add_students(small_school, 8, publish=True)
    response = client.get(url)
    assert response.content.decode().count('class="portfolio-photo"') == 10
    many = queries_for(client, url)
    assert many == few
    # The page of portfolios and their count; the school (time-zone middleware, header).
    assert few <= 4


def test_directory_shows_a_page_at_a_time(client, small_school, monkeypatch):
    from careerdev.portfolios import views

    monkeypatch.setattr(views, "DIRECTORY_PAGE_SIZE", 3)
    add_students(small_school, 5, publish=True)
    first = client.get(reverse("portfolios:directory"))
    second = client.get(reverse("portfolios:directory"), {"page": 2})
    assert len(first.context["portfolios"]) == 3
    assert len(second.context["portfolios"]) == 2
    assert "Page 2 of 2" in second.content.decode()
