"""Reading self-evaluations: one student's, or who has submitted."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

from careerdev.people.models import User
from careerdev.school.models import Term

from .models import Competency, CompetencyRating, Grade, SelfEvaluation


def evaluation_of(student: User, term: Term) -> SelfEvaluation | None:
    return (
        SelfEvaluation.objects.filter(student=student, term=term)
        .prefetch_related("ratings")
        .first()
    )


def earlier_mod4_evaluation(student: User, term: Term) -> SelfEvaluation | None:
    """The student's self-evaluation from their first time through Mod 4:
    what a repeat plan starts from."""
    return (
        SelfEvaluation.objects.filter(
            student=student, module=4, term__start_date__lt=term.start_date
        )
        .order_by("term__start_date")
        .prefetch_related("ratings")
        .first()
    )


def submitted_at(term: Term, students: Collection[int] | None = None) -> dict[int, dt.datetime]:
    """When each student who has submitted this term's self-evaluation did:
    every such student, or only those of `students` when given."""
    evaluations = SelfEvaluation.objects.filter(term=term)
    if students is not None:
        evaluations = evaluations.filter(student_id__in=students)
    return dict(evaluations.values_list("student_id", "submitted_at"))


def evaluations_of(student: User) -> list[SelfEvaluation]:
    return list(
        SelfEvaluation.objects.filter(student=student)
        .select_related("term")
        .prefetch_related("ratings")
        .order_by("-term__start_date")
    )


@dataclass(frozen=True)
class GradeShare:
    grade: int
    label: str
    count: int
    percent: float


@dataclass(frozen=True)
class CompetencyDistribution:
    competency: str
    label: str
    shares: list[GradeShare]
    answered: int


def cohort_distribution(term: Term, cohort_id: int | None) -> list[CompetencyDistribution]:
    """How a cohort (or the whole term) rated itself, per competency: the
    count and share of each grade. One query."""
    ratings = CompetencyRating.objects.filter(evaluation__term=term)
    if cohort_id is not None:
        ratings = ratings.filter(
            evaluation__student__enrollments__term=term,
            evaluation__student__enrollments__cohort_id=cohort_id,
        )
    counts = Counter(ratings.values_list("competency", "grade"))
    out = []
    for competency in Competency:
        answered = sum(counts[competency.value, g] for g in Grade.values)
        shares = [
            GradeShare(
                g.value,
                g.label,
                counts[competency.value, g.value],
                100 * counts[competency.value, g.value] / answered if answered else 0.0,
            )
            for g in Grade
        ]
        out.append(CompetencyDistribution(competency.value, competency.label, shares, answered))
    return out
