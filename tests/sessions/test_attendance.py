"""Attendance: saved for a whole session at once, refused for a student the
session is not for, and rates that leave repeaters' optional sessions out."""

import pytest
from django.core.exceptions import ValidationError

from careerdev.sessions import selectors, services
from careerdev.sessions.models import Attendance, SessionKind
from tests import factories as base

from . import factories

pytestmark = pytest.mark.django_db


def test_attendance_marks_everyone_the_session_is_for(small_school):
    s = factories.session(small_school.term)
    services.record_attendance(s, [small_school.student_a.pk])
    recorded = dict(Attendance.objects.values_list("student_id", "present"))
    assert recorded == {
        small_school.student_a.pk: True,
        small_school.student_b.pk: False,
        small_school.other_cohort_student.pk: False,
    }
    # Taking it again replaces it.
    services.record_attendance(s, [small_school.student_b.pk])
    assert set(Attendance.objects.filter(present=True).values_list("student_id", flat=True)) == {
        small_school.student_b.pk
    }


def test_attendance_for_a_student_the_session_is_not_for_changes_nothing(small_school):
    s = factories.session(small_school.term, cohorts=[small_school.be])
    services.record_attendance(s, [small_school.student_a.pk])
    with pytest.raises(ValidationError) as error:
        services.record_attendance(
            s, [small_school.student_b.pk, small_school.other_cohort_student.pk]
        )
    assert "present" in error.value.message_dict
    assert set(Attendance.objects.filter(present=True).values_list("student_id", flat=True)) == {
        small_school.student_a.pk
    }


def _five_sessions(term, kind=SessionKind.HOMEROOM):
    return [factories.session(term, week=1 + i % 3, weekday=i, kind=kind) for i in range(5)]


def test_four_of_five_is_exactly_eighty_percent(small_school):
    term, a = small_school.term, small_school.student_a
    sessions = _five_sessions(term)
    for i, s in enumerate(sessions):
        factories.attended(s, a, present=i < 4)
    rate = selectors.attendance_rate(a, term, weeks=range(1, 4))
    assert rate == pytest.approx(0.8)
    assert not rate > 0.8  # early graduation needs over 80%
    assert selectors.attendance_rates(term, range(1, 4))[a.pk] == pytest.approx(0.8)


def test_rates_only_count_the_weeks_asked_for(small_school):
    term, a = small_school.term, small_school.student_a
    factories.attended(factories.session(term, week=1), a, present=True)
    factories.attended(factories.session(term, week=4), a, present=False)
    assert selectors.attendance_rate(a, term, weeks=range(1, 4)) == 1.0
    assert selectors.attendance_rate(a, term, weeks=range(1, 6)) == 0.5
    assert selectors.attendance_rate(small_school.student_b, term) is None


def test_repeaters_workshops_are_optional_and_never_absences(small_school):
    term = small_school.term
    repeater = base.student(small_school.school, first_name="Rae", last_name="Repeat")
    base.enroll(repeater, term, small_school.be, module=4, repeating=True)
    workshop = factories.session(term, kind=SessionKind.WORKSHOP, week=1)
    panel = factories.session(term, kind=SessionKind.PANEL, week=2)
    homeroom = factories.session(term, kind=SessionKind.HOMEROOM, week=2)
    for s in (workshop, panel):
        services.record_attendance(s, [small_school.student_a.pk])  # the repeater skipped
    services.record_attendance(homeroom, [small_school.student_a.pk, repeater.pk])
    assert selectors.attendance_rate(repeater, term) == 1.0
    rates = selectors.attendance_rates(term, range(1, 4))
    assert rates[repeater.pk] == 1.0
    assert rates[small_school.student_a.pk] == 1.0
    assert rates[small_school.student_b.pk] == 0.0
    sheet = {r.student.pk: r for r in selectors.attendance_sheet(workshop)}
    assert sheet[repeater.pk].optional and not sheet[small_school.student_a.pk].optional
    mine = {s.pk: s.optional for s in selectors.sessions_for(repeater, term)}
    assert mine == {workshop.pk: True, panel.pk: True, homeroom.pk: False}


def test_a_repeater_with_only_optional_sessions_has_no_rate(small_school):
    term = small_school.term
    repeater = base.student(small_school.school)
    base.enroll(repeater, term, small_school.be, module=4, repeating=True)
    services.record_attendance(factories.session(term, kind=SessionKind.KICK_OFF), [])
    assert selectors.attendance_rate(repeater, term) is None
    assert repeater.pk not in selectors.attendance_rates(term, range(1, 4))
