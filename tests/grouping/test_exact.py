"""CP-SAT against the heuristic, and the bounds against proven optima."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from careerdev.grouping import Infeasible, form_mix_it_up_groups
from careerdev.grouping.bound import lower_bound, relaxation_bound
from careerdev.grouping.exact import solve_exact
from careerdev.grouping.instance import Instance
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
