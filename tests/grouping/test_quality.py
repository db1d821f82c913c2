"""The benchmark's figures that matter most, held on its smaller terms."""

from __future__ import annotations

from careerdev.grouping import form_mix_it_up_groups
from careerdev.grouping.synthetic import synthetic_term

from .helpers import hard_rule_violations


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
