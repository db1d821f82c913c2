"""Lower bounds on the Mix It Up objective, for the report's "gap to bound".

`lower_bound` is quick: each term of the objective is bounded on its own (so
their sum is a valid bound): everyone's cheapest allowed topic; cohorts spread
as evenly as the number of groups allows; modules and programs too small to
reach every group; Mod 4 students beyond one per group. Repeats and sizes are
bounded by zero.

`relaxation_bound` is the LP relaxation of the topic split (GLOP, under a
second at 5,000 people): the same terms, but with who goes to which topic and
how many groups each topic gets chosen jointly. Within a few percent of the
heuristic's objective on large terms; loose on small ones, where avoiding
repeated pairs (which it bounds by zero) is what costs.
"""

from __future__ import annotations

import math
from collections import Counter

from .instance import Instance, even_sizes
from .plan import Plan


def _spread_pairs(count: int, n_groups: int) -> int:
    """Fewest same-kind pairs when `count` people are spread over n_groups groups."""
    q, r = divmod(count, n_groups)
    return r * (q + 1) * q // 2 + (n_groups - r) * q * (q - 1) // 2


def lower_bound(inst: Instance, plan: Plan) -> int:
    """A scaled-int lower bound for any grouping the solvers may return under `plan`."""
    w = inst.w
    n_groups = plan.n_groups
    choice = sum(
        min(inst.cost[i][t] for t in range(inst.n_topics) if plan.allowed(inst, i, t))
        for i in range(inst.n)
    )
    cohorts = Counter(inst.coh_idx)
    cohort_pairs = sum(_spread_pairs(c, n_groups) for c in cohorts.values())
    missing = 0
    if inst.problem.min_size >= inst.n_modules:
        # Every group's target is all modules; a module with fewer people than
        # groups is missing from at least G - count of them.
        missing += w.module_mix * sum(max(0, n_groups - c) for c in Counter(inst.mod_idx).values())
    if inst.problem.min_size >= inst.n_programs:
        missing += w.program_mix * sum(
            max(0, n_groups - c) for c in Counter(inst.prog_idx).values()
        )
    n4, _, o4 = inst.counts()
    r = plan.restricted_groups
    # Restricted groups can absorb opted-in Mod 4 students at no leader cost.
    absorbed = min(o4, r * inst.problem.max_size)
    extra_leaders = max(0, n4 - absorbed - (n_groups - r))
    return choice + w.cohort_mix * cohort_pairs + missing + w.leader_spread * extra_leaders


def relaxation_bound(inst: Instance, plan: Plan, *, time_limit_s: float = 10.0) -> int | None:
    """A tighter scaled-int lower bound: the LP relaxation of the topic split.

    Who goes to which topic (z[i, t], fractional) and how many groups each topic
    has (k[t]), without forming the groups. Every grouping under `plan` gives a
    feasible point with an objective no higher than its own (each per-group term
    summed over a topic's groups is at least the per-topic floor written here),
    so the LP optimum is a valid bound. Repeated pairs are bounded by zero, which
    is where the bound is weakest. People alike in everything the relaxation sees
    share one variable. None if GLOP does not finish in time (wall clock, a
    safety net only: the groups never depend on it).
    """
    from ortools.linear_solver import pywraplp  # loads only when needed

    solver = pywraplp.Solver.CreateSolver("GLOP")
    if solver is None:
        return None
    problem, w, n, n_groups = inst.problem, inst.w, inst.n, plan.n_groups
    lo, hi = even_sizes(n, n_groups)
    inf = solver.infinity()
    topics = [
        t
        for t in range(inst.n_topics)
        if not inst.restricted[t] or plan.restricted_count.get(t, 0) > 0
    ]
    fixed_count = Counter(plan.fixed_topic.values())
    k = {}
    for t in topics:
        if inst.restricted[t]:
            k[t] = solver.NumVar(plan.restricted_count[t], plan.restricted_count[t], "")
        else:
            k[t] = solver.NumVar(fixed_count.get(t, 0), n_groups, "")
    groups_row = solver.Constraint(n_groups, n_groups)
    for t in topics:
        groups_row.SetCoefficient(k[t], 1)

    # People alike in cost, module, program, cohort and allowed topics are one class.
    kinds: Counter = Counter()
    for i in range(n):
        fixed = plan.fixed_topic.get(plan.kept[i], -1) if plan.kept[i] >= 0 else -1
        mine = tuple(
            (t, inst.cost[i][t])
            for t in topics
            if plan.allowed(inst, i, t) and (fixed < 0 or fixed == t)
        )
        kinds[(mine, inst.mod_idx[i], inst.prog_idx[i], inst.coh_idx[i])] += 1

    objective = solver.Objective()
    # Per-topic counts as variables: people, each module, program and cohort.
    size = {t: solver.NumVar(0, inf, "") for t in topics}
    size_row = {t: solver.Constraint(0, 0) for t in topics}
    for t in topics:
        size_row[t].SetCoefficient(size[t], -1)
    mod_cnt: dict = {}
    prog_cnt: dict = {}
    coh_cnt: dict = {}
    rows: dict = {}

    def count_var(store: dict, key) -> object:
        v = store.get(key)
        if v is None:
            v = store[key] = solver.NumVar(0, inf, "")
            row = rows[id(store), key] = solver.Constraint(0, 0)
            row.SetCoefficient(v, -1)
        return v

    for (mine, m, pr, c), count in kinds.items():
        person_row = solver.Constraint(count, count)
        for t, cost in mine:
            z = solver.NumVar(0, count, "")
            person_row.SetCoefficient(z, 1)
            if cost:
                objective.SetCoefficient(z, cost)
            size_row[t].SetCoefficient(z, 1)
            for store, key in ((mod_cnt, (t, m)), (prog_cnt, (t, pr)), (coh_cnt, (t, c))):
                count_var(store, key)
                rows[id(store), key].SetCoefficient(z, 1)

    module_of_class = {inst.mod_idx[i]: inst.module[i] for i in range(n)}
    lacking = solver.Constraint(-inf, plan.shortfall)
    for t in topics:
        kt, nt = k[t], size[t]
        _row(solver, 0, inf, {nt: 1, kt: -problem.min_size})
        _row(solver, -inf, 0, {nt: 1, kt: -problem.max_size})
        n4 = {
            mod_cnt[t, m]: 1
            for m in range(inst.n_modules)
            if (t, m) in mod_cnt and module_of_class[m] >= 4
        }
        n43 = {
            mod_cnt[t, m]: 1
            for m in range(inst.n_modules)
            if (t, m) in mod_cnt and module_of_class[m] >= 3
        }
        _row(solver, 0, inf, {**n43, kt: -1})  # an upper-module student per group
        lack = solver.NumVar(0, inf, "")  # groups of topic t without a Mod 4
        _row(solver, 0, inf, {lack: 1, kt: -1, **n4})
        lacking.SetCoefficient(lack, 1)
        if not inst.restricted[t]:
            extra = solver.NumVar(0, inf, "")  # Mod 4 students beyond one a group
            _row(solver, 0, inf, {extra: 1, kt: 1, **dict.fromkeys(n4, -1)})
            objective.SetCoefficient(extra, w.leader_spread)
        off = solver.NumVar(0, inf, "")  # people off the even sizes
        _row(solver, 0, inf, {off: 1, nt: -1, kt: hi})
        _row(solver, 0, inf, {off: 1, nt: 1, kt: -lo})
        objective.SetCoefficient(off, w.size_evenness)
        for n_classes, store, weight in (
            (inst.n_modules, mod_cnt, w.module_mix),
            (inst.n_programs, prog_cnt, w.program_mix),
        ):
            if problem.min_size < n_classes:
                continue  # a group's target is then below "every class"
            for c in range(n_classes):
                miss = solver.NumVar(0, inf, "")  # groups of topic t without class c
                cnt = store.get((t, c))
                _row(solver, 0, inf, {miss: 1, kt: -1, **({cnt: 1} if cnt is not None else {})})
                objective.SetCoefficient(miss, weight)
        cohort_sizes = Counter(inst.coh_idx)
        for c, total in cohort_sizes.items():
            cnt = coh_cnt.get((t, c))
            if total < 2 or cnt is None:
                continue
            pairs = solver.NumVar(0, inf, "")
            # m people over k groups: at least k·h(m/k) same-cohort pairs, h the
            # convex chord function of m(m-1)/2: pairs ≥ a·m − k·a(a+1)/2.
            for a in range(1, min(total, problem.max_size)):
                _row(solver, 0, inf, {pairs: 1, cnt: -a, kt: a * (a + 1) // 2})
            objective.SetCoefficient(pairs, w.cohort_mix)
    objective.SetMinimization()
    solver.SetTimeLimit(int(time_limit_s * 1000))
    # Dual simplex: many times faster than primal on this LP at 5,000 people.
    solver.SetSolverSpecificParametersAsString("use_dual_simplex: true")
    if solver.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    value = objective.Value()
    # Integer objective; shave the LP's tolerance before rounding up.
    return max(0, math.ceil(value - 1e-6 * abs(value) - 1e-3))


def _row(solver, lo: float, hi: float, coefficients: dict) -> None:
    row = solver.Constraint(lo, hi)
    for var, coefficient in coefficients.items():
        row.SetCoefficient(var, coefficient)
