"""Every school whose hard rules can hold gets groups; the opt-in changes nothing
anyone else can see; numbers and sizes say nothing about topics."""

import random
from collections import Counter
from dataclasses import replace

import pytest

from careerdev.grouping import Infeasible, form_mix_it_up_groups
from careerdev.grouping.construct import from_witness
from careerdev.grouping.instance import Instance
from careerdev.grouping.mix_it_up import _groups
from careerdev.grouping.plan import make_plans
from careerdev.grouping.scoring import evaluate_with
from careerdev.grouping.synthetic import realistic_school

from .helpers import person, problem, strict_violations

LR = "less-represented"


def can_hold(p) -> bool:
    """The hard rules, worked out afresh: groups of min..max people, each with a
    Mod 4 or Mod 3 student. (A less-represented group is never required: its
    takers can always join their next choice.)"""
    n = len(p.people)
    uppers = sum(1 for x in p.people if x.module >= 3)
    fewest_groups = -(-n // p.max_size)
    return fewest_groups <= n // p.min_size and uppers >= fewest_groups


SWEEP = [(seed, {}) for seed in range(40)] + [
    # The schools the issue saw refused: Mod 4 15-19%, 8% opted in, most in Mod 4.
    (100 + seed, {"mod4_share": 0.15 + 0.01 * (seed % 5), "opt_rate": 0.08, "mod4_heavy": True})
    for seed in range(16)
]


@pytest.mark.parametrize(("seed", "shape"), SWEEP)
def test_a_realistic_school_whose_rules_can_hold_always_gets_groups(seed, shape):
    p = realistic_school(seed, **shape)
    assert can_hold(p)
    result = form_mix_it_up_groups(p, exact=False, iterations=3_000)
    assert strict_violations(p, result) == []
    assert result.report.ok


def test_a_school_short_of_upper_module_students_is_told_how_many_more():
    people = [person(i, module=1) for i in range(1, 22)]  # 21 students: at least 3 groups
    people[0] = person(1, module=4)
    with pytest.raises(Infeasible) as e:
        form_mix_it_up_groups(problem(people, min_size=4, max_size=7))
    assert "needs 2 more Mod 4 or Mod 3 students" in e.value.reasons[0]
    assert "kept" not in e.value.reasons[0]  # nothing was kept: it must not say so


def test_the_restricted_topic_with_three_takers_waits_for_next_round():
    people = [person(i, module=1 + i % 4, topic_ranking=("net",)) for i in range(1, 25)]
    for pid in (4, 8, 12):
        people[pid - 1] = person(pid, module=4, topic_ranking=("lr", "net"), less_represented=True)
    result = form_mix_it_up_groups(problem(people), exact=False)
    assert all(g.topic != "lr" for g in result.groups)
    note = next(n for n in result.report.notes if "no group formed" in n)
    assert "3 opted-in students chose it" in note and "offered next round" in note


def test_scarce_mod4_students_no_longer_starve_the_other_groups():
    # 60 students, 9 in Mod 4 (15%), 5 opted in and chose the topic, 3 of them
    # in Mod 4: planned from the survey alone, the restricted group took the Mod 4
    # students the other groups needed and the round was refused.
    people = []
    for i in range(1, 61):
        module = 4 if i <= 9 else 3 if i <= 22 else 1 + i % 2
        chose = i in (1, 2, 3, 30, 31)
        people.append(
            person(
                i,
                module=module,
                less_represented=chose,
                topic_ranking=("lr", "int") if chose else ("net", "int"),
                cohort=f"C{module}-{i % 3}",
            )
        )
    p = problem(people)
    result = form_mix_it_up_groups(p, exact=False)
    assert strict_violations(p, result) == []
    assert any(g.topic == "lr" for g in result.groups)


def test_the_witness_builds_a_grouping_meeting_every_rule_whenever_it_says_one_exists():
    rng = random.Random(7)
    built = 0
    for _ in range(300):
        n = rng.randint(4, 40)
        people = []
        for i in range(1, n + 1):
            module = rng.choice((1, 2, 3, 4, 4) if rng.random() < 0.5 else (1, 2, 3))
            chose = rng.random() < 0.3
            people.append(
                person(
                    i,
                    module=module,
                    less_represented=chose or rng.random() < 0.1,
                    topic_ranking=("lr", "net") if chose else ("int",),
                )
            )
        p = problem(people, min_size=rng.choice((3, 4)), max_size=rng.choice((5, 6, 7)), seed=1)
        inst = Instance(p)
        try:
            plans = make_plans(inst)
        except Infeasible:
            assert not can_hold(p)
            continue
        assert can_hold(p)
        for plan in plans:
            state = from_witness(inst, plan, random.Random(1))
            assert state.group_of.count(-1) == 0
            report = evaluate_with(inst, _groups(inst, plan, state.group_of, state.topic))
            assert report.ok, [r for r in report.rules if not r.ok]
            built += 1
    assert built > 200


@pytest.mark.parametrize("seed", range(12))
def test_an_opt_in_without_choosing_the_topic_changes_nothing(seed):
    """Consent is per round, and the engine never sees an opt-in without it: the
    groups, numbers, topics, leaders and report are the same either way."""
    p = realistic_school(seed, n=random.Random(seed).randint(30, 120))
    rng = random.Random(seed)
    quiet = [x for x in p.people if LR not in x.topic_ranking]
    x = rng.choice(quiet)
    flipped = tuple(
        replace(y, less_represented=not y.less_represented) if y.id == x.id else y for y in p.people
    )
    a = form_mix_it_up_groups(p, exact=False, iterations=3_000)
    b = form_mix_it_up_groups(replace(p, people=flipped), exact=False, iterations=3_000)
    assert a.groups == b.groups
    assert a.report == b.report


def test_someone_who_opted_in_but_did_not_choose_the_topic_is_never_placed_in_it():
    people = [person(i, module=1 + i % 4, topic_ranking=("net",)) for i in range(1, 25)]
    for pid in (1, 2, 3, 4, 5):
        people[pid - 1] = person(pid, module=4, topic_ranking=("lr",), less_represented=True)
    people[5] = person(6, module=2, topic_ranking=("net",), less_represented=True)
    result = form_mix_it_up_groups(problem(people), exact=False)
    lr = [g for g in result.groups if g.topic == "lr"]
    assert lr and all(6 not in g.members for g in lr)


def test_the_restricted_groups_number_says_nothing_about_its_topic():
    numbers = Counter()
    groups = None
    for seed in range(60):
        p = realistic_school(3, n=90, opt_rate=0.12, mod4_heavy=True)
        result = form_mix_it_up_groups(replace(p, seed=seed), exact=False, iterations=500)
        groups = len(result.groups)
        numbers.update(g.number for g in result.groups if g.topic == LR)
    assert sum(numbers.values()) >= 60  # a restricted group every time
    # Spread over the numbers, not stuck on the lowest (it was always group 1).
    assert len(numbers) >= groups // 2
    assert max(numbers.values()) <= 15
