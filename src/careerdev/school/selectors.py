"""Reads the school pages need, each with its joins done up front so a page's
query count does not grow with the number of students."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from careerdev.ids import as_id
from careerdev.people.models import User

from .models import Cohort, Enrollment, School, Term


def today_in(school: School) -> dt.date:
    return timezone.now().astimezone(school.zone).date()


def current_term(school: School, on: dt.date | None = None) -> Term | None:
    """The term running on `on` (today in the school's zone by default); when
    none is running, the most recent one that has started, else the next."""
    on = on or today_in(school)
    terms = list(Term.objects.filter(school=school).select_related("school"))
    running = [t for t in terms if t.start_date <= on <= t.end_date]
    if running:
        return max(running, key=lambda t: t.start_date)
    started = [t for t in terms if t.start_date <= on]
    if started:
        return max(started, key=lambda t: t.start_date)
    return min(terms, key=lambda t: t.start_date) if terms else None


def chosen_term(school: School, term_id: str) -> Term | None:
    """The term a staff page was asked for (`?term=<id>`), else the current one."""
    term_pk = as_id(term_id)
    if term_pk is not None:
        return get_object_or_404(Term.objects.select_related("school"), pk=term_pk, school=school)
    return current_term(school)


def find_term(school: School, name_or_date: str) -> Term | None:
    """A term by its name (any case) or its start date (YYYY-MM-DD)."""
    terms = Term.objects.filter(school=school).select_related("school")
    try:
        start = dt.date.fromisoformat(name_or_date)
    except ValueError:
        return terms.filter(name__iexact=name_or_date.strip()).first()
    return terms.filter(start_date=start).first()


@dataclass
class CohortCount:
    cohort: Cohort
    students: int
    repeating: int


@dataclass
class ModuleRow:
    module: int
    cohorts: list[CohortCount] = field(default_factory=list)

    @property
    def students(self) -> int:
        return sum(c.students for c in self.cohorts)

    @property
    def repeating(self) -> int:
        return sum(c.repeating for c in self.cohorts)


@dataclass
class TermOverview:
    term: Term
    modules: list[ModuleRow]
    repeaters: list[Enrollment]

    @property
    def students(self) -> int:
        return sum(m.students for m in self.modules)


def term_overview(term: Term) -> TermOverview:
    """Cohorts by module with their counts, and the list of repeating students."""
    rows = (
        Enrollment.objects.filter(term=term)
        .values("module", "cohort")
        .annotate(students=Count("id"), repeating=Count("id", filter=Q(repeating=True)))
        .order_by("-module")
    )
    cohorts = Cohort.objects.select_related("program").in_bulk({r["cohort"] for r in rows})
    modules: dict[int, ModuleRow] = {m: ModuleRow(m) for m in (4, 3, 2, 1)}
    for r in rows:
        modules[r["module"]].cohorts.append(
            CohortCount(cohorts[r["cohort"]], r["students"], r["repeating"])
        )
    for row in modules.values():
        row.cohorts.sort(key=lambda c: c.cohort.code)
    repeaters = list(
        Enrollment.objects.filter(term=term, repeating=True)
        .select_related("student__student_profile", "cohort")
        .order_by("-module", "cohort__code", "student__last_name")
    )
    return TermOverview(term, list(modules.values()), repeaters)


def cohort_roster(cohort: Cohort, term: Term) -> QuerySet[Enrollment]:
    """The cohort's students in `term`, with their profiles."""
    return (
        Enrollment.objects.filter(cohort=cohort, term=term)
        .select_related("student__student_profile")
        .order_by("student__last_name", "student__first_name", "student__email")
    )


@dataclass(frozen=True, slots=True)
class Enrolled:
    """A student's place in a term, as plain values."""

    cohort_id: int
    cohort: str  # its code
    program: str  # its code
    module: int
    repeating: bool


def enrolled_in(term: Term) -> dict[int, Enrolled]:
    """Every student of the term by id, in one query: what pages that show
    many students (group-mates) share, kept per worker (school/shared.py)."""
    rows = Enrollment.objects.filter(term=term).values_list(
        "student_id", "cohort_id", "cohort__code", "cohort__program__code", "module", "repeating"
    )
    return {sid: Enrolled(*rest) for sid, *rest in rows}


def enrollment_of(student: User, term: Term | None) -> Enrollment | None:
    if term is None:
        return None
    return (
        Enrollment.objects.filter(student=student, term=term)
        .select_related("cohort__program", "term__school")
        .first()
    )


def enrollments_of(student: User) -> QuerySet[Enrollment]:
    """Every module the student has sat, most recent first."""
    return (
        Enrollment.objects.filter(student=student)
        .select_related("cohort__program", "term")
        .order_by("-term__start_date")
    )


def school_of(user) -> School | None:
    """The school a signed-in person belongs to; for anyone else (a visitor
    on the sign-in page, a superuser with no school) the school when there is
    exactly one."""
    if getattr(user, "is_authenticated", False) and user.school_id:
        return user.school
    schools = list(School.objects.all()[:2])
    return schools[0] if len(schools) == 1 else None
