"""The demo term's Wednesday groups: the default topics, a survey most
students answered (skewed towards the popular topics, as real answers are),
and the Homeroom and week-2 Mix It Up groups formed by the engine and
published, so a student signing in sees their group and room."""

from __future__ import annotations

import random

from careerdev.groups import services as groups
from careerdev.groups.models import MixItUpTopic, SurveyResponse
from careerdev.people.models import User
from careerdev.school.models import Term

ANSWERED_SHARE = 0.92  # of students who answered the survey
# How often each open topic (in the programme's order) is someone's first pick.
POPULARITY = (0.28, 0.24, 0.16, 0.12, 0.11, 0.09)


def form_demo_groups(term: Term, staff: User, rng: random.Random) -> None:
    topics = groups.ensure_default_topics(term)
    survey = groups.open_survey(term)
    open_topics = [t for t in topics if not t.is_restricted]
    restricted = next((t for t in topics if t.is_restricted), None)
    enrollments = term.enrollments.select_related("student__student_profile")
    responses = []
    for e in enrollments:
        if e.student.email.startswith(("student@", "student2@")):
            answered = True  # the well-known students show a filled survey
        else:
            answered = rng.random() < ANSWERED_SHARE
        if not answered:
            continue
        ranking = _ranking(rng, open_topics)
        opted_in = e.student.student_profile.less_represented_opt_in
        if opted_in and restricted is not None and rng.random() < 0.7:
            ranking = [restricted, *ranking[:2]]
        leads = next((t for t in ranking if not t.is_restricted), None) if e.module == 4 else None
        responses.append(
            SurveyResponse(
                survey=survey,
                student=e.student,
                ranking=[t.pk for t in ranking],
                leads_topic=leads,
            )
        )
    # Generated answers, in bulk: the survey service checks one student's
    # answer at a time, and these are valid by construction.
    SurveyResponse.objects.bulk_create(responses)
    groups.close_survey(term)
    groups.publish(groups.form_homerooms(term, by=staff, seed=1), by=staff)
    groups.publish(groups.form_mix_it_up(term, 2, by=staff, seed=1), by=staff)


def _ranking(rng: random.Random, open_topics: list[MixItUpTopic]) -> list[MixItUpTopic]:
    weights = list(POPULARITY[: len(open_topics)]) + [0.05] * (len(open_topics) - len(POPULARITY))
    chosen = []
    for _ in range(min(3, len(open_topics))):
        i = rng.choices(range(len(open_topics)), weights)[0]
        chosen.append(open_topics[i])
        weights[i] = 0.0
    return chosen
