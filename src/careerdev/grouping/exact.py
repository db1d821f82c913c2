"""CP-SAT model of the Mix It Up objective: the optimum for small rounds, a lower
bound where it cannot prove one in time, and the groups left to form when
`columns` has settled the others.

The model is the same function as `scoring.parts_of` under the same `Plan`
(groups, restricted groups, keeps), with the same integer weights, so its
objective and bound compare directly with the heuristic's. It can be built for
the whole round or for a `Part` of it: some groups and the people to form them
from. Every term of the objective is per group (or per pair inside a group),
so a part's objective is exactly what its groups add to the round's.
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


@dataclass(frozen=True)
class Part:
    """Some groups of the round and the people to form them from (the rest of
    the round held as it is): the restricted groups among them stay as many,
    and at most `no_mod4_allowed` of them may go without a Mod 4 student."""

    people: tuple[int, ...]
    groups: tuple[int, ...]
    restricted_count: dict[int, int]  # restricted topic index → groups of the part
    no_mod4_allowed: int


@dataclass
class PartResult:
    group_of: dict[int, int] | None  # person → group, for the part's people
    topic_of: dict[int, int] | None  # group → topic, for the part's groups
    objective: int | None  # scaled: what the part's groups cost
    bound: int
    optimal: bool
    infeasible: bool  # proven: no grouping of the part below `below`, if given


def whole(inst: Instance, plan: Plan) -> Part:
    """The whole round as a part."""
    return Part(
        tuple(range(inst.n)),
        tuple(range(plan.n_groups)),
        dict(plan.restricted_count),
        plan.shortfall,
    )


def restricted_sizes(inst: Instance, plan: Plan) -> tuple[int, int]:
    """The sizes a restricted group may have (so that its size does not stand out)."""
    return getattr(plan, "restricted_sizes", (inst.problem.min_size, inst.problem.max_size))


class GroupModel:
    """The CP-SAT model of one part of the round (or all of it). Kept people are
    constants in their group, not variables."""

    def __init__(self, inst: Instance, plan: Plan, part: Part):
        self.inst, self.plan, self.part = inst, plan, part
        self.model = model = cp_model.CpModel()
        problem = inst.problem
        w = inst.w
        people, groups = part.people, part.groups
        self.topics = topics = [
            t
            for t in range(inst.n_topics)
            if not inst.restricted[t] or part.restricted_count.get(t, 0) > 0
        ]
        restricted = [t for t in topics if inst.restricted[t]]

        self.y = y = {(g, t): model.NewBoolVar(f"y{g}_{t}") for g in groups for t in topics}
        for g in groups:
            model.AddExactlyOne(y[g, t] for t in topics)
            if g in plan.fixed_topic:
                model.Add(y[g, plan.fixed_topic[g]] == 1)
        for t in restricted:
            model.Add(sum(y[g, t] for g in groups) == part.restricted_count[t])

        # x[i][g]: person i in group g, a literal for those free to move and the
        # constant 1 for those who stay (with no entry for other groups).
        # z[i, t]: person i's topic, which must be the topic of their group.
        self.x = x = {}
        self.z = z = {}
        for i in people:
            mine = [t for t in topics if plan.allowed(inst, i, t)]
            stay = plan.kept[i]
            if stay >= 0:
                x[i] = {stay: 1}
                for t in topics:
                    if t in mine:
                        z[i, t] = y[stay, t]
                    else:
                        model.Add(y[stay, t] == 0)
                continue
            x[i] = {g: model.NewBoolVar(f"x{i}_{g}") for g in groups}
            model.AddExactlyOne(x[i].values())
            for t in mine:
                z[i, t] = model.NewBoolVar(f"z{i}_{t}")
            model.AddExactlyOne(z[i, t] for t in mine)
            for g in groups:
                for t in topics:
                    if t in mine:
                        model.AddBoolOr([x[i][g].Not(), z[i, t].Not(), y[g, t]])
                    else:  # not allowed: never in a group of that topic
                        model.AddBoolOr([x[i][g].Not(), y[g, t].Not()])
        choice = sum(inst.cost[i][t] * z[i, t] for (i, t) in z if inst.cost[i][t])

        lo, hi = even_sizes(inst.n, plan.n_groups)
        r_lo, r_hi = restricted_sizes(inst, plan)
        size_off, module_missing, program_missing, extra, cohort_pairs = [], [], [], [], []
        by_module = _split(people, inst.mod_idx)
        by_program = _split(people, inst.prog_idx)
        by_cohort = _split(people, inst.coh_idx)
        mod4 = [i for i in people if inst.mod4[i]]
        mod3 = [i for i in people if inst.mod3[i]]
        has4 = []
        for g in groups:
            s = _in(x, people, g)
            g_lo, g_hi = problem.min_size, problem.max_size
            if g < len(plan.size_bounds):  # the plan's sizes (a restricted group's round)
                g_lo, g_hi = max(g_lo, plan.size_bounds[g][0]), min(g_hi, plan.size_bounds[g][1])
            model.Add(s >= g_lo)
            model.Add(s <= g_hi)
            for t in restricted:
                # A restricted group is as big as the others, so its size tells nothing.
                model.Add(s >= r_lo).OnlyEnforceIf(y[g, t])
                model.Add(s <= r_hi).OnlyEnforceIf(y[g, t])
            dev = model.NewIntVar(0, inst.n, f"dev{g}")
            model.Add(dev >= s - hi)
            model.Add(dev >= lo - s)
            size_off.append(dev)
            module_missing.append(_missing(model, x, g, s, by_module, inst.n_modules, f"m{g}"))
            program_missing.append(_missing(model, x, g, s, by_program, inst.n_programs, f"p{g}"))
            for c, idx in enumerate(by_cohort):
                if len(idx) < 2:
                    continue
                cnt = _in(x, idx, g)
                if isinstance(cnt, int):
                    cohort_pairs.append(cnt * (cnt - 1) // 2)
                    continue
                pairs = model.NewIntVar(0, problem.max_size**2, f"c{g}_{c}")
                # n(n-1)/2 is convex: the max of its chords at integers equals it there.
                for k in range(1, min(len(idx), problem.max_size)):
                    model.Add(pairs >= k * cnt - k * (k + 1) // 2)
                cohort_pairs.append(pairs)
            n4 = _in(x, mod4, g)
            ex = model.NewIntVar(0, inst.n, f"ex{g}")
            is_r = sum(y[g, t] for t in restricted)
            model.Add(ex >= n4 - 1 - problem.max_size * is_r)
            extra.append(ex)
            n3 = _in(x, mod3, g)
            if part.no_mod4_allowed <= 0:
                model.Add(n4 >= 1)
            else:
                model.Add(n4 + n3 >= 1)
                h = model.NewBoolVar(f"h4{g}")
                model.Add(n4 >= 1).OnlyEnforceIf(h)
                has4.append(h)
        if part.no_mod4_allowed > 0:
            model.Add(sum(has4) >= len(groups) - part.no_mod4_allowed)

        repeats = []
        for a, b in inst.met_where:
            if a not in x or b not in x:
                continue
            for g in x[a].keys() & x[b].keys():
                xa, xb = x[a][g], x[b][g]
                if isinstance(xa, int) and isinstance(xb, int):
                    repeats.append(1)  # both stay in g: a repeat the part cannot mend
                elif isinstance(xa, int) or isinstance(xb, int):
                    repeats.append(xb if isinstance(xa, int) else xa)
                else:
                    r = model.NewBoolVar(f"r{a}_{b}_{g}")
                    model.AddBoolOr([xa.Not(), xb.Not(), r])
                    repeats.append(r)

        _break_symmetry(model, inst, plan, part, x)

        # The same terms summed per topic bound the per-group ones from below: added
        # as cuts, they give the LP the shape of the topic split.
        k = {t: sum(y[g, t] for g in groups) for t in topics}
        agg = _topic_aggregate(model, inst, plan, part, topics, z, k)
        model.Add(w.module_mix * sum(module_missing) >= agg.module_missing)
        model.Add(w.program_mix * sum(program_missing) >= agg.program_missing)
        model.Add(w.leader_spread * sum(extra) >= agg.extra_leaders)
        model.Add(w.size_evenness * sum(size_off) >= agg.size_off)
        model.Add(w.cohort_mix * sum(cohort_pairs) >= agg.cohort_pairs)

        self.objective = (
            choice
            + w.repeated_pair * sum(repeats)
            + w.cohort_mix * sum(cohort_pairs)
            + w.module_mix * sum(module_missing)
            + w.program_mix * sum(program_missing)
            + w.leader_spread * sum(extra)
            + w.size_evenness * sum(size_off)
        )
        model.Minimize(self.objective)

    def hint(self, group_of, topic_of, *, complete: bool = True) -> None:
        """Start from this grouping of the part (indexable by person and by group)."""
        group_of, topic_of = _canonical(self.inst, self.plan, self.part, group_of, topic_of)
        model, x, y = self.model, self.x, self.y
        for i in self.part.people:
            if self.plan.kept[i] >= 0:
                continue
            for g, lit in x[i].items():
                model.AddHint(lit, group_of[i] == g)
            for t in self.topics:
                if (i, t) in self.z:
                    model.AddHint(self.z[i, t], topic_of[group_of[i]] == t)
        for g in self.part.groups:
            for t in self.topics:
                model.AddHint(y[g, t], topic_of[g] == t)
        if complete:
            _complete_hint(model)

    def solve(
        self,
        time_limit_s: float,
        seed: int = 0,
        workers: int = WORKERS,
        below: int | None = None,
    ) -> tuple[cp_model.CpSolver, int]:
        """Solve within `time_limit_s` of deterministic time (the same answer for a
        seed however busy the machine is); with `below`, only groupings of the part
        costing less than that are sought."""
        if below is not None:
            self.model.Add(self.objective <= below - 1)
        solver = cp_model.CpSolver()
        params = solver.parameters
        params.num_workers = workers
        if workers > 1:
            params.interleave_search = True  # deterministic with several workers
        params.random_seed = seed
        params.max_deterministic_time = time_limit_s
        params.max_time_in_seconds = 4 * time_limit_s + 5  # a safety net only
        return solver, solver.Solve(self.model)

    def result(self, solver: cp_model.CpSolver, status: int) -> PartResult:
        bound = int(max(0, -(-solver.BestObjectiveBound() // 1)))
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return PartResult(None, None, None, bound, False, status == cp_model.INFEASIBLE)
        x = self.x
        group_of = {
            i: next(g for g, v in x[i].items() if isinstance(v, int) or solver.Value(v)) for i in x
        }
        topic_of = {
            g: next(t for t in self.topics if solver.Value(self.y[g, t])) for g in self.part.groups
        }
        return PartResult(
            group_of,
            topic_of,
            round(solver.ObjectiveValue()),
            bound,
            status == cp_model.OPTIMAL,
            False,
        )


def solve_exact(
    inst: Instance,
    plan: Plan,
    *,
    hint: tuple[list[int], list[int]] | None = None,
    time_limit_s: float = 10.0,
    seed: int = 0,
) -> ExactResult:
    """Solve the whole round with CP-SAT within `time_limit_s` of deterministic
    time (so a seed gives the same answer however busy the machine is)."""
    m = GroupModel(inst, plan, whole(inst, plan))
    if hint is not None:
        m.hint(*hint)
    solver, status = m.solve(time_limit_s, seed)
    r = m.result(solver, status)
    if r.group_of is None or r.topic_of is None:
        return ExactResult(None, None, r.bound, False)
    group_of = [r.group_of[i] for i in range(inst.n)]
    topic_of = [r.topic_of[g] for g in range(plan.n_groups)]
    return ExactResult((group_of, topic_of), r.objective, r.bound, r.optimal)


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


def _topic_aggregate(model, inst: Instance, plan: Plan, part: Part, topics, z, k) -> _Aggregate:
    """Constraints and bounds that hold for any grouping of the part with k[t]
    groups of topic t and z[i, t] = person i in topic t: sizes, upper-module
    cover, and per-topic floors on missing modules/programs, extra leaders,
    uneven sizes, cohort pairs."""
    problem = inst.problem
    w = inst.w
    lo, hi = even_sizes(inst.n, plan.n_groups)
    people = part.people
    n_groups = len(part.groups)
    mm, pm, ex, so, cp, no4 = [], [], [], [], [], []
    by_module = _split(people, inst.mod_idx, inst.n_modules)
    by_program = _split(people, inst.prog_idx, inst.n_programs)
    by_cohort = _split(people, inst.coh_idx)
    for t in topics:
        in_t = [i for i in people if (i, t) in z]
        n_t = sum(z[i, t] for i in in_t)
        model.Add(n_t >= problem.min_size * k[t])
        model.Add(n_t <= problem.max_size * k[t])
        n4_t = sum(z[i, t] for i in in_t if inst.mod4[i])
        n3_t = sum(z[i, t] for i in in_t if inst.mod3[i])
        model.Add(n4_t + n3_t >= k[t])
        lack = model.NewIntVar(0, n_groups, f"a_no4_{t}")
        model.Add(lack >= k[t] - n4_t)
        no4.append(lack)
        if not inst.restricted[t]:
            e = model.NewIntVar(0, inst.n, f"a_ex_{t}")
            model.Add(e >= n4_t - k[t])
            ex.append(e)
        d = model.NewIntVar(0, inst.n, f"a_so_{t}")
        model.Add(d >= n_t - hi * k[t])
        model.Add(d >= lo * k[t] - n_t)
        so.append(d)
        for classes, out, name in ((by_module, mm, "m"), (by_program, pm, "p")):
            if problem.min_size < len(classes):
                continue  # a group's target is then below "every class"
            for c, idx in enumerate(classes):
                miss = model.NewIntVar(0, n_groups, f"a_{name}{t}_{c}")
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
    model.Add(sum(no4) <= max(0, part.no_mod4_allowed))
    return _Aggregate(
        w.module_mix * sum(mm),
        w.program_mix * sum(pm),
        w.leader_spread * sum(ex),
        w.size_evenness * sum(so),
        w.cohort_mix * sum(cp),
    )


def _split(people, key: list[int], n_classes: int = 0) -> list[list[int]]:
    """People by class; with `n_classes`, one list per class of the round (some
    perhaps empty), else one per class present."""
    out: dict[int, list[int]] = {}
    for i in people:
        out.setdefault(key[i], []).append(i)
    if n_classes:
        return [out.get(k, []) for k in range(n_classes)]
    return [out[k] for k in sorted(out)]


def _in(x, people, g):
    """How many of these people are in group g (an int if none of them can move)."""
    return sum(x[i][g] for i in people if g in x[i])


def _missing(model, x, g, size, classes: list[list[int]], n_classes: int, name: str):
    """Classes missing from group g, up to min(size, classes in the round)."""
    present = []
    for k, idx in enumerate(classes):
        cnt = _in(x, idx, g)
        if isinstance(cnt, int):
            present.append(min(cnt, 1))
            continue
        h = model.NewBoolVar(f"{name}_{k}")
        model.Add(cnt >= 1).OnlyEnforceIf(h)
        present.append(h)
    target = model.NewIntVar(0, n_classes, f"{name}_t")
    model.AddMinEquality(target, [size, n_classes])
    miss = model.NewIntVar(0, n_classes, f"{name}_miss")
    model.Add(miss >= target - sum(present))
    return miss


def _free_groups(inst: Instance, plan: Plan, part: Part) -> tuple[list[int], list[int]]:
    """The part's groups with no kept people and no kept topic (interchangeable),
    and the order of people that numbers them (Mod 4 students first)."""
    kept_groups = {g for g in plan.kept if g >= 0} | set(plan.fixed_topic)
    free = [g for g in part.groups if g not in kept_groups]
    order = sorted((i for i in part.people if plan.kept[i] < 0), key=lambda i: not inst.mod4[i])
    return free, order


def _canonical(inst: Instance, plan: Plan, part: Part, group_of, topic_of):
    """The same grouping with the part's free groups renumbered in order of first
    member, so that it satisfies the symmetry-breaking constraints (a usable
    hint). Returned as dicts: person → group, group → topic."""
    free, order = _free_groups(inst, plan, part)
    free_set = set(free)
    relabel: dict[int, int] = {}
    for i in order:
        g = group_of[i]
        if g in free_set and g not in relabel:
            relabel[g] = free[len(relabel)]
    for g in free:  # empty free groups, if any, last
        if g not in relabel:
            relabel[g] = free[len(relabel)]
    new_group_of = {i: relabel.get(group_of[i], group_of[i]) for i in part.people}
    new_topic_of = {g: topic_of[g] for g in part.groups}
    for old, new in relabel.items():
        new_topic_of[new] = topic_of[old]
    return new_group_of, new_topic_of


def _break_symmetry(model, inst: Instance, plan: Plan, part: Part, x) -> None:
    """Number the interchangeable groups in order of their first member."""
    free, order = _free_groups(inst, plan, part)
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
