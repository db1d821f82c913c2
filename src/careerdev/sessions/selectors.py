"""Reads about sessions and attendance, each in a fixed number of queries.

For other parts of careerdev: `sessions_for(student, term)` (the sessions a
student has, with their aware times, for calendar feeds) and
`attendance_rate(student, term, weeks)` / `attendance_rates(term, weeks)`
(present ÷ sessions that counted, for early graduation).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from careerdev.people.models import User
from careerdev.school.models import Cohort, Enrollment, Term

from .models import OPTIONAL_FOR_REPEATERS, Attendance, Session, SessionKind


def term_cohorts(term: Term) -> list[Cohort]:
    """The cohorts with students in `term`."""
    return list(
        Cohort.objects.filter(enrollments__term=term)
        .select_related("program")
        .distinct()
        .order_by("code")
    )


def _with_audience(sessions: QuerySet[Session], speakers: bool = True) -> QuerySet[Session]:
    sessions = sessions.prefetch_related(
        Prefetch("cohorts", queryset=Cohort.objects.order_by("code")), "drops__cohort"
    )
    return sessions.prefetch_related("speakers") if speakers else sessions


def cohort_ids_of(session: Session, all_cohort_ids: Iterable[int]) -> set[int]:
    """Which of the term's cohorts `session` applies to (needs _with_audience
    or costs two queries)."""
    chosen = set(all_cohort_ids) if session.all_cohorts else {c.pk for c in session.cohorts.all()}
    return chosen - {d.cohort_id for d in session.drops.all()}


@dataclass
class ScheduledSession:
    session: Session
    cohorts: list[Cohort]
    dropped: list[Cohort]
    taken: int
    present: int


def term_schedule(term: Term, cohort: Cohort | None = None) -> list[ScheduledSession]:
    """The term's sessions in order, each with the cohorts it applies to and
    its attendance counts; only those for `cohort` when given."""
    cohorts = term_cohorts(term)
    by_id = {c.pk: c for c in cohorts}
    sessions = _with_audience(
        Session.objects.filter(term=term).annotate(
            taken=Count("attendance"),
            present_count=Count("attendance", filter=Q(attendance__present=True)),
        )
    )
    rows = []
    for s in sessions:
        ids = cohort_ids_of(s, by_id)
        if cohort is not None and cohort.pk not in ids:
            continue
        rows.append(
            ScheduledSession(
                session=s,
                cohorts=[by_id[i] for i in sorted(ids, key=lambda i: by_id[i].code) if i in by_id],
                dropped=[d.cohort for d in s.drops.all()],
                taken=s.taken,
                present=s.present_count,
            )
        )
    return rows


def session_in(term_or_school, pk: int) -> Session:
    """A session of the given school, with its term and audience (404 otherwise)."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        _with_audience(Session.objects.select_related("term__school")),
        pk=pk,
        term__school=term_or_school,
    )


@dataclass
class SheetRow:
    enrollment: Enrollment
    present: bool | None  # None: not taken yet
    optional: bool

    @property
    def student(self) -> User:
        return self.enrollment.student


def attendance_sheet(session: Session) -> list[SheetRow]:
    """Every student the session applies to, with what was recorded."""
    all_ids = Enrollment.objects.filter(term=session.term).values_list("cohort_id", flat=True)
    cohort_ids = cohort_ids_of(session, set(all_ids))
    enrollments = (
        Enrollment.objects.filter(term=session.term, cohort_id__in=cohort_ids)
        .select_related("student__student_profile", "cohort")
        .order_by("cohort__code", "student__last_name", "student__first_name", "student__email")
    )
    recorded = dict(session.attendance.values_list("student_id", "present"))
    return [
        SheetRow(
            enrollment=e,
            present=recorded.get(e.student_id),
            optional=e.repeating and session.optional_for_repeaters,
        )
        for e in enrollments
    ]


def sessions_for(student: User, term: Term) -> list[Session]:
    """The sessions that apply to `student` in `term`, in order, with aware
    `starts_at`/`ends_at`; each carries `optional` (True where the student
    repeats the module and need not attend)."""
    enrollment = Enrollment.objects.filter(student=student, term=term).first()
    if enrollment is None:
        return []
    sessions = list(
        Session.objects.filter(term=term)
        .filter(Q(all_cohorts=True) | Q(cohorts=enrollment.cohort_id))
        .exclude(drops__cohort=enrollment.cohort_id)
        .distinct()
        .select_related("term__school")
        .prefetch_related("speakers")
        .order_by("starts_at", "title")
    )
    for s in sessions:
        s.optional = enrollment.repeating and s.optional_for_repeaters
    return sessions


def upcoming_sessions_for(
    student: User, term: Term, now: dt.datetime | None = None
) -> list[Session]:
    now = now or timezone.now()
    return [s for s in sessions_for(student, term) if s.ends_at > now]


def _counted(term: Term, weeks: Iterable[int]) -> QuerySet[Attendance]:
    """Attendance rows that count towards a rate: the term's sessions in
    `weeks`, less those optional for a repeating student."""
    repeating = Enrollment.objects.filter(student=OuterRef("student"), term=term, repeating=True)
    return (
        Attendance.objects.filter(session__term=term, session__week__in=list(weeks))
        .alias(repeater=Exists(repeating))
        .exclude(repeater=True, session__kind__in=OPTIONAL_FOR_REPEATERS)
    )


def attendance_rates(term: Term, weeks: Iterable[int] = range(1, 4)) -> dict[int, float]:
    """Student id → present ÷ sessions that counted, in `weeks`, for every
    student with at least one session that counted (one query)."""
    rows = (
        _counted(term, weeks)
        .values("student_id")
        .annotate(total=Count("id"), present=Count("id", filter=Q(present=True)))
    )
    return {r["student_id"]: r["present"] / r["total"] for r in rows if r["total"]}


def attendance_rate(student: User, term: Term, weeks: Iterable[int] = range(1, 4)) -> float | None:
    """Present ÷ sessions that counted for `student` in `weeks`; None when no
    session has counted yet (attendance not taken, or only optional ones)."""
    row = (
        _counted(term, weeks)
        .filter(student=student)
        .aggregate(total=Count("id"), present=Count("id", filter=Q(present=True)))
    )
    return row["present"] / row["total"] if row["total"] else None


def cohorts_without_panel(term: Term) -> list[Cohort]:
    """The term's cohorts with no guest speaker or panel in their module run."""
    cohorts = term_cohorts(term)
    ids = {c.pk for c in cohorts}
    covered: set[int] = set()
    for panel in _with_audience(
        Session.objects.filter(term=term, kind=SessionKind.PANEL), speakers=False
    ):
        covered |= cohort_ids_of(panel, ids)
    return [c for c in cohorts if c.pk not in covered]
