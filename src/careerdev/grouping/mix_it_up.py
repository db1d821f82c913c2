"""`form_mix_it_up_groups`: plan, construct, improve, and (small rounds) solve exactly."""

from __future__ import annotations

import random
from dataclasses import replace

from .bound import lower_bound, relaxation_bound
from .construct import construct
from .instance import SCALE, Instance
from .plan import Plan, make_plan
from .scoring import evaluate_with, leaders_of
from .search import anneal, default_iterations, repair_pairs
from .state import State
from .types import Group, Grouping, Infeasible, MixItUpProblem

EXACT_UP_TO = 80  # people: CP-SAT by default at or below this
# Deterministic seconds for CP-SAT by default: the app runs this inside a web
# request, so about 5 s of wall time at most for a round of 80. Ask for longer
# with `time_limit_s` (the benchmark does).
EXACT_TIME_LIMIT_S = 0.5
RESTARTS_UP_TO = 150  # people: small rounds are cheap, so anneal from several starts
RESTARTS = 4
BOUND_TIME_LIMIT_S = 10.0  # wall-clock safety net on the LP bound


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


def heuristic(
    inst: Instance, plan: Plan, seed: int, iterations: int | None = None, restarts: int = 1
) -> State:
    """Construction, annealing and a repair of repeated pairs, from `restarts`
    starts; the best is kept. Deterministic for a seed."""
    best: State | None = None
    for r in range(max(1, restarts)):
        rng = random.Random(seed if r == 0 else f"{seed}/{r}")
        state = construct(inst, plan, rng)
        budget = default_iterations(inst.n) if iterations is None else iterations
        anneal(inst, plan, state, rng, budget)
        repair_pairs(inst, plan, state)
        if best is None or state.total < best.total:
            best = state
    assert best is not None
    return best


def form_mix_it_up_groups(
    problem: MixItUpProblem,
    *,
    exact: bool | None = None,
    time_limit_s: float | None = None,
    iterations: int | None = None,
) -> Grouping:
    """Form Mix It Up groups meeting every hard rule, as good as the soft goals allow.

    The heuristic (construction, annealing, a repair of repeated pairs; several
    starts for rounds of up to 150) always runs. `exact=None` then hands rounds
    of up to 80 people to CP-SAT for a short while (hinted with the heuristic's
    answer, which is kept unless CP-SAT finds better); `exact=True` does so at
    any size, `exact=False` never. `time_limit_s` is CP-SAT's budget in
    deterministic seconds (default 0.5, 1-3 s of wall time at 30-80
    people), so the answer is the same for a seed however busy the machine.
    The report's bound is the best of a quick bound, the LP relaxation of the
    topic split, and CP-SAT's. Raises `Infeasible` with reasons when the hard
    rules cannot all hold.
    """
    inst = Instance(problem)
    if inst.n == 0:
        return Grouping((), replace(evaluate_with(inst, ()), bound=0.0))
    plan = make_plan(inst)
    restarts = RESTARTS if inst.n <= RESTARTS_UP_TO else 1
    state = heuristic(inst, plan, problem.seed, iterations, restarts)
    group_of, topics = list(state.group_of), list(state.topic)
    bound = lower_bound(inst, plan)
    lp = relaxation_bound(inst, plan, time_limit_s=BOUND_TIME_LIMIT_S)
    if lp is not None:
        bound = max(bound, lp)
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
