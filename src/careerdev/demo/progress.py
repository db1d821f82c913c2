"""The demo term's deliverables, with some students already under way: exit
tickets and self-evaluations from part of the body, so the progress matrix
shows a spread rather than a wall of "not started"."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from careerdev.deliverables.models import NegotiationExitTicket
from careerdev.deliverables.services import ensure_default_deliverables
from careerdev.school.models import Term
from careerdev.selfevaluation.models import Competency, CompetencyRating, SelfEvaluation

EXIT_TICKET_SHARE = 0.4  # of Mod 4 students
SELF_EVALUATION_SHARE = 0.25  # of everyone


def seed_demo_progress(term: Term, rng: random.Random) -> None:
    ensure_default_deliverables(term)
    now = timezone.now()
    enrollments = list(term.enrollments.select_related("student"))
    NegotiationExitTicket.objects.bulk_create(
        NegotiationExitTicket(
            term=term,
            student=e.student,
            learned="Ask for the range first, and take a day before answering.",
            will_ask="A higher base and a later start date.",
            submitted_at=now - dt.timedelta(hours=rng.randrange(1, 72)),
        )
        for e in enrollments
        if e.module == 4 and rng.random() < EXIT_TICKET_SHARE
    )
    chosen = [e for e in enrollments if rng.random() < SELF_EVALUATION_SHARE]
    evaluations = SelfEvaluation.objects.bulk_create(
        SelfEvaluation(student=e.student, term=term, module=e.module, submitted_at=now)
        for e in chosen
    )
    CompetencyRating.objects.bulk_create(
        CompetencyRating(
            evaluation=evaluation,
            competency=competency,
            grade=min(4, max(1, e.module - 1 + rng.choice((0, 0, 1, -1)))),
            evidence="",
        )
        for evaluation, e in zip(evaluations, chosen, strict=True)
        for competency in Competency.values
    )
