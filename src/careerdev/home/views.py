"""The home page: staff go to the term; a student sees their week — dates,
PD time, their Homeroom and Mix It Up groups, rooms, prompts; a volunteer
sees their part."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from careerdev import policies
from careerdev.deliverables.selectors import still_to_do
from careerdev.groups import prompts
from careerdev.groups.selectors import student_week, survey_of
from careerdev.notifications.selectors import unread_notices
from careerdev.school import selectors


@login_required
def home(request):
    user = request.user
    if policies.is_staff(user):
        return redirect("school:term_overview")
    if policies.is_student(user):
        return render(request, "home/student.html", student_home_context(user))
    if policies.is_volunteer(user):
        # A volunteer comes for one thing: their availability and interviews.
        return redirect("interviews:volunteer")
    return render(request, "home/other.html")


def student_home_context(student) -> dict:
    school = selectors.school_of(student)
    term = selectors.current_term(school) if school else None
    if term is None:
        return {"term": None}
    enrollment = selectors.enrollment_of(student, term)
    week_number = term.week_number_on(selectors.today_in(school))
    # The session to prepare for: this week's until it ends, then the next one.
    next_pd = term.next_pd_week(timezone.now())
    groups = student_week(student, term, next_pd.number if next_pd else None)
    module = enrollment.module if enrollment else None
    mix_topic = groups.mix_it_up.group.topic if groups.mix_it_up else None
    survey = survey_of(term)
    week_prompts = prompts.prompts_for_student_week(
        school,
        module=module,
        week=next_pd.number if next_pd else None,
        topic_name=mix_topic.name if mix_topic else None,
        leads=groups.leads,
    )
    return {
        "term": term,
        "enrollment": enrollment,
        "weeks": term.weeks(),
        "week_number": week_number,
        "this_week": term.week(week_number) if week_number else None,
        "next_pd": next_pd,
        "groups": groups,
        "homeroom_prompt": week_prompts.homeroom,
        "topic_prompt": week_prompts.topic,
        "leader_directions": week_prompts.leader_directions,
        "survey_open": bool(survey and survey.is_open and enrollment),
        "deliverables": still_to_do(student, term, enrollment=enrollment) if enrollment else [],
        "notices": unread_notices(student),
    }


def health(request):
    """For load balancers and uptime checks: the app answers, nothing more."""
    return HttpResponse("ok", content_type="text/plain")
