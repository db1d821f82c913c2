"""Early graduation pages: a student's request with its conditions; staff's
list of the school's requests, the tick and the decision.

A request is looked up by id and then checked: to anyone but its student and
its school's staff it does not exist (404); volunteers never see one (403)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from careerdev import policies
from careerdev.school.selectors import current_term, school_of

from . import selectors, services
from .forms import DecisionForm, FirstProjectForm, PlanForm


def _refused(form, error: ValidationError) -> None:
    """Put a service's refusal next to the field it names."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _visible_request(request, pk: int):
    policies.require(policies.may_see_early_graduation(request.user))
    found = selectors.request_by_id(pk)
    policies.require_visible(found is not None)
    policies.require_visible(policies.can_view_early_graduation_request(request.user, found))
    return found


@login_required
@require_http_methods(["GET", "POST"])
def mine(request):
    """The student's page: their signed offer, their request and its conditions;
    POST opens a request (the plan may come with it)."""
    if policies.is_staff(request.user):
        return redirect("graduation:staff_list")
    policies.require(policies.can_request_early_graduation(request.user))
    student = request.user
    school = school_of(student)
    term = current_term(school) if school else None
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_early_graduation(
                student, term, form.cleaned_data["plan_text"], form.cleaned_data["plan_url"]
            )
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, "Your early graduation request was sent to staff.")
            return redirect("graduation:mine")
    requests = selectors.requests_of(student, term)
    open_ = next((r for r in requests if r.is_open), None)
    shown = open_ or (requests[0] if requests else None)
    return render(
        request,
        "graduation/mine.html",
        {
            "term": term,
            "offer": (shown.offer if shown and shown.offer else None)
            or selectors.signed_offer(student),
            "request_": shown,
            "conditions": selectors.conditions_for(shown) if shown else None,
            "earlier": [r for r in requests if r is not shown],
            "form": form,
            "plan_form": PlanForm(
                initial={"plan_text": open_.plan_text, "plan_url": open_.plan_url}
            )
            if open_
            else None,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def plan(request, pk: int):
    """The student submits (or replaces) the 30/60/90-day plan on their open request."""
    policies.require(policies.can_request_early_graduation(request.user))
    found = _visible_request(request, pk)
    policies.require_visible(found.student_id == request.user.pk)
    form = PlanForm(request.POST)
    if form.is_valid():
        try:
            services.submit_plan(
                found, form.cleaned_data["plan_text"], form.cleaned_data["plan_url"]
            )
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, "Your 30/60/90-day plan was submitted.")
            return redirect("graduation:mine")
    return render(
        request,
        "graduation/mine.html",
        {
            "term": found.term,
            "offer": found.offer,
            "request_": found,
            "conditions": selectors.conditions_for(found),
            "earlier": [],
            "form": None,
            "plan_form": form,
        },
        status=400,
    )


@login_required
def staff_list(request):
    """The school's requests, pending first, each with its conditions."""
    school = policies.school_managed_by(request.user)
    rows = selectors.requests_for_school(school)
    return render(request, "graduation/staff_list.html", {"rows": rows})


def _detail(request, found, *, decision_form=None, tick_form=None, status=200):
    staff = policies.can_manage_early_graduation(request.user, found.term.school)
    return render(
        request,
        "graduation/detail.html",
        {
            "request_": found,
            "conditions": selectors.conditions_for(found),
            "staff": staff,
            "decision_form": decision_form or DecisionForm(),
            "tick_form": tick_form or FirstProjectForm(),
        },
        status=status,
    )


@login_required
def detail(request, pk: int):
    found = _visible_request(request, pk)
    return _detail(request, found)


@login_required
@require_POST
def first_project(request, pk: int):
    """Staff tick or untick "first project finished"."""
    found = _visible_request(request, pk)
    policies.require(policies.can_manage_early_graduation(request.user, found.term.school))
    form = FirstProjectForm(request.POST)
    form.is_valid()
    try:
        services.set_first_project_finished(
            found, request.user, bool(form.cleaned_data.get("finished"))
        )
    except ValidationError as error:
        _refused(form, error)
        return _detail(request, found, tick_form=form, status=400)
    messages.success(request, "Saved.")
    return redirect("graduation:detail", pk=found.pk)


@login_required
@require_POST
def decide(request, pk: int):
    """Staff approve (only when every condition holds) or decline with a note."""
    found = _visible_request(request, pk)
    policies.require(policies.can_manage_early_graduation(request.user, found.term.school))
    form = DecisionForm(request.POST)
    if form.is_valid():
        note = form.cleaned_data["note"]
        try:
            if form.cleaned_data["decision"] == "approve":
                services.approve(found, request.user, note)
            else:
                services.decline(found, request.user, note)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, "Decision recorded; the student sees it on their page.")
            return redirect("graduation:detail", pk=found.pk)
    return _detail(request, found, decision_form=form, status=400)
