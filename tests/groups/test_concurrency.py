"""Two staff members press Publish at the same moment, or one moves a
student while another publishes: the round is published once, every
student is told once, and no move lands in published groups.

See tests/concurrency.py for how the race runs on each database."""

import pytest
from django.core.exceptions import ValidationError

from careerdev.audit.models import AuditEntry
from careerdev.groups import services
from careerdev.groups.models import GroupMember
from careerdev.notifications.models import Notification
from tests import concurrency, factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_publishes_publish_once_and_tell_each_student_once(small_school, student_body):
    round_ = services.form_mix_it_up(student_body.term, 2, by=student_body.staff)
    assert round_.report["ok"]
    staff = [student_body.staff, factories.staff(small_school.school)] * 2
    outcomes = concurrency.race(
        [lambda who=who: services.publish(round_, by=who) for who in staff], (ValidationError,)
    )
    assert outcomes == [("done", "")] * 4  # publishing a published round is a no-op
    round_.refresh_from_db()
    assert round_.is_published
    assert AuditEntry.objects.filter(action="published the groups").count() == 1
    members = GroupMember.objects.filter(round=round_).count()
    assert Notification.objects.filter(
        key__startswith=f"groups_published:{round_.pk}:"
    ).count() == (members)


def test_a_move_racing_a_publish_lands_before_it_or_is_refused(small_school, student_body):
    round_ = services.form_mix_it_up(student_body.term, 2, by=student_body.staff)
    numbers = sorted(round_.groups.values_list("number", flat=True))
    member = GroupMember.objects.filter(round=round_, group__number=numbers[0]).first()
    before = {m.student_id: m.group.number for m in GroupMember.objects.filter(round=round_)}
    outcomes = concurrency.race(
        [
            lambda: services.publish(round_, by=student_body.staff),
            lambda: services.move_student(
                round_, member.student_id, numbers[1], by=student_body.staff
            ),
        ],
        (ValidationError,),
    )
    assert [o for o in outcomes if o[0] == "error"] == []
    round_.refresh_from_db()
    moved = AuditEntry.objects.filter(action__startswith="moved").exists()
    now_in = GroupMember.objects.get(round=round_, student_id=member.student_id).group.number
    if moved:
        # The move went first; what was published includes it.
        assert now_in == numbers[1]
        published = AuditEntry.objects.filter(action="published the groups")
        if published.exists():
            assert published.get().at >= AuditEntry.objects.get(action__startswith="moved").at
    else:
        assert now_in == before[member.student_id]
        assert ("refused", "These groups are published and frozen.") in outcomes
