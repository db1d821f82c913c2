"""PD sessions of a term and who attended them.

A Session is one event of the term (kick-off, workshop, panel, mock interview
block, Homeroom, Mix It Up) at an aware moment. It applies to every cohort of
the term, or only to the cohorts chosen; a SessionDrop takes it away from one
cohort. Moving a session for one cohort is a drop plus a copy for that cohort
(services.move_session_for_cohort), so every row says plainly who it is for.

Attendance keeps one row per student per session once staff have taken it:
present or not. Rates are computed from those rows (selectors.py), leaving
out the sessions that are optional for a student repeating the module.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from careerdev.school.models import Cohort, Term


class SessionKind(models.TextChoices):
    KICK_OFF = "kick_off", "Kick-off"
    WORKSHOP = "workshop", "Workshop"
    PANEL = "panel", "Guest speaker or panel"
    MOCK_INTERVIEWS = "mock_interviews", "Mock interview block"
    HOMEROOM = "homeroom", "Homeroom"
    MIX_IT_UP = "mix_it_up", "Mix It Up"


# A student repeating the module need not attend these again (they stay in
# their Homeroom and Mix It Up groups, and sit mock interviews).
OPTIONAL_FOR_REPEATERS = (SessionKind.KICK_OFF, SessionKind.WORKSHOP, SessionKind.PANEL)


class PanelTopic(models.TextChoices):
    ALUMNI = "alumni", "Recent alumni experiences"
    NETWORKING = "networking", "Networking"
    RECRUITERS = "recruiters", "Working with recruiters"
    NON_TRADITIONAL = "non_traditional", "Non-traditional careers in software"
    OTHER = "other", "Other"


class Session(models.Model):
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="pd_sessions")
    kind = models.CharField(max_length=20, choices=SessionKind.choices)
    title = models.CharField(max_length=120)
    week = models.PositiveSmallIntegerField(help_text="Week of the term, from the date.")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    place = models.CharField(max_length=200, blank=True)
    video_link = models.URLField(max_length=500, blank=True)
    description = models.TextField(blank=True)
    topic = models.CharField(max_length=20, choices=PanelTopic.choices, blank=True)
    all_cohorts = models.BooleanField(default=True)
    cohorts = models.ManyToManyField(Cohort, blank=True, related_name="pd_sessions")
    # Set on the sessions of the usual schedule, so adding it twice adds nothing.
    default_key = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["starts_at", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(week__gte=1), name="session_week_positive"),
            models.CheckConstraint(condition=~Q(title=""), name="session_title_not_empty"),
            models.CheckConstraint(
                condition=Q(kind=SessionKind.PANEL) | Q(topic=""),
                name="session_topic_only_for_panels",
            ),
            models.UniqueConstraint(
                "term",
                "default_key",
                condition=~Q(default_key=""),
                name="session_default_once_per_term",
            ),
        ]
        indexes = [models.Index(fields=["term", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_at:%Y-%m-%d %H:%M} UTC)"

    @property
    def is_panel(self) -> bool:
        return self.kind == SessionKind.PANEL

    @property
    def optional_for_repeaters(self) -> bool:
        return self.kind in OPTIONAL_FOR_REPEATERS


class SessionDrop(models.Model):
    """The session does not apply to this cohort."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="drops")
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="dropped_sessions")

    class Meta:
        constraints = [
            models.UniqueConstraint("session", "cohort", name="session_drop_once_per_cohort")
        ]

    def __str__(self) -> str:
        return f"{self.session} dropped for {self.cohort}"


class GuestSpeaker(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(max_length=120)
    title = models.CharField(max_length=120, blank=True)
    company = models.CharField(max_length=120, blank=True)
    bio = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.CheckConstraint(condition=~Q(name=""), name="speaker_name_not_empty")]

    def __str__(self) -> str:
        return self.name


class Attendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pd_attendance"
    )
    present = models.BooleanField()
    taken_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint("session", "student", name="attendance_once_per_student")
        ]
        indexes = [models.Index(fields=["student", "session"])]

    def __str__(self) -> str:
        return f"{self.student} {'present' if self.present else 'absent'} at {self.session}"
