"""Reading repeat plans: a student's, with the proposal from their first
Mod 4 self-evaluation; the staff list with each plan's status."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from careerdev.deliverables.selectors import Cell, student_progress
from careerdev.people.models import User
from careerdev.school.models import Term
from careerdev.selfevaluation.models import Competency, CompetencyRating, SelfEvaluation
from careerdev.selfevaluation.selectors import earlier_mod4_evaluation

from .models import CheckIn, MeetingSlot, RepeatGoal, RepeatPlan


class PlanStatus(enum.StrEnum):
    NO_MEETING = "no_meeting"
    MEETING_BOOKED = "meeting_booked"
    GOALS_SET = "goals_set"
    ON_TRACK = "on_track"
    BEHIND = "behind"

    @property
    def label(self) -> str:
        return {
            "no_meeting": "No meeting yet",
            "meeting_booked": "Meeting booked",
            "goals_set": "Goals set",
            "on_track": "On track",
            "behind": "Behind",
        }[self.value]


def plan_status(plan: RepeatPlan, current_week: int | None) -> PlanStatus:
    """Behind: a goal past its target week not achieved, or the latest
    check-in on any open goal says off track. Goals and check-ins prefetched."""
    goals = list(plan.goals.all())
    if not goals:
        return PlanStatus.MEETING_BOOKED if plan.meeting_at else PlanStatus.NO_MEETING
    checked = False
    for goal in goals:
        if goal.achieved_at:
            continue
        if current_week is not None and goal.target_week < current_week:
            return PlanStatus.BEHIND
        latest = next(iter(goal.check_ins.all()), None)  # newest first
        if latest is not None:
            checked = True
            if not latest.on_track:
                return PlanStatus.BEHIND
    achieved = all(g.achieved_at for g in goals)
    return PlanStatus.ON_TRACK if checked or achieved else PlanStatus.GOALS_SET


@dataclass(frozen=True)
class Proposal:
    """The competencies to focus on, lowest-rated first, from the earlier self-evaluation."""

    evaluation: SelfEvaluation | None
    ratings: list[CompetencyRating]


def proposal(student: User, term: Term) -> Proposal:
    earlier = earlier_mod4_evaluation(student, term)
    if earlier is None:
        return Proposal(None, [])
    order = list(Competency.values)
    ratings = sorted(earlier.ratings.all(), key=lambda r: (r.grade, order.index(r.competency)))
    return Proposal(earlier, ratings)


def earlier_record(evaluation: SelfEvaluation | None, student: User) -> list[Cell]:
    """Their deliverables from the first time through Mod 4."""
    if evaluation is None:
        return []
    return student_progress(student, evaluation.term)


def _with_goals():
    return Prefetch(
        "goals",
        queryset=RepeatGoal.objects.prefetch_related(
            Prefetch("check_ins", queryset=CheckIn.objects.order_by("-at"))
        ),
    )


def plan_of(student: User, term: Term) -> RepeatPlan | None:
    return (
        RepeatPlan.objects.filter(student=student, term=term)
        .select_related("meeting_with", "term__school")
        .prefetch_related(_with_goals())
        .first()
    )


@dataclass(frozen=True)
class PlanRow:
    plan: RepeatPlan
    status: PlanStatus


def term_plans(term: Term, now: dt.datetime | None = None) -> list[PlanRow]:
    """Every repeater's plan with its status, in a fixed number of queries."""
    now = now or timezone.now()
    week = term.week_number_on(now.astimezone(term.school.zone).date())
    plans = (
        RepeatPlan.objects.filter(term=term)
        .select_related("student__student_profile", "meeting_with")
        .prefetch_related(_with_goals())
        .order_by("student__last_name", "student__first_name")
    )
    return [PlanRow(p, plan_status(p, week)) for p in plans]


def free_meeting_slots(term: Term, now: dt.datetime | None = None) -> list[MeetingSlot]:
    """Staff's meeting times still to come that no plan has booked."""
    now = now or timezone.now()
    return list(
        MeetingSlot.objects.filter(term=term, starts_at__gt=now, plan__isnull=True)
        .select_related("held_by__student_profile")
        .order_by("starts_at")
    )
