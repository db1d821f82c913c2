"""Wednesday groups and what they are formed from.

A GroupRound is one formation: the term's Homeroom groups (the same all
module, so no week), or the Mix It Up groups of week 2 or week 4. Its groups
are drafts until staff publish the round; published groups are frozen.
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from careerdev.school.models import Cohort, School, Term


class TopicKind(models.TextChoices):
    STANDARD = "standard", "Standard"
    INDUSTRY = "industry", "Industry interest"
    LESS_REPRESENTED = "less_represented", "Identifying as less represented in tech"


class MixItUpTopic(models.Model):
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="mix_it_up_topics")
    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=20, choices=TopicKind.choices, default=TopicKind.STANDARD)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint("term", Lower("name"), name="topic_name_unique_per_term_ci"),
            # One open-format, private-membership group topic per term.
            models.UniqueConstraint(
                fields=["term"],
                condition=models.Q(kind="less_represented"),
                name="one_less_represented_topic_per_term",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=TopicKind.values), name="topic_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_restricted(self) -> bool:
        return self.kind == TopicKind.LESS_REPRESENTED


class TopicSurvey(models.Model):
    """The short survey that chooses each student's Mix It Up topic for a term."""

    term = models.OneToOneField(Term, on_delete=models.CASCADE, related_name="topic_survey")
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closed_at__isnull=True)
                | models.Q(opened_at__isnull=False, closed_at__gte=models.F("opened_at")),
                name="survey_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return f"Topic survey, {self.term}"

    @property
    def is_open(self) -> bool:
        return self.opened_at is not None and self.closed_at is None


class SurveyResponse(models.Model):
    """A student's answer. The private opt-in is not stored here: it lives on
    the student's profile, which the survey pre-fills from and updates."""

    survey = models.ForeignKey(TopicSurvey, on_delete=models.CASCADE, related_name="responses")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="topic_survey_responses"
    )
    # Topic ids, best first.
    ranking = models.JSONField(default=list)
    industry_interest = models.CharField(max_length=120, blank=True)
    # Mod 4 students choose the topic they will lead.
    leads_topic = models.ForeignKey(
        MixItUpTopic, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint("survey", "student", name="one_survey_response_per_student")
        ]

    def __str__(self) -> str:
        return f"{self.student} — {self.survey}"


class RoundKind(models.TextChoices):
    HOMEROOM = "homeroom", "Homeroom"
    MIX_IT_UP = "mix_it_up", "Mix It Up"


class RoundStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class GroupRound(models.Model):
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="group_rounds")
    kind = models.CharField(max_length=12, choices=RoundKind.choices)
    # Mix It Up rounds belong to a week (2 or 4); Homeroom groups last the module.
    week = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=RoundStatus.choices, default=RoundStatus.DRAFT)
    seed = models.PositiveIntegerField(default=0)
    # The engine's report as last evaluated (rules, rates, repeats, bound).
    report = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["term", "kind", "week"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind=RoundKind.HOMEROOM, week__isnull=True)
                | models.Q(kind=RoundKind.MIX_IT_UP, week__isnull=False),
                name="round_week_only_for_mix_it_up",
            ),
            models.UniqueConstraint(
                fields=["term"],
                condition=models.Q(kind=RoundKind.HOMEROOM),
                name="one_homeroom_round_per_term",
            ),
            models.UniqueConstraint(
                fields=["term", "week"],
                condition=models.Q(kind=RoundKind.MIX_IT_UP),
                name="one_mix_it_up_round_per_week",
            ),
            models.CheckConstraint(
                condition=models.Q(status=RoundStatus.DRAFT, published_at__isnull=True)
                | models.Q(status=RoundStatus.PUBLISHED, published_at__isnull=False),
                name="round_published_at_iff_published",
            ),
        ]

    def __str__(self) -> str:
        if self.kind == RoundKind.HOMEROOM:
            return f"Homeroom groups, {self.term}"
        return f"Mix It Up groups, week {self.week}, {self.term}"

    @property
    def is_published(self) -> bool:
        return self.status == RoundStatus.PUBLISHED


class DiscussionGroup(models.Model):
    """One Homeroom or Mix It Up group; its number is its breakout room."""

    round = models.ForeignKey(GroupRound, on_delete=models.CASCADE, related_name="groups")
    number = models.PositiveSmallIntegerField()
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, null=True, blank=True)
    topic = models.ForeignKey(MixItUpTopic, on_delete=models.PROTECT, null=True, blank=True)

    class Meta:
        ordering = ["round", "number"]
        constraints = [
            models.UniqueConstraint("round", "number", name="group_number_unique_per_round"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="group_number_positive"),
        ]

    def __str__(self) -> str:
        return f"Group {self.number}"

    @property
    def room(self) -> int:
        return self.number


class GroupMember(models.Model):
    # The round is repeated here so the database can hold "one group per
    # student per round".
    round = models.ForeignKey(GroupRound, on_delete=models.CASCADE, related_name="members")
    group = models.ForeignKey(DiscussionGroup, on_delete=models.CASCADE, related_name="members")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_memberships"
    )
    is_leader = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint("round", "student", name="one_group_per_student_per_round"),
        ]
        indexes = [models.Index(fields=["student", "round"])]

    def __str__(self) -> str:
        return f"{self.student} in {self.group}"


class Prompt(models.Model):
    """Markdown that staff edit: Homeroom prompts per module and week, Mix It Up
    prompts per topic, and the directions for Mod 4 leaders. Keys:
    `homeroom:<module>:<week>`, `topic:<topic name, lower case>`, `leader-directions`."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="prompts")
    key = models.CharField(max_length=120)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint("school", "key", name="prompt_key_unique_per_school")
        ]

    def __str__(self) -> str:
        return self.title


class SlackDelivery(models.Model):
    """Posting one Mix It Up group to Slack. Kept so a failure can be shown and
    retried without touching the published groups."""

    group = models.OneToOneField(DiscussionGroup, on_delete=models.CASCADE, related_name="slack")
    conversation_id = models.CharField(max_length=40, blank=True)
    posted_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    def __str__(self) -> str:
        return f"Slack for {self.group}"
