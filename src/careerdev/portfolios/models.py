"""A student's portfolio for the school's public alumni directory.

The student fills it in and requests a review; staff publish it or ask for
changes. Only published portfolios are public; everything else, files
included, is the student's and their school's staff's alone (see
careerdev.policies, "Portfolios"). Every review step is kept in
PortfolioEvent.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class PortfolioStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    REVIEW_REQUESTED = "review_requested", "Review requested"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    PUBLISHED = "published", "Published"


def _upload_to(instance, filename: str) -> str:
    # Unguessable names: files are served only through views that check the
    # policy, and a random name keeps them private even if MEDIA_ROOT leaks.
    return f"portfolios/{secrets.token_hex(16)}/{filename}"


class Portfolio(models.Model):
    student = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portfolio"
    )
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(
        max_length=120, blank=True, help_text="For example “Back-end developer”."
    )
    photo = models.FileField(upload_to=_upload_to, blank=True, max_length=200)
    about = models.TextField("about me", blank=True)
    email = models.EmailField(blank=True)
    github = models.URLField("GitHub", max_length=300, blank=True)
    linkedin = models.URLField("LinkedIn", max_length=300, blank=True)
    resume = models.FileField(upload_to=_upload_to, blank=True, max_length=200)
    status = models.CharField(
        max_length=20, choices=PortfolioStatus.choices, default=PortfolioStatus.DRAFT
    )
    # The pending request (orders the review queue) and the first one ever
    # (the deliverable: "review requested by Friday of week 4").
    review_requested_at = models.DateTimeField(null=True, blank=True)
    first_review_requested_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    first_published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=PortfolioStatus.values), name="portfolio_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=PortfolioStatus.PUBLISHED, published_at__isnull=False)
                | (~Q(status=PortfolioStatus.PUBLISHED) & Q(published_at__isnull=True)),
                name="portfolio_published_iff_published_at",
            ),
            models.CheckConstraint(
                condition=~Q(status=PortfolioStatus.REVIEW_REQUESTED)
                | Q(review_requested_at__isnull=False),
                name="portfolio_review_request_has_time",
            ),
            models.CheckConstraint(
                condition=Q(status=PortfolioStatus.DRAFT)
                | Q(first_review_requested_at__isnull=False),
                name="portfolio_reviewed_only_after_a_request",
            ),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | Q(first_published_at__isnull=False),
                name="portfolio_first_publication_kept",
            ),
            models.CheckConstraint(condition=~Q(slug=""), name="portfolio_slug_not_empty"),
        ]

    def __str__(self) -> str:
        return f"Portfolio of {self.student}"

    @property
    def is_published(self) -> bool:
        return self.status == PortfolioStatus.PUBLISHED


class PortfolioProject(models.Model):
    portfolio = models.ForeignKey(Portfolio, on_delete=models.CASCADE, related_name="projects")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    repository_url = models.URLField("code", max_length=300, blank=True)
    live_url = models.URLField("live site", max_length=300, blank=True)

    class Meta:
        ordering = ["portfolio", "position"]
        constraints = [
            models.UniqueConstraint(
                "portfolio", "position", name="portfolio_project_position_unique"
            ),
            models.CheckConstraint(condition=~Q(title=""), name="portfolio_project_has_title"),
        ]

    def __str__(self) -> str:
        return self.title


class ProjectScreenshot(models.Model):
    project = models.ForeignKey(
        PortfolioProject, on_delete=models.CASCADE, related_name="screenshots"
    )
    image = models.FileField(upload_to=_upload_to, max_length=200)
    caption = models.CharField(
        max_length=200, blank=True, help_text="What the screenshot shows (read aloud to some)."
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["project", "created_at", "pk"]

    def __str__(self) -> str:
        return self.caption or f"Screenshot of {self.project}"


class EventKind(models.TextChoices):
    REVIEW_REQUESTED = "review_requested", "Review requested"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    PUBLISHED = "published", "Published"
    UNPUBLISHED = "unpublished", "Unpublished"


class PortfolioEvent(models.Model):
    """One step of a portfolio's review history: who, when, what, and why."""

    portfolio = models.ForeignKey(Portfolio, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["portfolio", "-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=EventKind.values), name="portfolio_event_kind_valid"
            ),
            # Asking for changes without saying which helps nobody.
            models.CheckConstraint(
                condition=~Q(kind=EventKind.CHANGES_REQUESTED) | ~Q(comment=""),
                name="portfolio_changes_requested_has_comment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.portfolio})"
