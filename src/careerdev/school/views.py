"""School pages: the home page for each role, the staff term overview and a
cohort's roster."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.views.decorators.http import require_http_methods

from careerdev import policies
from careerdev.deliverables.services import ensure_default_deliverables
from careerdev.people.services import invite_students_without_account

from . import selectors, services
from .forms import ProgramForm, SchoolSettingsForm, TermForm
from .models import Cohort


@login_required
def term_overview(request):
    school = policies.school_managed_by(request.user)
    term = selectors.chosen_term(school, request.GET.get("term", ""))
    overview = selectors.term_overview(term) if term else None
    return render(
        request,
        "school/term_overview.html",
        {
            "term": term,
            "overview": overview,
            "terms": school.terms.all(),
            "week_number": term.week_number_on(selectors.today_in(school)) if term else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def cohort_roster(request, pk):
    cohort = get_object_or_404(Cohort.objects.select_related("program__school"), pk=pk)
    policies.require_visible(policies.can_view_cohort(request.user, cohort))
    term = selectors.chosen_term(cohort.program.school, request.GET.get("term", ""))
    enrollments = list(selectors.cohort_roster(cohort, term)) if term else []
    if request.method == "POST":
        count = invite_students_without_account(
            invited_by=request.user,
            students=[e.student for e in enrollments],
            base_url=request.build_absolute_uri("/"),
        )
        messages.success(request, f"Invitations sent to {count} student{pluralize(count)}.")
        return redirect(f"{request.path}?term={term.pk}" if term else request.path)
    return render(
        request,
        "school/cohort_roster.html",
        {
            "cohort": cohort,
            "term": term,
            "enrollments": enrollments,
            "without_account": sum(not e.student.has_usable_password() for e in enrollments),
        },
    )


def _add_term(school, **fields):
    """A new term comes with the programme's deliverables, so its students'
    home pages say what is due from the first day, before anyone has opened a
    deliverables page (which would make them too)."""
    term = services.add_term(school, **fields)
    ensure_default_deliverables(term)
    return term


# Each form on the setup page and the service that saves it.
SETUP_FORMS = {
    "term": (TermForm, _add_term),
    "program": (ProgramForm, services.add_program),
    "settings": (SchoolSettingsForm, services.update_school_settings),
}


@login_required
@require_http_methods(["GET", "POST"])
def school_setup(request):
    """The school's terms, programs and settings, on one page."""
    school = policies.school_managed_by(request.user)
    forms_ = {k: cls(school=school, prefix=k) for k, (cls, _) in SETUP_FORMS.items()}
    if request.method == "POST":
        which = request.POST.get("form")
        if which not in SETUP_FORMS:
            return HttpResponseBadRequest("Unknown form.")
        form_class, save = SETUP_FORMS[which]
        form = form_class(request.POST, school=school, prefix=which)
        if form.is_valid():
            save(school, **form.cleaned_data)
            messages.success(request, "Saved.")
            return redirect("school:setup")
        forms_[which] = form
        # A rejected settings form edits `school` in memory; show the stored one.
        school.refresh_from_db()
    return render(
        request,
        "school/setup.html",
        {
            **{f"{k}_form": v for k, v in forms_.items()},
            "programs": school.programs.all(),
            "terms": school.terms.all(),
        },
    )
