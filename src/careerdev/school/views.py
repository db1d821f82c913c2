"""School pages: the home page for each role, the staff term overview and a
cohort's roster."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from careerdev import policies

from . import selectors
from .models import Cohort, Term


def _term_for(request, school):
    """The term named by `?term=` when staff pick one, else the current term."""
    term_id = request.GET.get("term", "")
    if term_id.isdigit():
        return get_object_or_404(Term.objects.select_related("school"), pk=term_id, school=school)
    return selectors.current_term(school)


@login_required
def home(request):
    user = request.user
    if policies.is_staff(user):
        return redirect("school:term_overview")
    school = selectors.school_of(user)
    if policies.is_student(user):
        term = selectors.current_term(school) if school else None
        enrollment = selectors.enrollment_of(user, term)
        today = selectors.today_in(school) if school else None
        week_number = term.week_number_on(today) if term else None
        return render(
            request,
            "school/student_home.html",
            {
                "term": term,
                "enrollment": enrollment,
                "weeks": term.weeks() if term else [],
                "week_number": week_number,
                "this_week": term.week(week_number) if week_number else None,
            },
        )
    return render(request, "school/volunteer_home.html")


@login_required
def term_overview(request):
    school = selectors.school_of(request.user)
    policies.require(school is not None and policies.can_manage_school(request.user, school))
    term = _term_for(request, school)
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
def cohort_roster(request, pk):
    cohort = get_object_or_404(Cohort.objects.select_related("program__school"), pk=pk)
    policies.require_visible(policies.can_view_cohort(request.user, cohort))
    term = _term_for(request, cohort.program.school)
    enrollments = selectors.cohort_roster(cohort, term) if term else []
    return render(
        request,
        "school/cohort_roster.html",
        {"cohort": cohort, "term": term, "enrollments": enrollments},
    )
