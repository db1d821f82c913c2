"""Homeroom groups for one cohort: sizes within bounds, repeating students spread
out, programs balanced, and as few people as possible who were together before.

Cohorts are small (about 30), so a group's cost is simply re-computed from its
few members on every move; the search budget is a number of iterations, so a
seed always gives the same groups.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Sequence

from . import rules
from .instance import SCALE, even_sizes, scaled
from .types import Group, Grouping, HomeroomProblem, Infeasible, Report


class _Homeroom:
    """The problem as indices, with the per-group cost."""

    def __init__(self, problem: HomeroomProblem):
        self.problem = problem
        self.ids = [p.id for p in problem.people]
        self.index = {pid: i for i, pid in enumerate(self.ids)}
        self.n = len(self.ids)
        self.repeating = [p.repeating for p in problem.people]
        programs = sorted({p.program for p in problem.people})
        self.prog = [programs.index(p.program) for p in problem.people]
        self.n_programs = len(programs)
        self.adj: list[set[int]] = [set() for _ in range(self.n)]
        self.met_where: dict[tuple[int, int], str] = {}
        for (a, b), where in problem.met_before.items():
            ia, ib = self.index.get(a), self.index.get(b)
            if ia is None or ib is None or ia == ib:
                continue
            self.adj[ia].add(ib)
            self.adj[ib].add(ia)
            self.met_where[(min(ia, ib), max(ia, ib))] = where
        w = problem.weights
        self.w_pair = scaled(w.repeated_pair)
        self.w_rep = scaled(w.repeater_spread)
        self.w_prog = scaled(w.program_balance)
        self.w_size = scaled(w.size_evenness)

    def group_cost(self, idx: Sequence[int], lo: int, hi: int) -> int:
        size = len(idx)
        c = self.w_size * (max(0, size - hi) + max(0, lo - size))
        # Squared, so 2 + 2 repeating students beat 3 + 1: a linear cost is
        # indifferent, and the even spread is what the hard rule asks for.
        c += self.w_rep * max(0, sum(1 for i in idx if self.repeating[i]) - 1) ** 2
        if self.n_programs > 1:
            counts = Counter(self.prog[i] for i in idx)
            per = [counts.get(k, 0) for k in range(self.n_programs)]
            c += self.w_prog * (max(per) - min(per))
        inside = set(idx)
        c += self.w_pair * sum(1 for i in idx for x in self.adj[i] if x > i and x in inside)
        return c


def _n_groups(n: int, min_size: int, max_size: int) -> int:
    g_lo, g_hi = -(-n // max_size), n // min_size
    if min_size < 1 or max_size < min_size or g_lo > g_hi:
        raise Infeasible(
            [
                f"Group sizes: {n} {'student' if n == 1 else 'students'} cannot be split into "
                f"Homeroom groups of {min_size} to {max_size} people"
            ]
        )
    return min(max(round(n / ((min_size + max_size) / 2)), g_lo), g_hi)


def form_homeroom_groups(problem: HomeroomProblem, *, iterations: int | None = None) -> Grouping:
    """One cohort's Homeroom groups, numbered 1..N. Raises `Infeasible` when the
    cohort cannot be split into groups within the size bounds."""
    h = _Homeroom(problem)
    if h.n == 0:
        return Grouping((), evaluate_homeroom(problem, ()))
    n_groups = _n_groups(h.n, problem.min_size, problem.max_size)
    lo, hi = even_sizes(h.n, n_groups)
    rng = random.Random(problem.seed)  # nosec B311  # reproducible search, not a secret

    # Deal repeating students first, then the rest by program, round-robin.
    order = list(range(h.n))
    rng.shuffle(order)
    order.sort(key=lambda i: (not h.repeating[i], h.prog[i]))
    members: list[list[int]] = [[] for _ in range(n_groups)]
    for k, i in enumerate(order):
        members[k % n_groups].append(i)
    costs = [h.group_cost(m, lo, hi) for m in members]

    min_size, max_size = problem.min_size, problem.max_size
    budget = 300 * h.n if iterations is None else iterations
    temp, t_end = 400.0, 5.0
    for it in range(budget):
        if n_groups < 2:
            break
        if it & 255 == 0:
            temp = 400.0 * (t_end / 400.0) ** (it / budget)
        a, b = rng.randrange(n_groups), rng.randrange(n_groups)
        if a == b or not members[a]:
            continue
        pa = rng.randrange(len(members[a]))
        new_a = members[a][:pa] + members[a][pa + 1 :]
        p = members[a][pa]
        if rng.random() < 0.5 and len(members[a]) > min_size and len(members[b]) < max_size:
            new_b = members[b] + [p]
        else:
            if not members[b]:
                continue
            qb = rng.randrange(len(members[b]))
            q = members[b][qb]
            new_a.append(q)
            new_b = members[b][:qb] + members[b][qb + 1 :] + [p]
        ca, cb = h.group_cost(new_a, lo, hi), h.group_cost(new_b, lo, hi)
        delta = ca + cb - costs[a] - costs[b]
        if delta <= 0 or rng.random() < math.exp(-delta / temp):
            members[a], members[b] = new_a, new_b
            costs[a], costs[b] = ca, cb

    groups = tuple(
        Group(number=g + 1, members=tuple(sorted(h.ids[i] for i in m)))
        for g, m in enumerate(members)
    )
    return Grouping(groups, _report(h, groups))


def evaluate_homeroom(problem: HomeroomProblem, groups: Sequence[Group]) -> Report:
    """Score any Homeroom grouping; never raises."""
    return _report(_Homeroom(problem), groups)


def _report(h: _Homeroom, groups: Sequence[Group]) -> Report:
    problem = h.problem
    members = [[h.index[m] for m in g.members if m in h.index] for g in groups]
    checks = (
        rules.check_everyone_once(h, groups),
        rules.check_sizes(problem.min_size, problem.max_size, groups),
        rules.check_homeroom_repeaters(h.repeating, groups, members),
    )
    lo, hi = even_sizes(h.n, len(groups))
    repeated = sorted(
        (min(h.ids[i], h.ids[x]), max(h.ids[i], h.ids[x]), h.met_where[(i, x)])
        for idx in members
        for i in set(idx)
        for x in h.adj[i]
        if x > i and x in set(idx)
    )
    n_groups = max(1, len(groups))
    return Report(
        rules=checks,
        first_choice_rate=0.0,
        second_choice_rate=0.0,
        repeated_pairs=tuple(repeated),
        modules_per_group=sum(len({problem.people[i].module for i in idx}) for idx in members)
        / n_groups,
        programs_per_group=sum(len({h.prog[i] for i in idx}) for idx in members) / n_groups,
        cohorts_per_group=sum(len({problem.people[i].cohort for i in idx}) for idx in members)
        / n_groups,
        leaders_per_group={g.number: 0 for g in groups},
        objective=sum(h.group_cost(idx, lo, hi) for idx in members) / SCALE,
    )
