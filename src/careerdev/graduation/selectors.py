"""Reads for early graduation: a student's signed offer, each condition met
or not with its reason, and the school's requests for staff."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, IntegerField, QuerySet, Value, When

from careerdev.jobsearch.models import Offer
from careerdev.jobsearch.selectors import offers_of
from careerdev.people.models import User
from careerdev.portfolios.models import Portfolio
from careerdev.portfolios.selectors import missing_for_review, portfolio_of
from careerdev.school.models import School, Term
from careerdev.sessions.selectors import attendance_rate, attendance_rates

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


def attendance_condition(rate: float | None) -> Condition:
    """Attendance over 80% in weeks 1–3; no session counted yet is not met."""
    label = "Attendance above 80% in weeks 1–3"
    if rate is None:
        return Condition(
            "attendance", label, False, "No attendance has been taken for weeks 1–3 yet."
        )
    shown = f"{rate * 100:.0f}%"
    if rate > ATTENDANCE_NEEDED:
        return Condition("attendance", label, True, f"{shown} attended.")
    return Condition("attendance", label, False, f"{shown} attended; more than 80% is needed.")


def portfolio_condition(portfolio: Portfolio | None) -> Condition:
    """Published, or everything the publication checklist asks for is in."""
    label = "Portfolio complete"
    if portfolio is not None and portfolio.is_published:
        return Condition("portfolio", label, True, "Published.")
    missing = missing_for_review(portfolio)
    if not missing:
        return Condition("portfolio", label, True, "Everything the checklist asks for is in.")
    return Condition("portfolio", label, False, "Missing: " + ", ".join(missing) + ".")


def _conditions(
    request_: EarlyGraduationRequest, rate: float | None, portfolio: Portfolio | None
) -> list[Condition]:
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
    return [attendance_condition(rate), first_project, portfolio_condition(portfolio), plan]


def conditions_for(request_: EarlyGraduationRequest) -> list[Condition]:
    """The four conditions, in the programme's order, each met or not with why."""
    student = request_.student
    return _conditions(
        request_,
        attendance_rate(student, request_.term, ATTENDANCE_WEEKS),
        portfolio_of(student),
    )


def unmet(conditions: list[Condition]) -> list[Condition]:
    return [c for c in conditions if not c.met]


def _with_relations(qs: QuerySet[EarlyGraduationRequest]) -> QuerySet[EarlyGraduationRequest]:
    return qs.select_related(
        "student__student_profile",
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


@dataclass(frozen=True)
class RequestRow:
    request: EarlyGraduationRequest
    conditions: list[Condition]

    @property
    def all_met(self) -> bool:
        return not unmet(self.conditions)


def requests_for_school(school: School) -> list[RequestRow]:
    """Every request in the school, pending first, then newest first, each
    with its conditions: a fixed number of queries (one more per term)."""
    pending_first = Case(
        When(status=RequestStatus.PENDING, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    requests = list(
        _with_relations(EarlyGraduationRequest.objects.filter(term__school=school)).order_by(
            pending_first, "-created_at", "-pk"
        )
    )
    rates = {
        term_id: attendance_rates(term, ATTENDANCE_WEEKS)
        for term_id, term in {r.term_id: r.term for r in requests}.items()
    }
    portfolios = {
        p.student_id: p
        for p in Portfolio.objects.filter(
            student_id__in={r.student_id for r in requests}
        ).prefetch_related("projects__screenshots")
    }
    return [
        RequestRow(
            r,
            _conditions(r, rates[r.term_id].get(r.student_id), portfolios.get(r.student_id)),
        )
        for r in requests
    ]
