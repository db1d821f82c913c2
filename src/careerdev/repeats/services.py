"""Every write about repeat plans: opening them, the meeting, goals, check-ins."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from careerdev import policies
from careerdev.notifications import notices
from careerdev.people.models import User
from careerdev.school.models import Enrollment, Term
from careerdev.selfevaluation.models import Competency

from .models import CheckIn, MeetingSlot, RepeatGoal, RepeatPlan


def open_plans(term: Term) -> int:
    """A plan for every student repeating Mod 4 in the term who has none;
    returns how many were opened. Safe to call on every visit."""
    repeaters = Enrollment.objects.filter(term=term, module=4, repeating=True).values_list(
        "student_id", flat=True
    )
    have = set(RepeatPlan.objects.filter(term=term).values_list("student_id", flat=True))
    new = [RepeatPlan(student_id=sid, term=term) for sid in repeaters if sid not in have]
    RepeatPlan.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


@transaction.atomic
def set_meeting(
    plan: RepeatPlan, *, at: dt.datetime, with_staff: User, place: str = ""
) -> RepeatPlan:
    """Book the plan's meeting with a member of the school's staff."""
    if not policies.is_staff_of(with_staff, plan.term.school):
        raise ValidationError({"meeting_with": "Choose someone of the Career Development team."})
    term_end = dt.datetime.combine(
        plan.term.end_date, dt.time(23, 59), tzinfo=plan.term.school.zone
    )
    if at > term_end:
        raise ValidationError({"meeting_at": "The meeting must be before the term ends."})
    plan = RepeatPlan.objects.select_for_update().get(pk=plan.pk)
    plan.meeting_at, plan.meeting_with, plan.meeting_place = at, with_staff, place.strip()
    plan.save(update_fields=["meeting_at", "meeting_with", "meeting_place"])
    notices.repeat_meeting_booked(plan)
    return plan


@transaction.atomic
def add_goal(
    plan: RepeatPlan, *, competency: str, action: str, measure: str, target_week: int
) -> RepeatGoal:
    """A specific goal: a competency, what to do, how to know, by which week."""
    errors = {}
    if competency not in Competency.values:
        errors["competency"] = "Choose one of the five competencies."
    if not action.strip():
        errors["action"] = "Say what you will do."
    if not measure.strip():
        errors["measure"] = "Say how you will know it is done."
    weeks = plan.term.school.weeks_in_module
    if not 1 <= target_week <= weeks:
        errors["target_week"] = f"Choose a week from 1 to {weeks}."
    if errors:
        raise ValidationError(errors)
    return RepeatGoal.objects.create(
        plan=plan,
        competency=competency,
        action=action.strip(),
        measure=measure.strip(),
        target_week=target_week,
    )


@transaction.atomic
def check_in(goal: RepeatGoal, *, progress: str, on_track: bool, achieved: bool = False) -> CheckIn:
    """The student records progress on a goal (and, when it is met, says so)."""
    if not progress.strip():
        raise ValidationError({"progress": "Say how it is going."})
    entry = CheckIn.objects.create(
        goal=goal, at=timezone.now(), progress=progress.strip(), on_track=on_track or achieved
    )
    if achieved and goal.achieved_at is None:
        goal.achieved_at = entry.at
        goal.save(update_fields=["achieved_at"])
    return entry


@transaction.atomic
def publish_meeting_slot(
    term: Term, *, held_by: User, starts_at: dt.datetime, place: str = "", length_minutes: int = 30
) -> MeetingSlot:
    """Staff offer a time for repeat-plan meetings."""
    if not policies.is_staff_of(held_by, term.school):
        raise ValidationError({"held_by": "Choose someone of the Career Development team."})
    if starts_at <= timezone.now():
        raise ValidationError({"starts_at": "Choose a time still to come."})
    if MeetingSlot.objects.filter(held_by=held_by, starts_at=starts_at).exists():
        raise ValidationError({"starts_at": f"{held_by.display_name} already offers that time."})
    return MeetingSlot.objects.create(
        term=term,
        held_by=held_by,
        starts_at=starts_at,
        place=place.strip(),
        length_minutes=length_minutes,
    )


class MeetingTaken(ValidationError):
    pass


def book_meeting(plan: RepeatPlan, slot_id: int) -> RepeatPlan:
    """The student books a free slot for their plan's meeting. Two students
    racing for one slot: one gets it, the other a clear message."""
    try:
        with transaction.atomic():
            slot = (
                MeetingSlot.objects.select_for_update()
                .select_related("held_by")
                .filter(pk=slot_id, term=plan.term)
                .first()
            )
            if slot is None or slot.starts_at <= timezone.now():
                raise MeetingTaken("That time is no longer offered. Please choose another.")
            if RepeatPlan.objects.filter(meeting_slot=slot).exclude(pk=plan.pk).exists():
                raise MeetingTaken("Someone has just booked that time. Please choose another.")
            locked = RepeatPlan.objects.select_for_update().get(pk=plan.pk)
            locked.meeting_slot = slot
            locked.meeting_at, locked.meeting_with = slot.starts_at, slot.held_by
            locked.meeting_place = slot.place
            locked.save(
                update_fields=["meeting_slot", "meeting_at", "meeting_with", "meeting_place"]
            )
            notices.repeat_meeting_booked(locked)
            return locked
    except IntegrityError:
        raise MeetingTaken("Someone has just booked that time. Please choose another.") from None
