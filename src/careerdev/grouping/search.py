"""Local search on a feasible grouping: simulated annealing over moves, swaps and
group topic changes, each scored incrementally and each kept within the hard rules.

The budget is a number of iterations, not seconds, so a seed always gives the
same groups whatever the machine's load.
"""

from __future__ import annotations

import math
import random

from .instance import Instance
from .plan import Plan
from .state import State

T_START = 400.0  # in scaled units: a second-choice placement costs 300
T_END = 5.0


def default_iterations(n: int) -> int:
    """Enough for small rounds to settle; about 100 tries per person for big ones."""
    return max(30_000, 100 * n)


def _covered(
    state: State, no_mod4: int, a: int, d4a: int, d3a: int, b: int, d4b: int, d3b: int
) -> bool:
    """Groups a and b keep an upper-module student after a change of (d4, d3) in
    each, and no more groups than the shortfall go without a Mod 4."""
    n4, n3 = state.n4, state.n3
    na4, nb4 = n4[a] + d4a, n4[b] + d4b
    if na4 + n3[a] + d3a <= 0 or nb4 + n3[b] + d3b <= 0:
        return False
    change = (na4 == 0) - (n4[a] == 0) + (nb4 == 0) - (n4[b] == 0)
    return change <= 0 or no_mod4 + change <= state.shortfall


def repair_pairs(inst: Instance, plan: Plan, state: State, rounds: int = 3) -> None:
    """A targeted pass after annealing: everyone still in a group with someone they
    met before tries every move and every swap, and takes the best that lowers the
    total. Random moves rarely hit the one person and place that break a pair."""
    n_groups = state.G
    if n_groups < 2:
        return
    group_of, members, size, topic = state.group_of, state.members, state.size, state.topic
    mod4, mod3, kept = inst.mod4, inst.mod3, plan.kept
    gmin, gmax = state.gmin, state.gmax
    allowed = [[plan.allowed(inst, i, t) for t in range(inst.n_topics)] for i in range(inst.n)]
    for _ in range(rounds):
        changed = False
        for p in range(inst.n):
            a = group_of[p]
            if kept[p] >= 0 or not state.conflicts(p, a):
                continue
            no_mod4 = state.no_mod4_groups()
            best, how = 0, None
            leave = state.remove_delta(p)
            for b in range(n_groups):
                if b == a or not allowed[p][topic[b]]:
                    continue
                if (
                    size[a] > gmin[a]
                    and size[b] < gmax[b]
                    and _covered(state, no_mod4, a, -mod4[p], -mod3[p], b, mod4[p], mod3[p])
                ):
                    d = leave + state.insert_delta(p, b)
                    if d < best:
                        best, how = d, (b, None)
                for q in members[b]:
                    if kept[q] >= 0 or not allowed[q][topic[a]]:
                        continue
                    d4, d3 = mod4[q] - mod4[p], mod3[q] - mod3[p]
                    if (d4 or d3) and not _covered(state, no_mod4, a, d4, d3, b, -d4, -d3):
                        continue
                    d = state.swap_delta(p, q)
                    if d < best:
                        best, how = d, (b, q)
            if how is not None:
                b, q = how
                if q is None:
                    state.move(p, b)
                else:
                    state.swap(p, q)
                changed = True
        if not changed:
            return


def anneal(inst: Instance, plan: Plan, state: State, rng: random.Random, iterations: int) -> None:
    """Improve `state` in place; it stays feasible throughout."""
    n_groups = state.G
    movable = [i for i in range(inst.n) if plan.kept[i] < 0]
    if not movable or n_groups < 2:
        return
    allowed = [[plan.allowed(inst, i, t) for t in range(inst.n_topics)] for i in range(inst.n)]
    best_topic = [
        min((t for t in range(inst.n_topics) if allowed[i][t]), key=lambda t: inst.cost[i][t])
        for i in range(inst.n)
    ]
    open_topics = [t for t in range(inst.n_topics) if not inst.restricted[t]]
    retopicable = [
        g
        for g in range(n_groups)
        if g not in plan.fixed_topic and not inst.restricted[state.topic[g]]
    ]
    by_topic: dict[int, list[int]] = {}
    for g in range(n_groups):
        by_topic.setdefault(state.topic[g], []).append(g)

    group_of, members, size = state.group_of, state.members, state.size
    n4, n3, topic, kept = state.n4, state.n3, state.topic, plan.kept
    mod4, mod3 = inst.mod4, inst.mod3
    gmin, gmax = state.gmin, state.gmax
    shortfall = state.shortfall
    no_mod4 = state.no_mod4_groups()
    rand, exp = rng.random, math.exp

    def randrange(k: int) -> int:  # rng.randrange is several times slower
        return int(rand() * k)

    def covered(a: int, d4a: int, d3a: int, b: int, d4b: int, d3b: int) -> bool:
        na4, nb4 = n4[a] + d4a, n4[b] + d4b
        if na4 + n3[a] + d3a <= 0 or nb4 + n3[b] + d3b <= 0:
            return False
        change = (na4 == 0) - (n4[a] == 0) + (nb4 == 0) - (n4[b] == 0)
        return change <= 0 or no_mod4 + change <= shortfall

    ratio = T_END / T_START
    temp = T_START
    for it in range(iterations):
        if it & 1023 == 0:
            temp = T_START * ratio ** (it / iterations)
        r = rand()
        if r < 0.03 and retopicable and len(open_topics) > 1:
            g = retopicable[randrange(len(retopicable))]
            t = open_topics[randrange(len(open_topics))]
            old = topic[g]
            if t == old:
                continue
            delta = state.retopic_delta(g, t)
            if delta <= 0 or rand() < exp(-delta / temp):
                state.retopic(g, t)
                by_topic[old].remove(g)
                by_topic.setdefault(t, []).append(g)
            continue

        p = movable[randrange(len(movable))]
        a = group_of[p]
        if r < 0.5:
            gs = by_topic.get(best_topic[p])
            b = gs[randrange(len(gs))] if gs else randrange(n_groups)
        else:
            b = randrange(n_groups)
        if b == a or not allowed[p][topic[b]]:
            continue

        if r < 0.3 or (r >= 0.5 and r < 0.7):
            # Move p from a to b.
            if size[a] <= gmin[a] or size[b] >= gmax[b]:
                continue
            if not covered(a, -mod4[p], -mod3[p], b, mod4[p], mod3[p]):
                continue
            delta = state.remove_delta(p) + state.insert_delta(p, b)
            if delta <= 0 or rand() < exp(-delta / temp):
                before = (n4[a] == 0) + (n4[b] == 0)
                state.move(p, b)
                no_mod4 += (n4[a] == 0) + (n4[b] == 0) - before
        else:
            # Swap p with someone in b.
            mb = members[b]
            q = mb[randrange(len(mb))]
            if kept[q] >= 0 or not allowed[q][topic[a]]:
                continue
            d4, d3 = mod4[q] - mod4[p], mod3[q] - mod3[p]
            if (d4 or d3) and not covered(a, d4, d3, b, -d4, -d3):
                continue
            delta = state.swap_delta(p, q)
            if delta <= 0 or rand() < exp(-delta / temp):
                before = (n4[a] == 0) + (n4[b] == 0)
                state.swap(p, q)
                no_mod4 += (n4[a] == 0) + (n4[b] == 0) - before
