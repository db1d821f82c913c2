"""A fast first grouping that already satisfies every hard rule.

Order matters: topics are shared out by demand; kept students go in; every group
gets its upper-module student (restricted groups an opted-in one); restricted
groups are filled to their minimum from opted-in students; then everyone else
goes, one at a time, to the cheapest of a few candidate groups in their
preferred topics, with open places reserved for groups still under the minimum.
"""

from __future__ import annotations

import random

from .instance import Instance
from .plan import Plan
from .state import State
from .types import Infeasible

_CANDIDATES = 10  # groups scored per person placed


def share_topics(inst: Instance, plan: Plan, rng: random.Random) -> list[int]:
    """A topic for every group: kept ones fixed, restricted as planned, the rest by
    demand (Sainte-Laguë over each person's cheapest open topic)."""
    n_groups = plan.n_groups
    topic: list[int | None] = [None] * n_groups
    for g, t in plan.fixed_topic.items():
        if g < n_groups:
            topic[g] = t
    kept_groups = {g for g in plan.kept if g >= 0}
    for t, k in plan.restricted_count.items():
        have = sum(1 for x in topic if x == t)
        free = [g for g in range(n_groups) if topic[g] is None]
        # Prefer groups with nobody kept in them, then those whose kept are opted in.
        free.sort(key=lambda g: (g in kept_groups, g))
        for g in free[: max(0, k - have)]:
            topic[g] = t

    open_topics = [t for t in range(inst.n_topics) if not inst.restricted[t]]
    demand = dict.fromkeys(open_topics, 0)
    for i in range(inst.n):
        if not inst.ranking[i] and inst.led_topic(i) is None:
            continue
        best = min(open_topics, key=lambda t: inst.cost[i][t])
        demand[best] += 1
    if not any(demand.values()):
        demand = dict.fromkeys(open_topics, 1)
    count = {t: sum(1 for x in topic if x == t) for t in open_topics}
    shares: list[int] = []
    for _ in range(sum(1 for x in topic if x is None)):
        t = max(open_topics, key=lambda t: (demand[t] / (2 * count[t] + 1), -t))
        count[t] += 1
        shares.append(t)

    # Kept groups without a fixed topic take the share their kept students like best.
    for g in sorted(kept_groups):
        if g < n_groups and topic[g] is None and shares:
            kept = [i for i in range(inst.n) if plan.kept[i] == g]
            best = min(set(shares), key=lambda t: (sum(inst.cost[i][t] for i in kept), t))
            shares.remove(best)
            topic[g] = best
    rng.shuffle(shares)
    for g in range(n_groups):
        if topic[g] is None:
            topic[g] = shares.pop()
    return [t for t in topic if t is not None]


def construct(inst: Instance, plan: Plan, rng: random.Random) -> State:
    """A grouping meeting every hard rule, or `Infeasible` if placing fails."""
    topics = share_topics(inst, plan, rng)
    state = State(inst, plan.n_groups, topics, plan.shortfall, plan.kept, plan.size_bounds)
    n_groups = plan.n_groups
    placed = [False] * inst.n
    for i in range(inst.n):
        if plan.kept[i] >= 0:
            state.insert(i, plan.kept[i])
            placed[i] = True
    order = list(range(inst.n))
    rng.shuffle(order)

    def cheapest(pool, g):
        return min(pool, key=lambda i: (state.insert_delta(i, g), i))

    # Upper-module students: restricted groups need an opted-in one.
    for g in range(n_groups):
        if not inst.restricted[topics[g]] or state.n4[g] or state.n3[g]:
            continue
        t = topics[g]
        pool = [i for i in order if not placed[i] and inst.allowed[i][t] and inst.mod4[i]]
        pool = pool or [i for i in order if not placed[i] and inst.allowed[i][t] and inst.mod3[i]]
        if not pool:
            raise Infeasible(
                [
                    "Less-represented topic: no opted-in Mod 3 or Mod 4 student left to post "
                    "where its group meets"
                ]
            )
        i = cheapest(pool, g)
        state.insert(i, g)
        placed[i] = True

    # Every other group gets a Mod 4 student, each to the topic they like best.
    lacking: dict[int, list[int]] = {}
    for g in range(n_groups):
        if not inst.restricted[topics[g]] and not state.n4[g]:
            lacking.setdefault(topics[g], []).append(g)
    # Opted-in students the restricted groups still need are not spent as leaders
    # elsewhere: only those beyond that need may lead an open-topic group.
    needed_opted = sum(
        max(0, state.gmin[g] - state.size[g]) for g in range(n_groups) if inst.restricted[topics[g]]
    )
    spare_opted = sum(1 for i in order if not placed[i] and inst.opted[i]) - needed_opted

    def may_lead_elsewhere(i: int) -> bool:
        nonlocal spare_opted
        if not inst.opted[i]:
            return True
        if spare_opted <= 0:
            return False
        spare_opted -= 1
        return True

    leaders = [i for i in order if not placed[i] and inst.mod4[i]]
    leaders.sort(key=lambda i: (inst.opted[i], inst.led_topic(i) is None))
    for i in leaders:
        if not lacking:
            break
        if not may_lead_elsewhere(i):
            continue
        t = min(lacking, key=lambda t: (inst.cost[i][t], -len(lacking[t]), t))
        g = lacking[t].pop()
        if not lacking[t]:
            del lacking[t]
        state.insert(i, g)
        placed[i] = True
    for gs in list(lacking.values()):
        for g in gs:
            if state.n3[g]:
                continue
            pool = [i for i in order if not placed[i] and inst.mod3[i]]
            pool = [i for i in pool if not inst.opted[i]] or pool
            if not pool:
                raise Infeasible(["Upper-module students: too few Mod 3/4 students to go round"])
            i = cheapest(pool, g)
            if inst.opted[i]:
                spare_opted -= 1
            state.insert(i, g)
            placed[i] = True
    if state.no_mod4_groups() > plan.shortfall:
        raise Infeasible(
            [
                f"Upper-module students: {state.no_mod4_groups()} groups would have no Mod 4 "
                f"student but only {plan.shortfall} may"
            ]
        )

    # Restricted groups up to their minimum, from opted-in students who chose it.
    for g in range(n_groups):
        t = topics[g]
        if not inst.restricted[t]:
            continue
        while state.size[g] < state.gmin[g]:
            pool = [i for i in order if not placed[i] and inst.allowed[i][t]]
            if not pool:
                raise Infeasible(
                    [
                        f"Less-represented topic: group {g + 1} has {state.size[g]} "
                        f"{'student' if state.size[g] == 1 else 'students'} and needs at "
                        f"least {state.gmin[g]}, but no other opted-in student who chose it "
                        "is free to join"
                    ]
                )
            i = min(pool, key=lambda i: (inst.cost[i][t], i))
            state.insert(i, g)
            placed[i] = True

    _place_rest(inst, plan, state, [i for i in order if not placed[i]], rng)
    return state


def _place_rest(
    inst: Instance, plan: Plan, state: State, rest: list[int], rng: random.Random
) -> None:
    """Everyone left, cheapest candidate group first; when the people left only just
    fill the groups under the minimum, they go there."""
    n_groups = state.G
    topics = state.topic
    gmin, gmax = state.gmin, state.gmax
    cap = [min(gmax[g], max(state.hi, state.size[g])) for g in range(n_groups)]
    open_by_topic: dict[int, list[int]] = {}
    for g in range(n_groups):
        if state.size[g] < cap[g]:
            open_by_topic.setdefault(topics[g], []).append(g)
    short = {g for g in range(n_groups) if state.size[g] < gmin[g]}
    # People who answered go first: those who did not are happy anywhere.
    rest.sort(key=lambda i: not inst.ranking[i])
    left = len(rest)
    deficit = sum(gmin[g] - state.size[g] for g in short)
    for i in rest:
        if left <= deficit:
            cands = [g for g in short if plan.allowed(inst, i, topics[g])]
        else:
            cands = []
            for t in sorted(open_by_topic, key=lambda t: (inst.cost[i][t], t)):
                if not plan.allowed(inst, i, t):
                    continue
                gs = open_by_topic[t]
                need = _CANDIDATES - len(cands)
                cands.extend(gs if len(gs) <= need else rng.sample(gs, need))
                if len(cands) >= _CANDIDATES:
                    break
        if not cands:
            cands = [
                g
                for g in range(n_groups)
                if state.size[g] < gmax[g] and plan.allowed(inst, i, topics[g])
            ]
        if not cands:
            raise Infeasible([f"Group sizes: no group has room for student {inst.ids[i]}"])
        g = min(cands, key=lambda g: (state.insert_delta(i, g), g))
        state.insert(i, g)
        left -= 1
        if state.size[g] >= cap[g] and g in open_by_topic.get(topics[g], ()):
            open_by_topic[topics[g]].remove(g)
            if not open_by_topic[topics[g]]:
                del open_by_topic[topics[g]]
        if g in short:
            deficit -= 1
            if state.size[g] >= gmin[g]:
                short.discard(g)


def from_witness(inst: Instance, plan: Plan, rng: random.Random) -> State:
    """A grouping built by following the plan's `Witness` step by step, which
    always succeeds: the greedy `construct` can paint itself into a corner on
    awkward rounds, this cannot. Costs still guide each choice, and the search
    improves it afterwards."""
    w = plan.witness
    if w is None:  # a plan with keeps has no witness: nothing to follow
        raise Infeasible(["Internal: no feasibility witness for this plan"])
    topics = share_topics(inst, plan, rng)
    state = State(inst, plan.n_groups, topics, plan.shortfall, plan.kept, plan.size_bounds)
    order = list(range(inst.n))
    rng.shuffle(order)
    placed = [False] * inst.n
    restricted = [g for g in range(plan.n_groups) if inst.restricted[topics[g]]]
    ordinary = [g for g in range(plan.n_groups) if not inst.restricted[topics[g]]]

    def put(i: int, g: int) -> None:
        state.insert(i, g)
        placed[i] = True

    def by_cost(pool: list[int], t: int) -> list[int]:
        return sorted(pool, key=lambda i: (inst.cost[i][t], i))

    if restricted:
        t = topics[restricted[0]]
        may = [i for i in order if inst.allowed[i][t]]
        # The witness's counts, those who like the topic best first.
        chosen4 = by_cost([i for i in may if inst.mod4[i]], t)[: w.r4]
        chosen3 = by_cost([i for i in may if inst.mod3[i]], t)[: w.r3]
        rest = w.seats - len(chosen4) - len(chosen3)
        others = by_cost([i for i in may if not inst.mod4[i] and not inst.mod3[i]], t)[:rest]
        uppers = chosen4 + chosen3  # Mod 4 first: each restricted group one upper
        for k, g in enumerate(restricted):
            put(uppers[k], g)
        for i in uppers[len(restricted) :] + others:
            g = min(
                (g for g in restricted if state.size[g] < state.gmax[g]),
                key=lambda g: (state.insert_delta(i, g), g),
            )
            put(i, g)

    # One Mod 4 per ordinary group while they last, to the topic each likes;
    # then a Mod 3 standing in for the rest.
    lacking = list(ordinary)
    for pool in (
        [i for i in order if not placed[i] and inst.mod4[i]],
        [i for i in order if not placed[i] and inst.mod3[i]],
    ):
        for i in sorted(pool, key=lambda i: inst.led_topic(i) is None):
            if not lacking:
                break
            g = min(lacking, key=lambda g: (state.insert_delta(i, g), g))
            lacking.remove(g)
            put(i, g)
    if lacking:  # the witness said there are enough: a bug, not an input problem
        raise Infeasible(["Internal: the feasibility witness did not hold"])
    _place_rest(inst, plan, state, [i for i in order if not placed[i]], rng)
    return state
