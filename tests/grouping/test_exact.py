"""CP-SAT against the heuristic, and the bounds against proven optima."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from careerdev.grouping import Infeasible, columns, form_mix_it_up_groups, improve
from careerdev.grouping.bound import lower_bound, relaxation_bound
from careerdev.grouping.exact import solve_exact
from careerdev.grouping.instance import Instance, even_sizes
from careerdev.grouping.mix_it_up import heuristic, restarts_for
from careerdev.grouping.plan import make_plan

from .helpers import person, problem, strict_violations
from .test_properties import mix_it_up_problems


def tiny():
    rankings = [("net", "int"), ("int", "mat"), ("mat", "net"), ("int",), ("net", "mat")]
    people = [
        person(
            i,
            module=1 + i % 4,
            cohort=f"C{i % 3}",
            topic_ranking=rankings[i % len(rankings)],
            leads_topic="mat" if i % 4 == 3 else None,
        )
        for i in range(1, 15)
    ]
    met = {(1, 5): "Homeroom", (2, 6): "Homeroom", (3, 7): "week 2", (4, 8): "week 2"}
    return problem(people, min_size=4, max_size=5, met_before=met, seed=3)


def test_cp_sat_is_never_worse_than_the_heuristic_and_its_bound_holds():
    p = tiny()
    quick = form_mix_it_up_groups(p, exact=False)
    exact = form_mix_it_up_groups(p, exact=True, time_limit_s=5.0)
    assert exact.report.ok
    assert exact.report.objective <= quick.report.objective
    assert exact.report.bound is not None
    assert exact.report.bound <= exact.report.objective


def test_bounds_never_exceed_a_proven_optimum_on_a_tiny_round():
    inst = Instance(tiny())
    plan = make_plan(inst)
    result = solve_exact(inst, plan, time_limit_s=10.0)
    assert result.optimal and result.objective is not None
    assert result.bound == result.objective
    assert lower_bound(inst, plan) <= result.objective
    lp = relaxation_bound(inst, plan)
    assert lp is not None and lower_bound(inst, plan) <= lp <= result.objective
    assert heuristic(inst, plan, 0).total >= result.objective


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mix_it_up_problems(max_people=10))
def test_bounds_never_exceed_a_proven_optimum(p):
    inst = Instance(p)
    if inst.n == 0:
        return
    try:
        # Infeasible also when the heuristic's groups break a rule, e.g. keeps
        # that fill a group with no upper-module student.
        form_mix_it_up_groups(p, exact=False, iterations=500)
    except Infeasible:
        return
    plan = make_plan(inst)
    state = heuristic(inst, plan, p.seed, 500, restarts_for(inst.n))  # the engine's groups
    result = solve_exact(
        inst, plan, hint=(list(state.group_of), list(state.topic)), time_limit_s=2.0
    )
    assert result.objective is not None and result.objective <= state.total
    assert result.bound <= result.objective
    if result.optimal:
        assert lower_bound(inst, plan) <= result.objective
        lp = relaxation_bound(inst, plan)
        assert lp is None or lp <= result.objective


def test_cp_sat_finds_a_grouping_where_the_greedy_construction_fails():
    # The one opted-in Mod 4 student is kept in group 3; the construction gives
    # the less-represented topic to another group and then has nobody to post
    # there. CP-SAT gives group 3 that topic instead.
    lr_first = ("lr", "int", "net", "mat")
    people = [
        person(7, module=4, less_represented=True, topic_ranking=lr_first, leads_topic="mat"),
        person(14, module=4, topic_ranking=("lr",)),
        person(21, module=4, topic_ranking=("mat", "lr", "int", "net")),
        person(28, module=2),
        person(35, module=1, topic_ranking=("int", "lr")),
    ]
    p = problem(people, min_size=1, max_size=3, keep={7: 3}, seed=3)
    with pytest.raises(Infeasible) as e:
        form_mix_it_up_groups(p, exact=False)  # the heuristic alone
    assert "Less-represented topic" in e.value.reasons[0]
    result = form_mix_it_up_groups(p)
    assert strict_violations(p, result) == []
    assert next(g for g in result.groups if g.number == 3).topic == "lr"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mix_it_up_problems(max_people=12))
def test_the_column_bound_never_exceeds_any_grouping_nor_a_proven_optimum(p):
    inst = Instance(p)
    try:
        plan = make_plan(inst)
        state = heuristic(inst, plan, p.seed, 500, 1)
    except Infeasible:
        return
    if not columns.applies(inst, plan):
        return
    pool: set = set()
    improve.harvest(pool, state)
    result = columns.generate(inst, plan, pool, rounds=40, price_time_s=0.5)
    assert result is not None
    assert result.bound <= state.total
    exact = solve_exact(
        inst, plan, hint=(list(state.group_of), list(state.topic)), time_limit_s=2.0
    )
    assert exact.objective is not None
    assert result.bound <= exact.objective  # CP-SAT's best, proven optimal or not


def test_a_groupings_columns_cost_what_its_objective_counts():
    # The recombination and the column generation price each group on its own;
    # the groups' prices must add up to the running objective.
    p = tiny()
    inst = Instance(p)
    plan = make_plan(inst)
    state = heuristic(inst, plan, 0)
    lo, hi = even_sizes(inst.n, plan.n_groups)
    total = sum(
        improve.column_cost(inst, tuple(state.members[g]), state.topic[g], lo, hi)
        for g in range(state.G)
    )
    assert total == state.total


def test_cp_sat_keeps_a_restricted_group_the_size_of_the_others():
    # Five who opted in and chose the topic, among 22: one restricted group, of
    # the round's usual sizes, so its size does not single it out.
    lr_first = ("lr", "net", "int")
    people = [
        person(
            i,
            module=4 if i <= 2 else 3 if i <= 3 else 1,
            topic_ranking=lr_first,
            less_represented=True,
        )
        for i in range(1, 6)
    ]
    people += [person(i, module=1 + i % 4, topic_ranking=("net", "int")) for i in range(6, 23)]
    p = problem(people, min_size=4, max_size=6, seed=1)
    inst = Instance(p)
    plan = make_plan(inst)
    assert plan.restricted_groups == 1
    result = solve_exact(inst, plan, time_limit_s=5.0)
    assert result.solution is not None
    group_of, topic_of = result.solution
    lo, hi = plan.restricted_sizes
    for g, t in enumerate(topic_of):
        size = sum(1 for x in group_of if x == g)
        if inst.restricted[t]:
            assert lo <= size <= hi
        assert plan.size_bounds[g][0] <= size <= plan.size_bounds[g][1]
