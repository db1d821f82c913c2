"""The benchmark's figures that matter most, held on its smaller terms: rules,
repeated pairs, the bound, closeness to the optimum, and leaders' topics."""

from __future__ import annotations

from careerdev.grouping import form_mix_it_up_groups
from careerdev.grouping.exact import solve_exact
from careerdev.grouping.instance import SCALE, Instance
from careerdev.grouping.plan import make_plans
from careerdev.grouping.synthetic import synthetic_term

from .helpers import hard_rule_violations, person, problem


def test_sixty_students_at_the_defaults_keep_every_rule_and_repeat_no_pair():
    # Its wall time is bench/grouping.py's to measure (docs/benchmarks.md), not a test's.
    p = synthetic_term(60, 1)
    result = form_mix_it_up_groups(p)
    assert hard_rule_violations(p, result.groups) == []
    assert result.report.repeated_pairs == ()  # the term allows none
    assert result.report.bound is not None
    assert 0 < result.report.bound <= result.report.objective


def test_three_hundred_students_repeat_no_pair_and_the_lp_bound_holds():
    p = synthetic_term(300, 1)
    result = form_mix_it_up_groups(p)
    assert hard_rule_violations(p, result.groups) == []
    # Only inside the less-represented group: its 11 takers met in two week-2
    # groups, so any group of 5 or more of them repeats a pair.
    restricted = {t.id for t in p.topics if t.restricted}
    group_of = {m: g for g in result.groups for m in g.members}
    assert all(group_of[a].topic in restricted for a, _, _ in result.report.repeated_pairs)
    assert result.report.first_choice_rate > 0.9
    assert result.report.bound is not None
    assert result.report.bound <= result.report.objective


def test_the_default_run_at_45_students_is_proven_within_two_percent_of_the_best():
    # The report's bound is proven (the column generation's LP): groups within 2%
    # of it are within 2% of the best grouping there is under the plan.
    p = synthetic_term(45, 1)
    result = form_mix_it_up_groups(p)
    assert hard_rule_violations(p, result.groups) == []
    assert result.report.gap_to_bound is not None
    assert result.report.gap_to_bound <= 0.02


def test_the_default_run_on_a_small_round_is_within_two_percent_of_the_cp_sat_optimum():
    seed = 2
    p = synthetic_term(16, seed)
    result = form_mix_it_up_groups(p)
    inst = Instance(p)
    plan = next(x for x in make_plans(inst) if x.n_groups == len(result.groups))
    optimum = solve_exact(inst, plan, time_limit_s=20.0, seed=seed)  # a longer solve
    assert optimum.optimal and optimum.objective is not None
    assert result.report.objective * SCALE <= 1.02 * optimum.objective


def _leaders(p, groups) -> dict[int, tuple[str, int]]:
    """Leader id → (topic of their group, group number)."""
    where = {m: g for g in groups for m in g.members}
    return {x.id: (where[x.id].topic, where[x.id].number) for x in p.people if x.leads_topic}


def test_leaders_lead_the_topic_they_chose_even_when_they_ranked_it_last():
    # Four Mod 4 students choose to lead a topic they ranked last (or not at all),
    # while everyone else wants Networking: the rules allow every leader theirs.
    leads = {1: "int", 2: "mat", 3: "int", 4: "mat"}
    people = [
        person(i, module=4, topic_ranking=("net", "int", "mat"), leads_topic=leads[i])
        for i in leads
    ]
    people += [person(i, module=1 + i % 3, topic_ranking=("net",)) for i in range(5, 17)]
    p = problem(people, min_size=4, max_size=4, seed=2)
    result = form_mix_it_up_groups(p)
    assert result.report.ok
    assert {pid: topic for pid, (topic, _) in _leaders(p, result.groups).items()} == leads
    assert not [n for n in result.report.notes if "chose to lead" in n]


def test_a_leader_who_cannot_lead_their_topic_is_named_by_group_with_the_reason():
    # Two groups and three leaders who chose three different topics: one of them
    # cannot have theirs, and the report says which group and why.
    people = [
        person(1, module=4, topic_ranking=("net",), leads_topic="net"),
        person(2, module=4, topic_ranking=("int",), leads_topic="int"),
        person(3, module=4, topic_ranking=("mat",), leads_topic="mat"),
    ]
    people += [person(i, module=1 + i % 3) for i in range(4, 9)]
    p = problem(people, min_size=4, max_size=4, seed=1)
    result = form_mix_it_up_groups(p)
    assert result.report.ok
    missed = [
        (pid, number)
        for pid, (topic, number) in _leaders(p, result.groups).items()
        if topic != next(x.leads_topic for x in p.people if x.id == pid)
    ]
    assert len(missed) == 1
    notes = [n for n in result.report.notes if "chose to lead" in n]
    assert len(notes) == 1
    assert notes[0].startswith(f"Group {missed[0][1]}: the Mod 4 student here who chose to lead")
    assert "would" in notes[0] or "keeps every rule" in notes[0]  # a reason, in words
