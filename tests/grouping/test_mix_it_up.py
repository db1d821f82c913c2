"""Mix It Up: the hard rules, the report, keeps, determinism."""

import random

import pytest

from careerdev.grouping import (
    Group,
    Infeasible,
    evaluate_mix_it_up,
    form_mix_it_up_groups,
    group_leaders,
)
from careerdev.grouping.construct import construct
from careerdev.grouping.improve import settle
from careerdev.grouping.instance import Instance
from careerdev.grouping.plan import make_plan
from careerdev.grouping.scoring import parts_of
from careerdev.grouping.search import anneal, repair_pairs
from careerdev.grouping.state import State
from careerdev.grouping.synthetic import synthetic_term

from .helpers import hard_rule_violations, person, problem


def twelve_people(**kw):
    people = [person(i, module=1 + i % 4, topic_ranking=("net", "int")) for i in range(1, 13)]
    return problem(people, **kw)


def test_every_hard_rule_holds_on_a_synthetic_term():
    p = synthetic_term(120, seed=3, week_two=False)
    result = form_mix_it_up_groups(p, exact=False)
    assert hard_rule_violations(p, result.groups) == []
    assert result.report.ok
    assert [g.number for g in result.groups] == list(range(1, len(result.groups) + 1))


def test_mod4_members_lead_and_restricted_group_has_no_leaders():
    p = synthetic_term(200, seed=5, week_two=False)
    result = form_mix_it_up_groups(p, exact=False)
    by_id = {x.id: x for x in p.people}
    restricted = {t.id for t in p.topics if t.restricted}
    assert any(g.topic in restricted for g in result.groups)
    for g in result.groups:
        if g.topic in restricted:
            assert g.leaders == ()
            assert all(by_id[m].less_represented for m in g.members)
        else:
            assert set(g.leaders) == {m for m in g.members if by_id[m].module == 4}


def test_same_seed_same_groups():
    p = synthetic_term(90, seed=2, week_two=False)
    assert form_mix_it_up_groups(p, exact=False).groups == (
        form_mix_it_up_groups(p, exact=False).groups
    )


def _rescored(inst: Instance, state: State) -> int:
    return parts_of(inst, [list(m) for m in state.members], list(state.topic)).total(inst)


def test_heuristic_running_objective_matches_a_full_rescore():
    # The State adds each change's delta to its running total; a wrong delta
    # (say +7 on every insert) must show here, after each stage and each change.
    p = synthetic_term(150, seed=4)
    inst = Instance(p)
    plan = make_plan(inst)
    rng = random.Random(0)
    state = construct(inst, plan, rng)
    assert state.total == _rescored(inst, state)
    anneal(inst, plan, state, rng, 5_000)
    assert state.total == _rescored(inst, state)
    repair_pairs(inst, plan, state)
    assert state.total == _rescored(inst, state)
    settle(inst, plan, state, rng, 5_000, 400.0, 5.0)  # the improvement pass's search
    assert state.total == _rescored(inst, state)
    open_topics = [t for t in range(inst.n_topics) if not inst.restricted[t]]
    for _ in range(200):  # single changes, rules aside: the score must follow any
        i, j, g = rng.randrange(inst.n), rng.randrange(inst.n), rng.randrange(state.G)
        change = rng.randrange(3)
        if change == 0 and state.group_of[i] != g:
            state.move(i, g)
        elif change == 1 and state.group_of[i] != state.group_of[j]:
            state.swap(i, j)
        elif change == 2 and not inst.restricted[state.topic[g]]:
            state.retopic(g, rng.choice(open_topics))
        assert state.total == _rescored(inst, state)


def test_too_few_mod4_students_mod3_stands_in_and_is_noted():
    people = [person(i, module=3 if i <= 3 else 1) for i in range(1, 11)]
    people[0] = person(1, module=4)
    result = form_mix_it_up_groups(problem(people, min_size=4, max_size=6), exact=False)
    assert len(result.groups) == 2
    assert result.report.ok
    stand_in = [g for g in result.groups if 1 not in g.members]
    assert len(stand_in) == 1
    assert len(stand_in[0].leaders) == 1  # the Mod 3 standing in leads
    assert any("Mod 3" in n and "1 Mod 4" in n for n in result.report.notes)


def test_too_few_upper_module_students_is_infeasible_with_counts():
    people = [person(i, module=1) for i in range(1, 15)]
    people[0] = person(1, module=4)
    with pytest.raises(Infeasible) as e:
        form_mix_it_up_groups(problem(people, min_size=4, max_size=7))
    text = str(e.value)
    assert "Mod 4" in text and "at least 2 groups" in text
    assert "only 1 Mod 4 and 0 Mod 3" in text


def test_impossible_sizes_are_infeasible_with_counts():
    people = [person(i, module=4) for i in range(1, 6)]
    with pytest.raises(Infeasible) as e:
        form_mix_it_up_groups(problem(people, min_size=4, max_size=4))
    assert e.value.reasons == [
        "Group sizes: 5 students cannot be split into groups of 4 to 4 people"
    ]


def test_restricted_topic_with_too_few_opted_in_falls_back_and_is_noted():
    people = [person(i, module=1 + i % 4, topic_ranking=("net",)) for i in range(1, 13)]
    for pid in (1, 2, 3):
        people[pid - 1] = person(pid, module=4, topic_ranking=("lr", "int"), less_represented=True)
    result = form_mix_it_up_groups(problem(people), exact=False)
    assert all(g.topic != "lr" for g in result.groups)
    assert any(
        "no group formed" in n and "3 opted-in students chose it" in n and "next round" in n
        for n in result.report.notes
    )


def test_restricted_topic_never_holds_anyone_not_opted_in():
    # Lots of demand for the restricted topic from people who have NOT opted in.
    people = [person(i, module=1 + i % 4, topic_ranking=("lr", "net")) for i in range(1, 25)]
    for pid in range(1, 6):
        people[pid - 1] = person(pid, module=4, topic_ranking=("lr",), less_represented=True)
    result = form_mix_it_up_groups(problem(people), exact=False)
    opted = {x.id for x in people if x.less_represented}
    lr_groups = [g for g in result.groups if g.topic == "lr"]
    assert lr_groups
    for g in lr_groups:
        assert set(g.members) <= opted


def test_keep_holds_people_in_their_group_and_topic():
    p = synthetic_term(80, seed=7, week_two=False)
    first = form_mix_it_up_groups(p, exact=False)
    # Someone in an open-topic group is absent; the rest of their group is free to
    # move, everyone else stays.
    group = next(g for g in first.groups if g.topic != "less-represented")
    absent = group.members[0]
    keep = {m: g.number for g in first.groups for m in g.members if g is not group}
    keep_topics = {g.number: g.topic for g in first.groups}
    rerun = problem(
        [x for x in p.people if x.id != absent],
        topics=p.topics,
        keep=keep,
        keep_topics=keep_topics,
        met_before=p.met_before,
    )
    again = form_mix_it_up_groups(rerun, exact=False)
    where = {m: g.number for g in again.groups for m in g.members}
    assert all(where[k] == v for k, v in rerun.keep.items())
    assert all(g.topic == keep_topics[g.number] for g in again.groups)
    assert hard_rule_violations(rerun, again.groups) == []


def test_kept_restricted_group_that_cannot_be_refilled_is_infeasible():
    people = [person(i, module=4, less_represented=True, topic_ranking=("lr",)) for i in (1, 2, 3)]
    people += [person(i, module=1 + i % 4) for i in range(4, 13)]
    p = problem(people, keep={1: 1, 2: 1, 3: 1}, keep_topics={1: "lr"})
    with pytest.raises(Infeasible) as e:
        form_mix_it_up_groups(p)
    assert e.value.reasons == [
        "Less-represented topic: group 1 has 3 students and needs at least 4, "
        "but no other opted-in student who chose it is free to join"
    ]


def test_keep_beyond_possible_groups_is_infeasible():
    p = twelve_people(keep={1: 9})
    with pytest.raises(Infeasible) as e:
        form_mix_it_up_groups(p)
    assert "group 9" in str(e.value) and "at most 3 groups" in str(e.value)


def test_evaluate_names_oversized_group():
    p = twelve_people(max_size=7)
    members = tuple(range(1, 9))
    report = evaluate_mix_it_up(p, (Group(1, members, "net"), Group(2, tuple(range(9, 13)), "net")))
    sizes = next(r for r in report.rules if "sizes" in r.rule)
    assert not sizes.ok
    assert sizes.detail == "Group 1 has 8 people; the most is 7"


def test_evaluate_reports_unplaced_duplicated_and_unknown_people():
    p = twelve_people()
    report = evaluate_mix_it_up(
        p, (Group(1, (1, 2, 3, 4, 5, 99), "net"), Group(2, (5, 6, 7, 8, 9, 10), "int"))
    )
    once = report.rules[0]
    assert not once.ok and not report.ok
    assert "2 not placed (ids 11, 12)" in once.detail
    assert "1 placed more than once (ids 5)" in once.detail
    assert "not in this round (ids 99)" in once.detail


def test_evaluate_flags_group_without_upper_module_student():
    p = twelve_people()
    # Groups: one with Mod 4s only, one with Mod 1/2 only.
    mods = {x.id: x.module for x in p.people}
    upper = tuple(i for i in mods if mods[i] >= 3)
    lower = tuple(i for i in mods if mods[i] < 3)
    report = evaluate_mix_it_up(p, (Group(1, upper, "net"), Group(2, lower, "int")))
    rule = next(r for r in report.rules if "Mod 4" in r.rule)
    assert not rule.ok
    assert "Group 2 has no Mod 4 or Mod 3 student" in rule.detail


def test_evaluate_flags_restricted_group_with_someone_not_opted_in_by_count_only():
    people = [
        person(i, module=4, less_represented=i != 3, topic_ranking=("lr",)) for i in (1, 2, 3)
    ]
    people.append(person(4, module=4, less_represented=True))  # opted in, did not choose it
    people += [person(i, module=1 + i % 4) for i in range(5, 13)]
    p = problem(people)
    groups = (
        Group(1, (1, 2, 3, 4), "lr"),
        Group(2, (5, 6, 7, 8), "net"),
        Group(3, (9, 10, 11, 12), "net"),
    )
    rule = next(r for r in evaluate_mix_it_up(p, groups).rules if "opted in" in r.rule)
    assert not rule.ok
    assert rule.detail == (
        "Group 1 (Identifying as less represented in tech) has 2 people who did not "
        "opt in and choose it"
    )
    assert "3" not in rule.detail.split("has")[1]  # no ids, only a count


def test_evaluate_flags_kept_person_moved():
    p = twelve_people(keep={1: 2})
    groups = (Group(1, tuple(range(1, 7)), "net"), Group(2, tuple(range(7, 13)), "int"))
    rule = next(r for r in evaluate_mix_it_up(p, groups).rules if "Kept" in r.rule)
    assert not rule.ok and rule.detail == "Student 1 should stay in group 2 but is in group 1"


def test_evaluate_counts_repeated_pairs_with_where_they_met():
    p = twelve_people(met_before={(1, 2): "Homeroom C1"})
    groups = (Group(1, tuple(range(1, 7)), "net"), Group(2, tuple(range(7, 13)), "int"))
    report = evaluate_mix_it_up(p, groups)
    assert report.repeated_pairs == ((1, 2, "Homeroom C1"),)


def test_group_leaders_after_a_hand_move():
    p = twelve_people()
    # Modules: 1 + id % 4, so 3 and 7 are Mod 4, 2 and 6 Mod 3.
    assert group_leaders(p, (7, 3, 1, 4), "net") == (3, 7)
    assert group_leaders(p, (6, 2, 1, 4), "net") == (2,)  # one Mod 3 stands in
    assert group_leaders(p, (3, 7), "lr") == ()
