"""Deliverable pages: the staff progress matrix and set-up, a student's own
list, the negotiation exit ticket and custom deliverables."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST

from careerdev import policies
from careerdev.ids import as_id, as_ids
from careerdev.people.models import User
from careerdev.school.models import Cohort
from careerdev.school.selectors import chosen_term, current_term, enrollment_of, school_of

from . import export, reminders, selectors, services
from .forms import (
    CompletionForm,
    CustomDeliverableForm,
    DeliverableForm,
    ExitTicketForm,
    OverrideForm,
)
from .models import Deliverable, DeliverableOverride, NegotiationExitTicket
from .schedule import describe
from .status import Status

ROWS_PER_PAGE = 100

# Where a student does each built-in deliverable (URL names in other apps).
WHERE = {
    "document_review": "reviews:student",
    "portfolio_review": "portfolios:mine",
    "portfolio_published": "portfolios:mine",
    "five_step_application": "jobsearch:board",
}


def _where(kind: str) -> str | None:
    return reverse(WHERE[kind]) if kind in WHERE else None


def _staff_term(request):
    school = policies.school_managed_by(request.user)
    return chosen_term(school, request.GET.get("term", "") or request.POST.get("term", ""))


def _term_cohorts(term):
    return Cohort.objects.filter(enrollments__term=term).distinct().order_by("code")


def _errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _filtered_matrix(request, term):
    """The matrix with the page's filters: cohort, program, repeating, at risk."""
    cohorts = list(_term_cohorts(term))
    cohort_id = request.GET.get("cohort", "")
    cohort = next((c for c in cohorts if str(c.pk) == cohort_id), None)
    programs = sorted({c.program.code for c in cohorts})
    program = request.GET.get("program", "")
    program = program if program in programs else ""
    repeating = {"yes": True, "no": False}.get(request.GET.get("repeating", ""))
    at_risk = request.GET.get("help") == "1"
    progress = selectors.progress_matrix(
        term,
        cohort=cohort,
        program_code=program,
        repeating=repeating,
        only_needing_help=at_risk,
    )
    filters = {
        "cohorts": cohorts,
        "cohort": cohort,
        "programs": programs,
        "program": program,
        "repeating": request.GET.get("repeating", ""),
        "only_help": at_risk,
    }
    return progress, filters


@login_required
def matrix(request):
    """Every student × deliverable, who needs help first."""
    term = _staff_term(request)
    if term is None:
        messages.error(request, "Add a term first.")
        return redirect("school:setup")
    services.ensure_default_deliverables(term)
    progress, filters = _filtered_matrix(request, term)
    # Those who need help first; a page of rows at a time, so 5,000 students
    # stay quick to render and to read.
    rows = sorted(progress.rows, key=lambda r: (not r.needs_help, -r.overdue))
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    totals = [
        (
            d,
            describe(d.due_week, d.due_weekday, d.due_time),
            [progress.counts[d.pk][s] for s in Status],
        )
        for d in progress.deliverables
    ]
    return render(
        request,
        "deliverables/matrix.html",
        {
            "term": term,
            "matrix": progress,
            "page": page,
            "query": query.urlencode(),
            "totals": totals,
            "statuses": list(Status),
            **filters,
        },
    )


@login_required
def matrix_csv(request):
    term = _staff_term(request)
    if term is None:
        return redirect("school:setup")
    services.ensure_default_deliverables(term)
    progress, _ = _filtered_matrix(request, term)
    response = HttpResponse(export.matrix_csv(progress), content_type="text/csv; charset=utf-8")
    filename = f"progress-{slugify(term.name)}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
def remind(request):
    """Email the chosen students what they still have open."""
    term = _staff_term(request)
    if term is None:
        return redirect("school:setup")
    services.ensure_default_deliverables(term)
    ids = as_ids(request.POST.getlist("student"))
    students = list(
        User.objects.filter(pk__in=ids, enrollments__term=term).select_related("student_profile")
    )
    if not students:
        messages.error(request, "Tick the students to remind first.")
    else:
        result = reminders.send_reminders(students, term, base_url=request.build_absolute_uri("/"))
        if result.failed:
            messages.error(request, result.failed)
        else:
            messages.success(
                request,
                f"Reminders sent to {result.sent} "
                f"student{'s' if result.sent != 1 else ''}"
                + (f"; {result.nothing_open} had nothing open." if result.nothing_open else "."),
            )
    # Back to the same filters: re-encoded, so nothing but a query string gets through.
    back = QueryDict(request.POST.get("back", "")).urlencode() or f"term={term.pk}"
    return redirect(reverse("deliverables:matrix") + "?" + back)


@login_required
@require_http_methods(["GET", "POST"])
def setup(request):
    """The term's deliverables, their due moments, custom ones, and exceptions."""
    term = _staff_term(request)
    if term is None:
        return redirect("school:setup")
    deliverables = services.ensure_default_deliverables(term)
    cohorts = _term_cohorts(term)
    add_form = CustomDeliverableForm(prefix="add")
    override_form = OverrideForm(prefix="ex", cohorts=cohorts)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "add":
                add_form = CustomDeliverableForm(request.POST, prefix="add")
                if add_form.is_valid():
                    data = add_form.cleaned_data
                    services.add_custom_deliverable(
                        term, **{**data, "modules": "".join(data["modules"])}
                    )
                    messages.success(request, f"Added {data['title']}.")
                    return redirect(f"{request.path}?term={term.pk}")
            elif action == "change":
                d = get_object_or_404(
                    Deliverable, pk=as_id(request.POST.get("deliverable")), term=term
                )
                form = DeliverableForm(request.POST, prefix=f"d{d.pk}")
                if form.is_valid():
                    data = form.cleaned_data
                    services.change_deliverable(d, **{**data, "modules": "".join(data["modules"])})
                    messages.success(request, f"Saved {d.title}.")
                    return redirect(f"{request.path}?term={term.pk}")
                for field, errors in form.errors.items():
                    messages.error(request, f"{d.title} — {field}: {' '.join(errors)}")
            elif action == "remove":
                d = get_object_or_404(
                    Deliverable, pk=as_id(request.POST.get("deliverable")), term=term
                )
                services.remove_custom_deliverable(d)
                messages.success(request, f"Removed {d.title}.")
                return redirect(f"{request.path}?term={term.pk}")
            elif action == "override":
                d = get_object_or_404(
                    Deliverable, pk=as_id(request.POST.get("deliverable")), term=term
                )
                override_form = OverrideForm(request.POST, prefix="ex", cohorts=cohorts)
                if override_form.is_valid():
                    data = override_form.cleaned_data
                    student = None
                    if data["student_email"]:
                        student = User.objects.filter(
                            email__iexact=data["student_email"], school=term.school
                        ).first()
                        if student is None:
                            raise ValidationError({"student": "No student has that email."})
                    services.set_override(
                        d,
                        by=request.user,
                        cohort=data["cohort"],
                        student=student,
                        excused=data["excused"],
                        due_week=data["due_week"],
                        due_weekday=data["due_weekday"],
                        due_time=data["due_time"],
                        note=data["note"],
                    )
                    messages.success(request, f"Saved the exception to {d.title}.")
                    return redirect(f"{request.path}?term={term.pk}")
            elif action == "clear_override":
                o = get_object_or_404(
                    DeliverableOverride,
                    pk=as_id(request.POST.get("override")),
                    deliverable__term=term,
                )
                services.clear_override(o, by=request.user)
                messages.success(request, "Exception removed.")
                return redirect(f"{request.path}?term={term.pk}")
            else:
                messages.error(request, "Unknown action.")
        except ValidationError as error:
            _errors(request, error)
    rows = [
        (
            d,
            DeliverableForm(
                prefix=f"d{d.pk}",
                initial={
                    "title": d.title,
                    "due_week": d.due_week,
                    "due_weekday": d.due_weekday,
                    "due_time": d.due_time,
                    "modules": list(d.modules),
                    "description": d.description,
                },
            ),
            describe(d.due_week, d.due_weekday, d.due_time),
        )
        for d in deliverables
    ]
    overrides = DeliverableOverride.objects.filter(deliverable__term=term).select_related(
        "deliverable", "cohort", "student"
    )
    return render(
        request,
        "deliverables/setup.html",
        {
            "term": term,
            "rows": rows,
            "add_form": add_form,
            "override_form": override_form,
            "overrides": overrides,
            "deliverables": deliverables,
        },
    )


def _student_term(request):
    policies.require(policies.is_student(request.user))
    school = school_of(request.user)
    term = current_term(school) if school else None
    enrollment = enrollment_of(request.user, term) if term else None
    return term, enrollment


@login_required
def mine(request):
    """A student's deliverables: status, due moment, where to do each."""
    term, enrollment = _student_term(request)
    if enrollment:
        # A term's deliverables exist from the first look at them, by anyone.
        services.ensure_default_deliverables(term)
    cells = selectors.student_progress(request.user, term) if enrollment else []
    rows = [(c, _where(c.deliverable.kind)) for c in cells]
    return render(
        request,
        "deliverables/mine.html",
        {"term": term, "rows": rows, "missing": selectors.what_is_missing(request.user, cells)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def exit_ticket(request):
    term, enrollment = _student_term(request)
    if enrollment is None:
        return redirect("deliverables:mine")
    existing = NegotiationExitTicket.objects.filter(term=term, student=request.user).first()
    initial = {"learned": existing.learned, "will_ask": existing.will_ask} if existing else None
    form = ExitTicketForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_exit_ticket(request.user, term, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, "Exit ticket sent. Thank you!")
            return redirect("deliverables:mine")
    return render(request, "deliverables/exit_ticket.html", {"form": form, "existing": existing})


@login_required
@require_POST
def complete(request, pk):
    """A student ticks off, or gives the link for, a custom deliverable."""
    term, enrollment = _student_term(request)
    deliverable = get_object_or_404(Deliverable, pk=pk, term=term)
    policies.require_visible(enrollment is not None and deliverable.applies_to(enrollment.module))
    if request.POST.get("undo"):
        services.undo_custom(deliverable, request.user)
        return redirect("deliverables:mine")
    form = CompletionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["link"])
        services.complete_custom(deliverable, request.user, link=form.cleaned_data["link"])
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, f"{deliverable.title}: done.")
    return redirect("deliverables:mine")
