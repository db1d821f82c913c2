"""Repeat plan pages: the student's plan, staff's list and a plan's meeting."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from careerdev import policies
from careerdev.people.models import User
from careerdev.school.selectors import chosen_term, current_term, school_of

from . import selectors, services
from .forms import CheckInForm, GoalForm, MeetingForm
from .models import RepeatGoal, RepeatPlan


def _errors_to(form, error: ValidationError) -> None:
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _plan_page(request, plan, template, extra=None):
    found = selectors.proposal(plan.student, plan.term)
    return render(
        request,
        template,
        {
            "plan": plan,
            "proposal": found,
            "earlier_record": selectors.earlier_record(found.evaluation, plan.student),
            "goal_form": extra.get("goal_form") if extra else GoalForm(),
            "check_in_form": CheckInForm(),
            **(extra or {}),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def mine(request):
    """The student's own plan: where they start from, their meeting, goals and check-ins."""
    policies.require(policies.is_student(request.user))
    school = school_of(request.user)
    term = current_term(school) if school else None
    if term is not None:
        services.open_plans(term)
    plan = selectors.plan_of(request.user, term) if term else None
    if plan is None:
        return render(request, "repeats/none.html")
    goal_form = GoalForm(request.POST or None)
    if request.method == "POST" and goal_form.is_valid():
        try:
            services.add_goal(plan, **goal_form.cleaned_data)
        except ValidationError as error:
            _errors_to(goal_form, error)
        else:
            messages.success(request, "Goal added.")
            return redirect("repeats:mine")
    slots = [] if plan.meeting_at else selectors.free_meeting_slots(plan.term)
    return _plan_page(
        request, plan, "repeats/mine.html", {"goal_form": goal_form, "free_slots": slots}
    )


@login_required
@require_POST
def book_meeting(request, slot_id):
    policies.require(policies.is_student(request.user))
    school = school_of(request.user)
    # This term's plan: a student who repeated Mod 4 before has earlier plans too.
    term = current_term(school) if school else None
    plan = get_object_or_404(RepeatPlan, student=request.user, term=term)
    try:
        services.book_meeting(plan, slot_id)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, "Meeting booked.")
    return redirect("repeats:mine")


@login_required
@require_POST
def check_in(request, goal_id):
    goal = get_object_or_404(
        RepeatGoal.objects.select_related("plan"), pk=goal_id, plan__student=request.user
    )
    form = CheckInForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors.get("progress", ["Say how it is going."]))
        services.check_in(goal, **form.cleaned_data)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, "Check-in saved.")
    return redirect("repeats:mine")


@login_required
@require_http_methods(["GET", "POST"])
def staff_list(request):
    school = policies.school_managed_by(request.user)
    term = chosen_term(school, request.GET.get("term", ""))
    if term is None:
        return redirect("school:setup")
    services.open_plans(term)
    staff = User.objects.filter(school=school).staff()
    slot_form = MeetingForm(request.POST or None, staff=staff, prefix="s")
    if request.method == "POST" and slot_form.is_valid():
        data = slot_form.cleaned_data
        try:
            services.publish_meeting_slot(
                term,
                held_by=data["with_staff"],
                starts_at=dt.datetime.combine(data["date"], data["time"], tzinfo=school.zone),
                place=data["place"],
            )
        except ValidationError as error:
            _errors_to(slot_form, error)
        else:
            messages.success(request, "Meeting time offered to repeating students.")
            return redirect(f"{request.path}?term={term.pk}")
    return render(
        request,
        "repeats/staff_list.html",
        {
            "term": term,
            "rows": selectors.term_plans(term),
            "slot_form": slot_form,
            "free_slots": selectors.free_meeting_slots(term),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_plan(request, pk):
    school = policies.school_managed_by(request.user)
    plan = get_object_or_404(
        RepeatPlan.objects.select_related("student", "term__school"), pk=pk, term__school=school
    )
    staff = User.objects.filter(school=school).staff()
    meeting_form = MeetingForm(request.POST or None, staff=staff, prefix="m")
    goal_form = GoalForm(prefix="g")
    if request.method == "POST":
        try:
            if request.POST.get("action") == "meeting" and meeting_form.is_valid():
                data = meeting_form.cleaned_data
                at = dt.datetime.combine(data["date"], data["time"], tzinfo=school.zone)
                services.set_meeting(
                    plan, at=at, with_staff=data["with_staff"], place=data["place"]
                )
                messages.success(request, "Meeting booked.")
                return redirect("repeats:staff_plan", pk=plan.pk)
            if request.POST.get("action") == "goal":
                goal_form = GoalForm(request.POST, prefix="g")
                if goal_form.is_valid():
                    services.add_goal(plan, **goal_form.cleaned_data)
                    messages.success(request, "Goal added.")
                    return redirect("repeats:staff_plan", pk=plan.pk)
        except ValidationError as error:
            _errors_to(
                meeting_form if request.POST.get("action") == "meeting" else goal_form, error
            )
    plan = selectors.plan_of(plan.student, plan.term)
    return _plan_page(
        request,
        plan,
        "repeats/staff_plan.html",
        {"meeting_form": meeting_form, "goal_form": goal_form},
    )
