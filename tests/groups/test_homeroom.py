"""Homeroom groups: formed per cohort, re-formed with new pairings in a new
term, or carried forward from the last one; students see theirs."""

import datetime as dt
from itertools import combinations

import pytest
from django.urls import reverse

from careerdev.groups import services
from careerdev.groups.models import GroupMember
from careerdev.school.models import Term
from tests import factories

pytestmark = pytest.mark.django_db


def pairs(round_) -> set[frozenset]:
    groups: dict[int, list[int]] = {}
    for number, sid in GroupMember.objects.filter(round=round_).values_list(
        "group__number", "student_id"
    ):
        groups.setdefault(number, []).append(sid)
    return {frozenset(p) for members in groups.values() for p in combinations(members, 2)}


def sizes(round_) -> list[int]:
    return [g.members.count() for g in round_.groups.all()]


@pytest.fixture
def two_terms(small_school):
    """A cohort of 14 that sat Mod 3 last term and sits Mod 4 now, whose
    Homeroom groups last term were published."""
    school, staff = small_school.school, small_school.staff
    # "now" is running today (week 1 or 2), whatever day the tests run; the
    # small school's own term is moved out of the way, years back.
    small_school.term.start_date = dt.date(2020, 1, 6)
    small_school.term.save()
    today = dt.date.today()
    start = today - dt.timedelta(days=today.weekday() + 7)
    last = factories.term(school, name="Fall 2026", start_date=start - dt.timedelta(weeks=7))
    now = factories.term(school, name="Winter 2027", start_date=start)
    cohort = factories.cohort(factories.program(school, "DS"), "2601-DS")
    students = [factories.student(school) for _ in range(14)]
    for s in students:
        factories.enroll(s, last, cohort, module=3)
        factories.enroll(s, now, cohort, module=4)
    before = services.form_homerooms(last, by=staff)
    services.publish(before)
    return last, now, cohort, students, before


def test_reforming_in_a_new_term_seeks_new_pairings(two_terms, small_school):
    last, now, cohort, students, before = two_terms
    ids = {s.pk for s in students}
    again = services.form_homerooms(now, by=small_school.staff)
    old = {p for p in pairs(before) if p <= ids}
    new = {p for p in pairs(again) if p <= ids}
    assert again.report["ok"], again.report
    # 14 people in groups of 4–6 cannot avoid every old pair, but most go.
    assert len(new & old) < len(old) / 2


def test_carrying_forward_keeps_last_terms_groups(two_terms, small_school):
    last, now, cohort, students, before = two_terms
    newcomer = factories.student(small_school.school)
    factories.enroll(newcomer, now, cohort, module=4)
    carried = services.carry_forward_homerooms(now, by=small_school.staff)
    ids = {s.pk for s in students}
    assert {p for p in pairs(before) if p <= ids} <= pairs(carried)
    assert GroupMember.objects.filter(round=carried, student=newcomer).exists()
    assert carried.report["notes"][0] == "Carried forward from Fall 2026"
    assert carried.report["ok"], carried.report


def test_a_cohort_new_to_homeroom_is_formed_afresh_when_carrying_forward(two_terms, small_school):
    # The small school's own cohorts were in no Homeroom last term.
    last, now, cohort, students, before = two_terms
    fresh = factories.cohort(factories.program(small_school.school, "UX"), "2610-UX")
    for _ in range(11):
        factories.enroll(factories.student(small_school.school), now, fresh, module=1)
    carried = services.carry_forward_homerooms(now, by=small_school.staff)
    fresh_sizes = [g.members.count() for g in carried.groups.filter(cohort=fresh)]
    assert sorted(fresh_sizes) == [5, 6]


def test_carrying_forward_without_an_earlier_round_says_so(small_school):
    with pytest.raises(services.GroupingRefused, match="no published Homeroom groups"):
        services.carry_forward_homerooms(small_school.term, by=small_school.staff)


def test_a_student_sees_their_homeroom_group_and_room(client, two_terms, small_school, monkeypatch):
    last, now, cohort, students, before = two_terms
    round_ = services.form_homerooms(now, by=small_school.staff)
    services.publish(round_)
    monkeypatch.setattr(Term, "next_pd_week", lambda self, when: self.week(1))
    student = students[0]
    mine = GroupMember.objects.select_related("group").get(round=round_, student=student)
    mates = GroupMember.objects.filter(group=mine.group).exclude(student=student)
    client.force_login(student)
    body = client.get(reverse("home")).content.decode()
    assert f"Homeroom · room {mine.group.number}" in body
    for mate in mates.select_related("student"):
        assert mate.student.display_name in body
