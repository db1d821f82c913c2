"""Before any placing: how many groups, how many of them restricted-topic, who is
kept where, and whether the hard rules can hold at all (else `Infeasible`).

These decisions are shared by the heuristic and CP-SAT so both solve the same
problem and the bound is comparable.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .instance import Instance, mod4_shortfall
from .types import Infeasible


@dataclass
class Plan:
    n_groups: int
    restricted_count: dict[int, int]  # restricted topic index → number of groups
    fixed_topic: dict[int, int]  # group index → topic index (kept groups' topics)
    kept: list[int]  # person index → group index, or -1
    shortfall: int  # groups that may (must) have a Mod 3 stand-in instead of a Mod 4
    notes: list[str] = field(default_factory=list)

    @property
    def restricted_groups(self) -> int:
        return sum(self.restricted_count.values())

    def allowed(self, inst: Instance, i: int, t: int) -> bool:
        """Person i may be in topic t: opt-in for restricted, and the topic is formed."""
        if inst.restricted[t]:
            return inst.opted[i] and self.restricted_count.get(t, 0) > 0
        return True


def _people(n: int) -> str:
    return f"{n} {'student' if n == 1 else 'students'}"


def make_plan(inst: Instance) -> Plan:
    """Decide the shape of the grouping, or raise `Infeasible` saying why not."""
    problem = inst.problem
    n = inst.n
    lo_size, hi_size = problem.min_size, problem.max_size
    reasons: list[str] = []
    if lo_size < 1 or hi_size < lo_size:
        raise Infeasible(
            [
                f"Group sizes: the fewest ({lo_size}) must be at least 1 and "
                f"no more than the most ({hi_size})"
            ]
        )
    non_restricted = [t for t in range(inst.n_topics) if not inst.restricted[t]]
    if not non_restricted:
        reasons.append("Topics: there is no topic open to everyone (only restricted topics)")
    g_lo = -(-n // hi_size)
    g_hi = n // lo_size
    if g_lo > g_hi:
        reasons.append(
            f"Group sizes: {_people(n)} cannot be split into groups of "
            f"{lo_size} to {hi_size} people"
        )

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
    if max_kept > max(g_hi, 0) and g_lo <= g_hi:
        reasons.append(
            f"Keep: group {max_kept} is kept, but {_people(n)} make at most {g_hi} groups "
            f"of {lo_size} or more"
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
                        f"but {_people(outsiders)} kept in it did not opt in"
                    )

    n4, n3, o4 = inst.counts()
    if g_lo <= g_hi and n4 + n3 < g_lo:
        reasons.append(
            f"Upper-module students: every group needs a Mod 4 student (or a Mod 3 standing "
            f"in), and {_people(n)} need at least {g_lo} groups of at most {hi_size}, but "
            f"there are only {n4} Mod 4 and {n3} Mod 3 students"
        )
    if reasons:
        raise Infeasible(reasons)

    # Groups of about the middle size; fewer (down to the minimum needed) rather
    # than asking Mod 3 students to stand in for missing Mod 4 leaders.
    target = (lo_size + hi_size) / 2
    n_groups = min(max(round(n / target), g_lo), g_hi)
    if n4 < n_groups:
        n_groups = max(g_lo, n4)
    n_groups = max(n_groups, max_kept, max(fixed_topic, default=-1) + 1)
    if n_groups > g_hi:
        raise Infeasible(
            [
                f"Keep: group {n_groups} keeps its topic, but {_people(n)} make at most "
                f"{g_hi} groups of {lo_size} or more"
            ]
        )
    notes: list[str] = []

    restricted_count = _restricted_groups(inst, n_groups, target, fixed_topic, notes)
    r_total = sum(restricted_count.values())
    uppers_opted = sum(1 for i in range(n) if inst.opted[i] and (inst.mod4[i] or inst.mod3[i]))
    if r_total > uppers_opted:
        raise Infeasible(
            [
                f"Less-represented topic: {r_total} restricted groups are kept but only "
                f"{uppers_opted} opted-in Mod 3/4 students can post where they meet"
            ]
        )
    shortfall = mod4_shortfall(n_groups, r_total, n4, o4)
    if shortfall:
        notes.append(
            f"{n4} Mod 4 students for {n_groups} groups: {shortfall} "
            f"{'group has' if shortfall == 1 else 'groups have'} a Mod 3 student standing in"
        )
    if n4 + n3 < n_groups:
        raise Infeasible(
            [
                f"Upper-module students: {n_groups} groups (kept group numbers need that many) "
                f"but only {n4} Mod 4 and {n3} Mod 3 students"
            ]
        )
    return Plan(n_groups, restricted_count, fixed_topic, kept, shortfall, notes)


def _restricted_groups(
    inst: Instance, n_groups: int, target: float, fixed_topic: dict[int, int], notes: list[str]
) -> dict[int, int]:
    """How many groups each restricted topic gets. Formed only when enough opted-in
    students ranked it to fill a group and an opted-in Mod 3/4 student can post
    where it meets; otherwise those who put it first fall back to their next choice."""
    problem = inst.problem
    out: dict[int, int] = {}
    uppers_left = sum(1 for i in range(inst.n) if inst.opted[i] and (inst.mod4[i] or inst.mod3[i]))
    for t in range(inst.n_topics):
        if not inst.restricted[t]:
            continue
        name = inst.topic_names[inst.topic_ids[t]]
        kept_groups = sum(1 for tt in fixed_topic.values() if tt == t)
        first = sum(1 for i in range(inst.n) if inst.ranking[i][:1] == (t,))
        willing = sum(1 for i in range(inst.n) if t in inst.ranking[i])
        k = 0
        if first:
            k = max(1, round(first / target))
            k = min(k, willing // problem.min_size, uppers_left, n_groups - 1)
            if k <= 0:
                why = (
                    f"a group needs at least {problem.min_size} and only {willing} "
                    f"opted-in {'student' if willing == 1 else 'students'} chose it"
                    if willing < problem.min_size
                    else "no opted-in Mod 3 or Mod 4 student is free to post where it meets"
                )
                notes.append(
                    f"{name}: no group formed ({why}); the {first} who put it first "
                    f"join their next choice"
                )
        k = max(k, kept_groups)
        uppers_left -= k
        if k:
            out[t] = k
    return out
