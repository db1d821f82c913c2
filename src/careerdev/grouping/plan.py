"""Before any placing: how many groups, how many of them restricted-topic, how
big each may be, who is kept where, and whether the hard rules can hold at all
(else `Infeasible`, naming the real cause and the smallest fix).

The group count and the number of less-represented groups are planned
jointly: every (groups, restricted groups, restricted size) candidate is
checked exactly on counts (`feasibility.witness`), and the best feasible one by
the programme's priorities is taken. A round is refused only when no
candidate is feasible, so a school whose hard rules can be met always gets
groups. These decisions are shared by the heuristic and CP-SAT so both solve
the same problem and the bound is comparable.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from . import feasibility
from .feasibility import Pools, Witness
from .instance import Instance, even_sizes, kept_mod4_shortfall, mod4_shortfall
from .rules import SIZE_TWINS
from .types import Infeasible

# Restricted groups: up to this many, the plan with one fewer is solved too.
MAX_RESTRICTED_FOR_ALTERNATIVE = 3


@dataclass
class Plan:
    n_groups: int
    restricted_count: dict[int, int]  # restricted topic index → number of groups
    # Group index → topic index: kept groups' topics, and the restricted groups
    # (placed at fixed indices; the numbers people see are shuffled at the end).
    fixed_topic: dict[int, int]
    kept: list[int]  # person index → group index, or -1
    shortfall: int  # groups that may (must) have a Mod 3 stand-in instead of a Mod 4
    size_bounds: list[tuple[int, int]] = field(default_factory=list)  # per group index
    notes: list[str] = field(default_factory=list)
    witness: Witness | None = None  # counts that prove the plan feasible (no keeps)
    # Group index → the number (and breakout room) people see. Kept groups keep
    # theirs; the others are a seeded shuffle that never looks at topics, so a
    # number or room says nothing about which group is which topic.
    numbers: list[int] = field(default_factory=list)

    @property
    def restricted_groups(self) -> int:
        return sum(self.restricted_count.values())

    @property
    def restricted_sizes(self) -> tuple[int, int]:
        """The fewest and most people any restricted group may hold."""
        bounds = [
            self.size_bounds[g]
            for g, t in self.fixed_topic.items()
            if t in self.restricted_count and g < len(self.size_bounds)
        ]
        if not bounds:
            return self.size_bounds[0] if self.size_bounds else (0, 0)
        return min(b[0] for b in bounds), max(b[1] for b in bounds)

    def allowed(self, inst: Instance, i: int, t: int) -> bool:
        """Person i may be in topic t: consent for restricted, and the topic is formed."""
        if inst.restricted[t]:
            return inst.allowed[i][t] and self.restricted_count.get(t, 0) > 0
        return True


def _people(n: int) -> str:
    return f"{n} {'student' if n == 1 else 'students'}"


def _basic_checks(inst: Instance) -> tuple[int, int]:
    """Sizes and topics that no plan can mend; returns the range of group counts."""
    problem = inst.problem
    n = inst.n
    lo_size, hi_size = problem.min_size, problem.max_size
    if lo_size < 1 or hi_size < lo_size:
        raise Infeasible(
            [
                f"Group sizes: the fewest ({lo_size}) must be at least 1 and "
                f"no more than the most ({hi_size})"
            ]
        )
    reasons = []
    if not any(not inst.restricted[t] for t in range(inst.n_topics)):
        reasons.append("Topics: there is no topic open to everyone (only restricted topics)")
    g_lo = -(-n // hi_size)
    g_hi = n // lo_size
    if g_lo > g_hi:
        more = lo_size - n if n < lo_size else None
        fix = f": {_people(more)} more would make one group" if more else ""
        reasons.append(
            f"Group sizes: {_people(n)} cannot be split into groups of "
            f"{lo_size} to {hi_size} people{fix}"
        )
    if reasons:
        raise Infeasible(reasons)
    return g_lo, g_hi


def make_plan(inst: Instance) -> Plan:
    """Decide the shape of the grouping, or raise `Infeasible` saying why not."""
    return make_plans(inst)[0]


def make_plans(inst: Instance) -> list[Plan]:
    """The preferred plan first, then at most one alternative worth solving too:
    one restricted group fewer (fewer people who met before meet again when
    those who chose the topic are few). The caller keeps the better grouping."""
    g_lo, g_hi = _basic_checks(inst)
    if inst.problem.keep or inst.problem.keep_topics:
        plans = [_plan_with_keeps(inst, g_lo, g_hi)]
    else:
        plans = _plans_fresh(inst, g_lo, g_hi)
    for plan in plans:
        plan.numbers = group_numbers(plan, inst.problem.seed)
    return plans


def group_numbers(plan: Plan, seed: int) -> list[int]:
    """Numbers for the group indices: kept groups (kept people or topic) keep
    index + 1; the rest share the remaining numbers in a seeded random order
    that depends on nothing but the seed and the count."""
    kept = {g for g in plan.kept if g >= 0}
    kept |= {g for g in plan.fixed_topic if g not in _restricted_slots(plan)}
    numbers = [g + 1 if g in kept else 0 for g in range(plan.n_groups)]
    free_numbers = [g + 1 for g in range(plan.n_groups) if g not in kept]
    random.Random(f"group-numbers/{seed}").shuffle(free_numbers)  # nosec B311  # not secret
    it = iter(free_numbers)
    return [number or next(it) for number in numbers]


def _restricted_slots(plan: Plan) -> set[int]:
    """The indices a fresh plan gave its restricted groups (not kept groups)."""
    if plan.witness is None:
        return set()
    return set(range(plan.witness.restricted))


def _target_groups(inst: Instance, g_lo: int, g_hi: int) -> int:
    target = (inst.problem.min_size + inst.problem.max_size) / 2
    return min(max(round(inst.n / target), g_lo), g_hi)


def _restricted_topic(inst: Instance) -> int | None:
    """The less-represented topic this round plans for: the first restricted one
    (a term has at most one; careerdev's database says so)."""
    return next((t for t in range(inst.n_topics) if inst.restricted[t]), None)


def _wanted_restricted_groups(inst: Instance, t: int) -> int:
    """How many groups the survey asks for: those who put the topic first, in
    groups of about the middle size."""
    first = sum(1 for i in range(inst.n) if inst.ranking[i][:1] == (t,))
    if not first:
        return 0
    target = (inst.problem.min_size + inst.problem.max_size) / 2
    return max(1, round(first / target))


def _plans_fresh(inst: Instance, g_lo: int, g_hi: int) -> list[Plan]:
    """A fresh round: the best feasible (groups, restricted groups, sizes) by the
    programme's priorities — form the less-represented group if it can be formed
    at all; then as few Mod 3 stand-ins as possible; then as many restricted
    groups as the survey asks for; then groups of about the middle size — and,
    where it had two or more restricted groups, the best with one fewer."""
    problem = inst.problem
    n4, n3, _ = inst.counts()
    t = _restricted_topic(inst)
    wanted = _wanted_restricted_groups(inst, t) if t is not None else 0
    pools = Pools.of(inst, t)
    target = _target_groups(inst, g_lo, g_hi)

    def check(n_groups: int, r: int) -> Witness | None:
        return feasibility.witness(
            n=inst.n,
            n_groups=n_groups,
            restricted=r,
            n4=n4,
            n3=n3,
            pools=pools,
            min_size=problem.min_size,
            max_size=problem.max_size,
            twins=SIZE_TWINS,
        )

    def key(w: Witness) -> tuple:
        return (
            w.restricted == 0 and wanted > 0,
            w.no_mod4,
            wanted - w.restricted,
            abs(w.n_groups - target),
            -w.seats,
            w.n_groups,
        )

    # Group counts nearest the target first: once the best found so far is in
    # the top tier (the group formed as asked, no stand-in), nothing further
    # away can beat it, and a 5,000-student school stops at once.
    counts = sorted(range(g_lo, g_hi + 1), key=lambda g: (abs(g - target), g))
    best: Witness | None = None
    for n_groups in counts:
        top_tier = best is not None and key(best)[:3] == (False, 0, 0)
        if top_tier and abs(n_groups - target) > abs(best.n_groups - target):
            break
        for r in range(min(wanted, n_groups - 1), -1, -1):
            w = check(n_groups, r)
            if w is not None and (best is None or key(w) < key(best)):
                best = w
    if best is None:
        raise Infeasible(_why_no_groups(inst, g_lo, g_hi))
    chosen = [best]
    # Where the topic is asked for by a handful, one group fewer may keep
    # people who met before apart: solve that too (few groups only, so the
    # extra run stays cheap).
    if 2 <= best.restricted <= MAX_RESTRICTED_FOR_ALTERNATIVE:
        fewer = [w for g in counts if (w := check(g, best.restricted - 1)) is not None]
        fewer = [w for w in fewer if w.no_mod4 == best.no_mod4]
        if fewer:
            chosen.append(min(fewer, key=key))
    return [_plan_from(inst, t, wanted, pools, w, g_lo, g_hi) for w in chosen]


def _plan_from(
    inst: Instance, t: int | None, wanted: int, pools: Pools, w: Witness, g_lo: int, g_hi: int
) -> Plan:
    n4, _, _ = inst.counts()
    n_groups, r = w.n_groups, w.restricted
    notes: list[str] = []
    restricted_count = {t: r} if t is not None and r else {}
    if t is not None and wanted and r == 0:
        notes.append(_why_no_restricted_group(inst, t, pools, g_lo, g_hi))
    elif t is not None and r < wanted:
        notes.append(
            f"{inst.topic_names[inst.topic_ids[t]]}: {r} "
            f"{'group' if r == 1 else 'groups'} of the {wanted} the survey asked for; the "
            "others who put it first join their next choice"
        )
    size_bounds = _size_bounds(inst, n_groups, r, w, pools)
    fixed_topic = dict.fromkeys(range(r), t) if r else {}
    shortfall = mod4_shortfall(n_groups, r, n4, pools.e4, w.forced4)
    if shortfall:
        notes.append(
            f"{n4} Mod 4 students for {n_groups} groups: {shortfall} "
            f"{'group has' if shortfall == 1 else 'groups have'} a Mod 3 student standing in"
        )
    return Plan(
        n_groups, restricted_count, fixed_topic, [-1] * inst.n, shortfall, size_bounds, notes, w
    )


def _size_bounds(
    inst: Instance, n_groups: int, r: int, w: Witness | None, pools: Pools
) -> list[tuple[int, int]]:
    """Without a restricted group sizes are soft within the limits. With one,
    every group is of the round's two usual sizes, and each restricted group of
    one that enough ordinary groups share (`SIZE_TWINS`)."""
    problem = inst.problem
    if not r or w is None:
        return [(problem.min_size, problem.max_size)] * n_groups
    lo, hi = even_sizes(inst.n, n_groups)
    n_hi = inst.n - n_groups * lo
    twins = min(SIZE_TWINS, n_groups - r)
    if n_hi - r >= twins and n_groups - n_hi - r >= twins and r * hi <= pools.e3 + pools.other:
        # Either size leaves enough ordinary groups of both, and no size makes
        # the restricted groups take Mod 4 students the others need (the plan's
        # stand-ins stay right): the search may choose.
        return [(lo, hi)] * n_groups
    return [(size, size) for size in w.restricted_sizes] + [(lo, hi)] * (n_groups - r)


def _why_no_groups(inst: Instance, g_lo: int, g_hi: int) -> list[str]:
    """The real cause when not even a round without a restricted group fits:
    upper-module students (every other rule can always be met)."""
    n4, n3, _ = inst.counts()
    p = inst.problem
    need = g_lo - (n4 + n3)
    return [
        f"Upper-module students: every group needs a Mod 4 student (or a Mod 3 standing "
        f"in), and {_people(inst.n)} need at least {g_lo} groups of at most {p.max_size}, "
        f"but there are only {n4} Mod 4 and {n3} Mod 3 students: the round needs "
        f"{need} more Mod 4 or Mod 3 {'student' if need == 1 else 'students'} "
        f"(or groups of up to {-(-inst.n // max(1, n4 + n3))} people)"
    ]


def _why_no_restricted_group(inst: Instance, t: int, pools: Pools, g_lo: int, g_hi: int) -> str:
    """Why the less-represented topic has no group this round, in the smallest
    change that would give it one."""
    name = inst.topic_names[inst.topic_ids[t]]
    first = sum(1 for i in range(inst.n) if inst.ranking[i][:1] == (t,))
    takers = pools.total
    fewest = min(even_sizes(inst.n, g)[0] for g in range(g_lo, g_hi + 1))
    fewest = max(fewest, inst.problem.min_size)
    if takers < fewest:
        why = (
            f"{takers} opted-in {'student' if takers == 1 else 'students'} chose it, fewer "
            f"than the smallest group this round can have ({fewest})"
        )
    elif pools.e4 + pools.e3 == 0:
        why = (
            "none of the opted-in students who chose it is in Mod 3 or Mod 4, and its group "
            "needs one to post where it meets"
        )
    else:
        why = (
            "it cannot be given a group of the round's usual size while every other group "
            "keeps its Mod 4 or Mod 3 student"
        )
    return (
        f"{name}: no group formed ({why}); the {first} who put it first join their next "
        "choice, and it will be offered next round"
    )


def _plan_with_keeps(inst: Instance, g_lo: int, g_hi: int) -> Plan:
    """A round re-formed around absences: kept students and kept topics fix the
    group count from below; sizes stay soft within the limits."""
    problem = inst.problem
    n = inst.n
    hi_size = problem.max_size
    reasons: list[str] = []
    kept = [-1] * n
    kept_count: dict[int, int] = {}
    for pid, number in problem.keep.items():
        i = inst.index.get(pid)
        if i is None:
            continue  # kept but not in this round (absent): nothing to keep
        if number < 1:
            reasons.append(f"Keep: student {pid} is kept in group {number}; groups start at 1")
            continue
        kept[i] = number - 1
        kept_count[number - 1] = kept_count.get(number - 1, 0) + 1
    for g, c in sorted(kept_count.items()):
        if c > hi_size:
            reasons.append(
                f"Keep: group {g + 1} keeps {_people(c)}; a group holds at most {hi_size}"
            )
    max_kept = max(kept_count, default=-1) + 1
    if max_kept > g_hi:
        reasons.append(
            f"Keep: group {max_kept} is kept, but {_people(n)} make at most {g_hi} groups "
            f"of {problem.min_size} or more"
        )

    fixed_topic: dict[int, int] = {}
    for number, tid in problem.keep_topics.items():
        t = inst.topic_index.get(tid)
        if t is None:
            reasons.append(f"Keep: group {number} keeps topic {tid!r}, which is not a topic")
        elif number >= 1:
            fixed_topic[number - 1] = t
            if inst.restricted[t]:
                outsiders = sum(1 for i in range(n) if kept[i] == number - 1 and not inst.opted[i])
                if outsiders:
                    reasons.append(
                        f"Less-represented topic: group {number} keeps its restricted topic "
                        f"but {_people(outsiders)} kept in it did not choose it"
                    )

    n4, n3, o4 = inst.counts()
    if n4 + n3 < g_lo:
        reasons.extend(_why_no_groups(inst, g_lo, g_hi))
    if reasons:
        raise Infeasible(reasons)

    target = _target_groups(inst, g_lo, g_hi)
    n_groups = target
    if n4 < n_groups:
        n_groups = max(g_lo, n4)
    n_groups = max(n_groups, max_kept, max(fixed_topic, default=-1) + 1)
    if n_groups > g_hi:
        raise Infeasible(
            [
                f"Keep: group {n_groups} keeps its topic, but {_people(n)} make at most "
                f"{g_hi} groups of {problem.min_size} or more"
            ]
        )
    notes: list[str] = []
    restricted_count = _restricted_groups_with_keeps(inst, n_groups, fixed_topic, notes)
    r_total = sum(restricted_count.values())
    uppers = sum(1 for i in range(n) if inst.opted[i] and (inst.mod4[i] or inst.mod3[i]))
    if r_total > uppers:
        raise Infeasible(
            [
                f"Less-represented topic: {r_total} restricted groups are kept but only "
                f"{uppers} Mod 3/4 students who chose it can post where they meet"
            ]
        )
    shortfall = max(
        mod4_shortfall(n_groups, r_total, n4, o4),
        kept_mod4_shortfall(
            n_groups,
            len({kept[i] for i in range(n) if kept[i] >= 0 and inst.mod4[i]}),
            sum(1 for i in range(n) if kept[i] < 0 and inst.mod4[i]),
        ),
    )
    if shortfall:
        notes.append(
            f"{n4} Mod 4 students for {n_groups} groups: {shortfall} "
            f"{'group has' if shortfall == 1 else 'groups have'} a Mod 3 student standing in"
        )
    if n4 + n3 < n_groups:
        raise Infeasible(
            [
                f"Upper-module students: kept group numbers need {n_groups} groups, but there "
                f"are only {n4} Mod 4 and {n3} Mod 3 students: "
                f"{n_groups - n4 - n3} more would be needed"
            ]
        )
    size_bounds = [(problem.min_size, problem.max_size)] * n_groups
    return Plan(n_groups, restricted_count, fixed_topic, kept, shortfall, size_bounds, notes)


def _restricted_groups_with_keeps(
    inst: Instance, n_groups: int, fixed_topic: dict[int, int], notes: list[str]
) -> dict[int, int]:
    """How many groups each restricted topic gets when mending a round: its kept
    groups, or as the survey asks where a group can be filled and an upper-module
    student who chose it can post where it meets. CP-SAT finds where to put them
    if the construction cannot."""
    out: dict[int, int] = {}
    uppers_left = sum(1 for i in range(inst.n) if inst.opted[i] and (inst.mod4[i] or inst.mod3[i]))
    for t in range(inst.n_topics):
        if not inst.restricted[t]:
            continue
        kept_groups = sum(1 for tt in fixed_topic.values() if tt == t)
        willing = sum(1 for i in range(inst.n) if inst.allowed[i][t])
        k = _wanted_restricted_groups(inst, t)
        k = min(k, willing // inst.problem.min_size, uppers_left, n_groups - 1)
        if _wanted_restricted_groups(inst, t) and k <= 0 and not kept_groups:
            name = inst.topic_names[inst.topic_ids[t]]
            notes.append(f"{name}: no group formed while mending the round")
        k = max(k, kept_groups)
        uppers_left -= k
        if k:
            out[t] = k
    return out
