"""The audit trail: staff changes to groups, deliverable exceptions,
portfolio decisions and enrolments are recorded with who, when, before and
after, in the change's own transaction, and shown to staff of the school only."""

import datetime as dt

import pytest
from django.db import transaction
from django.urls import reverse

from careerdev.audit import services as audit
from careerdev.audit.models import Area, AuditEntry
from careerdev.deliverables import services as deliverables
from careerdev.groups import services as groups
from careerdev.groups.models import GroupMember
from careerdev.portfolios import services as portfolios
from careerdev.roster.services import import_roster
from tests import factories
from tests.portfolios import factories as portfolio_factories
from tests.roster.files import csv_bytes, student_rows

pytestmark = pytest.mark.django_db


def group_of(round_, student_id) -> int:
    return GroupMember.objects.get(round=round_, student_id=student_id).group.number


def test_a_move_by_staff_says_who_moved_whom_from_which_group_to_which(
    client, small_school, student_body
):
    round_ = groups.form_mix_it_up(student_body.term, 2, by=student_body.staff)
    mover = student_body.students[0]
    source = group_of(round_, mover.pk)
    target = next(n for n in round_.groups.values_list("number", flat=True) if n != source)
    client.force_login(small_school.staff)
    client.post(reverse("groups:move", args=[round_.pk]), {"student": mover.pk, "to_group": target})

    entry = AuditEntry.objects.get(area=Area.GROUPS, student=mover)
    assert entry.actor == small_school.staff and entry.actor_label == small_school.staff.email
    assert entry.action == f"moved {mover.display_name}"
    assert entry.subject == str(round_)
    assert entry.before == {"group": source} and entry.after == {"group": target}
    assert entry.school == small_school.school


def test_forming_publishing_and_absences_are_recorded(small_school, student_body):
    staff = student_body.staff
    round_ = groups.form_mix_it_up(student_body.term, 2, by=staff)
    round_ = groups.form_mix_it_up(student_body.term, 2, by=staff, seed=3)  # formed again
    formed = list(AuditEntry.objects.filter(action="formed the groups").order_by("pk"))
    assert formed[0].before is None and formed[1].before == {"groups": formed[0].after["groups"]}
    assert formed[1].after["students"] == len(student_body.students)

    assert round_.report["ok"]
    groups.publish(round_, by=staff)
    published = AuditEntry.objects.get(action="published the groups")
    assert published.before == {"status": "draft"}
    assert published.after["status"] == "published"

    # On the Wednesday: someone is absent and the published groups are mended.
    absent = student_body.students[1]
    was = group_of(round_, absent.pk)
    groups.rerun_for_absences(round_, {absent.pk}, by=staff)
    entry = AuditEntry.objects.get(student=absent)
    assert entry.action == f"marked {absent.display_name} absent"
    assert entry.before == {"group": was} and entry.after == {"group": None}


def test_deliverable_exceptions_keep_their_before_and_after(small_school):
    [document_review, *_] = deliverables.ensure_default_deliverables(small_school.term)
    ana, staff = small_school.student_a, small_school.staff
    o = deliverables.set_override(document_review, by=staff, student=ana, excused=True, note="Ill")
    o = deliverables.set_override(
        document_review,
        by=staff,
        student=ana,
        due_week=5,
        due_weekday=4,
        due_time=dt.time(17),
        note="Back",
    )
    deliverables.clear_override(o, by=staff)
    entries = list(AuditEntry.objects.filter(area=Area.DELIVERABLES).order_by("pk"))
    assert [e.before for e in entries] == [
        None,
        {"excused": True, "note": "Ill"},
        {"due": "week 5, Friday 17:00", "note": "Back"},
    ]
    assert [e.after for e in entries] == [
        {"excused": True, "note": "Ill"},
        {"due": "week 5, Friday 17:00", "note": "Back"},
        None,
    ]
    assert entries[0].action == f"set an exception for {ana.display_name}"
    assert entries[2].action == f"removed the exception of {ana.display_name}"
    assert all(e.student == ana and e.actor == staff for e in entries)


def test_portfolio_decisions_by_staff_are_recorded_and_the_students_own_changes_are_not(
    small_school, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    ana, staff = small_school.student_a, small_school.staff
    portfolio_factories.portfolio(ana)
    portfolio = portfolios.request_review(ana)
    portfolios.request_changes(portfolio, reviewer=staff, comment="Add alt text")
    portfolio = portfolios.request_review(ana)
    portfolios.publish(portfolio, reviewer=staff)
    portfolios.unpublish(portfolio, by=ana)  # the student's own: not a staff change
    entries = list(AuditEntry.objects.filter(area=Area.PORTFOLIOS).order_by("pk"))
    assert [e.action.split(" the ")[0] for e in entries] == ["asked for changes to", "published"]
    assert entries[0].after == {"status": "Changes requested", "comment": "Add alt text"}
    assert entries[1].before == {"status": "Review requested"}
    assert entries[1].after == {"status": "Published"}


def test_each_enrolment_an_import_makes_or_changes_is_recorded(small_school):
    school, term = small_school.school, small_school.term
    import_roster(school, term, csv_bytes(*student_rows(3, cohort="2409-BE")), "r.csv")
    made = AuditEntry.objects.filter(area=Area.ENROLMENTS)
    assert made.count() == 3
    assert all(e.actor is None and e.actor_label == audit.COMMAND_LINE for e in made)
    assert {e.after["cohort"] for e in made} == {"2409-BE"}

    moved = csv_bytes(*student_rows(3, cohort="2405-BE", module=3))
    import_roster(school, term, moved, "r.csv", by=small_school.staff)
    import_roster(school, term, moved, "r.csv", by=small_school.staff)  # unchanged: no entry
    changed = AuditEntry.objects.filter(area=Area.ENROLMENTS, actor=small_school.staff)
    assert changed.count() == 3
    entry = changed.first()
    assert entry.before == {"cohort": "2409-BE", "module": 4, "repeating": False}
    assert entry.after == {"cohort": "2405-BE", "module": 3, "repeating": False}


def test_a_change_that_rolls_back_leaves_no_entry_and_an_entry_needs_a_transaction(small_school):
    [review, *_] = deliverables.ensure_default_deliverables(small_school.term)
    with pytest.raises(RuntimeError), transaction.atomic():
        deliverables.set_override(
            review, by=small_school.staff, cohort=small_school.be, excused=True
        )
        raise RuntimeError("the request failed after the change")
    assert not AuditEntry.objects.exists()
    change = audit.Change(action="x", subject="y")
    # pytest-django wraps the test in a transaction; step outside it to check.
    connection = transaction.get_connection()
    connection.in_atomic_block, was = False, connection.in_atomic_block
    try:
        with pytest.raises(RuntimeError, match="inside the change's transaction"):
            audit.record(
                school_id=small_school.school.pk, by=None, area=Area.GROUPS, changes=[change]
            )
    finally:
        connection.in_atomic_block = was


def _entries(n, school, staff, student):
    with transaction.atomic():
        audit.record(
            school_id=school.pk,
            by=staff,
            area=Area.DELIVERABLES,
            changes=[
                audit.Change(
                    action=f"change {i}", subject="s", student_id=student.pk, after={"i": i}
                )
                for i in range(n)
            ],
        )


def test_staff_see_their_schools_trail_filtered_and_paged_in_a_fixed_number_of_queries(
    client, small_school, django_assert_max_num_queries
):
    _entries(120, small_school.school, small_school.staff, small_school.student_a)
    other = factories.school(name="Elsewhere")
    other_staff = factories.staff(other)
    _entries(1, other, other_staff, small_school.student_a)
    client.force_login(small_school.staff)
    url = reverse("audit:trail")
    with django_assert_max_num_queries(8):
        page = client.get(url).content.decode()
    assert "change 119" in page and "change 69" not in page  # 50 a page, newest first
    assert "Page 1 of 3" in page and other_staff.email not in page
    page = client.get(url, {"who": "ana", "area": "deliverables", "page": 3}).content.decode()
    assert "change 0" in page
    assert "change 0" not in client.get(url, {"area": "groups"}).content.decode()


def test_the_trail_is_for_staff_only(client, small_school):
    url = reverse("audit:trail")
    assert client.get(url).status_code == 302  # to sign in
    for someone in (small_school.student_a, small_school.volunteer):
        client.force_login(someone)
        assert client.get(url).status_code == 403
