"""Submitting a self-evaluation: all five competencies, each graded."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from careerdev.people.models import User
from careerdev.school.models import Enrollment, Term

from .models import Competency, CompetencyRating, Grade, SelfEvaluation


@transaction.atomic
def submit_self_evaluation(
    student: User, term: Term, ratings: dict[str, tuple[int, str]]
) -> SelfEvaluation:
    """Store (or replace) the student's self-evaluation for the term.
    `ratings` maps each competency to (grade 1–4, evidence)."""
    enrollment = Enrollment.objects.filter(student=student, term=term).first()
    if enrollment is None:
        raise ValidationError("You are not enrolled in this term.")
    errors = {}
    for competency in Competency:
        grade, _ = ratings.get(competency.value, (None, ""))
        if grade not in Grade.values:
            errors[competency.value] = f"Grade yourself on {competency.label}."
    unknown = set(ratings) - set(Competency.values)
    if unknown:
        errors["__all__"] = f"Unknown competencies: {', '.join(sorted(unknown))}."
    if errors:
        raise ValidationError(errors)
    evaluation, _ = SelfEvaluation.objects.update_or_create(
        student=student,
        term=term,
        defaults={"module": enrollment.module, "submitted_at": timezone.now()},
    )
    evaluation.ratings.all().delete()
    CompetencyRating.objects.bulk_create(
        CompetencyRating(
            evaluation=evaluation,
            competency=competency,
            grade=ratings[competency][0],
            evidence=ratings[competency][1].strip()[:2000],
        )
        for competency in Competency.values
    )
    return evaluation
