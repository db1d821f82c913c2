"""Fixtures shared by every test: one small school with a term, two programs,
cohorts in two modules, staff, students and a volunteer."""

from dataclasses import dataclass

import pytest

from careerdev.people.models import User
from careerdev.school.models import Cohort, School, Term

from . import factories


@dataclass
class SmallSchool:
    school: School
    term: Term
    be: Cohort
    fe: Cohort
    staff: User
    student_a: User
    student_b: User
    other_cohort_student: User
    volunteer: User


@pytest.fixture
def small_school(db) -> SmallSchool:
    school = factories.school(name="Turing Test School")
    be = factories.cohort(factories.program(school, "BE"), "2405-BE")
    fe = factories.cohort(factories.program(school, "FE"), "2407-FE")
    term = factories.term(school, name="Winter 2026")
    a = factories.student(school, first_name="Ana", last_name="Able", opt_in=True)
    b = factories.student(school, first_name="Ben", last_name="Baker")
    c = factories.student(school, first_name="Cy", last_name="Cole")
    factories.enroll(a, term, be, module=4)
    factories.enroll(b, term, be, module=4)
    factories.enroll(c, term, fe, module=2)
    return SmallSchool(
        school=school,
        term=term,
        be=be,
        fe=fe,
        staff=factories.staff(school),
        student_a=a,
        student_b=b,
        other_cohort_student=c,
        volunteer=factories.volunteer(school),
    )
