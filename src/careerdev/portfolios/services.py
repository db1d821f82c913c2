"""Every write about portfolios, one function per use case, each in a
transaction. Uploads arrive already checked and resized (portfolios.uploads);
files replaced or removed are deleted only once the transaction commits."""

from __future__ import annotations

import copy
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.text import slugify

from careerdev.audit import services as audit
from careerdev.audit.models import Area
from careerdev.notifications import notices
from careerdev.people.models import User

from . import selectors
from .models import (
    EventKind,
    Portfolio,
    PortfolioEvent,
    PortfolioProject,
    PortfolioStatus,
    ProjectScreenshot,
)

MAX_PROJECTS = 6
MAX_SCREENSHOTS_PER_PROJECT = 4
# Words the app's own URLs use under /portfolios/: never a student's slug.
RESERVED_SLUGS = {"me", "review", "new"}


def _delete_files_on_commit(files: Iterable) -> None:
    """Delete these stored files once the transaction commits (a rollback keeps them)."""
    names = [(f.storage, f.name) for f in files if f]
    if names:
        transaction.on_commit(lambda: [storage.delete(name) for storage, name in names])


def _unique_slug(student: User) -> str:
    base = slugify(student.display_name)[:70] or "student"
    slug, n = base, 1
    while slug in RESERVED_SLUGS or Portfolio.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _locked_portfolio(student: User) -> Portfolio:
    """The student's portfolio, locked for this transaction; made on first write."""
    for _attempt in range(3):
        portfolio = Portfolio.objects.select_for_update().filter(student=student).first()
        if portfolio is not None:
            return portfolio
        try:
            with transaction.atomic():
                return Portfolio.objects.create(student=student, slug=_unique_slug(student))
        except IntegrityError:
            # Another tab made it, or another student took the slug, a moment ago.
            continue
    raise IntegrityError("Could not create the portfolio; try again.")


def _refuse_if_published(portfolio: Portfolio) -> None:
    # What the directory shows is always what staff reviewed.
    if portfolio.is_published:
        raise ValidationError(
            "Your portfolio is published. Unpublish it to make changes, then request a "
            "review again."
        )


def _touch(portfolio: Portfolio) -> None:
    Portfolio.objects.filter(pk=portfolio.pk).update(updated_at=timezone.now())


@transaction.atomic
def save_portfolio(
    student: User,
    *,
    title: str,
    about: str,
    email: str,
    github: str,
    linkedin: str,
    photo: ContentFile | None = None,
    resume: ContentFile | None = None,
    remove_photo: bool = False,
    remove_resume: bool = False,
) -> Portfolio:
    """The student's own edit of their portfolio's details."""
    portfolio = _locked_portfolio(student)
    _refuse_if_published(portfolio)
    # Copies: saving a new file below renames the field's own FieldFile.
    replaced = []
    if photo is not None or remove_photo:
        replaced.append(copy.copy(portfolio.photo))
    if resume is not None or remove_resume:
        replaced.append(copy.copy(portfolio.resume))
    portfolio.title = title.strip()
    portfolio.about = about.strip()
    portfolio.email = email
    portfolio.github = github
    portfolio.linkedin = linkedin
    if photo is not None:
        portfolio.photo.save(photo.name, photo, save=False)
    elif remove_photo:
        portfolio.photo = ""
    if resume is not None:
        portfolio.resume.save(resume.name, resume, save=False)
    elif remove_resume:
        portfolio.resume = ""
    portfolio.updated_at = timezone.now()
    portfolio.save()
    _delete_files_on_commit(replaced)
    return portfolio


def _check_screenshot_room(project: PortfolioProject) -> None:
    if project.screenshots.count() >= MAX_SCREENSHOTS_PER_PROJECT:
        raise ValidationError(
            f"A project shows at most {MAX_SCREENSHOTS_PER_PROJECT} screenshots; remove one first."
        )


def _add_screenshot(project: PortfolioProject, image: ContentFile, caption: str) -> None:
    _check_screenshot_room(project)
    screenshot = ProjectScreenshot(project=project, caption=caption.strip())
    screenshot.image.save(image.name, image, save=False)
    screenshot.save()


@transaction.atomic
def add_project(
    student: User,
    *,
    title: str,
    description: str,
    repository_url: str,
    live_url: str,
    screenshot: ContentFile | None = None,
    caption: str = "",
) -> PortfolioProject:
    portfolio = _locked_portfolio(student)
    _refuse_if_published(portfolio)
    if portfolio.projects.count() >= MAX_PROJECTS:
        raise ValidationError(f"A portfolio shows at most {MAX_PROJECTS} projects.")
    position = (portfolio.projects.aggregate(m=Max("position"))["m"] or 0) + 1
    project = PortfolioProject.objects.create(
        portfolio=portfolio,
        position=position,
        title=title.strip(),
        description=description.strip(),
        repository_url=repository_url,
        live_url=live_url,
    )
    if screenshot is not None:
        _add_screenshot(project, screenshot, caption)
    _touch(portfolio)
    return project


def _locked_project(student: User, project_id: int) -> PortfolioProject:
    portfolio = _locked_portfolio(student)
    _refuse_if_published(portfolio)
    project = portfolio.projects.filter(pk=project_id).first()
    if project is None:
        raise PortfolioProject.DoesNotExist
    return project


@transaction.atomic
def update_project(
    student: User,
    project_id: int,
    *,
    title: str,
    description: str,
    repository_url: str,
    live_url: str,
    screenshot: ContentFile | None = None,
    caption: str = "",
) -> PortfolioProject:
    project = _locked_project(student, project_id)
    project.title = title.strip()
    project.description = description.strip()
    project.repository_url = repository_url
    project.live_url = live_url
    project.save()
    if screenshot is not None:
        _add_screenshot(project, screenshot, caption)
    _touch(project.portfolio)
    return project


@transaction.atomic
def delete_project(student: User, project_id: int) -> None:
    project = _locked_project(student, project_id)
    _delete_files_on_commit(s.image for s in project.screenshots.all())
    portfolio, position = project.portfolio, project.position
    project.delete()
    # Close the gap so positions stay 1..n (ascending keeps them unique).
    for later in portfolio.projects.filter(position__gt=position).order_by("position"):
        PortfolioProject.objects.filter(pk=later.pk).update(position=F("position") - 1)
    _touch(portfolio)


@transaction.atomic
def move_project(student: User, project_id: int, *, up: bool) -> None:
    """Swap the project with its neighbour above (or below); at an end, nothing moves."""
    project = _locked_project(student, project_id)
    siblings = project.portfolio.projects.all()
    neighbour = (
        siblings.filter(position__lt=project.position).order_by("-position").first()
        if up
        else siblings.filter(position__gt=project.position).order_by("position").first()
    )
    if neighbour is None:
        return
    mine, theirs = project.position, neighbour.position
    # Through position 0 (never used) so the unique constraint holds at every step.
    PortfolioProject.objects.filter(pk=project.pk).update(position=0)
    PortfolioProject.objects.filter(pk=neighbour.pk).update(position=mine)
    PortfolioProject.objects.filter(pk=project.pk).update(position=theirs)
    _touch(project.portfolio)


@transaction.atomic
def delete_screenshot(student: User, screenshot_id: int) -> None:
    portfolio = _locked_portfolio(student)
    _refuse_if_published(portfolio)
    screenshot = ProjectScreenshot.objects.filter(
        pk=screenshot_id, project__portfolio=portfolio
    ).first()
    if screenshot is None:
        raise ProjectScreenshot.DoesNotExist
    _delete_files_on_commit([screenshot.image])
    screenshot.delete()
    _touch(portfolio)


# --- Review ----------------------------------------------------------------


def _record(portfolio: Portfolio, kind: str, actor: User, comment: str = "") -> PortfolioEvent:
    return PortfolioEvent.objects.create(
        portfolio=portfolio, kind=kind, actor=actor, comment=comment.strip()
    )


def _audit_decision(portfolio: Portfolio, by: User, was: str, action: str, comment: str) -> None:
    """Staff decisions go in the audit trail; a student's own changes do not."""
    if not by.is_school_staff and not by.is_superuser:
        return
    after = {"status": portfolio.get_status_display()}
    if comment.strip():
        after["comment"] = comment.strip()
    audit.record(
        school_id=portfolio.student.school_id,
        by=by,
        area=Area.PORTFOLIOS,
        changes=[
            audit.Change(
                action=f"{action} the portfolio of {portfolio.student.display_name}",
                subject=f"Portfolio of {portfolio.student.display_name}",
                student_id=portfolio.student_id,
                before={"status": PortfolioStatus(was).label},
                after=after,
            )
        ],
    )


def _locked(portfolio: Portfolio) -> Portfolio:
    return Portfolio.objects.select_for_update().select_related("student").get(pk=portfolio.pk)


@transaction.atomic
def request_review(student: User) -> Portfolio:
    """Put the student's portfolio in the review queue, if it is complete."""
    portfolio = Portfolio.objects.select_for_update().filter(student=student).first()
    if portfolio is not None:
        # Re-read with projects and screenshots to judge the checklist now.
        portfolio = selectors.portfolio_of(student)
    missing = selectors.missing_for_review(portfolio)
    if missing:
        raise ValidationError(
            "Your portfolio is not ready for review yet. Still missing: " + "; ".join(missing) + "."
        )
    if portfolio.status == PortfolioStatus.REVIEW_REQUESTED:
        raise ValidationError("You have already requested a review; staff will be in touch.")
    if portfolio.is_published:
        raise ValidationError("Your portfolio is already published.")
    now = timezone.now()
    portfolio.status = PortfolioStatus.REVIEW_REQUESTED
    portfolio.review_requested_at = now
    portfolio.first_review_requested_at = portfolio.first_review_requested_at or now
    portfolio.save(update_fields=["status", "review_requested_at", "first_review_requested_at"])
    _record(portfolio, EventKind.REVIEW_REQUESTED, student)
    return portfolio


def _refuse_unless_requested(portfolio: Portfolio) -> None:
    if portfolio.status != PortfolioStatus.REVIEW_REQUESTED:
        raise ValidationError(
            "This portfolio is not waiting for a review (someone may have just decided on it)."
        )


@transaction.atomic
def publish(portfolio: Portfolio, *, reviewer: User, comment: str = "") -> Portfolio:
    """Staff publish a portfolio that asked for review: it joins the directory."""
    portfolio = _locked(portfolio)
    _refuse_unless_requested(portfolio)
    now = timezone.now()
    portfolio.status = PortfolioStatus.PUBLISHED
    portfolio.review_requested_at = None
    portfolio.published_at = now
    portfolio.first_published_at = portfolio.first_published_at or now
    portfolio.save(
        update_fields=["status", "review_requested_at", "published_at", "first_published_at"]
    )
    event = _record(portfolio, EventKind.PUBLISHED, reviewer, comment)
    _audit_decision(portfolio, reviewer, PortfolioStatus.REVIEW_REQUESTED, "published", comment)
    notices.portfolio_decided(portfolio, event, published=True)
    return portfolio


@transaction.atomic
def request_changes(portfolio: Portfolio, *, reviewer: User, comment: str) -> Portfolio:
    """Staff send the portfolio back with what to change; the student sees the comment."""
    if not comment.strip():
        raise ValidationError("Say what needs to change: the student sees this comment.")
    portfolio = _locked(portfolio)
    _refuse_unless_requested(portfolio)
    portfolio.status = PortfolioStatus.CHANGES_REQUESTED
    portfolio.review_requested_at = None
    portfolio.save(update_fields=["status", "review_requested_at"])
    event = _record(portfolio, EventKind.CHANGES_REQUESTED, reviewer, comment)
    _audit_decision(
        portfolio, reviewer, PortfolioStatus.REVIEW_REQUESTED, "asked for changes to", comment
    )
    notices.portfolio_decided(portfolio, event, published=False)
    return portfolio


@transaction.atomic
def unpublish(portfolio: Portfolio, *, by: User, comment: str = "") -> Portfolio:
    """Take a published portfolio out of the directory (its student or staff).
    It goes back to draft: publishing again takes a new review."""
    portfolio = _locked(portfolio)
    if not portfolio.is_published:
        raise ValidationError("This portfolio is not published.")
    portfolio.status = PortfolioStatus.DRAFT
    portfolio.published_at = None
    portfolio.save(update_fields=["status", "published_at"])
    _record(portfolio, EventKind.UNPUBLISHED, by, comment)
    _audit_decision(portfolio, by, PortfolioStatus.PUBLISHED, "unpublished", comment)
    return portfolio
