"""Every write for early graduation, each in one transaction. A refusal is a
ValidationError naming the field it is about, and changes nothing."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone

from careerdev.notifications import notices
from careerdev.people.models import User
from careerdev.school.models import Term
from careerdev.school.selectors import enrollment_of

from . import selectors
from .models import EarlyGraduationRequest, RequestStatus

PLAN_URL_MAX = 500


def _clean_plan(plan_text: str, plan_url: str) -> tuple[str, str]:
    """The plan as text, a link, or both; refuses an empty plan and a link that is not one."""
    text, url = (plan_text or "").strip(), (plan_url or "").strip()
    if not text and not url:
        raise ValidationError(
            {"plan_text": "Write your 30/60/90-day plan here, or give a link to it."}
        )
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise ValidationError(
                {
                    "plan_url": "That is not a link: give a full address starting with "
                    "https://, or write the plan in the text box instead."
                }
            ) from None
        if len(url) > PLAN_URL_MAX:
            raise ValidationError({"plan_url": f"Links can be at most {PLAN_URL_MAX} characters."})
    return text, url


@transaction.atomic
def request_early_graduation(
    student: User, term: Term | None, plan_text: str = "", plan_url: str = ""
) -> EarlyGraduationRequest:
    """Open a request for `term`: needs an enrollment and a signed offer, and
    no other request open. The plan may come now or later."""
    if term is None or enrollment_of(student, term) is None:
        raise ValidationError("You are not enrolled in the current term.")
    offer = selectors.signed_offer(student)
    if offer is None:
        raise ValidationError(
            "Early graduation needs a signed offer: mark your offer as accepted and "
            "signed in the job tracker first."
        )
    text = url = ""
    if (plan_text or "").strip() or (plan_url or "").strip():
        text, url = _clean_plan(plan_text, plan_url)
    if EarlyGraduationRequest.objects.filter(
        student=student, term=term, status=RequestStatus.PENDING
    ).exists():
        raise ValidationError("You already have an early graduation request open for this term.")
    try:
        with transaction.atomic():
            return EarlyGraduationRequest.objects.create(
                student=student,
                term=term,
                offer=offer,
                plan_text=text,
                plan_url=url,
                plan_submitted_at=timezone.now() if (text or url) else None,
            )
    except IntegrityError:
        # Two submissions at once: the partial unique constraint let one through.
        raise ValidationError(
            "You already have an early graduation request open for this term."
        ) from None


def _locked_open(request_: EarlyGraduationRequest) -> EarlyGraduationRequest:
    locked = EarlyGraduationRequest.objects.select_for_update().get(pk=request_.pk)
    if not locked.is_open:
        raise ValidationError(f"This request was already {locked.get_status_display().lower()}.")
    return locked


@transaction.atomic
def submit_plan(
    request_: EarlyGraduationRequest, plan_text: str, plan_url: str
) -> EarlyGraduationRequest:
    """The student's 30/60/90-day plan (text, a link, or both), replacing any before."""
    text, url = _clean_plan(plan_text, plan_url)
    locked = _locked_open(request_)
    locked.plan_text, locked.plan_url, locked.plan_submitted_at = text, url, timezone.now()
    locked.save(update_fields=["plan_text", "plan_url", "plan_submitted_at"])
    return locked


@transaction.atomic
def set_first_project_finished(
    request_: EarlyGraduationRequest, by: User, finished: bool
) -> EarlyGraduationRequest:
    """Staff tick (or untick) "first project finished"; who and when are kept."""
    locked = _locked_open(request_)
    locked.first_project_finished = finished
    locked.first_project_ticked_by = by if finished else None
    locked.first_project_ticked_at = timezone.now() if finished else None
    locked.save(
        update_fields=[
            "first_project_finished",
            "first_project_ticked_by",
            "first_project_ticked_at",
        ]
    )
    return locked


@transaction.atomic
def approve(request_: EarlyGraduationRequest, by: User, note: str = "") -> EarlyGraduationRequest:
    """Approve, only when every condition holds and the offer is still signed."""
    locked = _locked_open(request_)
    failing = selectors.unmet(selectors.conditions_for(locked))
    if failing:
        raise ValidationError(
            "Cannot approve yet: " + "; ".join(f"{c.label.lower()} — {c.detail}" for c in failing)
        )
    if selectors.signed_offer(locked.student) is None:
        raise ValidationError("Cannot approve: the student no longer has a signed offer.")
    return _decide(locked, RequestStatus.APPROVED, by, note)


@transaction.atomic
def decline(request_: EarlyGraduationRequest, by: User, note: str) -> EarlyGraduationRequest:
    """Decline, with a note telling the student why (required)."""
    if not (note or "").strip():
        raise ValidationError({"note": "Say why the request is declined; the student sees it."})
    locked = _locked_open(request_)
    return _decide(locked, RequestStatus.DECLINED, by, note)


def _decide(
    locked: EarlyGraduationRequest, status: str, by: User, note: str
) -> EarlyGraduationRequest:
    locked.status = status
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.decision_note = (note or "").strip()
    locked.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    notices.early_graduation_decided(locked)
    return locked
