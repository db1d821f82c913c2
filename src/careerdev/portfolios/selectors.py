"""Reads the portfolio pages and the deliverables matrix need, each in a
fixed number of queries whatever the number of portfolios."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from careerdev.people.models import User
from careerdev.school.models import Enrollment, School, Term

from .models import Portfolio, PortfolioEvent, PortfolioProject, PortfolioStatus

# Later versions of the programme ask for two projects with screenshots.
REQUIRED_PROJECTS = 2


class PortfolioState:
    """Where a student's portfolio stands, in the deliverables matrix's words."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    REVIEW_REQUESTED = "review_requested"
    CHANGES_REQUESTED = "changes_requested"
    PUBLISHED = "published"


@dataclass(frozen=True)
class PortfolioProgress:
    state: str
    # The first time the student asked for a review (due Friday of week 4),
    # and when the portfolio went live: the current publication, None when
    # it is not published now; the first one ever is kept too.
    first_review_requested_at: dt.datetime | None = None
    published_at: dt.datetime | None = None
    first_published_at: dt.datetime | None = None


@dataclass(frozen=True)
class ChecklistItem:
    label: str
    done: bool
    hint: str = ""


def _projects_prefetch() -> Prefetch:
    return Prefetch(
        "projects",
        queryset=PortfolioProject.objects.order_by("position").prefetch_related("screenshots"),
    )


def portfolio_of(student: User) -> Portfolio | None:
    """The student's portfolio with its projects and screenshots, or None."""
    return (
        Portfolio.objects.select_related("student__student_profile")
        .prefetch_related(_projects_prefetch())
        .filter(student=student)
        .first()
    )


def portfolio_by_slug(slug: str) -> Portfolio | None:
    return (
        Portfolio.objects.select_related("student__student_profile", "student__school")
        .prefetch_related(_projects_prefetch())
        .filter(slug=slug)
        .first()
    )


def portfolio_for_review(school: School, pk: int) -> Portfolio | None:
    """A portfolio of the school's students, for staff."""
    return (
        Portfolio.objects.select_related("student__student_profile", "student__school")
        .prefetch_related(_projects_prefetch())
        .filter(pk=pk, student__school=school)
        .first()
    )


def student_of_school(school: School, student_id: int) -> User | None:
    return (
        User.objects.students()
        .select_related("student_profile")
        .filter(pk=student_id, school=school)
        .first()
    )


def checklist(portfolio: Portfolio | None) -> list[ChecklistItem]:
    """What publication needs, each item done or not (projects prefetched)."""
    p = portfolio
    projects = list(p.projects.all()) if p else []
    with_screenshots = sum(1 for project in projects if project.screenshots.all())
    return [
        ChecklistItem("Title", bool(p and p.title.strip()), "A line such as “Back-end developer”."),
        ChecklistItem("Professional photo", bool(p and p.photo)),
        ChecklistItem("About me", bool(p and p.about.strip())),
        ChecklistItem("Email", bool(p and p.email)),
        ChecklistItem("GitHub profile", bool(p and p.github)),
        ChecklistItem("LinkedIn profile", bool(p and p.linkedin)),
        ChecklistItem("Résumé (PDF)", bool(p and p.resume)),
        ChecklistItem(
            f"{REQUIRED_PROJECTS} projects with a screenshot each",
            with_screenshots >= REQUIRED_PROJECTS,
            f"{with_screenshots} of {REQUIRED_PROJECTS} so far.",
        ),
    ]


def missing_for_review(portfolio: Portfolio | None) -> list[str]:
    return [item.label for item in checklist(portfolio) if not item.done]


def history(portfolio: Portfolio) -> QuerySet[PortfolioEvent]:
    """Every review step, newest first, with who took it."""
    return portfolio.events.select_related("actor__student_profile")


def published_portfolios() -> QuerySet[Portfolio]:
    """The public directory: published portfolios, most recently published first."""
    return (
        Portfolio.objects.filter(status=PortfolioStatus.PUBLISHED)
        .select_related("student__student_profile")
        .order_by("-published_at", "pk")
    )


def review_queue(school: School) -> QuerySet[Portfolio]:
    """The school's portfolios waiting for a review, oldest request first."""
    return (
        Portfolio.objects.filter(student__school=school, status=PortfolioStatus.REVIEW_REQUESTED)
        .select_related("student__student_profile")
        .order_by("review_requested_at", "pk")
    )


def published_in_school(school: School) -> QuerySet[Portfolio]:
    return published_portfolios().filter(student__school=school)


def _state(status: str, has_content: bool) -> str:
    if status == PortfolioStatus.DRAFT:
        return PortfolioState.IN_PROGRESS if has_content else PortfolioState.NOT_STARTED
    return status  # the other statuses share the state's name


def portfolio_states(term_or_student_ids: Term | Iterable[int]) -> dict[int, PortfolioProgress]:
    """Each student's portfolio state and its timestamps, for the deliverables
    matrix: every student enrolled in the term (or every id given), those
    without a portfolio as not_started. Two queries at most."""
    if isinstance(term_or_student_ids, Term):
        enrolled = Enrollment.objects.filter(term=term_or_student_ids).values("student_id")
        student_ids = [row["student_id"] for row in enrolled]
        # A subquery, not thousands of parameters.
        wanted = Portfolio.objects.filter(student_id__in=enrolled)
    else:
        student_ids = list(term_or_student_ids)
        wanted = Portfolio.objects.filter(student_id__in=student_ids)
    states = {sid: PortfolioProgress(PortfolioState.NOT_STARTED) for sid in student_ids}
    rows = wanted.annotate(
        has_project=Exists(PortfolioProject.objects.filter(portfolio=OuterRef("pk")))
    ).values_list(
        "student_id",
        "status",
        "title",
        "photo",
        "about",
        "email",
        "github",
        "linkedin",
        "resume",
        "has_project",
        "first_review_requested_at",
        "published_at",
        "first_published_at",
    )
    for sid, status, *content, has_project, first_request, published, first_published in rows:
        has_content = has_project or any(content)
        states[sid] = PortfolioProgress(
            _state(status, has_content), first_request, published, first_published
        )
    return states
