"""The database itself refuses what the school model forbids."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from careerdev.school.models import Cohort, Enrollment, Program, School, Term
from tests import factories

pytestmark = pytest.mark.django_db


def refused(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_enrollment_module_outside_1_to_4_is_refused(small_school):
    s = factories.student(small_school.school)
    for module in (0, 5):
        refused(
            lambda m=module: Enrollment.objects.create(
                student=s, term=small_school.term, cohort=small_school.be, module=m
            )
        )


def test_a_student_is_enrolled_once_per_term(small_school):
    refused(
        lambda: Enrollment.objects.create(
            student=small_school.student_a, term=small_school.term, cohort=small_school.fe, module=2
        )
    )


def test_program_codes_are_unique_per_school_whatever_their_case(small_school):
    refused(lambda: Program.objects.create(school=small_school.school, code="be", name="Again"))
    other = factories.school()
    assert Program.objects.create(school=other, code="BE", name="Back-End").pk


def test_cohort_codes_are_unique_per_program_whatever_their_case(small_school):
    refused(lambda: Cohort.objects.create(program=small_school.be.program, code="2405-be"))


def test_term_start_and_name_are_unique_per_school(small_school):
    t = small_school.term
    refused(lambda: Term.objects.create(school=t.school, name="Other", start_date=t.start_date))
    refused(
        lambda: Term.objects.create(
            school=t.school, name="WINTER 2026", start_date=dt.date(2030, 1, 7)
        )
    )


def test_school_pd_time_must_end_after_it_starts():
    refused(
        lambda: School.objects.create(
            name="Backwards", pd_start_time=dt.time(14), pd_end_time=dt.time(13)
        )
    )


def test_school_pd_weeks_must_lie_inside_the_module():
    refused(lambda: School.objects.create(name="Too long", weeks_in_module=6, last_pd_week=7))
    refused(lambda: School.objects.create(name="Reversed", first_pd_week=3, last_pd_week=2))


def test_term_weeks_and_wednesday_pd_session_in_school_time_zone():
    school = School.objects.create(name="Denver")
    term = Term.objects.create(school=school, name="T", start_date=dt.date(2026, 11, 30))
    weeks = term.weeks()
    assert [w.number for w in weeks] == [1, 2, 3, 4, 5, 6]
    assert weeks[1].starts_on == dt.date(2026, 12, 7)
    assert weeks[1].ends_on == dt.date(2026, 12, 13)
    pd = weeks[1].pd_starts_at
    assert pd.date() == dt.date(2026, 12, 9) and pd.weekday() == 2
    assert pd.utcoffset() == dt.timedelta(hours=-7)  # Mountain Standard Time
    assert (weeks[1].pd_ends_at - pd) == dt.timedelta(hours=1)
    assert not weeks[5].is_pd_week
    assert term.end_date == dt.date(2027, 1, 10)
    assert term.week_number_on(dt.date(2026, 12, 9)) == 2
    assert term.week_number_on(dt.date(2027, 1, 11)) is None


def test_pd_session_keeps_local_time_across_daylight_saving():
    school = School.objects.create(name="Spring")
    term = Term.objects.create(school=school, name="S", start_date=dt.date(2027, 3, 1))
    before, after = term.week(1).pd_starts_at, term.week(3).pd_starts_at
    assert before.hour == after.hour == 13
    assert before.utcoffset() != after.utcoffset()


def test_next_pd_week_is_the_first_session_not_yet_over():
    school = School.objects.create(name="Next")
    term = Term.objects.create(school=school, name="N", start_date=dt.date(2026, 11, 30))
    zone = school.zone
    saturday_week_1 = dt.datetime(2026, 12, 5, 10, tzinfo=zone)
    assert term.next_pd_week(saturday_week_1).number == 2
    during_week_2_session = dt.datetime(2026, 12, 9, 13, 30, tzinfo=zone)
    assert term.next_pd_week(during_week_2_session).number == 2
    after_last = dt.datetime(2027, 1, 1, tzinfo=zone)
    assert term.next_pd_week(after_last) is None
