"""Reads for early graduation: a student's signed offer, each condition met
or not with its reason, and the school's requests for staff."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, IntegerField, QuerySet, Value, When

from careerdev.jobsearch.models import Offer
from careerdev.jobsearch.selectors import offers_of
from careerdev.people.models import User
from careerdev.portfolios.selectors import missing_for_review, portfolio_of
from careerdev.school.models import School, Term
from careerdev.sessions.selectors import attendance_rate

from .models import EarlyGraduationRequest, RequestStatus

# "Over 80% attendance in the first three weeks": strictly more than this.
ATTENDANCE_NEEDED = 0.8
ATTENDANCE_WEEKS = range(1, 4)


@dataclass(frozen=True)
class Condition:
    key: str
    label: str
    met: bool
    detail: str


def signed_offer(student: User) -> Offer | None:
    """The student's most recently signed offer, with its company; None if none is signed."""
    signed = [o for o in offers_of(student) if o.is_signed]
    return max(signed, key=lambda o: (o.decided_on, o.pk)) if signed else None


def attendance_condition(student: User, term: Term) -> Condition:
    rate = attendance_rate(student, term, ATTENDANCE_WEEKS)
    label = "Attendance above 80% in weeks 1–3"
    if rate is None:
        return Condition(
            "attendance", label, False, "No attendance has been taken for weeks 1–3 yet."
        )
    shown = f"{rate * 100:.0f}%"
    if rate > ATTENDANCE_NEEDED:
        return Condition("attendance", label, True, f"{shown} attended.")
    return Condition("attendance", label, False, f"{shown} attended; more than 80% is needed.")


def portfolio_condition(student: User) -> Condition:
    label = "Portfolio complete"
    portfolio = portfolio_of(student)
    if portfolio is not None and portfolio.is_published:
        return Condition("portfolio", label, True, "Published.")
    missing = missing_for_review(portfolio)
    if not missing:
        return Condition("portfolio", label, True, "Everything the checklist asks for is in.")
    return Condition("portfolio", label, False, "Missing: " + ", ".join(missing) + ".")


def conditions_for(request_: EarlyGraduationRequest) -> list[Condition]:
    """The four conditions, in the programme's order, each met or not with why."""
    student, term = request_.student, request_.term
    first_project = Condition(
        "first_project",
        "First project finished",
        request_.first_project_finished,
        "Ticked by staff." if request_.first_project_finished else "Not yet ticked by staff.",
    )
    plan = Condition(
        "plan",
        "30/60/90-day plan submitted",
        request_.plan_submitted,
        "Submitted." if request_.plan_submitted else "Not submitted yet.",
    )
    return [
        attendance_condition(student, term),
        first_project,
        portfolio_condition(student),
        plan,
    ]


def unmet(conditions: list[Condition]) -> list[Condition]:
    return [c for c in conditions if not c.met]


def _with_relations(qs: QuerySet[EarlyGraduationRequest]) -> QuerySet[EarlyGraduationRequest]:
    return qs.select_related(
        "student",
        "term__school",
        "offer__application__company",
        "decided_by",
        "first_project_ticked_by",
    )


def requests_of(student: User, term: Term | None) -> list[EarlyGraduationRequest]:
    """The student's requests for `term`, newest first."""
    if term is None:
        return []
    return list(_with_relations(EarlyGraduationRequest.objects.filter(student=student, term=term)))


def open_request(student: User, term: Term | None) -> EarlyGraduationRequest | None:
    if term is None:
        return None
    return _with_relations(
        EarlyGraduationRequest.objects.filter(
            student=student, term=term, status=RequestStatus.PENDING
        )
    ).first()


def request_by_id(pk: int) -> EarlyGraduationRequest | None:
    return _with_relations(EarlyGraduationRequest.objects.filter(pk=pk)).first()


def requests_for_school(school: School) -> list[EarlyGraduationRequest]:
    """Every request in the school, pending first, then newest first."""
    pending_first = Case(
        When(status=RequestStatus.PENDING, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return list(
        _with_relations(EarlyGraduationRequest.objects.filter(term__school=school)).order_by(
            pending_first, "-created_at", "-pk"
        )
    )
