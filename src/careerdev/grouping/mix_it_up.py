"""`form_mix_it_up_groups`: plan, construct, improve, and (small rounds) solve exactly."""

from __future__ import annotations

import random
from dataclasses import replace

from . import leaders
from .bound import lower_bound, relaxation_bound
from .construct import construct, from_witness
from .improve import Budget, improve, refine, state_of
from .instance import SCALE, Instance
from .plan import Plan, make_plans
from .scoring import evaluate_with, leaders_of
from .search import anneal, default_iterations, repair_pairs
from .state import State
from .types import Group, Grouping, Infeasible, MixItUpProblem

# People: the whole CP-SAT model by default at or below this, where its short
# default budget can prove a round optimal the column generation has not
# (16 people); above it, it rarely proves or improves anything in that budget.
EXACT_UP_TO = 20
# Deterministic seconds for CP-SAT by default. Ask for longer with
# `time_limit_s` (the benchmark does).
EXACT_TIME_LIMIT_S = 0.5
BOUND_TIME_LIMIT_S = 10.0  # wall-clock safety net on the LP bound
# People: where the greedy construction fails (tiny groups, a restricted topic,
# keeps), CP-SAT looks for a grouping before the round is called infeasible.
FALLBACK_UP_TO = 200
# People: the improvement pass (`improve.refine`) runs up to this size. Beyond
# it one start of the annealing is already within a few percent of the LP bound,
# and a kick costs too much time per person.
IMPROVE_UP_TO = 200


def restarts_for(n: int) -> int:
    """Small rounds are cheap and their search has many local optima, so anneal
    from several starts (each about 0.15 s) and keep the best; fewer where
    CP-SAT runs after them."""
    if n <= EXACT_UP_TO:
        return 6
    if n <= 80:
        return 12
    if n <= 150:
        return 4
    return 1


def _groups(
    inst: Instance, plan: Plan, group_of: list[int], topics: list[int]
) -> tuple[Group, ...]:
    """The groups as people see them, numbered by `plan.numbers`, in number order."""
    members: list[list[int]] = [[] for _ in topics]
    for i, g in enumerate(group_of):
        members[g].append(i)
    groups = (
        Group(
            number=plan.numbers[g],
            members=tuple(sorted(inst.ids[i] for i in idx)),
            topic=inst.topic_ids[topics[g]],
            leaders=leaders_of(inst, idx, topics[g]),
        )
        for g, idx in enumerate(members)
    )
    return tuple(sorted(groups, key=lambda g: g.number))


def heuristic(
    inst: Instance, plan: Plan, seed: int, iterations: int | None = None, restarts: int = 1
) -> State:
    """Construction, annealing and a repair of repeated pairs, from `restarts`
    starts; the best is kept. Deterministic for a seed."""
    best: State | None = None
    for r in range(max(1, restarts)):
        rng = random.Random(seed if r == 0 else f"{seed}/{r}")  # nosec B311  # reproducible search
        try:
            state = construct(inst, plan, rng)
        except Infeasible:
            if plan.witness is None:
                raise
            # The greedy start failed; the plan's counts say a grouping exists,
            # and following them always builds one.
            state = from_witness(inst, plan, rng)
        budget = default_iterations(inst.n) if iterations is None else iterations
        anneal(inst, plan, state, rng, budget)
        repair_pairs(inst, plan, state)
        if best is None or state.total < best.total:
            best = state
    assert best is not None  # nosec B101  # restarts >= 1, so a best exists; for type checkers
    return best


def _best_heuristic(
    inst: Instance, plans: list[Plan], iterations: int | None
) -> tuple[Plan, tuple[list[int], list[int]] | None, int, list[str]]:
    """The heuristic on each plan; the plan with the lowest objective is kept
    (the first, if none gives a grouping). Returns (plan, (group of each
    person, topic of each group) or None, objective, why none was found)."""
    best: tuple[Plan, tuple[list[int], list[int]] | None, int, list[str]] | None = None
    for plan in plans:
        found: tuple[list[int], list[int]] | None = None
        total, why = 0, []
        try:
            state = heuristic(inst, plan, inst.problem.seed, iterations, restarts_for(inst.n))
            found, total = (list(state.group_of), list(state.topic)), state.total
            report = evaluate_with(inst, _groups(inst, plan, *found), plan.notes)
            if not report.ok:  # e.g. keeps that leave a group without an upper-module student
                why = [f"{r.rule}: {r.detail}" for r in report.rules if not r.ok]
                found = None
        except Infeasible as e:  # only with keeps: a fresh plan has its witness
            why = e.reasons
        if best is None or (found is not None and (best[1] is None or total < best[2])):
            best = (plan, found, total, why)
    assert best is not None  # nosec B101  # make_plans returns at least one plan
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
    starts for rounds of up to 150) always runs; up to 200 people the
    improvement pass (`improve.refine`) follows: local-search chains whose
    groups CP-SAT recombines and, up to 60 people, column generation for a
    proven bound and the groupings it guides. `exact=None` then hands rounds of
    up to 20 people not yet proven optimal to the whole CP-SAT model for a
    short while (hinted with the best so far, kept unless CP-SAT finds better);
    `exact=True` does so at any size; `exact=False` uses no CP-SAT at all.
    `time_limit_s` is that model's budget in deterministic seconds (default
    0.5). Every budget is iterations or deterministic time, so the answer is
    the same for a seed however busy the machine.
    The report's bound is the best of a quick bound, the LP relaxation of the
    topic split, the column generation's and CP-SAT's. Where the heuristic
    finds no grouping within the rules (its construction is greedy), CP-SAT
    looks for one in rounds of up to 200 unless `exact=False`. Raises
    `Infeasible` with reasons when none is found.
    """
    inst = Instance(problem)
    if inst.n == 0:
        return Grouping((), replace(evaluate_with(inst, ()), bound=0.0))
    plan, found, total, why = _best_heuristic(inst, make_plans(inst), iterations)
    columns_bound = None
    if found is not None and inst.n <= IMPROVE_UP_TO:
        state = state_of(inst, plan, *found)
        if iterations is None:
            refined = refine(inst, plan, state, seed=problem.seed, cp_sat=exact is not False)
            state, columns_bound = refined.state, refined.bound
        else:  # a short search asked for (tests): the chains, briefly
            budget = Budget(1, 1, 1, iterations, iterations)
            state = improve(inst, plan, state, seed=problem.seed, budget=budget, cp_sat=False)
        leaders.place(inst, plan, state)
        found, total = (list(state.group_of), list(state.topic)), state.total
    bound = lower_bound(inst, plan)
    if columns_bound is not None:
        bound = max(bound, columns_bound)
    lp = relaxation_bound(inst, plan, time_limit_s=BOUND_TIME_LIMIT_S)
    if lp is not None:
        bound = max(bound, lp)
    # The whole CP-SAT model, for small rounds the column generation has not
    # already proven optimal.
    use_exact = inst.n <= EXACT_UP_TO and (found is None or bound < total)
    if exact is not None:
        use_exact = exact
    if found is None and exact is not False and inst.n <= FALLBACK_UP_TO:
        use_exact = True  # a grouping may still exist: let CP-SAT look before giving up
    if use_exact:
        from .exact import solve_exact  # OR-Tools loads only when needed

        result = solve_exact(
            inst,
            plan,
            hint=found,
            time_limit_s=EXACT_TIME_LIMIT_S if time_limit_s is None else time_limit_s,
            seed=problem.seed,
        )
        if result.solution is not None and (found is None or result.objective < total):
            found = result.solution
        bound = max(bound, result.bound)
    if found is None:
        raise Infeasible(why)
    final = state_of(inst, plan, *found)
    notes = [*plan.notes, *leaders.notes(inst, plan, final, plan.numbers)]
    groups = _groups(inst, plan, *found)
    report = evaluate_with(inst, groups, notes)
    if not report.ok:  # a bug, not an input problem: never hand back broken groups
        raise Infeasible([f"{r.rule}: {r.detail}" for r in report.rules if not r.ok])
    return Grouping(groups, replace(report, bound=bound / SCALE))
