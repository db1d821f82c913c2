"""Session pages: the staff schedule and a session's page (change, drop or
move for a cohort, speakers), the attendance checklist, and a student's own
upcoming sessions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from careerdev import policies
from careerdev.ids import as_id, as_ids
from careerdev.school.models import Cohort
from careerdev.school.selectors import chosen_term, current_term, enrollment_of, school_of

from . import selectors, services
from .forms import MoveForCohortForm, SessionForm, SpeakerForm
from .models import GuestSpeaker


def _staff_school(request):
    school = policies.school_managed_by(request.user)
    policies.require(policies.can_manage_sessions(request.user, school))
    return school


def _staff_term(request):
    school = _staff_school(request)
    return chosen_term(school, request.GET.get("term", "") or request.POST.get("term", ""))


def _staff_session(request, pk):
    return selectors.session_in(_staff_school(request), pk)


def _term_cohorts_qs(term):
    return Cohort.objects.filter(enrollments__term=term).distinct().order_by("code")


def _form_errors(form, error: ValidationError) -> None:
    """A service's ValidationError, next to the field it names."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _schedule_url(term) -> str:
    return f"{reverse('sessions:schedule')}?term={term.pk}"


@login_required
def schedule(request):
    """The term's sessions by week, with who they are for and attendance taken."""
    term = _staff_term(request)
    if term is None:
        messages.error(request, "Add a term first.")
        return redirect("school:setup")
    cohorts = selectors.term_cohorts(term)
    cohort_id = request.GET.get("cohort", "")
    cohort = next((c for c in cohorts if str(c.pk) == cohort_id), None)
    rows = selectors.term_schedule(term, cohort=cohort)
    weeks = {}
    for row in rows:
        weeks.setdefault(row.session.week, []).append(row)
    return render(
        request,
        "sessions/schedule.html",
        {
            "term": term,
            "terms": term.school.terms.all(),
            "cohorts": cohorts,
            "cohort": cohort,
            "weeks": sorted(weeks.items()),
            "zone": term.school.zone,
            "without_panel": selectors.cohorts_without_panel(term),
        },
    )


@login_required
@require_POST
def add_usual_schedule(request):
    term = _staff_term(request)
    if term is None:
        return redirect("school:setup")
    count = services.add_usual_schedule(term)
    if count:
        messages.success(request, f"Added {count} session{pluralize(count)} of the usual schedule.")
    else:
        messages.success(request, "The term already has every session of the usual schedule.")
    return redirect(_schedule_url(term))


@login_required
@require_http_methods(["GET", "POST"])
def add(request):
    term = _staff_term(request)
    if term is None:
        return redirect("school:setup")
    form = SessionForm(request.POST or None, cohorts=_term_cohorts_qs(term))
    if request.method == "POST" and form.is_valid():
        try:
            session = services.add_session(term, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, f"Added {session.title}.")
            return redirect("sessions:detail", session.pk)
    return render(request, "sessions/form.html", {"form": form, "term": term, "session": None})


def _initial(session):
    zone = session.term.school.zone
    starts, ends = session.starts_at.astimezone(zone), session.ends_at.astimezone(zone)
    return {
        "kind": session.kind,
        "title": session.title,
        "date": starts.date(),
        "start_time": starts.time(),
        "end_time": ends.time(),
        "place": session.place,
        "video_link": session.video_link,
        "topic": session.topic,
        "cohorts": [] if session.all_cohorts else list(session.cohorts.all()),
        "description": session.description,
    }


@login_required
@require_http_methods(["GET", "POST"])
def detail(request, pk):
    """A session: change it for everyone, drop or move it for one cohort, its speakers."""
    session = _staff_session(request, pk)
    term = session.term
    cohorts = _term_cohorts_qs(term)
    form = SessionForm(request.POST or None, cohorts=cohorts, initial=_initial(session))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_session(session, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, f"Saved {session.title}.")
            return redirect("sessions:detail", session.pk)
    return _render_detail(request, session, form=form)


def _render_detail(request, session, form=None, move_form=None, speaker_form=None, status=200):
    term = session.term
    cohorts = _term_cohorts_qs(term)
    all_ids = {c.pk for c in cohorts}
    applies = selectors.cohort_ids_of(session, all_ids)
    return render(
        request,
        "sessions/detail.html",
        {
            "session": session,
            "term": term,
            "form": form or SessionForm(cohorts=cohorts, initial=_initial(session)),
            "move_form": move_form or MoveForCohortForm(cohorts=cohorts.filter(pk__in=applies)),
            "speaker_form": speaker_form or SpeakerForm(),
            "applies_to": [c for c in cohorts if c.pk in applies],
            "dropped": [d.cohort for d in session.drops.all()],
            "zone": term.school.zone,
        },
        status=status,
    )


def _cohort_of(request, session):
    return get_object_or_404(
        Cohort, pk=as_id(request.POST.get("cohort")), program__school=session.term.school
    ) if as_id(request.POST.get("cohort")) else None  # fmt: skip


@login_required
@require_POST
def drop(request, pk):
    session = _staff_session(request, pk)
    cohort = _cohort_of(request, session)
    if cohort is None:
        messages.error(request, "Choose the cohort to drop the session for.")
        return redirect("sessions:detail", session.pk)
    try:
        services.drop_session_for_cohort(session, cohort)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{session.title} dropped for {cohort.code}.")
    return redirect("sessions:detail", session.pk)


@login_required
@require_POST
def restore(request, pk):
    session = _staff_session(request, pk)
    cohort = _cohort_of(request, session)
    if cohort is not None:
        services.restore_session_for_cohort(session, cohort)
        messages.success(request, f"{session.title} is back for {cohort.code}.")
    return redirect("sessions:detail", session.pk)


@login_required
@require_POST
def move(request, pk):
    """Move the session for one cohort: that cohort gets its own copy."""
    session = _staff_session(request, pk)
    cohorts = _term_cohorts_qs(session.term)
    move_form = MoveForCohortForm(request.POST, cohorts=cohorts)
    if move_form.is_valid():
        data = move_form.cleaned_data
        try:
            copy = services.move_session_for_cohort(
                session,
                data["cohort"],
                date=data["date"],
                start_time=data["start_time"],
                end_time=data["end_time"],
            )
        except ValidationError as error:
            _form_errors(move_form, error)
        else:
            messages.success(request, f"{copy.title} moved for {data['cohort'].code}.")
            return redirect("sessions:detail", copy.pk)
    return _render_detail(request, session, move_form=move_form, status=400)


@login_required
@require_POST
def delete(request, pk):
    session = _staff_session(request, pk)
    term = session.term
    services.delete_session(session)
    messages.success(request, f"Deleted {session.title}.")
    return redirect(_schedule_url(term))


@login_required
@require_POST
def add_speaker(request, pk):
    session = _staff_session(request, pk)
    speaker_form = SpeakerForm(request.POST)
    if speaker_form.is_valid():
        try:
            services.add_speaker(session, **speaker_form.cleaned_data)
        except ValidationError as error:
            _form_errors(speaker_form, error)
        else:
            messages.success(request, f"Added {speaker_form.cleaned_data['name']}.")
            return redirect("sessions:detail", session.pk)
    return _render_detail(request, session, speaker_form=speaker_form, status=400)


@login_required
@require_POST
def remove_speaker(request, pk, speaker_pk):
    session = _staff_session(request, pk)
    speaker = get_object_or_404(GuestSpeaker, pk=speaker_pk, session=session)
    services.remove_speaker(speaker)
    return redirect("sessions:detail", session.pk)


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request, pk):
    """The checklist: every student the session is for, saved in one POST."""
    session = _staff_session(request, pk)
    error = None
    if request.method == "POST":
        ids = as_ids(request.POST.getlist("present"))
        try:
            count = services.record_attendance(session, ids)
        except ValidationError as e:
            error = " ".join(e.messages)
        else:
            messages.success(request, f"Attendance saved: {count} present.")
            return redirect("sessions:attendance", session.pk)
    rows = selectors.attendance_sheet(session)
    return render(
        request,
        "sessions/attendance.html",
        {
            "session": session,
            "term": session.term,
            "rows": rows,
            "error": error,
            "taken": any(r.present is not None for r in rows),
            "zone": session.term.school.zone,
        },
        status=400 if error else 200,
    )


@login_required
def mine(request):
    """A student's upcoming sessions and their own attendance so far."""
    policies.require(policies.can_see_own_sessions(request.user))
    school = school_of(request.user)
    term = current_term(school) if school else None
    enrollment = enrollment_of(request.user, term)
    sessions = selectors.upcoming_sessions_for(request.user, term) if enrollment else []
    rate = selectors.attendance_rate(request.user, term, weeks=range(1, 53)) if enrollment else None
    return render(
        request,
        "sessions/mine.html",
        {
            "term": term,
            "enrollment": enrollment,
            "sessions": sessions,
            "rate": rate,
            "zone": school.zone if school else None,
        },
    )
