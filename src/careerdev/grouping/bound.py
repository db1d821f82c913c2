"""A quick lower bound on the Mix It Up objective, for rounds too big for CP-SAT.

Each term of the objective is bounded on its own (so their sum is a valid bound):
everyone's cheapest allowed topic; cohorts spread as evenly as the number of
groups allows; modules and programs too small to reach every group; Mod 4
students beyond one per group. Repeats and sizes are bounded by zero.
"""

from __future__ import annotations

from collections import Counter

from .instance import Instance
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
