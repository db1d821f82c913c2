"""From the database to the engine: build the problems careerdev.grouping
solves, and turn its answers back into plain data for storing.

Person ids are student user ids.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from careerdev import policies
from careerdev.grouping.types import (
    HomeroomProblem,
    MixItUpProblem,
    Person,
    PersonId,
    Report,
    Topic,
)
from careerdev.school.models import Cohort, Enrollment, Term

from .models import GroupMember, GroupRound, MixItUpTopic, RoundKind, SurveyResponse

MIX_IT_UP_SIZES = (4, 7)
HOMEROOM_SIZES = (4, 6)


def _enrollments(term: Term, cohort: Cohort | None = None):
    qs = Enrollment.objects.filter(term=term).select_related("cohort__program")
    return qs.filter(cohort=cohort) if cohort else qs


def met_before(term: Term, student_ids: set[int], *, exclude: GroupRound | None = None):
    """Pairs of these students who have already met in a group: this term's
    other rounds and every earlier term's published ones. Keyed (low, high)."""
    rows = (
        GroupMember.objects.filter(student_id__in=student_ids, round__term__school=term.school)
        .exclude(round=exclude)
        .exclude(round__term__start_date__lt=term.start_date, round__status="draft")
        .filter(round__term__start_date__lte=term.start_date)
        .values_list("group_id", "student_id", "round__kind", "round__week", "round__term__name")
    )
    groups: dict[int, list[int]] = defaultdict(list)
    where: dict[int, str] = {}
    for group_id, student_id, kind, week, term_name in rows:
        groups[group_id].append(student_id)
        where[group_id] = (
            f"Homeroom, {term_name}"
            if kind == RoundKind.HOMEROOM
            else f"Mix It Up week {week}, {term_name}"
        )
    pairs: dict[tuple[PersonId, PersonId], str] = {}
    for group_id, members in groups.items():
        for a, b in combinations(sorted(members), 2):
            pairs.setdefault((a, b), where[group_id])
    return pairs


def _person(enrollment: Enrollment, opted_in: set[int], response: SurveyResponse | None):
    ranking: tuple[str, ...] = ()
    leads = None
    if response is not None:
        ranking = tuple(str(t) for t in response.ranking)
        if enrollment.module == 4 and response.leads_topic_id:
            leads = str(response.leads_topic_id)
    return Person(
        id=enrollment.student_id,
        cohort=enrollment.cohort.code,
        program=enrollment.cohort.program.code,
        module=enrollment.module,
        repeating=enrollment.repeating,
        topic_ranking=ranking,
        leads_topic=leads,
        less_represented=enrollment.student_id in opted_in,
    )


def mix_it_up_problem(
    round_: GroupRound,
    *,
    keep: dict[int, int] | None = None,
    keep_topics: dict[int, str] | None = None,
    absent: set[int] = frozenset(),
) -> MixItUpProblem:
    term = round_.term
    enrollments = [e for e in _enrollments(term) if e.student_id not in absent]
    ids = {e.student_id for e in enrollments}
    responses = {
        r.student_id: r
        for r in SurveyResponse.objects.filter(survey__term=term, student_id__in=ids)
    }
    term_topics = list(MixItUpTopic.objects.filter(term=term))
    topics = tuple(
        Topic(id=str(t.pk), name=t.name, restricted=t.is_restricted) for t in term_topics
    )
    # The engine's "opted in" is consent for this round: opted in and ranked
    # the topic. Anyone else's opt-in stays out of the problem, so turning it
    # on or off changes no grouping (tests/groups/test_opt_in_privacy.py).
    opted_in = policies.consented_to_restricted_topic(
        {sid: r.ranking for sid, r in responses.items()},
        [t.pk for t in term_topics if t.is_restricted],
    )
    return MixItUpProblem(
        people=tuple(_person(e, opted_in, responses.get(e.student_id)) for e in enrollments),
        topics=topics,
        min_size=MIX_IT_UP_SIZES[0],
        max_size=MIX_IT_UP_SIZES[1],
        met_before=met_before(term, ids, exclude=round_),
        keep=keep or {},
        keep_topics=keep_topics or {},
        seed=round_.seed,
    )


def homeroom_problem(round_: GroupRound, cohort: Cohort) -> HomeroomProblem:
    enrollments = list(_enrollments(round_.term, cohort))
    ids = {e.student_id for e in enrollments}
    people = tuple(_person(e, set(), None) for e in enrollments)
    # A cohort smaller than a group is one group.
    min_size = min(HOMEROOM_SIZES[0], len(people))
    return HomeroomProblem(
        people=people,
        min_size=max(min_size, 1),
        max_size=max(HOMEROOM_SIZES[1], min_size),
        met_before=met_before(round_.term, ids, exclude=round_),
        seed=round_.seed,
    )


def report_as_json(report: Report) -> dict:
    """The report as stored on the round and shown on the page."""
    return {
        "ok": report.ok,
        "rules": [{"rule": r.rule, "ok": r.ok, "detail": r.detail} for r in report.rules],
        "first_choice_rate": report.first_choice_rate,
        "second_choice_rate": report.second_choice_rate,
        "repeated_pairs": [list(p) for p in report.repeated_pairs],
        "modules_per_group": report.modules_per_group,
        "programs_per_group": report.programs_per_group,
        "cohorts_per_group": report.cohorts_per_group,
        "objective": report.objective,
        "bound": report.bound,
        "gap_to_bound": report.gap_to_bound,
        "notes": list(report.notes),
    }
