"""Every write to a student's job search, one function per use case, each in a
transaction. Bad input raises ValidationError keyed by the field at fault and
changes nothing; the database's constraints back up the date-order rules."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from careerdev.people.models import User
from careerdev.school.selectors import today_in

from .models import (
    Company,
    Contact,
    Decision,
    JobApplication,
    NegotiationEntry,
    Offer,
    Status,
)

# Evidence fields of the five steps, in the order of the process.
EVIDENCE_FIELDS = (
    "posting_url",
    "research_notes",
    "contact",
    "outreach_on",
    "conversation_on",
    "tailored_resume",
    "cover_letter",
    "applied_on",
    "told_contact_on",
)
EVIDENCE_DATES = ("outreach_on", "conversation_on", "applied_on", "told_contact_on")
# (earlier, later, message on the later field)
DATE_ORDER = (
    ("outreach_on", "conversation_on", "You can't have talked before you reached out."),
    ("applied_on", "told_contact_on", "You can't have told your contact before you applied."),
    ("outreach_on", "told_contact_on", "You can't have told your contact before you reached out."),
)


def student_today(student: User) -> dt.date:
    """Today in the student's school's zone (UTC for a student with no school)."""
    if student.school_id:
        return today_in(student.school)
    return timezone.now().date()


def _clean_text(value) -> str:
    return (value or "").strip()


def _refuse_if(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


# --- Companies and contacts ------------------------------------------------


def company_named(student: User, name: str) -> Company:
    """The student's company of that name (any case), created if new."""
    name = _clean_text(name)
    if not name:
        raise ValidationError({"company": ["Name the company."]})
    company = Company.objects.filter(student=student, name__iexact=name).first()
    if company is None:
        company = Company.objects.create(student=student, name=name)
    return company


@transaction.atomic
def add_company(student: User, *, name: str, website: str = "", notes: str = "") -> Company:
    name = _clean_text(name)
    if Company.objects.filter(student=student, name__iexact=name).exists():
        raise ValidationError({"name": [f"You already track {name}."]})
    company = company_named(student, name)
    company.website = _clean_text(website)
    company.notes = _clean_text(notes)
    company.save(update_fields=["website", "notes"])
    return company


@transaction.atomic
def update_company(company: Company, *, name: str, website: str = "", notes: str = "") -> Company:
    name = _clean_text(name)
    others = Company.objects.filter(student_id=company.student_id, name__iexact=name)
    if others.exclude(pk=company.pk).exists():
        raise ValidationError({"name": [f"You already track {name}."]})
    company.name, company.website, company.notes = name, _clean_text(website), _clean_text(notes)
    company.save()
    return company


def _contact_fields(student: User, data: dict) -> dict:
    company_name = _clean_text(data.get("company"))
    return {
        "name": _clean_text(data.get("name")),
        "role": _clean_text(data.get("role")),
        "email": _clean_text(data.get("email")).lower(),
        "linkedin": _clean_text(data.get("linkedin")),
        "notes": _clean_text(data.get("notes")),
        "company": company_named(student, company_name) if company_name else None,
    }


@transaction.atomic
def add_contact(student: User, **data) -> Contact:
    """A person the student knows or reached out to; `company` is a name."""
    return Contact.objects.create(student=student, **_contact_fields(student, data))


@transaction.atomic
def update_contact(contact: Contact, **data) -> Contact:
    for field, value in _contact_fields(contact.student, data).items():
        setattr(contact, field, value)
    contact.save()
    return contact


@transaction.atomic
def delete_contact(contact: Contact) -> None:
    """Forget a contact; applications that named them lose steps 3 and 5
    until another contact is chosen (their dates stay)."""
    contact.delete()


@transaction.atomic
def delete_company(company: Company) -> None:
    """Remove a company the student no longer tracks; its contacts stay,
    without a company. Refused while applications to it remain."""
    if company.applications.exists():
        raise ValidationError(
            {"name": [f"{company.name} has applications: delete or move them first."]}
        )
    company.delete()


# --- Applications ----------------------------------------------------------


@transaction.atomic
def start_application(
    student: User, *, company: str, title: str, posting_url: str = ""
) -> JobApplication:
    """A new application, in "interested", at a company named by the student."""
    title = _clean_text(title)
    if not title:
        raise ValidationError({"title": ["Give the job a title."]})
    application = JobApplication.objects.create(
        student=student,
        company=company_named(student, company),
        title=title,
        posting_url=_clean_text(posting_url),
    )
    application.refresh_from_db()
    return application


@transaction.atomic
def change_application(application: JobApplication, *, company: str, title: str) -> JobApplication:
    """Correct the company or the job title of an application."""
    title = _clean_text(title)
    if not title:
        raise ValidationError({"title": ["Give the job a title."]})
    new_company = company_named(application.student, company)
    if application.contact and application.contact.company_id not in (None, new_company.pk):
        raise ValidationError(
            {"company": [f"Your contact {application.contact.name} is at {application.company}."]}
        )
    application.company, application.title = new_company, title
    application.save(update_fields=["company", "title", "updated_at"])
    return application


@transaction.atomic
def delete_application(application: JobApplication) -> None:
    """Remove an application with its offer and negotiation log; companies
    and contacts stay (they may serve other applications)."""
    application.delete()


def evidence_errors(
    application: JobApplication, values: dict, today: dt.date
) -> dict[str, list[str]]:
    """Why these evidence values can't be stored, by field (empty if they can)."""
    errors: dict[str, list[str]] = {}
    contact = values.get("contact")
    if contact is not None:
        if contact.student_id != application.student_id:
            errors["contact"] = ["Choose one of your contacts."]
        elif contact.company_id and contact.company_id != application.company_id:
            errors["contact"] = [
                f"{contact.name} works at {contact.company}; choose someone at "
                f"{application.company}."
            ]
    for field in EVIDENCE_DATES:
        day = values.get(field)
        if day and day > today:
            errors.setdefault(field, []).append(
                f"{day:%b %-d, %Y} has not come yet: record it on the day it happens."
            )
    for earlier, later, message in DATE_ORDER:
        first, second = values.get(earlier), values.get(later)
        if first and second and second < first and later not in errors:
            errors[later] = [message]
    for step_field in ("told_contact_on", "outreach_on"):
        if values.get(step_field) and contact is None and "contact" not in errors:
            errors["contact"] = ["Choose the contact this date is about."]
    return errors


@transaction.atomic
def record_evidence(
    application: JobApplication, *, today: dt.date | None = None, **values
) -> JobApplication:
    """Store the evidence of the five steps; the steps' completion follows from it."""
    unknown = set(values) - set(EVIDENCE_FIELDS)
    if unknown:
        raise ValueError(f"not evidence: {sorted(unknown)}")
    application = JobApplication.objects.select_for_update().get(pk=application.pk)
    merged = {f: getattr(application, f) for f in EVIDENCE_FIELDS} | values
    for field in ("posting_url", "research_notes", "tailored_resume", "cover_letter"):
        merged[field] = _clean_text(merged[field])
    _refuse_if(evidence_errors(application, merged, today or student_today(application.student)))
    for field, value in merged.items():
        setattr(application, field, value)
    application.save()
    application.refresh_from_db()
    return application


@transaction.atomic
def move_application(application: JobApplication, status: str) -> JobApplication:
    """Move an application to another column of the board."""
    if status not in Status.values:
        raise ValidationError({"status": ["Choose a status from the board."]})
    application = JobApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != status:
        application.status = status
        application.status_changed_at = timezone.now()
        application.save(update_fields=["status", "status_changed_at", "updated_at"])
    return application


# --- Offers and negotiation ------------------------------------------------

OFFER_FIELDS = (
    "base_salary",
    "bonus",
    "equity",
    "benefits",
    "pto_days",
    "start_date",
    "decision_deadline",
)


@transaction.atomic
def save_offer(application: JobApplication, *, today: dt.date | None = None, **values) -> Offer:
    """Record or change the offer on an application and move it to "offer"."""
    today = today or student_today(application.student)
    offer = Offer.objects.select_for_update().filter(application=application).first()
    errors: dict[str, list[str]] = {}
    for field in ("base_salary", "bonus", "pto_days"):
        if values.get(field) is not None and values[field] < 0:
            errors[field] = ["This can't be negative."]
    deadline, start = values.get("decision_deadline"), values.get("start_date")
    # A deadline already passed is history, not a mistake: refuse only a new one.
    deadline_changed = offer is None or offer.decision_deadline != deadline
    if deadline and deadline_changed and deadline < today:
        errors["decision_deadline"] = ["The decision deadline can't be before today."]
    if deadline and start and start < deadline:
        errors["start_date"] = ["The start date can't be before the decision deadline."]
    _refuse_if(errors)
    if offer is None:
        offer = Offer(application=application, student_id=application.student_id)
    for field in OFFER_FIELDS:
        value = values.get(field)
        if field in ("equity", "benefits"):
            value = _clean_text(value)
        elif field == "bonus":
            value = value or 0
        setattr(offer, field, value)
    offer.save()
    if application.status != Status.OFFER:
        move_application(application, Status.OFFER)
    return offer


@transaction.atomic
def log_negotiation(
    offer: Offer, *, on: dt.date, asked: str, got: str = "", today: dt.date | None = None
) -> NegotiationEntry:
    """One round of negotiating an offer: what was asked, what came back."""
    today = today or student_today(offer.student)
    errors: dict[str, list[str]] = {}
    if on > today:
        errors["on"] = ["That day has not come yet: log a negotiation once it has happened."]
    if not _clean_text(asked):
        errors["asked"] = ["Say what you asked for."]
    _refuse_if(errors)
    return NegotiationEntry.objects.create(
        offer=offer, on=on, asked=_clean_text(asked), got=_clean_text(got)
    )


@transaction.atomic
def decide_offer(
    offer: Offer, *, decision: str, decided_on: dt.date | None, today: dt.date | None = None
) -> Offer:
    """Record that the student signed or declined an offer (or is still deciding)."""
    today = today or student_today(offer.student)
    if decision not in Decision.values:
        raise ValidationError({"decision": ["Choose a decision."]})
    if decision == Decision.PENDING:
        decided_on = None
    elif decided_on is None:
        raise ValidationError({"decided_on": ["Give the day you decided."]})
    elif decided_on > today:
        raise ValidationError({"decided_on": ["That day has not come yet."]})
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    offer.decision, offer.decided_on = decision, decided_on
    offer.save(update_fields=["decision", "decided_on", "updated_at"])
    return offer
