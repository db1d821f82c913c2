"""Job search test data: a student's companies, contacts, applications at a
chosen step of the process, and offers. Kept beside the tests that use
them (tests/factories.py holds the shared people and school ones)."""

from __future__ import annotations

import datetime as dt
import itertools

from careerdev.jobsearch.models import Company, Contact, JobApplication, Offer
from careerdev.people.models import User

_seq = itertools.count(1)
DAY = dt.date(2026, 11, 2)  # a past Monday: evidence dates are never in the future


def company(student: User, **kw) -> Company:
    kw.setdefault("name", f"Company {next(_seq)}")
    return Company.objects.create(student=student, **kw)


def contact(student: User, company_: Company | None = None, **kw) -> Contact:
    n = next(_seq)
    kw.setdefault("name", f"Dana Dev{n}")
    kw.setdefault("role", "Senior developer")
    kw.setdefault("email", f"dana{n}@example.com")
    kw.setdefault("notes", f"Met at a meetup ({n})")
    return Contact.objects.create(student=student, company=company_, **kw)


def evidence_through(step: int, contact_: Contact) -> dict:
    """The evidence of steps 1..step, as JobApplication fields."""
    fields: dict = {}
    if step >= 1:
        fields["posting_url"] = "https://jobs.example.com/123"
    if step >= 2:
        fields["research_notes"] = "Mission: kind software. Blog on Postgres."
    if step >= 3:
        fields |= {
            "contact": contact_,
            "outreach_on": DAY,
            "conversation_on": DAY + dt.timedelta(2),
        }
    if step >= 4:
        fields |= {
            "tailored_resume": "https://docs.example.com/resume",
            "cover_letter": "Mentions Dana.",
            "applied_on": DAY + dt.timedelta(3),
        }
    if step >= 5:
        fields["told_contact_on"] = DAY + dt.timedelta(4)
    return fields


def application(student: User, company_: Company | None = None, *, steps: int = 0, **kw):
    """An application with the evidence of its first `steps` steps."""
    company_ = company_ or company(student)
    named = kw.pop("contact", None)
    contact_ = named or (contact(student, company_) if steps >= 3 else None)
    fields = evidence_through(steps, contact_) | kw
    if named is not None:
        fields["contact"] = named
    fields.setdefault("title", "Junior developer")
    created = JobApplication.objects.create(student=student, company=company_, **fields)
    created.refresh_from_db()  # the steps are computed by the database
    return created


def offer(application_: JobApplication, **kw) -> Offer:
    kw.setdefault("base_salary", 80_000)
    return Offer.objects.create(application=application_, student=application_.student, **kw)
