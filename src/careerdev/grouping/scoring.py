"""The Mix It Up objective, scored from scratch, and `evaluate_mix_it_up`.

The objective (minimised, in weight units; the solvers use it × SCALE as an int):

- each person's topic cost: 0 / second / third / later choice by where the
  group's topic is in their ranking (nothing if they did not answer), plus
  `led_topic_missed` for a Mod 4 student not in the topic they chose to lead;
- `repeated_pair` per pair in a group who met before;
- `module_mix` per module missing from a group, up to min(size, modules in the
  round), and `program_mix` likewise; `cohort_mix` per same-cohort pair;
- `leader_spread` per Mod 4 student beyond one in a (non-restricted) group;
- `size_evenness` per person a group is above ⌈n/G⌉ or below ⌊n/G⌋.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import rules
from .instance import SCALE, Instance, even_sizes
from .types import Group, MixItUpProblem, PersonId, Report


@dataclass(frozen=True)
class Parts:
    """The objective's terms (scaled ints) and the counts behind them."""

    choice: int
    pairs: int  # number of repeated pairs
    cohort_pairs: int
    module_missing: int
    program_missing: int
    extra_leaders: int
    size_off: int

    def total(self, inst: Instance) -> int:
        w = inst.w
        return (
            self.choice
            + w.repeated_pair * self.pairs
            + w.cohort_mix * self.cohort_pairs
            + w.module_mix * self.module_missing
            + w.program_mix * self.program_missing
            + w.leader_spread * self.extra_leaders
            + w.size_evenness * self.size_off
        )


def topic_cost(inst: Instance, i: int, t: int | None) -> int:
    """Person i's cost in topic t; a group without a valid topic counts as unranked."""
    if t is None:
        return inst.w.choice[3] if inst.ranking[i] else 0
    return inst.cost[i][t]


def parts_of(inst: Instance, members: list[list[int]], topics: list[int | None]) -> Parts:
    """Score groups given as index lists (members may repeat; each copy counts)."""
    lo, hi = even_sizes(inst.n, len(members))
    choice = pairs = coh = mod_missing = prog_missing = extra = size_off = 0
    for idx, t in zip(members, topics, strict=True):
        size = len(idx)
        choice += sum(topic_cost(inst, i, t) for i in idx)
        inside = set(idx)
        pairs += sum(1 for i in inside for x in inst.adj[i] if x > i and x in inside)
        counts: dict[int, int] = {}
        for i in idx:
            counts[inst.coh_idx[i]] = counts.get(inst.coh_idx[i], 0) + 1
        coh += sum(c * (c - 1) // 2 for c in counts.values())
        mod_missing += max(0, min(size, inst.n_modules) - len({inst.mod_idx[i] for i in idx}))
        prog_missing += max(0, min(size, inst.n_programs) - len({inst.prog_idx[i] for i in idx}))
        if t is None or not inst.restricted[t]:
            extra += max(0, sum(1 for i in idx if inst.mod4[i]) - 1)
        size_off += max(0, size - hi) + max(0, lo - size)
    return Parts(choice, pairs, coh, mod_missing, prog_missing, extra, size_off)


def leaders_of(inst: Instance, idx: Sequence[int], t: int | None) -> tuple[PersonId, ...]:
    """Mod 4 members lead; with none, one Mod 3 stands in; a restricted group has none."""
    if t is not None and inst.restricted[t]:
        return ()
    mod4 = sorted(inst.ids[i] for i in idx if inst.mod4[i])
    if mod4:
        return tuple(mod4)
    mod3 = sorted(inst.ids[i] for i in idx if inst.mod3[i])
    return tuple(mod3[:1])


def group_leaders(problem: MixItUpProblem, members: Sequence[PersonId], topic: str | None):
    """The leaders a group with these members and topic has (e.g. after a hand move)."""
    inst = Instance(problem)
    idx = [inst.index[m] for m in members if m in inst.index]
    return leaders_of(inst, idx, inst.topic_index.get(topic) if topic is not None else None)


def evaluate_with(inst: Instance, groups: Sequence[Group], notes: Sequence[str] = ()) -> Report:
    problem = inst.problem
    members = [[inst.index[m] for m in g.members if m in inst.index] for g in groups]
    topics = [inst.topic_index.get(g.topic) if g.topic is not None else None for g in groups]
    restricted = [t is not None and inst.restricted[t] for t in topics]

    upper, stand_in_notes = rules.check_upper_module(
        inst, groups, members, restricted, dict(problem.keep)
    )
    checks = (
        rules.check_everyone_once(inst, groups),
        rules.check_sizes(problem.min_size, problem.max_size, groups),
        upper,
        rules.check_restricted(inst, groups, members, restricted),
        rules.check_restricted_size(
            groups, restricted, reforming=bool(problem.keep or problem.keep_topics)
        ),
        rules.check_topics(inst, groups),
        rules.check_keep(dict(problem.keep), groups),
    )

    parts = parts_of(inst, members, topics)
    ranked = first = second = 0
    for idx, t in zip(members, topics, strict=True):
        for i in idx:
            rank = inst.ranking[i]
            if not rank:
                continue
            ranked += 1
            first += t == rank[0]
            second += len(rank) > 1 and t == rank[1]
    repeated = []
    for idx in members:
        inside = set(idx)
        for i in sorted(inside):
            for x in inst.adj[i]:
                if x > i and x in inside:
                    a, b = inst.ids[i], inst.ids[x]
                    lo, hi = (a, b) if a < b else (b, a)
                    repeated.append((lo, hi, inst.met_where[(i, x)]))
    n_groups = max(1, len(groups))
    leaders = {
        g.number: len(leaders_of(inst, idx, t))
        for g, idx, t in zip(groups, members, topics, strict=True)
    }
    return Report(
        rules=checks,
        first_choice_rate=first / ranked if ranked else 1.0,
        second_choice_rate=second / ranked if ranked else 0.0,
        repeated_pairs=tuple(sorted(repeated)),
        modules_per_group=sum(len({inst.module[i] for i in idx}) for idx in members) / n_groups,
        programs_per_group=sum(len({inst.prog_idx[i] for i in idx}) for idx in members) / n_groups,
        cohorts_per_group=sum(len({inst.coh_idx[i] for i in idx}) for idx in members) / n_groups,
        leaders_per_group=leaders,
        objective=parts.total(inst) / SCALE,
        notes=tuple(notes) + tuple(stand_in_notes),
    )


def evaluate_mix_it_up(problem: MixItUpProblem, groups: Sequence[Group]) -> Report:
    """Score any Mix It Up grouping (a solver's, or one staff edited by hand).

    Never raises: every hard rule is in `report.rules` with what broke.
    """
    return evaluate_with(Instance(problem), groups)
