"""Test data: small functions that make valid objects with sensible defaults.

Each takes keyword overrides; numbering keeps emails and codes unique.
"""

from __future__ import annotations

import datetime as dt
import itertools

from careerdev.people.models import Role, StudentProfile, User, VolunteerProfile
from careerdev.school.models import Cohort, Enrollment, Program, School, Term

_seq = itertools.count(1)
PASSWORD = "correct-horse-battery"  # noqa: S105


def school(**kw) -> School:
    kw.setdefault("name", f"Test School {next(_seq)}")
    return School.objects.create(**kw)


def program(school_: School | None = None, code: str = "BE", **kw) -> Program:
    school_ = school_ or school()
    kw.setdefault("name", {"BE": "Back-End", "FE": "Front-End"}.get(code, code))
    return Program.objects.create(school=school_, code=code, **kw)


def cohort(program_: Program | None = None, code: str | None = None, **kw) -> Cohort:
    program_ = program_ or program()
    code = code or f"{2400 + next(_seq) % 99:04d}-{program_.code}"
    return Cohort.objects.create(program=program_, code=code, **kw)


def term(school_: School | None = None, start_date: dt.date | None = None, **kw) -> Term:
    school_ = school_ or school()
    n = next(_seq)
    kw.setdefault("name", f"Term {n}")
    start_date = start_date or dt.date(2026, 11, 30) + dt.timedelta(weeks=7 * n)
    return Term.objects.create(school=school_, start_date=start_date, **kw)


def staff(school_: School, **kw) -> User:
    n = next(_seq)
    kw.setdefault("email", f"staff{n}@example.edu")
    kw.setdefault("first_name", "Sam")
    kw.setdefault("last_name", f"Staff{n}")
    return User.objects.create_user(password=PASSWORD, role=Role.STAFF, school=school_, **kw)


def student(school_: School, *, opt_in: bool = False, profile: dict | None = None, **kw) -> User:
    n = next(_seq)
    kw.setdefault("email", f"student{n}@example.edu")
    kw.setdefault("first_name", "Ana")
    kw.setdefault("last_name", f"Student{n}")
    user = User.objects.create_user(password=PASSWORD, role=Role.STUDENT, school=school_, **kw)
    StudentProfile.objects.create(user=user, less_represented_opt_in=opt_in, **(profile or {}))
    return user


def volunteer(school_: School, **kw) -> User:
    n = next(_seq)
    kw.setdefault("email", f"volunteer{n}@example.com")
    kw.setdefault("first_name", "Val")
    kw.setdefault("last_name", f"Volunteer{n}")
    user = User.objects.create_user(password=PASSWORD, role=Role.VOLUNTEER, school=school_, **kw)
    VolunteerProfile.objects.create(user=user, company="Acme")
    return user


def enroll(student_: User, term_: Term, cohort_: Cohort, module: int = 4, **kw) -> Enrollment:
    return Enrollment.objects.create(
        student=student_, term=term_, cohort=cohort_, module=module, **kw
    )


def review_slot(term_, held_by: User, starts_at: dt.datetime | None = None, **kw):
    """A document-review slot, three days ahead by default (well before the cut-off)."""
    from django.utils import timezone

    from careerdev.reviews.models import ReviewSlot

    n = next(_seq)
    starts_at = starts_at or timezone.now().replace(microsecond=0) + dt.timedelta(
        days=3, minutes=30 * n
    )
    kw.setdefault("place", "Room 4")
    return ReviewSlot.objects.create(term=term_, held_by=held_by, starts_at=starts_at, **kw)
