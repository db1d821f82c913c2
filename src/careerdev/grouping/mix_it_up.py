"""`form_mix_it_up_groups`: plan, construct, improve, and (small rounds) solve exactly."""

from __future__ import annotations

import random
from dataclasses import replace

from .bound import lower_bound
from .construct import construct
from .instance import SCALE, Instance
from .plan import Plan, make_plan
from .scoring import evaluate_with, leaders_of
from .search import anneal, default_iterations
from .state import State
from .types import Group, Grouping, Infeasible, MixItUpProblem

EXACT_UP_TO = 80  # people: CP-SAT by default at or below this
EXACT_TIME_LIMIT_S = 10.0


def _groups(inst: Instance, group_of: list[int], topics: list[int]) -> tuple[Group, ...]:
    members: list[list[int]] = [[] for _ in topics]
    for i, g in enumerate(group_of):
        members[g].append(i)
    return tuple(
        Group(
            number=g + 1,
            members=tuple(sorted(inst.ids[i] for i in idx)),
            topic=inst.topic_ids[topics[g]],
            leaders=leaders_of(inst, idx, topics[g]),
        )
        for g, idx in enumerate(members)
    )


def heuristic(inst: Instance, plan: Plan, seed: int, iterations: int | None = None) -> State:
    """Construction then annealing; deterministic for a seed."""
    rng = random.Random(seed)
    state = construct(inst, plan, rng)
    anneal(inst, plan, state, rng, default_iterations(inst.n) if iterations is None else iterations)
    return state


def form_mix_it_up_groups(
    problem: MixItUpProblem,
    *,
    exact: bool | None = None,
    time_limit_s: float | None = None,
    iterations: int | None = None,
) -> Grouping:
    """Form Mix It Up groups meeting every hard rule, as good as the soft goals allow.

    `exact=None` solves rounds of up to 80 people with CP-SAT (seeded with the
    heuristic's answer, so it is never worse) and larger ones with the heuristic
    alone, whose report quotes a quick lower bound. `time_limit_s` caps CP-SAT
    (deterministic time, so the answer is the same for a seed). Raises
    `Infeasible` with reasons when the hard rules cannot all hold.
    """
    inst = Instance(problem)
    if inst.n == 0:
        return Grouping((), evaluate_with(inst, ()))
    plan = make_plan(inst)
    state = heuristic(inst, plan, problem.seed, iterations)
    group_of, topics = list(state.group_of), list(state.topic)
    bound = lower_bound(inst, plan)
    use_exact = inst.n <= EXACT_UP_TO if exact is None else exact
    if use_exact:
        from .exact import solve_exact  # OR-Tools loads only when needed

        result = solve_exact(
            inst,
            plan,
            hint=(group_of, topics),
            time_limit_s=EXACT_TIME_LIMIT_S if time_limit_s is None else time_limit_s,
            seed=problem.seed,
        )
        if result.solution is not None and result.objective < state.total:
            group_of, topics = result.solution
        bound = max(bound, result.bound)
    groups = _groups(inst, group_of, topics)
    report = evaluate_with(inst, groups, plan.notes)
    if not report.ok:  # a bug, not an input problem: never hand back broken groups
        raise Infeasible([f"{r.rule}: {r.detail}" for r in report.rules if not r.ok])
    return Grouping(groups, replace(report, bound=bound / SCALE))
