"""Job search pages: a student's board, applications with the five steps,
companies, contacts and offers; a per-student summary for staff.

Every object is looked up among the requesting student's own, so anyone
else's id answers 404 — whether it exists is not theirs to know."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from careerdev import policies
from careerdev.school.selectors import school_of

from . import selectors, services
from .forms import (
    ApplicationDetailsForm,
    ApplicationStartForm,
    CompanyForm,
    ContactForm,
    DecisionForm,
    EvidenceForm,
    MoveForm,
    NegotiationForm,
    OfferForm,
)
from .models import Company, Contact, JobApplication, Offer


def _student(request):
    """The signed-in student; 403 for anyone who does not keep a tracker."""
    policies.require(policies.can_keep_job_search(request.user))
    return request.user


def _own(request, model, pk: int, queryset=None):
    """One of the student's own records, else 404."""
    _student(request)
    record = (queryset if queryset is not None else model.objects).filter(pk=pk).first()
    policies.require_visible(record is not None)
    policies.require_visible(policies.owns_job_search_record(request.user, record))
    return record


def _refused(form, error: ValidationError) -> None:
    """Put a service's refusal next to the fields it names."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _company_names(student) -> list[str]:
    return list(Company.objects.filter(student=student).values_list("name", flat=True))


# --- The board -------------------------------------------------------------


@login_required
def board(request):
    """The student's applications by status; staff go to the summary."""
    if policies.is_staff(request.user):
        return redirect("jobsearch:staff_summary")
    student = _student(request)
    return render(request, "jobsearch/board.html", _board_context(student))


def _board_context(student, **extra) -> dict:
    statuses = MoveForm.base_fields["status"].choices
    return {"columns": selectors.board(student), "statuses": statuses, **extra}


@login_required
@require_POST
def move(request, pk: int):
    """Move an application to another status: the board's click, with or without htmx."""
    application = _own(request, JobApplication, pk)
    form = MoveForm(request.POST)
    error = None
    if form.is_valid():
        application = services.move_application(application, form.cleaned_data["status"])
    else:
        error = "Choose a status from the board."
    if request.headers.get("HX-Request"):
        context = _board_context(request.user, move_error=error, moved=application.pk)
        return render(request, "jobsearch/_board.html", context)
    if error:
        messages.error(request, error)
    else:
        status = application.get_status_display().lower()
        messages.success(request, f"{application.title} at {application.company}: {status}.")
    if request.POST.get("next") == "application":
        return redirect("jobsearch:application", pk=application.pk)
    return redirect("jobsearch:board")


# --- Applications ----------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def application_new(request):
    student = _student(request)
    form = ApplicationStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.start_application(student, **form.cleaned_data)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, "Application added. Work through the five steps below.")
            return redirect("jobsearch:application", pk=application.pk)
    return render(
        request,
        "jobsearch/application_new.html",
        {"form": form, "company_names": _company_names(student)},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_detail(request, pk: int):
    """The five steps as a checklist with their evidence, status, and the offer."""
    _student(request)
    application = selectors.application_of(request.user, pk)
    if application is None:
        raise Http404
    contacts = selectors.contacts_for(application)
    initial = {f: getattr(application, f) for f in services.EVIDENCE_FIELDS}
    form = EvidenceForm(request.POST or None, initial=initial, contacts=contacts)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_evidence(application, **form.cleaned_data)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, "Saved.")
            return redirect("jobsearch:application", pk=application.pk)
    return render(
        request,
        "jobsearch/application.html",
        {
            "application": application,
            "form": form,
            "move_form": MoveForm(initial={"status": application.status}),
            "details_form": ApplicationDetailsForm(
                initial={"company": application.company.name, "title": application.title}
            ),
            "company_names": _company_names(request.user),
            "offer": getattr(application, "offer", None),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def application_change(request, pk: int):
    """Correct an application's company or title."""
    application = _own(request, JobApplication, pk)
    form = ApplicationDetailsForm(request.POST)
    if form.is_valid():
        try:
            services.change_application(application, **form.cleaned_data)
        except ValidationError as error:
            _refused(form, error)
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label or field}: {' '.join(errors)}")
    if not form.errors:
        messages.success(request, "Saved.")
    return redirect("jobsearch:application", pk=application.pk)


@login_required
@require_POST
def application_delete(request, pk: int):
    application = _own(
        request, JobApplication, pk, JobApplication.objects.select_related("company")
    )
    services.delete_application(application)
    messages.success(request, f"Deleted {application.title} at {application.company}.")
    return redirect("jobsearch:board")


# --- Companies and contacts ------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def companies(request):
    student = _student(request)
    form = CompanyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_company(student, **form.cleaned_data)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, "Company added.")
            return redirect("jobsearch:companies")
    return render(
        request,
        "jobsearch/companies.html",
        {"companies": selectors.companies_of(student), "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def company_detail(request, pk: int):
    company = _own(request, Company, pk)
    initial = {"name": company.name, "website": company.website, "notes": company.notes}
    form = CompanyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_company(company, **form.cleaned_data)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, "Saved.")
            return redirect("jobsearch:companies")
    return render(
        request,
        "jobsearch/company.html",
        {"company": company, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def company_delete(request, pk: int):
    company = _own(request, Company, pk)
    try:
        services.delete_company(company)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("jobsearch:company", pk=company.pk)
    messages.success(request, f"Deleted {company.name}.")
    return redirect("jobsearch:companies")


@login_required
@require_http_methods(["GET", "POST"])
def contacts(request):
    student = _student(request)
    form = ContactForm(request.POST or None, initial={"company": request.GET.get("company", "")})
    if request.method == "POST" and form.is_valid():
        try:
            services.add_contact(student, **form.cleaned_data)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, "Contact added.")
            return redirect(_safe_next(request) or "jobsearch:contacts")
    return render(
        request,
        "jobsearch/contacts.html",
        {
            "contacts": selectors.contacts_of(student),
            "form": form,
            "company_names": _company_names(student),
            "next": _safe_next(request),
        },
        status=400 if form.errors else 200,
    )


def _safe_next(request) -> str:
    """Back to one of the tracker's own pages after adding a contact; nowhere else."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    return target if target.startswith("/jobs/") and "//" not in target else ""


@login_required
@require_http_methods(["GET", "POST"])
def contact_detail(request, pk: int):
    contact = _own(request, Contact, pk, Contact.objects.select_related("company"))
    initial = {
        "name": contact.name,
        "role": contact.role,
        "company": contact.company.name if contact.company else "",
        "email": contact.email,
        "linkedin": contact.linkedin,
        "notes": contact.notes,
    }
    form = ContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_contact(contact, **form.cleaned_data)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, "Saved.")
            return redirect("jobsearch:contacts")
    return render(
        request,
        "jobsearch/contact.html",
        {"contact": contact, "form": form, "company_names": _company_names(request.user)},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def contact_delete(request, pk: int):
    contact = _own(request, Contact, pk)
    services.delete_contact(contact)
    messages.success(request, f"Deleted {contact.name}.")
    return redirect("jobsearch:contacts")


# --- Offers ----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def offer(request, pk: int):
    """Record or change the offer on application `pk`, and its negotiation log."""
    applications = JobApplication.objects.select_related("company")
    application = _own(request, JobApplication, pk, applications)
    existing = Offer.objects.filter(application=application).first()
    initial = {f: getattr(existing, f) for f in services.OFFER_FIELDS} if existing else {}
    form = OfferForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_offer(application, **form.cleaned_data)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, "Offer saved.")
            return redirect("jobsearch:offer", pk=application.pk)
    return render(
        request,
        "jobsearch/offer.html",
        {
            "application": application,
            "offer": existing,
            "form": form,
            "negotiation": existing.negotiation.all() if existing else [],
            "negotiation_form": NegotiationForm(),
            "decision_form": _decision_form(existing),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def negotiation_add(request, pk: int):
    """Log one round of negotiation on offer `pk`."""
    offer_ = _own(request, Offer, pk, Offer.objects.select_related("application__company"))
    form = NegotiationForm(request.POST)
    if form.is_valid():
        try:
            services.log_negotiation(offer_, **form.cleaned_data)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, "Logged.")
            return redirect("jobsearch:offer", pk=offer_.application_id)
    return _offer_page_refused(request, offer_, negotiation_form=form)


def _decision_form(offer_, data=None) -> DecisionForm | None:
    if offer_ is None:
        return None
    initial = {"decision": offer_.decision, "decided_on": offer_.decided_on}
    return DecisionForm(data, initial=initial)


@login_required
@require_POST
def offer_decision(request, pk: int):
    """Signed, declined or still deciding, on offer `pk`."""
    offer_ = _own(request, Offer, pk, Offer.objects.select_related("application__company"))
    form = _decision_form(offer_, request.POST)
    if form.is_valid():
        try:
            services.decide_offer(offer_, **form.cleaned_data)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, "Decision saved.")
            return redirect("jobsearch:offer", pk=offer_.application_id)
    return _offer_page_refused(request, offer_, decision_form=form)


def _offer_page_refused(request, offer_, *, negotiation_form=None, decision_form=None):
    """The offer page again with the refused form and its messages (400)."""
    initial = {f: getattr(offer_, f) for f in services.OFFER_FIELDS}
    return render(
        request,
        "jobsearch/offer.html",
        {
            "application": offer_.application,
            "offer": offer_,
            "form": OfferForm(initial=initial),
            "negotiation": offer_.negotiation.all(),
            "negotiation_form": negotiation_form or NegotiationForm(),
            "decision_form": decision_form or _decision_form(offer_),
        },
        status=400,
    )


@login_required
def offers(request):
    """The student's offers side by side."""
    student = _student(request)
    return render(request, "jobsearch/offers.html", {"offers": selectors.offers_of(student)})


# --- Staff -----------------------------------------------------------------


@login_required
def staff_summary(request):
    """Per student: applications by status, the five steps, offers. No contents."""
    school = school_of(request.user)
    policies.require(policies.can_view_job_search_summary(request.user, school))
    rows = selectors.staff_summary(school)
    return render(
        request,
        "jobsearch/staff_summary.html",
        {"rows": rows, "statuses": MoveForm.base_fields["status"].choices},
    )
