"""What a student's home page shows: their week — dates, PD time, their
Homeroom and Mix It Up groups and rooms, prompts, what is still to do.

Built for 12:55 on a Wednesday, when the whole school opens it at once: what
every student of the term shares (the term, its deliverables and
exceptions, the survey, the prompts, who is in which group) comes from the
worker's memory under the school's data token (school/shared.py), so a page
reads only the student's own rows: their group-mates' names, their evidence,
their notices.
"""

from __future__ import annotations

from django.utils import timezone

from careerdev.deliverables.selectors import still_to_do, term_deliverables_and_exceptions
from careerdev.groups import prompts
from careerdev.groups.selectors import published_groups, student_week, survey_of
from careerdev.notifications.selectors import unread_notices
from careerdev.school import selectors
from careerdev.school.shared import remember


def student_home(student) -> dict:
    """The home page's context for `student`."""
    school = selectors.school_of(student)
    if school is None:
        return {"term": None}
    today = selectors.today_in(school)
    term = remember(school, ("current term", today), lambda: selectors.current_term(school))
    if term is None:
        return {"term": None}
    enrolled = remember(school, ("enrolled", term.pk), lambda: selectors.enrolled_in(term))
    enrollment = enrolled.get(student.pk)
    week_number = term.week_number_on(today)
    # The session to prepare for: this week's until it ends, then the next one.
    next_pd = term.next_pd_week(timezone.now())
    week = next_pd.number if next_pd else None
    published = remember(school, ("groups", term.pk), lambda: published_groups(term))
    groups = student_week(student, week, published, enrolled)
    mix_topic = groups.mix_it_up.group.topic if groups.mix_it_up else None
    survey = remember(school, ("survey", term.pk), lambda: survey_of(term))
    module = enrollment.module if enrollment else None
    topic_name = mix_topic.name if mix_topic else None
    week_prompts = remember(
        school,
        ("prompts", module, week, topic_name, groups.leads),
        lambda: prompts.prompts_for_student_week(
            school, module=module, week=week, topic_name=topic_name, leads=groups.leads
        ),
    )
    rules = remember(
        school, ("deliverables", term.pk), lambda: term_deliverables_and_exceptions(term)
    )
    return {
        "term": term,
        "enrollment": enrollment,
        "weeks": term.weeks,  # called by the calendar only when it is rendered afresh
        "week_number": week_number,
        "this_week": term.week(week_number) if week_number else None,
        "next_pd": next_pd,
        "groups": groups,
        "homeroom_prompt": week_prompts.homeroom,
        "topic_prompt": week_prompts.topic,
        "leader_directions": week_prompts.leader_directions,
        "survey_open": bool(survey and survey.is_open and enrollment),
        "deliverables": (
            still_to_do(student, term, enrollment=enrollment, rules=rules) if enrollment else []
        ),
        "notices": unread_notices(student),
    }
