"""CP-SAT model of the Mix It Up objective: the optimum for small rounds, and a
lower bound ("gap to bound") where it cannot prove one in time.

The model is the same function as `scoring.parts_of` under the same `Plan`
(groups, restricted groups, keeps), with the same integer weights, so its
objective and bound compare directly with the heuristic's.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from .instance import Instance, even_sizes
from .plan import Plan

WORKERS = 2


@dataclass
class ExactResult:
    solution: tuple[list[int], list[int]] | None  # (group of each person, topic of each group)
    objective: int | None  # scaled
    bound: int  # scaled lower bound
    optimal: bool


def solve_exact(
    inst: Instance,
    plan: Plan,
    *,
    hint: tuple[list[int], list[int]] | None = None,
    time_limit_s: float = 10.0,
    seed: int = 0,
) -> ExactResult:
    """Solve with CP-SAT within `time_limit_s` of deterministic time (so a seed gives
    the same answer however busy the machine is)."""
    model = cp_model.CpModel()
    n, n_groups = inst.n, plan.n_groups
    problem = inst.problem
    w = inst.w
    people, groups = range(n), range(n_groups)
    topics = [
        t
        for t in range(inst.n_topics)
        if not inst.restricted[t] or plan.restricted_count.get(t, 0) > 0
    ]
    restricted = [t for t in topics if inst.restricted[t]]

    x = [[model.NewBoolVar(f"x{i}_{g}") for g in groups] for i in people]
    for i in people:
        model.AddExactlyOne(x[i])
        if plan.kept[i] >= 0:
            model.Add(x[i][plan.kept[i]] == 1)
    y = {(g, t): model.NewBoolVar(f"y{g}_{t}") for g in groups for t in topics}
    for g in groups:
        model.AddExactlyOne(y[g, t] for t in topics)
        if g in plan.fixed_topic:
            model.Add(y[g, plan.fixed_topic[g]] == 1)
    for t in restricted:
        model.Add(sum(y[g, t] for g in groups) == plan.restricted_count[t])

    # z[i, t]: person i's topic; it must be the topic of the group they are in.
    z = {}
    for i in people:
        mine = [t for t in topics if plan.allowed(inst, i, t)]
        for t in mine:
            z[i, t] = model.NewBoolVar(f"z{i}_{t}")
        model.AddExactlyOne(z[i, t] for t in mine)
        for g in groups:
            for t in mine:
                model.AddBoolOr([x[i][g].Not(), z[i, t].Not(), y[g, t]])
            for t in topics:
                if t not in mine:  # not allowed: never in a group of that topic
                    model.AddBoolOr([x[i][g].Not(), y[g, t].Not()])
    choice = sum(inst.cost[i][t] * z[i, t] for (i, t) in z)

    lo, hi = even_sizes(n, n_groups)
    size_off, module_missing, program_missing, extra, cohort_pairs = [], [], [], [], []
    by_module = _split(people, inst.mod_idx)
    by_program = _split(people, inst.prog_idx)
    by_cohort = _split(people, inst.coh_idx)
    mod4 = [i for i in people if inst.mod4[i]]
    mod3 = [i for i in people if inst.mod3[i]]
    has4 = []
    for g in groups:
        s = sum(x[i][g] for i in people)
        model.Add(s >= problem.min_size)
        model.Add(s <= problem.max_size)
        dev = model.NewIntVar(0, n, f"dev{g}")
        model.Add(dev >= s - hi)
        model.Add(dev >= lo - s)
        size_off.append(dev)
        module_missing.append(_missing(model, x, g, s, by_module, f"m{g}"))
        program_missing.append(_missing(model, x, g, s, by_program, f"p{g}"))
        for c, idx in enumerate(by_cohort):
            if len(idx) < 2:
                continue
            cnt = sum(x[i][g] for i in idx)
            pairs = model.NewIntVar(0, problem.max_size**2, f"c{g}_{c}")
            # n(n-1)/2 is convex: the max of its chords at integers equals it there.
            for k in range(1, min(len(idx), problem.max_size)):
                model.Add(pairs >= k * cnt - k * (k + 1) // 2)
            cohort_pairs.append(pairs)
        n4 = sum(x[i][g] for i in mod4)
        ex = model.NewIntVar(0, n, f"ex{g}")
        is_r = sum(y[g, t] for t in restricted)
        model.Add(ex >= n4 - 1 - problem.max_size * is_r)
        extra.append(ex)
        n3 = sum(x[i][g] for i in mod3)
        if plan.shortfall == 0:
            model.Add(n4 >= 1)
        else:
            model.Add(n4 + n3 >= 1)
            h = model.NewBoolVar(f"h4{g}")
            model.Add(n4 >= 1).OnlyEnforceIf(h)
            has4.append(h)
    if plan.shortfall:
        model.Add(sum(has4) >= n_groups - plan.shortfall)

    repeats = []
    for a, b in inst.met_where:
        r = model.NewBoolVar(f"r{a}_{b}")
        for g in groups:
            model.AddBoolOr([x[a][g].Not(), x[b][g].Not(), r])
        repeats.append(r)

    _break_symmetry(model, inst, plan, x)

    # The same terms summed per topic bound the per-group ones from below: added
    # as cuts, they give the LP the shape of the topic split.
    k = {t: sum(y[g, t] for g in groups) for t in topics}
    agg = _topic_aggregate(model, inst, plan, topics, z, k)
    model.Add(w.module_mix * sum(module_missing) >= agg.module_missing)
    model.Add(w.program_mix * sum(program_missing) >= agg.program_missing)
    model.Add(w.leader_spread * sum(extra) >= agg.extra_leaders)
    model.Add(w.size_evenness * sum(size_off) >= agg.size_off)
    model.Add(w.cohort_mix * sum(cohort_pairs) >= agg.cohort_pairs)

    model.Minimize(
        choice
        + w.repeated_pair * sum(repeats)
        + w.cohort_mix * sum(cohort_pairs)
        + w.module_mix * sum(module_missing)
        + w.program_mix * sum(program_missing)
        + w.leader_spread * sum(extra)
        + w.size_evenness * sum(size_off)
    )
    if hint is not None:
        group_of, topic_of = _canonical(inst, plan, *hint)
        for i in people:
            for g in groups:
                model.AddHint(x[i][g], group_of[i] == g)
            for t in topics:
                if (i, t) in z:
                    model.AddHint(z[i, t], topic_of[group_of[i]] == t)
        for g in groups:
            for t in topics:
                model.AddHint(y[g, t], topic_of[g] == t)

        _complete_hint(model)

    solver = cp_model.CpSolver()
    params = solver.parameters
    params.num_workers = WORKERS
    params.interleave_search = True  # deterministic with several workers
    params.random_seed = seed
    params.max_deterministic_time = time_limit_s
    params.max_time_in_seconds = 4 * time_limit_s + 5  # a safety net only
    status = solver.Solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return ExactResult(None, None, int(max(0, solver.BestObjectiveBound())), False)
    group_of = [next(g for g in groups if solver.Value(x[i][g])) for i in people]
    topic_of = [next(t for t in topics if solver.Value(y[g, t])) for g in groups]
    return ExactResult(
        (group_of, topic_of),
        round(solver.ObjectiveValue()),
        int(-(-solver.BestObjectiveBound() // 1)),
        status == cp_model.OPTIMAL,
    )


def _complete_hint(model: cp_model.CpModel) -> None:
    """Extend the hint (groups and topics) to every variable of the model.

    CP-SAT does not reliably complete a partial hint (it often returned worse than
    the hint it was given), so solve once with the hinted variables fixed, which
    takes only propagation, and hint every variable with that solution.
    """
    fix = cp_model.CpSolver()
    fix.parameters.fix_variables_to_their_hinted_value = True
    fix.parameters.num_workers = 1
    fix.parameters.max_deterministic_time = 5.0
    fix.parameters.max_time_in_seconds = 30.0  # a safety net only
    if fix.Solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return  # keep the partial hint
    model.ClearHints()
    for v in range(len(model.Proto().variables)):
        var = model.GetIntVarFromProtoIndex(v)
        model.AddHint(var, fix.Value(var))


@dataclass
class _Aggregate:
    """Scaled lower bounds on objective terms, from per-topic counts only."""

    module_missing: object
    program_missing: object
    extra_leaders: object
    size_off: object
    cohort_pairs: object


def _topic_aggregate(model, inst: Instance, plan: Plan, topics, z, k) -> _Aggregate:
    """Constraints and bounds that hold for any grouping with k[t] groups of topic t
    and z[i, t] = person i in topic t: sizes, upper-module cover, and per-topic
    floors on missing modules/programs, extra leaders, uneven sizes, cohort pairs."""
    problem = inst.problem
    w = inst.w
    n = inst.n
    lo, hi = even_sizes(n, plan.n_groups)
    people = range(n)
    mm, pm, ex, so, cp, no4 = [], [], [], [], [], []
    by_module = _split(people, inst.mod_idx)
    by_program = _split(people, inst.prog_idx)
    by_cohort = _split(people, inst.coh_idx)
    for t in topics:
        in_t = [i for i in people if (i, t) in z]
        n_t = sum(z[i, t] for i in in_t)
        model.Add(n_t >= problem.min_size * k[t])
        model.Add(n_t <= problem.max_size * k[t])
        n4_t = sum(z[i, t] for i in in_t if inst.mod4[i])
        n3_t = sum(z[i, t] for i in in_t if inst.mod3[i])
        model.Add(n4_t + n3_t >= k[t])
        lack = model.NewIntVar(0, plan.n_groups, f"a_no4_{t}")
        model.Add(lack >= k[t] - n4_t)
        no4.append(lack)
        if not inst.restricted[t]:
            e = model.NewIntVar(0, n, f"a_ex_{t}")
            model.Add(e >= n4_t - k[t])
            ex.append(e)
        d = model.NewIntVar(0, n, f"a_so_{t}")
        model.Add(d >= n_t - hi * k[t])
        model.Add(d >= lo * k[t] - n_t)
        so.append(d)
        for classes, out, name in ((by_module, mm, "m"), (by_program, pm, "p")):
            if problem.min_size < len(classes):
                continue  # a group's target is then below "every class"
            for c, idx in enumerate(classes):
                miss = model.NewIntVar(0, plan.n_groups, f"a_{name}{t}_{c}")
                model.Add(miss >= k[t] - sum(z[i, t] for i in idx if (i, t) in z))
                out.append(miss)
        for c, idx in enumerate(by_cohort):
            if len(idx) < 2:
                continue
            cnt = sum(z[i, t] for i in idx if (i, t) in z)
            pairs = model.NewIntVar(0, len(idx) ** 2, f"a_c{t}_{c}")
            # n people over k groups: at least k·h(n/k) pairs, h the convex chord
            # function of m(m-1)/2, so pairs ≥ a·n − k·a(a+1)/2 for each integer a.
            for a in range(1, min(len(idx), problem.max_size)):
                model.Add(pairs >= a * cnt - a * (a + 1) // 2 * k[t])
            cp.append(pairs)
    model.Add(sum(no4) <= plan.shortfall)
    return _Aggregate(
        w.module_mix * sum(mm),
        w.program_mix * sum(pm),
        w.leader_spread * sum(ex),
        w.size_evenness * sum(so),
        w.cohort_mix * sum(cp),
    )


def _split(people: range, key: list[int]) -> list[list[int]]:
    out: dict[int, list[int]] = {}
    for i in people:
        out.setdefault(key[i], []).append(i)
    return [out[k] for k in sorted(out)]


def _missing(model, x, g, size, classes: list[list[int]], name: str):
    """Classes missing from group g, up to min(size, number of classes)."""
    present = []
    for k, idx in enumerate(classes):
        h = model.NewBoolVar(f"{name}_{k}")
        model.Add(sum(x[i][g] for i in idx) >= 1).OnlyEnforceIf(h)
        present.append(h)
    target = model.NewIntVar(0, len(classes), f"{name}_t")
    model.AddMinEquality(target, [size, len(classes)])
    miss = model.NewIntVar(0, len(classes), f"{name}_miss")
    model.Add(miss >= target - sum(present))
    return miss


def _free_groups(inst: Instance, plan: Plan) -> tuple[list[int], list[int]]:
    """Groups with no kept people and no kept topic (interchangeable), and the order
    of people that numbers them (Mod 4 students first)."""
    kept_groups = {g for g in plan.kept if g >= 0} | set(plan.fixed_topic)
    free = [g for g in range(plan.n_groups) if g not in kept_groups]
    order = sorted((i for i in range(inst.n) if plan.kept[i] < 0), key=lambda i: not inst.mod4[i])
    return free, order


def _canonical(
    inst: Instance, plan: Plan, group_of: list[int], topic_of: list[int]
) -> tuple[list[int], list[int]]:
    """The same grouping with its free groups renumbered in order of first member,
    so that it satisfies the symmetry-breaking constraints (a usable hint)."""
    free, order = _free_groups(inst, plan)
    free_set = set(free)
    relabel: dict[int, int] = {}
    for i in order:
        g = group_of[i]
        if g in free_set and g not in relabel:
            relabel[g] = free[len(relabel)]
    for g in free:  # empty free groups, if any, last
        if g not in relabel:
            relabel[g] = free[len(relabel)]
    new_group_of = [relabel.get(g, g) for g in group_of]
    new_topic_of = list(topic_of)
    for old, new in relabel.items():
        new_topic_of[new] = topic_of[old]
    return new_group_of, new_topic_of


def _break_symmetry(model, inst: Instance, plan: Plan, x) -> None:
    """Number the interchangeable groups in order of their first member."""
    free, order = _free_groups(inst, plan)
    if len(free) < 2:
        return
    used_before = [None] * len(free)  # literal: free group k used by someone earlier
    for j, i in enumerate(order):
        for k, g in enumerate(free):
            if k > j:
                model.Add(x[i][g] == 0)  # the j-th person opens at most group j
            elif k > 0:
                prev = used_before[k - 1]
                if prev is None:
                    model.Add(x[i][g] == 0)
                else:
                    model.AddImplication(x[i][g], prev)
        new = []
        for k, g in enumerate(free):
            if k > j:
                new.append(used_before[k])
                continue
            u = model.NewBoolVar(f"u{j}_{k}")
            prev = used_before[k]
            # u = prev or x[i][g]
            lits = [x[i][g]] if prev is None else [x[i][g], prev]
            model.AddBoolOr(lits).OnlyEnforceIf(u)
            for lit in lits:
                model.AddImplication(lit, u)
            new.append(u)
        used_before = new
