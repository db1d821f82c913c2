"""Portfolio writes: limits, files removed with what they belong to, and
what the public page lets through."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse

from careerdev.portfolios import services
from careerdev.portfolios.models import PortfolioStatus

from .conftest import stored_files
from .factories import png_bytes
from .factories import portfolio as make_portfolio

pytestmark = pytest.mark.django_db


def shot() -> ContentFile:
    return ContentFile(png_bytes(), name="screenshot.png")


def test_a_project_shows_at_most_four_screenshots(small_school):
    portfolio = make_portfolio(small_school.student_a, projects=1)
    project = portfolio.projects.get()
    fields = {"title": "P", "description": "", "repository_url": "", "live_url": ""}
    for _ in range(services.MAX_SCREENSHOTS_PER_PROJECT - 1):
        services.update_project(small_school.student_a, project.pk, **fields, screenshot=shot())
    with pytest.raises(ValidationError, match="at most 4 screenshots"):
        services.update_project(small_school.student_a, project.pk, **fields, screenshot=shot())
    assert project.screenshots.count() == services.MAX_SCREENSHOTS_PER_PROJECT


def test_removing_a_project_or_screenshot_removes_its_files(
    client, small_school, media_root, django_capture_on_commit_callbacks
):
    portfolio = make_portfolio(small_school.student_a, projects=2)
    first, second = portfolio.projects.order_by("position")
    first_file = media_root / first.screenshots.get().image.name
    second_file = media_root / second.screenshots.get().image.name
    client.force_login(small_school.student_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("portfolios:project_delete", args=[first.pk]))
        client.post(reverse("portfolios:screenshot_delete", args=[second.screenshots.get().pk]))
    assert not first_file.exists() and not second_file.exists()
    # Photo and résumé stay.
    assert len(stored_files(media_root)) == 2


def test_editing_while_waiting_keeps_the_request_in_the_queue(client, small_school):
    portfolio = make_portfolio(small_school.student_a)
    services.request_review(small_school.student_a)
    client.force_login(small_school.student_a)
    client.post(
        reverse("portfolios:mine"),
        {
            "title": "Full-stack developer",
            "about": portfolio.about,
            "email": portfolio.email,
            "github": portfolio.github,
            "linkedin": portfolio.linkedin,
        },
    )
    portfolio.refresh_from_db()
    assert portfolio.title == "Full-stack developer"
    assert portfolio.status == PortfolioStatus.REVIEW_REQUESTED


def test_about_me_markdown_is_sanitised_on_the_public_page(client, small_school):
    portfolio = make_portfolio(
        small_school.student_a,
        about='Hi <script>alert(1)</script> [me](javascript:alert(2)) <img src=x onerror="x()">',
    )
    services.request_review(small_school.student_a)
    services.publish(portfolio, reviewer=small_school.staff)
    page = client.get(reverse("portfolios:public", args=[portfolio.slug])).content.decode()
    assert "<script>alert(1)" not in page
    assert "javascript:alert" not in page
    assert "onerror" not in page


def test_asking_twice_is_refused_and_recorded_once(small_school):
    make_portfolio(small_school.student_a)
    services.request_review(small_school.student_a)
    with pytest.raises(ValidationError, match="already requested"):
        services.request_review(small_school.student_a)
    assert small_school.student_a.portfolio.events.count() == 1
