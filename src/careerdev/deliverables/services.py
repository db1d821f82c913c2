"""Every write about deliverables: the term's list, staff's exceptions, and
the evidence this app holds itself (exit tickets, custom completions)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from careerdev.audit import services as audit
from careerdev.audit.models import Area
from careerdev.people.models import User
from careerdev.school.models import Cohort, Enrollment, Term

from .models import (
    CUSTOM_KINDS,
    CustomCompletion,
    Deliverable,
    DeliverableKind,
    DeliverableOverride,
    NegotiationExitTicket,
)
from .schedule import DEFAULTS, END_OF_DAY


@transaction.atomic
def ensure_default_deliverables(term: Term) -> list[Deliverable]:
    """The programme's deliverables for a term that has none of a kind yet;
    never touches one staff changed."""
    have = set(term.deliverables.values_list("kind", flat=True))
    Deliverable.objects.bulk_create(
        [
            Deliverable(
                term=term,
                kind=d.kind,
                title=d.title,
                description=d.description,
                due_week=d.week,
                due_weekday=d.weekday,
                due_time=END_OF_DAY,
                modules=d.modules,
                position=i,
            )
            for i, d in enumerate(DEFAULTS)
            if d.kind not in have
        ],
        ignore_conflicts=True,  # two staff opening the page at once
    )
    return list(term.deliverables.all())


def _check_week(term: Term, week: int) -> None:
    if not 1 <= week <= term.school.weeks_in_module:
        raise ValidationError(
            {"due_week": f"Choose a week from 1 to {term.school.weeks_in_module}."}
        )


def _check_modules(modules: str) -> str:
    digits = "".join(sorted(set(modules)))
    if not digits or any(c not in "1234" for c in digits):
        raise ValidationError({"modules": "Choose at least one of Mods 1–4."})
    return digits


@transaction.atomic
def add_custom_deliverable(
    term: Term,
    *,
    title: str,
    kind: str,
    due_week: int,
    due_weekday: int,
    due_time: dt.time,
    modules: str = "4",
    description: str = "",
) -> Deliverable:
    if kind not in CUSTOM_KINDS:
        raise ValidationError({"kind": "A custom deliverable is a link or a tick."})
    title = title.strip()
    if term.deliverables.filter(title__iexact=title).exists():
        raise ValidationError({"title": f"There is already a deliverable called {title}."})
    _check_week(term, due_week)
    position = (term.deliverables.aggregate(m=Max("position"))["m"] or 0) + 1
    deliverable = Deliverable(
        term=term,
        kind=kind,
        title=title,
        description=description.strip(),
        due_week=due_week,
        due_weekday=due_weekday,
        due_time=due_time,
        modules=_check_modules(modules),
        position=position,
    )
    deliverable.full_clean()
    deliverable.save()
    return deliverable


@transaction.atomic
def change_deliverable(
    deliverable: Deliverable,
    *,
    title: str,
    due_week: int,
    due_weekday: int,
    due_time: dt.time,
    modules: str,
    description: str = "",
) -> Deliverable:
    deliverable = Deliverable.objects.select_for_update().get(pk=deliverable.pk)
    title = title.strip()
    term = deliverable.term
    if term.deliverables.filter(title__iexact=title).exclude(pk=deliverable.pk).exists():
        raise ValidationError({"title": f"There is already a deliverable called {title}."})
    _check_week(term, due_week)
    deliverable.title = title
    deliverable.due_week, deliverable.due_weekday, deliverable.due_time = (
        due_week,
        due_weekday,
        due_time,
    )
    deliverable.modules = _check_modules(modules)
    deliverable.description = description.strip()
    deliverable.full_clean()
    deliverable.save()
    return deliverable


@transaction.atomic
def remove_custom_deliverable(deliverable: Deliverable) -> None:
    """Only custom ones go: the programme's own are excused, not deleted."""
    if not deliverable.is_custom:
        raise ValidationError(
            "The programme's deliverables stay; excuse a cohort or a student instead."
        )
    deliverable.delete()


@transaction.atomic
def set_override(
    deliverable: Deliverable,
    *,
    by: User,
    cohort: Cohort | None = None,
    student: User | None = None,
    excused: bool = False,
    due_week: int | None = None,
    due_weekday: int | None = None,
    due_time: dt.time | None = None,
    note: str = "",
) -> DeliverableOverride:
    """Excuse a cohort or a student, or give them their own due moment."""
    if (cohort is None) == (student is None):
        raise ValidationError("Choose a cohort or a student.")
    term = deliverable.term
    if cohort is not None and not Enrollment.objects.filter(term=term, cohort=cohort).exists():
        raise ValidationError({"cohort": "That cohort has no students in this term."})
    if student is not None and not Enrollment.objects.filter(term=term, student=student).exists():
        raise ValidationError({"student": "That student is not enrolled in this term."})
    if not excused:
        if due_week is None or due_weekday is None or due_time is None:
            raise ValidationError("Give the new due week, day and time, or excuse.")
        _check_week(term, due_week)
    else:
        due_week = due_weekday = due_time = None
    earlier = (
        DeliverableOverride.objects.select_for_update()
        .filter(deliverable=deliverable, cohort=cohort, student=student)
        .first()
    )
    before = _exception(earlier) if earlier else None
    override, _ = DeliverableOverride.objects.update_or_create(
        deliverable=deliverable,
        cohort=cohort,
        student=student,
        defaults={
            "excused": excused,
            "due_week": due_week,
            "due_weekday": due_weekday,
            "due_time": due_time,
            "note": note.strip(),
            "changed_by": by,
        },
    )
    _audit_exception(override, by, before=before, after=_exception(override))
    return override


@transaction.atomic
def clear_override(override: DeliverableOverride, *, by: User | None = None) -> None:
    _audit_exception(override, by, before=_exception(override), after=None)
    override.delete()


def _exception(o: DeliverableOverride) -> dict:
    """An exception as the audit trail shows it."""
    if o.excused:
        return {"excused": True, "note": o.note}
    return {
        "due": f"week {o.due_week}, {o.get_due_weekday_display()} {o.due_time:%H:%M}",
        "note": o.note,
    }


def _audit_exception(
    o: DeliverableOverride, by: User | None, *, before: dict | None, after: dict | None
) -> None:
    who = o.student.display_name if o.student_id else o.cohort.code
    verb = "removed the exception of" if after is None else "set an exception for"
    audit.record(
        school_id=o.deliverable.term.school_id,
        by=by,
        area=Area.DELIVERABLES,
        changes=[
            audit.Change(
                action=f"{verb} {who}",
                subject=f"{o.deliverable.title}, {o.deliverable.term.name}",
                student_id=o.student_id,
                before=before,
                after=after,
            )
        ],
    )


@transaction.atomic
def complete_custom(deliverable: Deliverable, student: User, *, link: str = "") -> CustomCompletion:
    """A student's tick, or link, for a custom deliverable."""
    if not deliverable.is_custom:
        raise ValidationError("This deliverable is done through its own page.")
    link = link.strip()
    if deliverable.kind == DeliverableKind.CUSTOM_LINK and not link:
        raise ValidationError({"link": "Paste the link this deliverable asks for."})
    completion = CustomCompletion(
        deliverable=deliverable, student=student, link=link, completed_at=timezone.now()
    )
    completion.full_clean(exclude=["deliverable", "student"], validate_unique=False)
    CustomCompletion.objects.update_or_create(
        deliverable=deliverable,
        student=student,
        defaults={"link": completion.link, "completed_at": completion.completed_at},
    )
    return completion


@transaction.atomic
def undo_custom(deliverable: Deliverable, student: User) -> None:
    CustomCompletion.objects.filter(deliverable=deliverable, student=student).delete()


@transaction.atomic
def submit_exit_ticket(
    student: User, term: Term, *, learned: str, will_ask: str
) -> NegotiationExitTicket:
    learned, will_ask = learned.strip(), will_ask.strip()
    errors = {}
    if not learned:
        errors["learned"] = "Say what you learned."
    if not will_ask:
        errors["will_ask"] = "Say what you will ask for."
    if errors:
        raise ValidationError(errors)
    ticket, _ = NegotiationExitTicket.objects.update_or_create(
        term=term,
        student=student,
        defaults={"learned": learned, "will_ask": will_ask, "submitted_at": timezone.now()},
    )
    ticket.full_clean()
    return ticket
