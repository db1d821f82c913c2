"""Reading self-evaluations: one student's, or who has submitted."""

from __future__ import annotations

import datetime as dt

from careerdev.people.models import User
from careerdev.school.models import Term

from .models import SelfEvaluation


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


def submitted_at(term: Term) -> dict[int, dt.datetime]:
    """When each student who has submitted this term's self-evaluation did."""
    return dict(SelfEvaluation.objects.filter(term=term).values_list("student_id", "submitted_at"))


def evaluations_of(student: User) -> list[SelfEvaluation]:
    return list(
        SelfEvaluation.objects.filter(student=student)
        .select_related("term")
        .prefetch_related("ratings")
        .order_by("-term__start_date")
    )
