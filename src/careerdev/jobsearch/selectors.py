"""Reads the job search pages need, and the ones other parts of careerdev
build on: `five_step_states()` for the deliverables matrix and `offers_of()`
for early graduation. Each runs in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Min, Prefetch, Q

from careerdev.people.models import User
from careerdev.school.models import Enrollment, School, Term
from careerdev.school.selectors import current_term

from .models import Company, Contact, JobApplication, NegotiationEntry, Offer, Status

ALL_FIVE = Q(
    step_1_done=True, step_2_done=True, step_3_done=True, step_4_done=True, step_5_done=True
)
ANY_STEP = (
    Q(step_1_done=True)
    | Q(step_2_done=True)
    | Q(step_3_done=True)
    | Q(step_4_done=True)
    | Q(step_5_done=True)
)
STEP_FIELDS = ("step_1_done", "step_2_done", "step_3_done", "step_4_done", "step_5_done")
# The long texts a board or a summary never shows.
LONG_TEXTS = ("research_notes", "tailored_resume", "cover_letter")


# --- The student's own pages -----------------------------------------------


@dataclass
class BoardColumn:
    status: str
    label: str
    applications: list[JobApplication] = field(default_factory=list)


def board(student: User) -> list[BoardColumn]:
    """The student's applications in one column per status, pipeline order."""
    columns = {value: BoardColumn(value, label) for value, label in Status.choices}
    applications = (
        JobApplication.objects.filter(student=student)
        .select_related("company")
        .defer(*LONG_TEXTS)
        .order_by("-status_changed_at", "-pk")
    )
    for application in applications:
        columns[application.status].applications.append(application)
    return list(columns.values())


def application_of(student: User, pk: int) -> JobApplication | None:
    """One of the student's applications with everything its page shows."""
    return (
        JobApplication.objects.filter(student=student, pk=pk)
        .select_related("company", "contact", "offer")
        .first()
    )


def contacts_for(application: JobApplication) -> list[Contact]:
    """Contacts the student may name for an application: people at its
    company first, then people not tied to a company."""
    contacts = Contact.objects.filter(student_id=application.student_id).filter(
        Q(company_id=application.company_id) | Q(company__isnull=True)
    )
    return sorted(contacts, key=lambda c: (c.company_id is None, c.name.lower()))


def companies_of(student: User) -> list[Company]:
    return list(
        Company.objects.filter(student=student).annotate(
            application_count=Count("applications", distinct=True),
            contact_count=Count("contacts", distinct=True),
        )
    )


def contacts_of(student: User) -> list[Contact]:
    return list(Contact.objects.filter(student=student).select_related("company"))


def offers_of(student: User) -> list[Offer]:
    """The student's offers, oldest first, with company and negotiation log
    (for the comparison page and for early graduation, which asks whether
    one is signed: `offer.is_signed`, `offer.decided_on`)."""
    return list(
        Offer.objects.filter(student=student)
        .select_related("application__company")
        .defer(*(f"application__{f}" for f in LONG_TEXTS))
        .prefetch_related(Prefetch("negotiation", queryset=NegotiationEntry.objects.all()))
    )


# --- For the deliverables matrix and staff ---------------------------------


@dataclass(frozen=True)
class FiveStepState:
    """none: no application has any step; in_progress: some application has
    some step; done: one application has all five. `completed_on` is the day
    the fifth step was done (told the contact) on the first complete one."""

    state: str
    completed_on: dt.date | None = None


NO_STEPS = FiveStepState("none")


def five_step_states(students: Term | Iterable[int]) -> dict[int, FiveStepState]:
    """Each student's progress through the five-step process: every student
    enrolled in the term (or every id given), those with no application as
    none. Two queries for a term, one for ids."""
    if not isinstance(students, Term):
        return _five_step_states_of(list(students))
    enrolled = Enrollment.objects.filter(term=students).values("student_id")
    wanted = JobApplication.objects.filter(student_id__in=enrolled)  # a subquery
    states = dict.fromkeys((row["student_id"] for row in enrolled), NO_STEPS)
    rows = (
        wanted.values("student_id")
        .annotate(
            with_steps=Count("pk", filter=ANY_STEP),
            done_on=Min("told_contact_on", filter=ALL_FIVE),
            done=Count("pk", filter=ALL_FIVE),
        )
        .order_by()
    )
    for row in rows:
        if row["done"]:
            states[row["student_id"]] = FiveStepState("done", row["done_on"])
        elif row["with_steps"]:
            states[row["student_id"]] = FiveStepState("in_progress")
    return states


def _five_step_states_of(ids: list[int]) -> dict[int, FiveStepState]:
    """As five_step_states, for a few students (a student's own page): their
    applications' steps as the model reads them, in one plain query — the
    term's aggregate costs more to build than these few rows to read."""
    applications = JobApplication.objects.filter(student_id__in=ids).only(
        "student_id", *STEP_FIELDS, "told_contact_on"
    )
    done_on: dict[int, dt.date] = {}  # the first day a complete one was told
    started: set[int] = set()
    for a in applications.order_by():
        if a.all_steps_done:
            first = done_on.get(a.student_id)
            done_on[a.student_id] = min(first, a.told_contact_on) if first else a.told_contact_on
        elif any(a.steps):
            started.add(a.student_id)
    return {
        sid: FiveStepState("done", done_on[sid])
        if sid in done_on
        else FiveStepState("in_progress")
        if sid in started
        else NO_STEPS
        for sid in ids
    }


@dataclass
class StudentSummary:
    """What staff may see of a student's job search: counts, never contents."""

    student: User
    by_status: dict[str, int]
    five_steps: FiveStepState
    offers: int
    cohort: str = ""
    module: int | None = None

    @property
    def applications(self) -> int:
        return sum(self.by_status.values())

    def status_counts(self) -> list[tuple[str, int]]:
        return [(value, self.by_status.get(value, 0)) for value in Status.values]


def staff_summary(school: School) -> list[StudentSummary]:
    """Every active student of the school with their job search in numbers,
    and their cohort and module in the current term (Mod 4 first)."""
    students = list(
        User.objects.students()
        .filter(school=school, is_active=True)
        .select_related("student_profile")
        .order_by("last_name", "first_name", "pk")
    )
    ids = [s.pk for s in students]
    by_status: dict[int, dict[str, int]] = {pk: {} for pk in ids}
    counts = (
        JobApplication.objects.filter(student__school=school)
        .values_list("student_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for student_id, status, n in counts:
        if student_id in by_status:
            by_status[student_id][status] = n
    offers = dict(
        Offer.objects.filter(student__school=school)
        .values_list("student_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    states = five_step_states(ids)
    term = current_term(school)
    enrollments = {
        e.student_id: e
        for e in Enrollment.objects.filter(term=term, student__school=school).select_related(
            "cohort"
        )
    }
    rows = []
    for s in students:
        enrollment = enrollments.get(s.pk)
        rows.append(
            StudentSummary(
                s,
                by_status[s.pk],
                states[s.pk],
                offers.get(s.pk, 0),
                cohort=enrollment.cohort.code if enrollment else "",
                module=enrollment.module if enrollment else None,
            )
        )
    # Mod 4 first: this is their module's deliverable.
    rows.sort(key=lambda r: r.module != 4)
    return rows
