"""Column generation over whole groups: a lower bound that sees repeated pairs,
and groupings guided by it.

A grouping is G groups ("columns") that cover everyone once; each group's cost
is exactly what it adds to the objective (`improve.column_cost`). The LP
relaxation of choosing the columns, over every possible group, is a lower
bound on the objective far tighter than the topic-split LP of `bound` (which
prices no repeated pair): on the synthetic terms of 45-100 students it is
within a few percent of the best grouping known, often equal to it.

Every possible group is too many to list, so the LP starts from the groups the
search visited and asks CP-SAT, topic by topic, for the group with the lowest
reduced cost under the LP's prices ("pricing"). While some group has a
negative reduced cost it joins the LP and the LP is solved again. At any
round, the LP's value plus G times the lowest reduced cost CP-SAT can prove is
a valid lower bound (Lagrangian); once no group has a negative reduced cost it
is the LP's value itself.

The LP's solution is fractional, but its heaviest columns are usually groups
of a very good grouping: `guided` keeps the heaviest disjoint ones and has
CP-SAT form the rest exactly.

Deterministic: CP-SAT's budgets are deterministic time and GLOP solves exactly.
"""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from .exact import GroupModel, Part
from .improve import Column, column_cost
from .instance import Instance, even_sizes
from .plan import Plan
from .state import State

DUAL_SCALE = 1000  # LP prices as integers for CP-SAT: this many per scaled unit
NEW_PER_TOPIC = 20  # groups with a negative reduced cost kept per pricing
NEAR_CANDIDATES = 16  # people tried in swaps around a priced group
THREADS = 2  # pricings run side by side (CP-SAT releases the GIL)
SMOOTHING = 0.5  # weight of the best prices so far in the prices a round prices at


@dataclass
class Columns:
    """Where the column generation got to."""

    columns: list[Column]
    weights: list[float]  # the LP's value of each column
    lp: float  # the LP's optimum over `columns`
    bound: int  # scaled: a proven lower bound on the round's objective
    converged: bool  # no group has a negative reduced cost: `bound` is the LP's value
    rounds: int


def applies(inst: Instance, plan: Plan) -> bool:
    """Fresh rounds only: with kept people or topics, group numbers matter."""
    return all(g < 0 for g in plan.kept) and all(
        inst.restricted[t] for t in plan.fixed_topic.values()
    )


def generate(
    inst: Instance,
    plan: Plan,
    pool: set[Column],
    *,
    rounds: int,
    price_time_s: float,
    seed: int = 0,
    fixed: list[Column] | None = None,
) -> Columns | None:
    """Column generation from `pool` (which must hold a whole grouping) for at most
    `rounds` LP solves; new columns are added to `pool`. With `fixed`, those
    groups are taken and the rest of the round is solved (the bound then is
    not one on the round). None if it does not apply (see `applies`) or the LP
    fails."""
    if not applies(inst, plan) or not pool:
        return None
    fixed = fixed or []
    taken = {i for members, _ in fixed for i in members}
    lo, hi = even_sizes(inst.n, plan.n_groups)
    columns = [c for c in sorted(pool) if taken.isdisjoint(c[0])]
    costs = [column_cost(inst, m, t, lo, hi) for m, t in columns]
    topics = [t for t in range(inst.n_topics) if not inst.restricted[t]]
    topics += sorted(t for t, k in plan.restricted_count.items() if k > 0)
    sizes = _size_hulls(inst, plan, topics)
    rest = _Rest.of(inst, plan, fixed)
    bound, lp, weights, converged = 0, 0.0, [], False
    center: _Prices | None = None  # the prices of the best bound so far
    best_value = -math.inf
    alpha = SMOOTHING
    done = 0
    with ThreadPoolExecutor(max_workers=THREADS) as threads:
        while done < rounds:
            done += 1
            solved = _master(inst, rest, columns, costs)
            if solved is None:
                return None
            lp, weights, prices = solved
            # Price at a point between the LP's prices and the best ones so far
            # (Wentges smoothing): the LP's own prices swing from round to round.
            at = prices if center is None else _between(center, prices, alpha)

            def price(t: int, at: _Prices = at) -> tuple[list[tuple[int, ...]], float]:
                return _price(inst, plan, rest, t, sizes[t], at, (lo, hi), price_time_s, seed)

            found = list(threads.map(price, topics))
            lowest = min((f[1] for f in found), default=0.0)
            if math.isfinite(lowest):
                value = _dual_value(rest, at) + rest.groups * lowest
                if value > best_value:
                    best_value, center = value, at
                if not fixed:
                    bound = max(bound, _integer_bound(value))
            new = 0
            for t, (groups, _) in zip(topics, found, strict=True):
                near = _near(inst, plan, rest, t, sizes[t], groups, prices, (lo, hi))
                for members in [*groups, *near]:
                    col = (members, t)
                    if col in pool:
                        continue
                    cost = column_cost(inst, members, t, lo, hi)
                    if _reduced(inst, col, cost, prices) < -1e-6:
                        pool.add(col)
                        columns.append(col)
                        costs.append(cost)
                        new += 1
            if lp - best_value < 1:  # the bound meets the LP: settled
                converged = True
                break
            if not new:
                if at is prices:
                    break  # nothing better at the LP's own prices: the pricing ran out of time
                alpha = 0.0  # mispriced: price at the LP's own prices next
            else:
                alpha = SMOOTHING
    weights = weights + [0.0] * (len(columns) - len(weights))  # columns priced after the LP
    return Columns(columns, weights, lp, bound, converged, done)


def dive(
    inst: Instance,
    plan: Plan,
    pool: set[Column],
    first: Columns,
    *,
    rounds: int,
    price_time_s: float,
    time_limit_s: float,
    seed: int = 0,
) -> State | None:
    """A grouping by diving: take the LP's heaviest groups (those at 0.5 or more
    that do not overlap, at least the heaviest), solve the LP of the rest with a
    few rounds of pricing, and again, until every group is taken; CP-SAT forms
    what is left if the columns run out."""
    fixed: list[Column] = []
    result = first
    while len(fixed) < plan.n_groups:
        used = {i for members, _ in fixed for i in members}
        order = sorted(range(len(result.columns)), key=lambda k: (-result.weights[k], k))
        picked = 0
        for k in order:
            weight = result.weights[k]
            if weight < 1e-6 or (picked and weight < 0.5) or len(fixed) == plan.n_groups:
                break
            members, t = result.columns[k]
            if used.isdisjoint(members):
                fixed.append(result.columns[k])
                used.update(members)
                picked += 1
        if not picked or len(fixed) == plan.n_groups or len(used) == inst.n:
            break
        step = generate(
            inst, plan, pool, rounds=rounds, price_time_s=price_time_s, seed=seed, fixed=fixed
        )
        if step is None:
            break
        result = step
    return guided_from(inst, plan, fixed, time_limit_s=time_limit_s, seed=seed)


def guided(
    inst: Instance, plan: Plan, result: Columns, *, time_limit_s: float, seed: int = 0
) -> State | None:
    """A grouping from the LP's heaviest columns: disjoint ones in order of
    weight, then CP-SAT forms the groups left from the people left."""
    order = sorted(range(len(result.columns)), key=lambda k: (-result.weights[k], k))
    taken: list[Column] = []
    used: set[int] = set()
    for k in order:
        if result.weights[k] < 0.1 or len(taken) == plan.n_groups:
            break
        members, t = result.columns[k]
        if used.isdisjoint(members):
            taken.append(result.columns[k])
            used.update(members)
    return guided_from(inst, plan, taken, time_limit_s=time_limit_s, seed=seed)


def guided_from(
    inst: Instance, plan: Plan, taken: list[Column], *, time_limit_s: float, seed: int = 0
) -> State | None:
    """The round with `taken` as groups and the rest formed by CP-SAT; fewer of
    `taken` are kept while what is left cannot be formed."""
    while taken:
        state = _complete(inst, plan, taken, time_limit_s, seed)
        if state is not None:
            return state
        taken = taken[: len(taken) - max(1, len(taken) // 4)]
    return None


def _complete(
    inst: Instance, plan: Plan, taken: list[Column], time_limit_s: float, seed: int
) -> State | None:
    """The round with `taken` as groups, the rest formed by CP-SAT, or None."""
    bounds = plan.size_bounds or [(inst.problem.min_size, inst.problem.max_size)] * plan.n_groups
    free_slots = list(range(plan.n_groups))
    slot_of: list[int] = []
    for members, t in taken:
        fits = [
            g
            for g in free_slots
            if plan.fixed_topic.get(g) == (t if inst.restricted[t] else None)
            and bounds[g][0] <= len(members) <= bounds[g][1]
        ]
        if not fits:
            return None
        slot_of.append(fits[0])
        free_slots.remove(fits[0])
    used = {i for members, _ in taken for i in members}
    rest = tuple(i for i in range(inst.n) if i not in used)
    topics = [0] * plan.n_groups
    group_of = [-1] * inst.n
    for (members, t), g in zip(taken, slot_of, strict=True):
        topics[g] = t
        for i in members:
            group_of[i] = g
    if rest or free_slots:
        if not rest or not free_slots:
            return None
        restricted = {}
        for g in free_slots:
            t = plan.fixed_topic.get(g)
            if t is not None:
                restricted[t] = restricted.get(t, 0) + 1
        lacking = sum(1 for members, _ in taken if not any(inst.mod4[i] for i in members))
        part = Part(rest, tuple(free_slots), restricted, plan.shortfall - lacking)
        if part.no_mod4_allowed < 0:
            return None
        model = GroupModel(inst, plan, part)
        solver, status = model.solve(time_limit_s, seed=seed, workers=1)
        found = model.result(solver, status)
        if found.group_of is None or found.topic_of is None:
            return None
        for i, g in found.group_of.items():
            group_of[i] = g
        for g, t in found.topic_of.items():
            topics[g] = t
    state = State(inst, plan.n_groups, topics, plan.shortfall, plan.kept, bounds)
    for i, g in enumerate(group_of):
        state.insert(i, g)
    return state


def _near(
    inst: Instance,
    plan: Plan,
    rest: _Rest,
    t: int,
    size: tuple[int, int],
    groups: list[tuple[int, ...]],
    prices: _Prices,
    even: tuple[int, int],
) -> list[tuple[int, ...]]:
    """Groups one swap, addition or removal away from those CP-SAT found, with
    a negative reduced cost: many columns for the price of one pricing, so the
    LP settles in fewer rounds."""
    if not groups:
        return []
    lo, hi = even
    # The people cheapest in topic t at these prices are the likeliest to join.
    allowed = [i for i in sorted(rest.people) if plan.allowed(inst, i, t)]
    allowed.sort(key=lambda i: (inst.cost[i][t] - prices.person[i], i))
    candidates = allowed[:NEAR_CANDIDATES]
    out: list[tuple[int, ...]] = []
    for members in groups[-2:]:
        inside = set(members)
        tries: list[tuple[int, ...]] = []
        outside = [c for c in candidates if c not in inside]
        for m in members:
            for c in outside:
                tries.append(tuple(sorted((inside - {m}) | {c})))
            if len(members) > size[0]:
                tries.append(tuple(sorted(inside - {m})))
        if len(members) < size[1]:
            tries += [tuple(sorted(inside | {c})) for c in outside]
        for group in tries:
            if not _fits(inst, rest, group):
                continue
            cost = column_cost(inst, group, t, lo, hi)
            if _reduced(inst, (group, t), cost, prices) < -1e-6:
                out.append(group)
    return out


def _fits(inst: Instance, rest: _Rest, group: tuple[int, ...]) -> bool:
    """The group has an upper-module student (a Mod 4 where none may go without)."""
    if rest.no_mod4 <= 0:
        return any(inst.mod4[i] for i in group)
    return any(inst.mod4[i] or inst.mod3[i] for i in group)


def _integer_bound(value: float) -> int:
    """The least integer objective at or above `value`, less the LP's tolerance."""
    return max(0, math.ceil(value - 1e-6 * abs(value) - 1e-3))


def _size_hulls(inst: Instance, plan: Plan, topics: list[int]) -> dict[int, tuple[int, int]]:
    """For each topic, the fewest and most people any slot of it may hold."""
    bounds = plan.size_bounds or [(inst.problem.min_size, inst.problem.max_size)] * plan.n_groups
    out = {}
    for t in topics:
        want = t if inst.restricted[t] else None
        fits = [bounds[g] for g in range(plan.n_groups) if plan.fixed_topic.get(g) == want]
        if fits:
            out[t] = (min(b[0] for b in fits), max(b[1] for b in fits))
        else:
            out[t] = (inst.problem.min_size, inst.problem.max_size)
    return out


@dataclass
class _Prices:
    person: list[float]
    groups: float  # the dual of "exactly G groups"
    restricted: dict[int, float]
    no_mod4: float  # the dual of "at most the shortfall without a Mod 4" (≤ 0)


@dataclass(frozen=True)
class _Rest:
    """What is left to form once `fixed` groups are taken."""

    people: frozenset[int]
    groups: int
    restricted: dict[int, int]
    no_mod4: int  # groups that may still go without a Mod 4

    @classmethod
    def of(cls, inst: Instance, plan: Plan, fixed: list[Column]) -> _Rest:
        taken = {i for members, _ in fixed for i in members}
        restricted = dict(plan.restricted_count)
        lacking = 0
        for members, t in fixed:
            if t in restricted:
                restricted[t] -= 1
            lacking += not any(inst.mod4[i] for i in members)
        return cls(
            frozenset(i for i in range(inst.n) if i not in taken),
            plan.n_groups - len(fixed),
            restricted,
            plan.shortfall - lacking,
        )


# Cost of an uncovered person or a missing group in the LP: the LP stays
# feasible while the columns cannot yet cover everyone (a relaxation still).
_ARTIFICIAL = 10**5


def _between(a: _Prices, b: _Prices, alpha: float) -> _Prices:
    """alpha·a + (1 − alpha)·b."""
    return _Prices(
        [alpha * x + (1 - alpha) * y for x, y in zip(a.person, b.person, strict=True)],
        alpha * a.groups + (1 - alpha) * b.groups,
        {t: alpha * a.restricted[t] + (1 - alpha) * b.restricted[t] for t in b.restricted},
        alpha * a.no_mod4 + (1 - alpha) * b.no_mod4,
    )


def _dual_value(rest: _Rest, prices: _Prices) -> float:
    """The LP's dual objective at `prices` (every row's right-hand side times
    its price); plus G times the lowest reduced cost, a Lagrangian bound."""
    value = sum(prices.person[i] for i in rest.people) + rest.groups * prices.groups
    value += sum(
        prices.restricted[t] * k for t, k in rest.restricted.items() if t in prices.restricted
    )
    return value + prices.no_mod4 * max(0, rest.no_mod4)


def _reduced(inst: Instance, col: Column, cost: int, prices: _Prices) -> float:
    members, t = col
    rc = cost - sum(prices.person[i] for i in members) - prices.groups
    rc -= prices.restricted.get(t, 0.0)
    if not any(inst.mod4[i] for i in members):
        rc -= prices.no_mod4
    return rc


def _master(
    inst: Instance, rest: _Rest, columns: list[Column], costs: list[int]
) -> tuple[float, list[float], _Prices] | None:
    """The LP over `columns` for `rest`: its optimum, each column's value, and the
    prices (person prices are 0 for people already taken)."""
    from ortools.linear_solver import pywraplp  # loads only when needed

    solver = pywraplp.Solver.CreateSolver("GLOP")
    if solver is None:
        return None
    inf = solver.infinity()
    use = [solver.NumVar(0, inf, "") for _ in columns]
    objective = solver.Objective()
    cover = {}
    for i in sorted(rest.people):
        cover[i] = solver.Constraint(1, 1)
        slack = solver.NumVar(0, inf, "")
        cover[i].SetCoefficient(slack, 1)
        objective.SetCoefficient(slack, _ARTIFICIAL)
    count = solver.Constraint(rest.groups, rest.groups)
    for sign in (1, -1):
        slack = solver.NumVar(0, inf, "")
        count.SetCoefficient(slack, sign)
        objective.SetCoefficient(slack, _ARTIFICIAL)
    lacking = solver.Constraint(-inf, max(0, rest.no_mod4))
    restricted = {t: solver.Constraint(k, k) for t, k in rest.restricted.items() if k >= 0}
    for row in restricted.values():
        for sign in (1, -1):
            slack = solver.NumVar(0, inf, "")
            row.SetCoefficient(slack, sign)
            objective.SetCoefficient(slack, _ARTIFICIAL)
    for v, (members, t), cost in zip(use, columns, costs, strict=True):
        for i in members:
            cover[i].SetCoefficient(v, 1)
        count.SetCoefficient(v, 1)
        if not any(inst.mod4[i] for i in members):
            lacking.SetCoefficient(v, 1)
        if t in restricted:
            restricted[t].SetCoefficient(v, 1)
        objective.SetCoefficient(v, cost)
    objective.SetMinimization()
    if solver.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    person = [0.0] * inst.n
    for i, row in cover.items():
        person[i] = row.dual_value()
    prices = _Prices(
        person,
        count.dual_value(),
        {t: row.dual_value() for t, row in restricted.items()},
        min(0.0, lacking.dual_value()),
    )
    return objective.Value(), [v.solution_value() for v in use], prices


def _price(
    inst: Instance,
    plan: Plan,
    rest: _Rest,
    t: int,
    size: tuple[int, int],
    prices: _Prices,
    even: tuple[int, int],
    time_limit_s: float,
    seed: int,
) -> tuple[list[tuple[int, ...]], float]:
    """Groups of topic t with a negative reduced cost that CP-SAT finds, and a
    proven lower bound on any group's reduced cost (scaled units)."""
    from ortools.sat.python import cp_model

    w = inst.w
    scale = DUAL_SCALE
    lo, hi = even
    people = [i for i in sorted(rest.people) if plan.allowed(inst, i, t)]
    if len(people) < size[0] or (inst.restricted[t] and rest.restricted.get(t, 0) <= 0):
        return [], 0.0  # no group of this topic can be formed
    model = cp_model.CpModel()
    x = {i: model.NewBoolVar(f"x{i}") for i in people}
    n_in = sum(x.values())
    model.Add(n_in >= size[0])
    model.Add(n_in <= size[1])
    n4 = sum(x[i] for i in people if inst.mod4[i])
    n3 = sum(x[i] for i in people if inst.mod3[i])
    model.Add(n4 + n3 >= 1)
    if rest.no_mod4 <= 0:
        model.Add(n4 >= 1)
    # Person prices rounded down to integers: each person's term is at most its
    # true value, so the bound CP-SAT proves stays a lower bound.
    terms = [math.floor((inst.cost[i][t] - prices.person[i]) * scale) * x[i] for i in people]
    for a, b in inst.met_where:
        if a in x and b in x:
            r = model.NewBoolVar(f"r{a}_{b}")
            model.AddBoolOr([x[a].Not(), x[b].Not(), r])
            terms.append(w.repeated_pair * scale * r)
    for c in range(inst.n_cohorts):
        idx = [i for i in people if inst.coh_idx[i] == c]
        if len(idx) < 2:
            continue
        cnt = sum(x[i] for i in idx)
        pairs = model.NewIntVar(0, size[1] ** 2, f"c{c}")
        for k in range(1, min(len(idx), size[1])):
            model.Add(pairs >= k * cnt - k * (k + 1) // 2)
        terms.append(w.cohort_mix * scale * pairs)
    for key, n_classes, weight in (
        (inst.mod_idx, inst.n_modules, w.module_mix),
        (inst.prog_idx, inst.n_programs, w.program_mix),
    ):
        present = []
        for k in range(n_classes):
            idx = [i for i in people if key[i] == k]
            if idx:
                h = model.NewBoolVar("")
                model.Add(sum(x[i] for i in idx) >= 1).OnlyEnforceIf(h)
                present.append(h)
        target = model.NewIntVar(0, n_classes, "")
        model.AddMinEquality(target, [n_in, n_classes])
        missing = model.NewIntVar(0, n_classes, "")
        model.Add(missing >= target - sum(present))
        terms.append(weight * scale * missing)
    if not inst.restricted[t]:
        extra = model.NewIntVar(0, size[1], "")
        model.Add(extra >= n4 - 1)
        terms.append(w.leader_spread * scale * extra)
    off = model.NewIntVar(0, size[1] + hi, "")
    model.Add(off >= n_in - hi)
    model.Add(off >= lo - n_in)
    terms.append(w.size_evenness * scale * off)
    if prices.no_mod4 < 0:
        has4 = model.NewBoolVar("has4")
        model.Add(n4 >= 1).OnlyEnforceIf(has4)
        model.Add(n4 == 0).OnlyEnforceIf(has4.Not())
        terms.append(math.floor(-prices.no_mod4 * scale) * has4.Not())
    model.Minimize(sum(terms))
    constant = -prices.groups - prices.restricted.get(t, 0.0)

    found: list[tuple[int, ...]] = []

    class Collect(cp_model.CpSolverSolutionCallback):
        def on_solution_callback(self) -> None:
            if self.ObjectiveValue() / scale + constant < 0:
                found.append(tuple(i for i in people if self.Value(x[i])))

    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    solver.parameters.linearization_level = 2  # several times faster here
    solver.parameters.max_deterministic_time = time_limit_s
    solver.parameters.max_time_in_seconds = 4 * time_limit_s + 5  # a safety net only
    status = solver.Solve(model, Collect())
    if status == cp_model.INFEASIBLE:
        return [], 0.0
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE, cp_model.UNKNOWN):
        return found[-NEW_PER_TOPIC:], -math.inf
    # The prices were rounded down, so this is a lower bound on the true one.
    return found[-NEW_PER_TOPIC:], solver.BestObjectiveBound() / scale + constant
