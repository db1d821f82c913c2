"""Sessions for tests, at a week and hour of the term in the school's zone."""

from __future__ import annotations

import datetime as dt

from careerdev.school.models import Cohort, Term
from careerdev.sessions import services
from careerdev.sessions.models import Attendance, Session, SessionKind


def session(
    term: Term,
    *,
    week: int = 1,
    weekday: int = 2,
    kind: str = SessionKind.WORKSHOP,
    title: str | None = None,
    start: dt.time = dt.time(13, 0),
    end: dt.time = dt.time(14, 0),
    cohorts: list[Cohort] = (),
    **kw,
) -> Session:
    if kind == SessionKind.PANEL:
        kw.setdefault("topic", "alumni")
    return services.add_session(
        term,
        kind=kind,
        title=title or f"{SessionKind(kind).label} · week {week}",
        date=term.week(week).starts_on + dt.timedelta(days=weekday),
        start_time=start,
        end_time=end,
        cohorts=cohorts,
        **kw,
    )


def attended(session_: Session, student, present: bool = True) -> Attendance:
    return Attendance.objects.create(session=session_, student=student, present=present)
