"""The portfolio's path from first edit to the public directory and back."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from careerdev.portfolios import services
from careerdev.portfolios.models import EventKind, Portfolio, PortfolioStatus
from tests import factories

from .factories import PDF_BYTES, png_bytes
from .factories import portfolio as make_portfolio

pytestmark = pytest.mark.django_db


def details(**overrides) -> dict:
    data = {
        "title": "Back-end developer",
        "about": "I like **tidy** APIs.",
        "email": "ana@example.com",
        "github": "https://github.com/ana",
        "linkedin": "https://www.linkedin.com/in/ana",
    }
    data.update(overrides)
    return data


def add_project(client, title: str) -> None:
    response = client.post(
        reverse("portfolios:project_new"),
        {
            "title": title,
            "description": "A thing I built.",
            "repository_url": "https://github.com/ana/thing",
            "live_url": "",
            "caption": f"{title} home page",
            "screenshot": SimpleUploadedFile("shot.png", png_bytes(), content_type="image/png"),
        },
    )
    assert response.status_code == 302, response.content.decode()


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_edit_review_changes_publish_and_unpublish(client, small_school):
    student, staff = small_school.student_a, small_school.staff
    client.force_login(student)
    mine = reverse("portfolios:mine")

    page = client.get(mine)
    assert page.status_code == 200
    assert "Not started" in page.content.decode()
    # A new portfolio starts from the student's own email.
    assert page.context["form"].initial["email"] == student.email

    # Details without a photo, résumé or projects: saved, but incomplete.
    assert client.post(mine, details()).status_code == 302
    portfolio = Portfolio.objects.get(student=student)
    assert portfolio.title == "Back-end developer"
    page = client.get(mine)
    missing = [item.label for item in page.context["checklist"] if not item.done]
    assert missing == [
        "Professional photo",
        "Résumé (PDF)",
        "2 projects with a screenshot each",
    ]

    # Asking for a review now is refused, saying what is missing.
    refused = client.post(reverse("portfolios:request_review"), follow=True)
    text = " ".join(messages_of(refused))
    assert "not ready for review" in text and "Professional photo" in text
    portfolio.refresh_from_db()
    assert portfolio.status == PortfolioStatus.DRAFT
    assert portfolio.first_review_requested_at is None

    # Complete it: photo, résumé and two projects with screenshots.
    files = {
        "photo": SimpleUploadedFile("me.png", png_bytes((1200, 900)), content_type="image/png"),
        "resume": SimpleUploadedFile("cv.pdf", PDF_BYTES, content_type="application/pdf"),
    }
    assert client.post(mine, {**details(), **files}).status_code == 302
    add_project(client, "Ledger")
    add_project(client, "Roomfinder")
    page = client.get(mine)
    assert all(item.done for item in page.context["checklist"])

    requested = client.post(reverse("portfolios:request_review"), follow=True)
    assert "Review requested" in " ".join(messages_of(requested))
    portfolio.refresh_from_db()
    assert portfolio.status == PortfolioStatus.REVIEW_REQUESTED
    first_request = portfolio.first_review_requested_at
    assert first_request is not None

    # Staff ask for changes; the comment is required and the student sees it.
    client.force_login(staff)
    queue = client.get(reverse("portfolios:queue"))
    assert [p.pk for p in queue.context["waiting"]] == [portfolio.pk]
    review = reverse("portfolios:review", args=[portfolio.pk])
    no_comment = client.post(review, {"decision": "changes", "comment": " "})
    assert no_comment.status_code == 200
    assert no_comment.context["form"].errors["comment"]
    client.post(review, {"decision": "changes", "comment": "Use a brighter photo, please."})
    portfolio.refresh_from_db()
    assert portfolio.status == PortfolioStatus.CHANGES_REQUESTED
    assert portfolio.review_requested_at is None

    client.force_login(student)
    page = client.get(mine).content.decode()
    assert "Use a brighter photo, please." in page

    # The student fixes it and asks again; staff publish.
    brighter = SimpleUploadedFile("me2.png", png_bytes(color="yellow"), content_type="image/png")
    client.post(mine, {**details(), "photo": brighter})
    client.post(reverse("portfolios:request_review"))
    portfolio.refresh_from_db()
    assert portfolio.status == PortfolioStatus.REVIEW_REQUESTED
    assert portfolio.first_review_requested_at == first_request

    client.force_login(staff)
    client.post(review, {"decision": "publish", "comment": "Looks great."})
    portfolio.refresh_from_db()
    assert portfolio.status == PortfolioStatus.PUBLISHED
    assert portfolio.published_at is not None

    # Visible without signing in: in the directory and on its own page.
    client.logout()
    directory = client.get(reverse("portfolios:directory")).content.decode()
    assert student.display_name in directory
    public = client.get(reverse("portfolios:public", args=[portfolio.slug]))
    assert public.status_code == 200
    assert "<strong>tidy</strong>" in public.content.decode()
    assert client.get(reverse("portfolios:photo", args=[portfolio.slug])).status_code == 200

    # The student takes it down: gone for everyone else.
    client.force_login(student)
    client.post(reverse("portfolios:unpublish_mine"))
    portfolio.refresh_from_db()
    assert portfolio.status == PortfolioStatus.DRAFT
    assert portfolio.first_published_at is not None
    client.logout()
    assert student.display_name not in client.get(reverse("portfolios:directory")).content.decode()
    assert client.get(reverse("portfolios:public", args=[portfolio.slug])).status_code == 404

    kinds = list(portfolio.events.order_by("created_at", "pk").values_list("kind", "actor_id"))
    assert kinds == [
        (EventKind.REVIEW_REQUESTED, student.pk),
        (EventKind.CHANGES_REQUESTED, staff.pk),
        (EventKind.REVIEW_REQUESTED, student.pk),
        (EventKind.PUBLISHED, staff.pk),
        (EventKind.UNPUBLISHED, student.pk),
    ]


def test_staff_unpublish_with_a_reason_the_student_sees(client, small_school):
    portfolio = make_portfolio(small_school.student_a)
    services.request_review(small_school.student_a)
    services.publish(portfolio, reviewer=small_school.staff)
    client.force_login(small_school.staff)
    client.post(
        reverse("portfolios:staff_unpublish", args=[portfolio.pk]),
        {"comment": "The LinkedIn link is broken."},
    )
    portfolio.refresh_from_db()
    assert not portfolio.is_published
    client.force_login(small_school.student_a)
    assert "The LinkedIn link is broken." in client.get(reverse("portfolios:mine")).content.decode()


def test_a_published_portfolio_cannot_be_edited_until_unpublished(client, small_school):
    portfolio = make_portfolio(small_school.student_a)
    services.request_review(small_school.student_a)
    services.publish(portfolio, reviewer=small_school.staff)
    client.force_login(small_school.student_a)
    response = client.post(reverse("portfolios:mine"), details(title="Changed"), follow=True)
    assert "Unpublish it to make changes" in " ".join(messages_of(response))
    portfolio.refresh_from_db()
    assert portfolio.title == "Back-end developer"


def test_a_decision_on_a_portfolio_not_waiting_is_refused(small_school):
    portfolio = make_portfolio(small_school.student_a)
    with pytest.raises(services.ValidationError):
        services.publish(portfolio, reviewer=small_school.staff)
    portfolio.refresh_from_db()
    assert portfolio.status == PortfolioStatus.DRAFT


def test_staff_of_another_school_cannot_review(client, small_school):
    portfolio = make_portfolio(small_school.student_a)
    services.request_review(small_school.student_a)
    outsider = factories.staff(factories.school())
    client.force_login(outsider)
    review = reverse("portfolios:review", args=[portfolio.pk])
    assert client.get(review).status_code == 404
    assert client.post(review, {"decision": "publish"}).status_code == 404
    assert client.get(reverse("portfolios:queue")).context["waiting"] == []
    portfolio.refresh_from_db()
    assert portfolio.status == PortfolioStatus.REVIEW_REQUESTED


def test_projects_are_ordered_and_can_be_moved_and_removed(client, small_school):
    portfolio = make_portfolio(small_school.student_a, projects=3)
    client.force_login(small_school.student_a)
    first, second, third = portfolio.projects.order_by("position")
    client.post(reverse("portfolios:project_move", args=[third.pk]), {"direction": "up"})
    order = list(portfolio.projects.order_by("position").values_list("title", flat=True))
    assert order == ["Project 1", "Project 3", "Project 2"]
    client.post(reverse("portfolios:project_delete", args=[first.pk]))
    rows = list(portfolio.projects.order_by("position").values_list("position", "title"))
    assert rows == [(1, "Project 3"), (2, "Project 2")]


def test_another_students_project_is_not_found(client, small_school):
    portfolio = make_portfolio(small_school.student_a)
    project = portfolio.projects.first()
    client.force_login(small_school.student_b)
    assert client.get(reverse("portfolios:project_edit", args=[project.pk])).status_code == 404
    delete = reverse("portfolios:project_delete", args=[project.pk])
    assert client.post(delete).status_code == 404
    assert portfolio.projects.count() == 2


def test_slugs_avoid_the_apps_own_words(small_school):
    student = factories.student(small_school.school, first_name="Me", last_name="")
    services.save_portfolio(student, title="", about="", email="", github="", linkedin="")
    assert student.portfolio.slug == "me-2"


def test_staff_reach_a_students_portfolio_by_the_students_id(client, small_school):
    portfolio = make_portfolio(small_school.student_a)
    client.force_login(small_school.staff)
    url = reverse("portfolios:review_student", args=[small_school.student_a.pk])
    assert client.get(url).url == reverse("portfolios:review", args=[portfolio.pk])
    not_started = client.get(reverse("portfolios:review_student", args=[small_school.student_b.pk]))
    assert "has not started a portfolio" in not_started.content.decode()
    outsider = factories.student(factories.school())
    assert client.get(reverse("portfolios:review_student", args=[outsider.pk])).status_code == 404
