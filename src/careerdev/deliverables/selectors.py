"""Reading progress: the staff matrix of every student × deliverable, and one
student's own list. Statuses are derived here, from evidence, in a number of
queries that depends on the deliverables, never on the students."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone

from careerdev.people.models import Role, User
from careerdev.portfolios import selectors as portfolios
from careerdev.school.models import Cohort, Enrollment, Term
from careerdev.school.selectors import Enrolled

from .evidence import evidence_for
from .models import Deliverable, DeliverableKind, DeliverableOverride
from .schedule import due_at
from .status import NOTHING, Evidence, Status, derive, needs_help


@dataclass(frozen=True)
class Cell:
    deliverable: Deliverable
    status: Status
    due: dt.datetime
    evidence: Evidence
    needs_help: bool
    note: str = ""  # staff's note on an override (excused, moved)


@dataclass(frozen=True, slots=True)
class MatrixStudent:
    """What a matrix row shows of a student: read as plain values, since
    building 5,000 model instances would cost more than the whole matrix."""

    student_id: int
    name: str
    email: str
    cohort_id: int
    cohort: str
    program: str
    module: int
    repeating: bool


@dataclass
class Row:
    student: MatrixStudent
    cells: list[Cell | None]  # None where the deliverable is not for the student's module

    @property
    def needs_help(self) -> bool:
        return any(c and c.needs_help for c in self.cells)

    @property
    def overdue(self) -> int:
        return sum(1 for c in self.cells if c and c.status == Status.OVERDUE)


@dataclass
class Matrix:
    term: Term
    deliverables: list[Deliverable]
    rows: list[Row]
    counts: dict[int, Counter] = field(default_factory=dict)  # deliverable id → statuses

    @property
    def needing_help(self) -> int:
        return sum(1 for r in self.rows if r.needs_help)


class _Overrides:
    """Staff's exceptions for a term, looked up per student: theirs, else their cohort's."""

    def __init__(self, deliverables: list[Deliverable]):
        self.by_student: dict[tuple[int, int], DeliverableOverride] = {}
        self.by_cohort: dict[tuple[int, int], DeliverableOverride] = {}
        for o in DeliverableOverride.objects.filter(deliverable__in=deliverables):
            if o.student_id:
                self.by_student[o.deliverable_id, o.student_id] = o
            else:
                self.by_cohort[o.deliverable_id, o.cohort_id] = o

    def get(self, deliverable: Deliverable, student_id: int, cohort_id: int):
        if not (self.by_student or self.by_cohort):
            return None
        return self.by_student.get((deliverable.pk, student_id)) or self.by_cohort.get(
            (deliverable.pk, cohort_id)
        )


def _due(deliverable: Deliverable, override: DeliverableOverride | None) -> dt.datetime:
    if override and not override.excused:
        return due_at(deliverable.term, override.due_week, override.due_weekday, override.due_time)
    return due_at(
        deliverable.term, deliverable.due_week, deliverable.due_weekday, deliverable.due_time
    )


def _cell(
    deliverable: Deliverable,
    evidence: Evidence,
    override: DeliverableOverride | None,
    now: dt.datetime,
    due: dt.datetime | None = None,
) -> Cell:
    """`due`: the deliverable's own due moment, computed once per column;
    an override's is computed here."""
    if due is None or override is not None:
        due = _due(deliverable, override)
    excused = bool(override and override.excused)
    status = derive(evidence, due, now, excused=excused)
    return Cell(
        deliverable,
        status,
        due,
        evidence,
        needs_help(status, due, now),
        note=override.note if override else "",
    )


def term_deliverables(term: Term) -> list[Deliverable]:
    deliverables = list(Deliverable.objects.filter(term=term))
    for d in deliverables:
        d.term = term  # the caller's, school and all: no join, one object
    return deliverables


@dataclass(frozen=True)
class TermDeliverables:
    """A term's deliverables and staff's exceptions: the same for each of its
    students, so a worker keeps them for students' pages (school/shared.py)."""

    deliverables: list[Deliverable]
    overrides: _Overrides


def term_deliverables_and_exceptions(term: Term) -> TermDeliverables:
    deliverables = term_deliverables(term)
    return TermDeliverables(deliverables, _Overrides(deliverables))


def progress_matrix(
    term: Term,
    *,
    cohort: Cohort | None = None,
    program_code: str = "",
    repeating: bool | None = None,
    only_needing_help: bool = False,
    now: dt.datetime | None = None,
) -> Matrix:
    now = now or timezone.now()
    deliverables = term_deliverables(term)
    enrollments = Enrollment.objects.filter(term=term)
    if cohort is not None:
        enrollments = enrollments.filter(cohort=cohort)
    if program_code:
        enrollments = enrollments.filter(cohort__program__code=program_code)
    if repeating is not None:
        enrollments = enrollments.filter(repeating=repeating)
    values = enrollments.order_by(
        "cohort__code", "student__last_name", "student__first_name"
    ).values_list(
        "student_id",
        "student__first_name",
        "student__last_name",
        "student__email",
        "student__role",
        "student__student_profile__preferred_name",
        "cohort_id",
        "cohort__code",
        "cohort__program__code",
        "module",
        "repeating",
    )
    rows = []
    for sid, first, last, email, role, preferred, cid, code, program, module, rep in values:
        # As User.display_name: the preferred name for a student, then first.
        name = f"{(preferred if role == Role.STUDENT else '') or first} {last}".strip()
        rows.append(
            Row(MatrixStudent(sid, name or email, email, cid, code, program, module, rep), [])
        )
    overrides = _Overrides(deliverables)
    counts: dict[int, Counter] = {}
    shared: dict = {}
    for d in deliverables:
        applies = [d.applies_to(r.student.module) for r in rows]
        evidence = evidence_for(
            d, [r.student.student_id for r, a in zip(rows, applies, strict=True) if a], shared
        )
        due = _due(d, None)
        counts[d.pk] = Counter()
        for r, a in zip(rows, applies, strict=True):
            if not a:
                r.cells.append(None)
                continue
            st = r.student
            cell = _cell(
                d,
                evidence.get(st.student_id, NOTHING),
                overrides.get(d, st.student_id, st.cohort_id),
                now,
                due,
            )
            r.cells.append(cell)
            counts[d.pk][cell.status] += 1
    if only_needing_help:
        rows = [r for r in rows if r.needs_help]
    return Matrix(term, deliverables, rows, counts)


def student_progress(
    student: User,
    term: Term,
    *,
    now: dt.datetime | None = None,
    enrollment: Enrollment | Enrolled | None = None,
    rules: TermDeliverables | None = None,
) -> list[Cell]:
    """One student's deliverables for the term, with status and due moment.
    `enrollment`: theirs in `term`, and `rules`: the term's deliverables and
    exceptions, when the caller has already read them."""
    now = now or timezone.now()
    e = enrollment or Enrollment.objects.filter(term=term, student=student).first()
    if e is None:
        return []
    rules = rules or term_deliverables_and_exceptions(term)
    deliverables = [d for d in rules.deliverables if d.applies_to(e.module)]
    overrides = rules.overrides
    shared: dict = {}
    return [
        _cell(
            d,
            evidence_for(d, [student.pk], shared).get(student.pk, NOTHING),
            overrides.get(d, student.pk, e.cohort_id),
            now,
        )
        for d in deliverables
    ]


def still_to_do(
    student: User,
    term: Term,
    *,
    now: dt.datetime | None = None,
    enrollment: Enrollment | Enrolled | None = None,
    rules: TermDeliverables | None = None,
) -> list[Cell]:
    """What the student has not done yet, overdue first, then by due moment."""
    open_ = [
        c
        for c in student_progress(student, term, now=now, enrollment=enrollment, rules=rules)
        if c.status in (Status.OVERDUE, Status.IN_PROGRESS, Status.NOT_STARTED)
    ]
    return sorted(open_, key=lambda c: (c.status != Status.OVERDUE, c.due))


def what_is_missing(student: User, cells: list[Cell]) -> dict[str, list[str]]:
    """For the student's own list: what each open deliverable still needs, where
    careerdev can tell (the portfolio's checklist; the five steps)."""
    missing: dict[str, list[str]] = {}
    open_kinds = {
        c.deliverable.kind for c in cells if c.status not in (Status.DONE, Status.EXCUSED)
    }
    if open_kinds & {DeliverableKind.PORTFOLIO_REVIEW, DeliverableKind.PORTFOLIO_PUBLISHED}:
        needed = portfolios.missing_for_review(portfolios.portfolio_of(student))
        for kind in (DeliverableKind.PORTFOLIO_REVIEW, DeliverableKind.PORTFOLIO_PUBLISHED):
            if kind in open_kinds and needed:
                missing[kind] = needed
    return missing
