"""A portfolio and its files are its student's and their school's staff's
until published; after that, anyone's. Never the private opt-in."""

import pytest
from django.urls import reverse

from careerdev.portfolios import services
from tests import factories

from .factories import portfolio as make_portfolio

pytestmark = pytest.mark.django_db


def urls_of(portfolio) -> list[str]:
    shot = portfolio.projects.first().screenshots.first()
    return [
        reverse("portfolios:public", args=[portfolio.slug]),
        reverse("portfolios:photo", args=[portfolio.slug]),
        reverse("portfolios:resume", args=[portfolio.slug]),
        reverse("portfolios:screenshot", args=[portfolio.slug, shot.pk]),
    ]


@pytest.fixture
def unpublished(small_school):
    return make_portfolio(small_school.student_a)


def test_another_student_gets_404_for_an_unpublished_portfolio_and_its_files(
    client, small_school, unpublished
):
    client.force_login(small_school.student_b)
    for url in urls_of(unpublished):
        assert client.get(url).status_code == 404, url


def test_anonymous_gets_404_for_an_unpublished_portfolio_and_its_files(client, unpublished):
    for url in urls_of(unpublished):
        assert client.get(url).status_code == 404, url


def test_a_volunteer_and_other_schools_staff_get_404(client, small_school, unpublished):
    for viewer in (small_school.volunteer, factories.staff(factories.school())):
        client.force_login(viewer)
        for url in urls_of(unpublished):
            assert client.get(url).status_code == 404, (viewer, url)


def test_the_owner_and_their_staff_see_it_and_its_files(client, small_school, unpublished):
    for viewer in (small_school.student_a, small_school.staff):
        client.force_login(viewer)
        for url in urls_of(unpublished):
            assert client.get(url).status_code == 200, (viewer, url)


def test_files_are_served_with_their_real_type(client, small_school, unpublished):
    client.force_login(small_school.student_a)
    photo, resume = urls_of(unpublished)[1:3]
    response = client.get(resume)
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert client.get(photo)["Content-Type"] in {"image/png", "image/jpeg"}


def test_a_screenshot_of_another_portfolio_is_not_found_under_this_slug(
    client, small_school, unpublished
):
    other = make_portfolio(small_school.student_b)
    services.request_review(small_school.student_b)
    services.publish(other, reviewer=small_school.staff)
    shot = unpublished.projects.first().screenshots.first()
    url = reverse("portfolios:screenshot", args=[other.slug, shot.pk])
    assert client.get(url).status_code == 404


def test_published_is_public_and_unpublishing_takes_the_files_down(
    client, small_school, unpublished
):
    services.request_review(small_school.student_a)
    services.publish(unpublished, reviewer=small_school.staff)
    for url in urls_of(unpublished):
        assert client.get(url).status_code == 200, url
    services.unpublish(unpublished, by=small_school.staff)
    for url in urls_of(unpublished):
        assert client.get(url).status_code == 404, url


def test_the_private_opt_in_never_appears(client, small_school, unpublished):
    # Ana opted in (conftest); not on her public page, review page or own page.
    services.request_review(small_school.student_a)
    pages = []
    client.force_login(small_school.staff)
    pages.append(client.get(reverse("portfolios:review", args=[unpublished.pk])))
    pages.append(client.get(reverse("portfolios:queue")))
    client.force_login(small_school.student_a)
    pages.append(client.get(reverse("portfolios:mine")))
    services.publish(unpublished, reviewer=small_school.staff)
    client.logout()
    pages.append(client.get(reverse("portfolios:public", args=[unpublished.slug])))
    pages.append(client.get(reverse("portfolios:directory")))
    for page in pages:
        assert page.status_code == 200
        text = page.content.decode().lower()
        assert "less represented" not in text
        assert "opt" + "_in" not in text and "opted" not in text


def test_students_cannot_reach_the_review_queue_or_decide(client, small_school, unpublished):
    services.request_review(small_school.student_a)
    client.force_login(small_school.student_b)
    assert client.get(reverse("portfolios:queue")).status_code == 403
    review = reverse("portfolios:review", args=[unpublished.pk])
    assert client.post(review, {"decision": "publish"}).status_code == 403
    client.force_login(small_school.student_a)
    assert client.post(review, {"decision": "publish"}).status_code == 403
    unpublished.refresh_from_db()
    assert not unpublished.is_published


def test_staff_and_anonymous_cannot_use_the_student_pages(client, small_school):
    mine = reverse("portfolios:mine")
    assert client.get(mine).status_code == 302  # to sign in
    client.force_login(small_school.staff)
    assert client.get(mine).status_code == 403
    assert client.post(reverse("portfolios:request_review")).status_code == 403
