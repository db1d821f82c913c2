"""The improvement pass after the heuristic: short local-search chains whose
groups CP-SAT then recombines into the best grouping they allow.

Why: at 40-100 students a term's met-before pairs (about ten per student)
leave few ways to arrange a group, and the annealing's local optima are deep
and far apart: one start lands anywhere from the best grouping known to 10%
above it, and more of the same search rarely gets out. Three things close
most of that:

- A group's topic follows its members (`settle`). A move or a swap is scored
  with both groups re-topicked to what suits their members best, so people who
  want the same topic can gather in a group that then takes that topic.
- Kicks (`chain`): a short anneal in which a repeated pair costs much less, so
  the search walks through groupings that break one to reach others that break
  none, then a descent at the real weights, kept when no worse.
- Recombination (`recombine`): every group the chains visited is a candidate,
  priced exactly as the objective prices it (the objective is a sum over
  groups), and CP-SAT picks the set of candidates that covers everyone once at
  the least cost under the plan's group count, restricted groups, sizes and
  Mod 4 shortfall. Good groups from different chains combine; this is where
  CP-SAT does what local moves cannot.

Everything is counted in iterations and CP-SAT's deterministic time, so a seed
always gives the same groups whatever the machine's load.
"""

from __future__ import annotations

import copy
import math
import random
from collections import Counter
from dataclasses import dataclass, replace

from .instance import Instance, even_sizes
from .plan import Plan
from .state import State

KICK_T = (1000.0, 500.0)  # temperature from, to (scaled units) while kicking
DESCENT_T = (200.0, 5.0)
KICK_PAIR_WEIGHT = 1000  # a repeated pair's cost while kicking (scaled; 2,000 really)
RECOMBINE_TIME_S = 0.5  # CP-SAT's deterministic seconds per recombination, at most

Column = tuple[tuple[int, ...], int]  # (members, topic)


@dataclass(frozen=True)
class Budget:
    rounds: int  # chains, then a recombination, this many times
    chains: int  # per round
    kicks: int  # per chain
    kick_iterations: int
    descent_iterations: int


def default_budget(n: int) -> Budget:
    """About 1.5 s of Python at 45-100 students, less per person beyond."""
    per_kick = 1_500 + 30 * n
    kicks = max(1, min(4, 400_000 // (12 * 3 * per_kick)))
    return Budget(2, 3, kicks, per_kick, 2 * per_kick)


def state_of(inst: Instance, plan: Plan, group_of: list[int], topics: list[int]) -> State:
    """A grouping (group of each person, topic of each group) as a `State`."""
    bounds = plan.size_bounds or [(inst.problem.min_size, inst.problem.max_size)] * plan.n_groups
    state = State(inst, plan.n_groups, list(topics), plan.shortfall, plan.kept, bounds)
    for i, g in enumerate(group_of):
        state.insert(i, g)
    return state


def rebuilt(inst: Instance, state: State) -> State:
    """The same grouping, scored with `inst`'s weights."""
    out = State(
        inst,
        state.G,
        list(state.topic),
        state.shortfall,
        state.kept,
        list(zip(state.gmin, state.gmax, strict=True)),
    )
    for p in range(inst.n):
        if state.group_of[p] >= 0:
            out.insert(p, state.group_of[p])
    return out


# People: column generation (`columns`) runs up to this size by default, for its
# bound and the groupings it guides; its rounds and each pricing's CP-SAT time
# are capped. At 100 people it takes 5-10 s more, too long inside a web
# request; the benchmark runs it there to measure the engine against it.
COLUMNS_UP_TO = 60
COLUMN_ROUNDS = 15
PRICE_TIME_S = 0.1
DIVE_ROUNDS = 1  # LP rounds after each step of a dive


@dataclass
class Refined:
    state: State
    bound: int | None  # scaled: the column generation's proven lower bound, if it ran
    proven: bool  # the bound meets the grouping: nothing better exists under the plan


def refine(inst: Instance, plan: Plan, state: State, *, seed: int, cp_sat: bool = True) -> Refined:
    """The improvement pass at its defaults: `improve`, then (up to `COLUMNS_UP_TO`
    people, fresh rounds) column generation for a bound, a dive it guides, and
    a last recombination of every group seen. Without `cp_sat`, the chains only."""
    pool: set[Column] = set()
    budget = default_budget(inst.n)
    best = improve(inst, plan, state, seed=seed, budget=budget, pool=pool, cp_sat=cp_sat)
    if not cp_sat or inst.n > COLUMNS_UP_TO:
        return Refined(best, None, False)
    from . import columns  # OR-Tools loads only when needed

    result = columns.generate(
        inst, plan, pool, rounds=COLUMN_ROUNDS, price_time_s=PRICE_TIME_S, seed=seed
    )
    if result is None:
        return Refined(best, None, False)
    if best.total > result.bound:
        dived = columns.dive(
            inst,
            plan,
            pool,
            result,
            rounds=DIVE_ROUNDS,
            price_time_s=PRICE_TIME_S,
            time_limit_s=RECOMBINE_TIME_S,
            seed=seed,
        )
        if dived is not None:
            light = replace(budget, rounds=1, chains=2)
            dived = improve(inst, plan, dived, seed=seed, budget=light, pool=pool)
            if dived.total < best.total:
                best = dived
        merged = recombine(inst, plan, pool, best, seed=seed)
        if merged is not None and merged.total < best.total:
            best = merged
    return Refined(best, result.bound, best.total <= result.bound)


def improve(
    inst: Instance,
    plan: Plan,
    state: State,
    *,
    seed: int,
    budget: Budget,
    pool: set[Column] | None = None,
    cp_sat: bool = True,
) -> State:
    """A grouping no worse than `state` (returned, perhaps `state` itself). The
    groups the search visits are added to `pool`, if given. Without `cp_sat`,
    no recombination."""
    if pool is None:
        pool = set()
    harvest(pool, state)
    if state.G < 2 or budget.rounds <= 0:
        return state
    soft = copy.copy(inst)
    soft.w = replace(inst.w, repeated_pair=min(inst.w.repeated_pair, KICK_PAIR_WEIGHT))
    best = state
    for r in range(budget.rounds):
        start = best
        for c in range(budget.chains):
            rng = random.Random(f"improve/{seed}/{r}/{c}")  # nosec B311  # reproducible search
            found = chain(inst, soft, plan, start, rng, budget, pool)
            if found.total < best.total:
                best = found
        merged = recombine(inst, plan, pool, best, seed=seed) if cp_sat else None
        if merged is not None and merged.total < best.total:
            best = merged
    return best


def chain(
    inst: Instance,
    soft: Instance,
    plan: Plan,
    start: State,
    rng: random.Random,
    budget: Budget,
    pool: set[Column],
) -> State:
    """Kicks from `start`: each a kick then a descent, kept when no worse. Every
    grouping reached goes into `pool`."""
    current = rebuilt(inst, start)
    settle(inst, plan, current, rng, budget.descent_iterations, *DESCENT_T)
    harvest(pool, current)
    for _ in range(budget.kicks):
        trial = rebuilt(soft, current)
        settle(soft, plan, trial, rng, budget.kick_iterations, *KICK_T)
        trial = rebuilt(inst, trial)
        settle(inst, plan, trial, rng, budget.descent_iterations, *DESCENT_T)
        harvest(pool, trial)
        if trial.total <= current.total:
            current = trial
    return current


def harvest(pool: set[Column], state: State) -> None:
    for g in range(state.G):
        pool.add((tuple(sorted(state.members[g])), state.topic[g]))


def column_cost(inst: Instance, members: tuple[int, ...], t: int, lo: int, hi: int) -> int:
    """What a group with these members and topic adds to the objective (as
    `scoring.parts_of` counts it; `lo`, `hi` the round's even sizes)."""
    w = inst.w
    size = len(members)
    inside = set(members)
    c = sum(inst.cost[i][t] for i in members)
    c += w.repeated_pair * sum(1 for i in members for x in inst.adj[i] if x > i and x in inside)
    cohorts = Counter(inst.coh_idx[i] for i in members)
    c += w.cohort_mix * sum(k * (k - 1) // 2 for k in cohorts.values())
    modules = len({inst.mod_idx[i] for i in members})
    c += w.module_mix * max(0, min(size, inst.n_modules) - modules)
    programs = len({inst.prog_idx[i] for i in members})
    c += w.program_mix * max(0, min(size, inst.n_programs) - programs)
    if not inst.restricted[t]:
        c += w.leader_spread * max(0, sum(1 for i in members if inst.mod4[i]) - 1)
    return c + w.size_evenness * (max(0, size - hi) + max(0, lo - size))


def recombine(
    inst: Instance, plan: Plan, pool: set[Column], best: State, *, seed: int
) -> State | None:
    """The cheapest grouping made of `pool`'s groups under `plan`, or None where
    the plan keeps people or topics (then group numbers matter) or CP-SAT finds
    nothing in its budget. `best` (made of pool groups) is CP-SAT's hint."""
    if any(g >= 0 for g in plan.kept) or any(
        not inst.restricted[t] for t in plan.fixed_topic.values()
    ):
        return None
    from ortools.sat.python import cp_model  # OR-Tools loads only when needed

    n_groups = plan.n_groups
    bounds = plan.size_bounds or [(inst.problem.min_size, inst.problem.max_size)] * n_groups
    # Slots alike in topic (restricted ones are fixed) and sizes take any of the
    # same columns: one count per kind of slot.
    kinds = Counter((plan.fixed_topic.get(g), bounds[g]) for g in range(n_groups))
    lo, hi = even_sizes(inst.n, n_groups)
    columns = sorted(pool)
    model = cp_model.CpModel()
    use: dict[tuple[int, tuple], object] = {}
    by_person: list[list] = [[] for _ in range(inst.n)]
    by_kind: dict[tuple, list] = {kind: [] for kind in kinds}
    objective = []
    no_mod4 = []
    hint = {(tuple(sorted(best.members[g])), best.topic[g]) for g in range(best.G)}
    hinted_kinds: Counter = Counter()
    for k, (members, t) in enumerate(columns):
        fits = [
            kind
            for kind in kinds
            if (kind[0] == t if inst.restricted[t] else kind[0] is None)
            and kind[1][0] <= len(members) <= kind[1][1]
        ]
        if not fits:
            continue
        cost = column_cost(inst, members, t, lo, hi)
        lacks4 = not any(inst.mod4[i] for i in members)
        hinted = (members, t) in hint
        for kind in fits:
            v = model.NewBoolVar(f"c{k}_{len(by_kind[kind])}")
            use[k, kind] = v
            for i in members:
                by_person[i].append(v)
            by_kind[kind].append(v)
            objective.append(cost * v)
            if lacks4:
                no_mod4.append(v)
            on = hinted and hinted_kinds[kind] < kinds[kind]
            if on:  # the hint's group, in the first kind of slot with room
                hinted_kinds[kind] += 1
                hinted = False
            model.AddHint(v, on)
    if any(not vs for vs in by_person):
        return None
    for i in range(inst.n):
        model.AddExactlyOne(by_person[i])
    for kind, count in kinds.items():
        model.Add(sum(by_kind[kind]) == count)
    if no_mod4:
        model.Add(sum(no_mod4) <= plan.shortfall)
    model.Minimize(sum(objective))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    solver.parameters.max_deterministic_time = RECOMBINE_TIME_S
    solver.parameters.max_time_in_seconds = 4 * RECOMBINE_TIME_S + 5  # a safety net only
    if solver.Solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    slots: dict[tuple, list[int]] = {kind: [] for kind in kinds}
    for g in range(n_groups):
        slots[(plan.fixed_topic.get(g), bounds[g])].append(g)
    group_of = [-1] * inst.n
    topics = [0] * n_groups
    for (k, kind), v in sorted(use.items(), key=lambda kv: kv[0][0]):
        if solver.Value(v):
            g = slots[kind].pop(0)
            members, topics[g] = columns[k]
            for i in members:
                group_of[i] = g
    out = State(inst, n_groups, topics, plan.shortfall, plan.kept, bounds)
    for i, g in enumerate(group_of):
        out.insert(i, g)
    return out


def settle(
    inst: Instance,
    plan: Plan,
    state: State,
    rng: random.Random,
    iterations: int,
    t_start: float,
    t_end: float,
) -> None:
    """Anneal `state` in place over moves and swaps, every group at the topic its
    members like best (kept and restricted groups keep theirs). Stays within
    the hard rules throughout."""
    n_groups = state.G
    movable = [i for i in range(inst.n) if plan.kept[i] < 0]
    if not movable or n_groups < 2 or iterations <= 0:
        return
    n_topics = inst.n_topics
    open_topics = [t for t in range(n_topics) if not inst.restricted[t]]
    free_topic = [
        g not in plan.fixed_topic and not inst.restricted[state.topic[g]] for g in range(n_groups)
    ]
    cost = inst.cost
    sums = [
        [sum(cost[p][t] for p in state.members[g]) for t in range(n_topics)]
        for g in range(n_groups)
    ]
    topic = state.topic
    for g in range(n_groups):
        if free_topic[g]:
            t = min(open_topics, key=lambda t: (sums[g][t], t))
            if t != topic[g]:
                state.retopic(g, t)
    allowed = [[plan.allowed(inst, i, t) for t in range(n_topics)] for i in range(inst.n)]

    group_of, members, size = state.group_of, state.members, state.size
    n4, n3, kept = state.n4, state.n3, plan.kept
    mod4, mod3 = inst.mod4, inst.mod3
    gmin, gmax = state.gmin, state.gmax
    shortfall = state.shortfall
    no_mod4 = state.no_mod4_groups()
    rand, exp = rng.random, math.exp
    topics_range = range(n_topics)

    def randrange(k: int) -> int:  # rng.randrange is several times slower
        return int(rand() * k)

    def covered(a: int, d4a: int, d3a: int, b: int, d4b: int, d3b: int) -> bool:
        na4, nb4 = n4[a] + d4a, n4[b] + d4b
        if na4 + n3[a] + d3a <= 0 or nb4 + n3[b] + d3b <= 0:
            return False
        change = (na4 == 0) - (n4[a] == 0) + (nb4 == 0) - (n4[b] == 0)
        return change <= 0 or no_mod4 + change <= shortfall

    def best(g: int, row: list[int]) -> tuple[int, int]:
        """Group g's best topic given its members' summed costs `row`, and the
        change from its current topic."""
        now = topic[g]
        if not free_topic[g]:
            return now, 0
        bt, bv = now, row[now]
        for t in open_topics:
            if row[t] < bv:
                bt, bv = t, row[t]
        return bt, bv - row[now]

    ratio = t_end / t_start
    temp = t_start
    for it in range(iterations):
        if it & 1023 == 0:
            temp = t_start * ratio ** (it / iterations)
        p = movable[randrange(len(movable))]
        a = group_of[p]
        b = randrange(n_groups)
        if b == a or not allowed[p][topic[b]]:
            continue
        cp = cost[p]
        if rand() < 0.4:
            if size[a] <= gmin[a] or size[b] >= gmax[b]:
                continue
            if not covered(a, -mod4[p], -mod3[p], b, mod4[p], mod3[p]):
                continue
            row_a = [sums[a][t] - cp[t] for t in topics_range]
            row_b = [sums[b][t] + cp[t] for t in topics_range]
            ta, da = best(a, row_a)
            tb, db = best(b, row_b)
            delta = state.remove_delta(p) + state.insert_delta(p, b) + da + db
            if delta <= 0 or rand() < exp(-delta / temp):
                before = (n4[a] == 0) + (n4[b] == 0)
                state.move(p, b)
                no_mod4 += (n4[a] == 0) + (n4[b] == 0) - before
                sums[a], sums[b] = row_a, row_b
                if ta != topic[a]:
                    state.retopic(a, ta)
                if tb != topic[b]:
                    state.retopic(b, tb)
        else:
            mb = members[b]
            q = mb[randrange(len(mb))]
            if kept[q] >= 0 or not allowed[q][topic[a]]:
                continue
            d4, d3 = mod4[q] - mod4[p], mod3[q] - mod3[p]
            if (d4 or d3) and not covered(a, d4, d3, b, -d4, -d3):
                continue
            cq = cost[q]
            row_a = [sums[a][t] - cp[t] + cq[t] for t in topics_range]
            row_b = [sums[b][t] + cp[t] - cq[t] for t in topics_range]
            ta, da = best(a, row_a)
            tb, db = best(b, row_b)
            delta = state.swap_delta(p, q) + da + db
            if delta <= 0 or rand() < exp(-delta / temp):
                before = (n4[a] == 0) + (n4[b] == 0)
                state.swap(p, q)
                no_mod4 += (n4[a] == 0) + (n4[b] == 0) - before
                sums[a], sums[b] = row_a, row_b
                if ta != topic[a]:
                    state.retopic(a, ta)
                if tb != topic[b]:
                    state.retopic(b, tb)
