"""Property tests: on any small problem the engine either meets every hard rule
(checked here from the problem alone) or says why it cannot, and a seed always
gives the same groups."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerdev.grouping import (
    HomeroomProblem,
    Infeasible,
    MixItUpProblem,
    Person,
    Topic,
    form_homeroom_groups,
    form_mix_it_up_groups,
)

from .helpers import strict_violations

TOPICS = (
    Topic("net", "Networking"),
    Topic("int", "Interviewing"),
    Topic("mat", "Materials"),
    Topic("lr", "Identifying as less represented in tech", restricted=True),
)
TOPIC_IDS = [t.id for t in TOPICS] + ["gone"]  # "gone": a topic no longer offered

FAST = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@st.composite
def people(draw, max_people: int = 40):
    n = draw(st.integers(0, max_people))
    programs = draw(st.lists(st.sampled_from(["BE", "FE", "DS"]), min_size=1, max_size=3))
    out = []
    for pid in range(1, n + 1):
        module = draw(st.integers(1, 4))
        ranking = tuple(draw(st.lists(st.sampled_from(TOPIC_IDS), max_size=4, unique=True)))
        leads = draw(st.none() | st.sampled_from(TOPIC_IDS)) if module == 4 else None
        out.append(
            Person(
                id=pid * 7,  # ids need not be 1..n
                cohort=draw(st.sampled_from(["A", "B", "C", "D", "E"])),
                program=draw(st.sampled_from(programs)),
                module=module,
                repeating=draw(st.booleans()),
                topic_ranking=ranking,
                leads_topic=leads,
                less_represented=draw(st.booleans()),
            )
        )
    return tuple(out)


def met_before(draw, ids):
    if len(ids) < 2:
        return {}
    pairs = draw(
        st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=3 * len(ids))
    )
    return {(min(a, b), max(a, b)): "before" for a, b in pairs if a != b}


@st.composite
def mix_it_up_problems(draw, max_people: int = 40):
    folks = draw(people(max_people))
    ids = [p.id for p in folks]
    min_size = draw(st.integers(1, 5))
    max_size = draw(st.integers(min_size, min_size + 4))
    keep = {}
    keep_topics = {}
    if ids and draw(st.booleans()):
        kept = draw(st.lists(st.sampled_from(ids), max_size=len(ids) // 2, unique=True))
        keep = {pid: draw(st.integers(1, 4)) for pid in kept}
        if draw(st.booleans()):
            keep_topics = {g: draw(st.sampled_from(TOPIC_IDS)) for g in set(keep.values())}
    return MixItUpProblem(
        people=folks,
        topics=TOPICS,
        min_size=min_size,
        max_size=max_size,
        met_before=met_before(draw, ids),
        keep=keep,
        keep_topics=keep_topics,
        seed=draw(st.integers(0, 3)),
    )


def _form(problem, **kw):
    try:
        return form_mix_it_up_groups(problem, **kw)
    except Infeasible as e:
        assert e.reasons and all(isinstance(r, str) and r for r in e.reasons)
        return None


@FAST
@given(mix_it_up_problems())
def test_mix_it_up_meets_every_hard_rule_or_says_why_not(problem):
    result = _form(problem, exact=False, iterations=2_000)
    if result is None:
        return
    assert strict_violations(problem, result) == []
    assert result.report.ok
    report = result.report
    assert report.bound is None or report.bound <= report.objective + 1e-9
    again = form_mix_it_up_groups(problem, exact=False, iterations=2_000)
    assert again.groups == result.groups


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mix_it_up_problems(max_people=14))
def test_cp_sat_results_meet_every_hard_rule_too(problem):
    result = _form(problem, exact=True, time_limit_s=0.2, iterations=1_000)
    if result is None:
        return
    assert strict_violations(problem, result) == []
    assert result.report.bound is not None
    assert result.report.bound <= result.report.objective + 1e-9


@st.composite
def homeroom_problems(draw):
    folks = draw(people(40))
    ids = [p.id for p in folks]
    min_size = draw(st.integers(1, 5))
    max_size = draw(st.integers(min_size, min_size + 3))
    return HomeroomProblem(
        people=folks,
        min_size=min_size,
        max_size=max_size,
        met_before=met_before(draw, ids),
        seed=draw(st.integers(0, 3)),
    )


@FAST
@given(homeroom_problems())
def test_homeroom_sizes_and_everyone_once_or_says_why_not(problem):
    try:
        result = form_homeroom_groups(problem, iterations=1_000)
    except Infeasible as e:
        assert e.reasons and all(e.reasons)
        return
    placed = sorted(m for g in result.groups for m in g.members)
    assert placed == sorted(p.id for p in problem.people)
    assert [g.number for g in result.groups] == list(range(1, len(result.groups) + 1))
    for g in result.groups:
        assert problem.min_size <= len(g.members) <= problem.max_size
    assert result.report.rules[0].ok and result.report.rules[1].ok
    assert form_homeroom_groups(problem, iterations=1_000).groups == result.groups


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mix_it_up_problems(max_people=16))
def test_the_default_run_with_its_improvement_pass_meets_every_hard_rule(problem):
    # The defaults: the improvement pass, its CP-SAT recombination and (fresh
    # rounds) the column generation and dive, then CP-SAT on small rounds.
    result = _form(problem)
    if result is None:
        return
    assert strict_violations(problem, result) == []
    assert result.report.bound is not None
    assert result.report.bound <= result.report.objective + 1e-9
    assert form_mix_it_up_groups(problem).groups == result.groups
