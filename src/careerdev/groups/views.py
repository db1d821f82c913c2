"""Wednesday group pages: staff set topics and the survey, form, adjust and
publish groups; students answer the survey."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from careerdev import policies
from careerdev.ids import as_id, as_ids
from careerdev.school.selectors import chosen_term, current_term, enrollment_of, school_of

from . import selectors, services, slack
from .forms import MoveForm, SurveyAnswerForm, TopicForm
from .models import GroupRound, MixItUpTopic, RoundKind


def _staff_term(request):
    school = policies.school_managed_by(request.user)
    term = chosen_term(school, request.GET.get("term", "") or request.POST.get("term", ""))
    if term is None:
        messages.error(request, "Add a term first.")
    return term


def _round(request, pk) -> GroupRound:
    school = policies.school_managed_by(request.user)
    return get_object_or_404(
        GroupRound.objects.select_related("term__school"), pk=pk, term__school=school
    )


def _say_errors(request, error: Exception) -> None:
    reasons = getattr(error, "reasons", None) or getattr(error, "messages", [str(error)])
    for reason in reasons:
        messages.error(request, reason)


@login_required
def term_groups(request):
    """Topics, the survey and the rounds of a term, on one page."""
    term = _staff_term(request)
    if term is None:
        return redirect("school:setup")
    return render(
        request,
        "groups/term_groups.html",
        {
            "term": term,
            "status": selectors.survey_status(term),
            "rounds": selectors.term_rounds(term),
            "topic_form": TopicForm(),
        },
    )


def _back_to_term(term):
    return redirect(f"/groups/?term={term.pk}")


@login_required
@require_POST
def topics(request):
    term = _staff_term(request)
    action = request.POST.get("action")
    try:
        if action == "defaults":
            services.ensure_default_topics(term)
        elif action == "add":
            form = TopicForm(request.POST)
            if not form.is_valid():
                raise ValidationError([f"{k}: {' '.join(v)}" for k, v in form.errors.items()])
            services.add_topic(term, **form.cleaned_data)
        elif action == "rename":
            topic = get_object_or_404(MixItUpTopic, pk=as_id(request.POST.get("topic")), term=term)
            form = TopicForm({"name": request.POST.get("name", ""), "kind": topic.kind})
            if not form.is_valid():
                raise ValidationError([f"{k}: {' '.join(v)}" for k, v in form.errors.items()])
            services.rename_topic(topic, name=form.cleaned_data["name"])
        elif action == "remove":
            topic = get_object_or_404(MixItUpTopic, pk=as_id(request.POST.get("topic")), term=term)
            services.remove_topic(topic)
        elif action == "open":
            services.open_survey(term)
        elif action == "close":
            services.close_survey(term)
        else:
            raise ValidationError("Unknown action.")
    except ValidationError as error:
        _say_errors(request, error)
    else:
        messages.success(request, "Saved.")
    return _back_to_term(term)


@login_required
@require_POST
def form_round(request):
    """Form Homeroom or Mix It Up groups as a draft."""
    term = _staff_term(request)
    kind = request.POST.get("kind")
    # The seed's column holds 31 bits.
    seed = (as_id(request.POST.get("seed")) or 0) % 2**31
    try:
        if kind == RoundKind.HOMEROOM:
            round_ = services.form_homerooms(term, by=request.user, seed=seed)
        elif kind == "carry_forward":
            round_ = services.carry_forward_homerooms(term, by=request.user)
        elif kind == RoundKind.MIX_IT_UP:
            week = request.POST.get("week", "")
            week_number = as_id(week) or 0
            round_ = services.form_mix_it_up(term, week_number, by=request.user, seed=seed)
        else:
            raise ValidationError("Unknown kind of group.")
    except (ValidationError, services.GroupingRefused) as error:
        messages.error(request, "No groups were formed or published.")
        _say_errors(request, error)
        return _back_to_term(term)
    return redirect("groups:round", pk=round_.pk)


# A page of groups at a time: a 5,000-student round is 700 groups.
GROUPS_PER_PAGE = 30


def _round_context(round_: GroupRound, page: str = "1") -> dict:
    count = max(round_.groups.aggregate(m=Max("number"))["m"] or 0, 0)
    pages = max(1, -(-count // GROUPS_PER_PAGE))
    number = min(as_id(page) or 1, pages)
    first = (number - 1) * GROUPS_PER_PAGE + 1
    return {
        "round": round_,
        "groups": selectors.round_groups(round_, range(first, first + GROUPS_PER_PAGE)),
        "group_count": count,
        "page_number": number,
        "pages": range(1, pages + 1) if pages > 1 else None,
        "report": round_.report,
        "slack_on": slack.is_configured() and round_.kind == RoundKind.MIX_IT_UP,
        "slack_status": slack.slack_status(round_) if slack.is_configured() else None,
    }


@login_required
def round_detail(request, pk):
    round_ = _round(request, pk)
    return render(
        request, "groups/round.html", _round_context(round_, request.GET.get("page", "1"))
    )


@login_required
@require_POST
def move(request, pk):
    """Move a student; answers htmx with the round's body, report included."""
    round_ = _round(request, pk)
    form = MoveForm(request.POST)
    error = None
    if form.is_valid():
        try:
            round_ = services.move_student(
                round_,
                form.cleaned_data["student"],
                form.cleaned_data["to_group"],
                by=request.user,
            )
        except ValidationError as e:
            error = " ".join(e.messages)
    else:
        error = "Choose a student and a group number."
    context = {**_round_context(round_, request.POST.get("page", "1")), "move_error": error}
    if request.headers.get("HX-Request"):
        return render(request, "groups/_round_body.html", context)
    if error:
        messages.error(request, error)
    return redirect("groups:round", pk=round_.pk)


@login_required
@require_POST
def publish(request, pk):
    round_ = _round(request, pk)
    try:
        services.publish(round_, by=request.user)
    except ValidationError as error:
        _say_errors(request, error)
    else:
        messages.success(request, "Published: students see their groups and rooms now.")
    return redirect("groups:round", pk=round_.pk)


@login_required
@require_POST
def absences(request, pk):
    round_ = _round(request, pk)
    absent = set(as_ids(request.POST.getlist("absent")))
    if not absent:
        messages.error(request, "Tick the students who are absent first.")
        return redirect("groups:round", pk=round_.pk)
    try:
        services.rerun_for_absences(round_, absent, by=request.user)
    except (ValidationError, services.GroupingRefused) as error:
        messages.error(request, "Nothing was changed.")
        _say_errors(request, error)
    else:
        messages.success(
            request, f"Re-formed around {len(absent)} absent student(s); everyone else stayed."
        )
    return redirect("groups:round", pk=round_.pk)


@login_required
@require_http_methods(["GET", "POST"])
def survey(request):
    """A student's Mix It Up topic survey."""
    policies.require(policies.is_student(request.user))
    school = school_of(request.user)
    term = current_term(school) if school else None
    enrollment = enrollment_of(request.user, term)
    # Only this student's part: never the whole term's survey status.
    survey = selectors.survey_of(term) if term else None
    if enrollment is None or survey is None or not survey.is_open:
        return render(request, "groups/survey_closed.html", {"term": term})
    existing = selectors.survey_response(request.user, term)
    opt_in = policies.private_opt_in(request.user, request.user)
    initial = {"opt_in": opt_in}
    if existing:
        initial.update(
            {f"choice_{i + 1}": str(t) for i, t in enumerate(existing.ranking)},
            industry_interest=existing.industry_interest,
            leads_topic=str(existing.leads_topic_id or ""),
        )
    form = SurveyAnswerForm(
        request.POST or None,
        initial=initial,
        topics=selectors.term_topics(term),
        can_lead=enrollment.module == 4,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_survey(
                request.user,
                term,
                ranking=form.cleaned_data["ranking"],
                industry_interest=form.cleaned_data["industry_interest"],
                opt_in=form.cleaned_data["opt_in"],
                leads_topic=form.cleaned_data["leads"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Thank you: your answers are saved.")
            return redirect("home")
    return render(request, "groups/survey.html", {"form": form, "term": term})
