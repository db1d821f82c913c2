"""A student's self-evaluation, and staff reading one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from careerdev import policies
from careerdev.people.models import User
from careerdev.school.models import Cohort
from careerdev.school.selectors import chosen_term, current_term, enrollment_of, school_of

from . import selectors, services
from .forms import SelfEvaluationForm


@login_required
@require_http_methods(["GET", "POST"])
def mine(request):
    policies.require(policies.is_student(request.user))
    school = school_of(request.user)
    term = current_term(school) if school else None
    if term is None or enrollment_of(request.user, term) is None:
        messages.error(request, "You are not enrolled in a term.")
        return redirect("home")
    existing = selectors.evaluation_of(request.user, term)
    initial = {}
    if existing:
        for r in existing.ratings.all():
            initial[f"{r.competency}_grade"] = r.grade
            initial[f"{r.competency}_evidence"] = r.evidence
    form = SelfEvaluationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_self_evaluation(request.user, term, form.ratings())
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, "Self-evaluation saved. The Career Development team sees it.")
            return redirect("deliverables:mine")
    return render(
        request,
        "selfevaluation/mine.html",
        {
            "form": form,
            "existing": existing,
            "term": term,
            # Earlier modules' self-evaluations: growth, at a glance.
            "earlier": [e for e in selectors.evaluations_of(request.user) if e.term_id != term.pk],
        },
    )


@login_required
def of_student(request, student_id):
    """Staff read a student's self-evaluations, newest first."""
    school = policies.school_managed_by(request.user)
    student = get_object_or_404(User, pk=student_id, school=school)
    policies.require_visible(policies.can_view_student(request.user, student))
    return render(
        request,
        "selfevaluation/of_student.html",
        {"student": student, "evaluations": selectors.evaluations_of(student)},
    )


@login_required
def distribution(request):
    """How a cohort rated itself on each competency, as a chart."""
    school = policies.school_managed_by(request.user)
    term = chosen_term(school, request.GET.get("term", ""))
    if term is None:
        return redirect("school:setup")
    cohorts = list(Cohort.objects.filter(enrollments__term=term).distinct().order_by("code"))
    cohort = next((c for c in cohorts if str(c.pk) == request.GET.get("cohort", "")), None)
    return render(
        request,
        "selfevaluation/distribution.html",
        {
            "term": term,
            "cohorts": cohorts,
            "cohort": cohort,
            "rows": selectors.cohort_distribution(term, cohort.pk if cohort else None),
        },
    )
