"""What a school's students share is kept per worker under the school's data
token: any change to a shared row, however it is made, gives the school a
new token in the same transaction (school/shared.py)."""

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from careerdev.deliverables.models import Deliverable, DeliverableOverride
from careerdev.groups.models import (
    DiscussionGroup,
    GroupMember,
    GroupRound,
    MixItUpTopic,
    Prompt,
    RoundKind,
    TopicSurvey,
)
from careerdev.school import shared
from careerdev.school.models import Cohort, Enrollment, School
from tests import factories as f

pytestmark = pytest.mark.django_db


def token(school: School) -> str:
    return School.objects.values_list("data_token", flat=True).get(pk=school.pk)


def test_every_watched_table_has_its_triggers():
    assert shared.expected_trigger_names() <= shared.trigger_names()
    # The tables whose rows every student's home page shares.
    assert set(shared.watched_tables()) >= {
        "school_term",
        "school_program",
        "school_cohort",
        "school_enrollment",
        "deliverables_deliverable",
        "deliverables_deliverableoverride",
        "groups_mixituptopic",
        "groups_topicsurvey",
        "groups_prompt",
        "groups_groupround",
        "groups_discussiongroup",
        "groups_groupmember",
    }


def test_installing_again_changes_nothing():
    before = shared.trigger_names()
    shared.install_triggers()
    assert shared.trigger_names() == before


class Changes:
    """Each step changes one watched table one way; the school's token must move."""

    def __init__(self):
        self.school = f.school()
        self.other = f.school()
        self.program = f.program(self.school)
        self.cohort = f.cohort(self.program)
        self.term = f.term(self.school)
        self.student = f.student(self.school)

    def steps(self):
        s = self
        yield "term insert", lambda: f.term(s.school)
        yield "term update", lambda: s.term.save()
        yield "program insert", lambda: f.program(s.school, code="FE")
        yield "cohort insert", lambda: f.cohort(s.program)
        yield "cohort update", lambda: Cohort.objects.filter(pk=s.cohort.pk).update(code="X-BE")
        yield "enrollment insert", lambda: f.enroll(s.student, s.term, s.cohort)
        yield (
            "enrollment bulk update",
            lambda: Enrollment.objects.filter(term=s.term).update(module=3),
        )
        d = {}
        yield (
            "deliverable insert",
            lambda: d.setdefault(
                "d",
                Deliverable.objects.create(term=s.term, kind="custom_tick", title="T", due_week=5),
            ),
        )
        yield (
            "override insert",
            lambda: d.setdefault(
                "o",
                DeliverableOverride.objects.create(
                    deliverable=d["d"], student=s.student, excused=True
                ),
            ),
        )
        yield "override delete", lambda: d["o"].delete()
        yield (
            "topic insert",
            lambda: d.setdefault("t", MixItUpTopic.objects.create(term=s.term, name="Salary")),
        )
        yield "survey insert", lambda: TopicSurvey.objects.create(term=s.term)
        yield "prompt insert", lambda: Prompt.objects.create(school=s.school, key="k", title="K")
        yield (
            "round insert",
            lambda: d.setdefault(
                "r", GroupRound.objects.create(term=s.term, kind=RoundKind.HOMEROOM)
            ),
        )
        yield (
            "group bulk insert",
            lambda: d.setdefault(
                "g",
                DiscussionGroup.objects.bulk_create([DiscussionGroup(round=d["r"], number=1)])[0],
            ),
        )
        yield (
            "member insert",
            lambda: GroupMember.objects.create(round=d["r"], group=d["g"], student=s.student),
        )
        yield (
            "member bulk update",
            lambda: GroupMember.objects.filter(round=d["r"]).update(is_leader=True),
        )
        yield (
            "round status",
            lambda: GroupRound.objects.filter(pk=d["r"].pk).update(
                status="published", published_at=timezone.now()
            ),
        )
        yield "group delete cascades", lambda: DiscussionGroup.objects.filter(round=d["r"]).delete()
        yield "school settings", lambda: School.objects.get(pk=s.school.pk).save()
        yield "deliverable delete", lambda: d["d"].delete()
        yield "term delete cascades", lambda: s.term.delete()


def test_every_kind_of_change_gives_the_school_a_new_token():
    world = Changes()
    for name, change in world.steps():
        before, other_before = token(world.school), token(world.other)
        with transaction.atomic():
            change()
        assert token(world.school) != before, name
        assert token(world.other) == other_before, f"{name}: another school's token moved"


def test_a_rolled_back_change_leaves_the_token():
    school = f.school()
    term = f.term(school)
    before = token(school)
    with pytest.raises(RuntimeError), transaction.atomic():
        term.save()
        raise RuntimeError
    assert token(school) == before


def test_a_stale_copy_of_the_school_never_writes_back_an_old_token():
    school = f.school()
    stale = School.objects.get(pk=school.pk)
    old = stale.data_token
    f.term(school)  # a new token under the stale copy's feet
    moved = token(school)
    stale.save()
    assert token(school) not in {old, moved}


def test_remember_reads_again_under_a_new_token():
    school = f.school()
    calls = []
    read = lambda: calls.append(1) or len(calls)  # noqa: E731
    fresh = lambda: School.objects.get(pk=school.pk)  # noqa: E731
    assert shared.remember(fresh(), "k", read) == 1
    assert shared.remember(fresh(), "k", read) == 1  # kept
    f.term(school)
    assert shared.remember(fresh(), "k", read) == 2  # the change is seen at once
    assert shared.remember(fresh(), "other", read) == 3


def test_migrate_mends_triggers_a_table_rebuild_dropped():
    """SQLite drops a table's triggers when a migration rebuilds the table."""
    on = " ON school_term" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER careerdev_shared_school_term_upd{on}")
    assert "careerdev_shared_school_term_upd" not in shared.trigger_names()

    call_command("migrate", verbosity=0)
    assert shared.expected_trigger_names() <= shared.trigger_names()
