"""Mix It Up grouping on seeded synthetic terms of 60, 300, 1,000 and 5,000
students, beside what schools do today (a random shuffle into equal groups) and
CP-SAT's best objective and lower bound.

    .venv/bin/python bench/grouping.py            # all four sizes (about 5 minutes)
    .venv/bin/python bench/grouping.py --quick    # 60 and 300 students, CP-SAT for 10 s

Each term comes from `careerdev.grouping.synthetic.synthetic_term(n, seed=1)`:
4 modules, 2-3 programs, cohorts of about 30, skewed topic preferences,
Homeroom history and a week-2 round before this week-4 round. Only the
engine call, `form_mix_it_up_groups(problem)` with its defaults (what the app's
"Generate" button runs), is timed; building the term is not.

Wall seconds are what the targets are about; CPU seconds (all threads of this
process) show how much of the wall time was the engine when other work shares
the machine.

Hard-rule violations are counted by one evaluator for both the engine and the
shuffle: each person placed other than exactly once, each group outside the
size bounds, without a Mod 4 student (or a permitted Mod 3 stand-in) or
without a valid topic, and each person in the restricted topic who did not
opt in.

At 60 students the bench also runs the full CP-SAT model for `CPSAT_SECONDS`
of deterministic time, hinted with the better of the engine's groups and a
32-start run of the heuristic, and reports its best objective (the best
grouping known), its bound and whether it proved optimality. Above that the
full model is too big, and the bound is the engine's own (the LP relaxation of
the topic split). `gap_to_bound` is (objective - best bound) / objective.

Prints a table; the last line is one JSON object.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from careerdev.grouping import (  # noqa: E402
    Group,
    MixItUpProblem,
    evaluate_mix_it_up,
    form_mix_it_up_groups,
    random_shuffle,
)
from careerdev.grouping.instance import SCALE, Instance, mod4_shortfall  # noqa: E402
from careerdev.grouping.synthetic import synthetic_term  # noqa: E402

SIZES = (60, 300, 1_000, 5_000)
QUICK_SIZES = (60, 300)
SEED = 1
EXACT_UP_TO = 80  # students: the full CP-SAT model is run beside the engine
CPSAT_SECONDS = 60.0  # deterministic seconds for the bench's own CP-SAT run
LONG_RESTARTS = 32  # the heuristic's starts for the bench's best-known grouping


def violations(problem: MixItUpProblem, groups: tuple[Group, ...]) -> int:
    """Hard-rule violations, counted one per person or group at fault."""
    by_id = {p.id: p for p in problem.people}
    topics = {t.id: t for t in problem.topics}
    placed = Counter(m for g in groups for m in g.members)
    count = sum(1 for pid in by_id if placed.get(pid, 0) != 1)
    count += sum(1 for pid in placed if pid not in by_id)
    restricted_groups = 0
    no_mod4 = 0
    for g in groups:
        members = [by_id[m] for m in g.members if m in by_id]
        count += not problem.min_size <= len(g.members) <= problem.max_size
        topic = topics.get(g.topic)
        if topic is None:
            count += 1
        elif topic.restricted:
            restricted_groups += 1
            count += sum(1 for p in members if not p.less_represented)
        modules = {p.module for p in members}
        if 4 not in modules:
            no_mod4 += 1
            count += 3 not in modules  # no upper-module student at all
    n4 = sum(1 for p in problem.people if p.module == 4)
    o4 = sum(1 for p in problem.people if p.module == 4 and p.less_represented)
    allowed = mod4_shortfall(len(groups), restricted_groups, n4, o4)
    count += max(0, no_mod4 - allowed)  # Mod 3 stand-ins beyond the shortfall
    return count


def figures(problem: MixItUpProblem, groups: tuple[Group, ...]) -> dict:
    report = evaluate_mix_it_up(problem, groups)
    found = violations(problem, groups)
    assert (found == 0) == report.ok, (found, report.rules)
    return {
        "violations": found,
        "first_choice": round(report.first_choice_rate, 3),
        "repeated_pairs": len(report.repeated_pairs),
        "modules_per_group": round(report.modules_per_group, 2),
        "objective": report.objective,
    }


def cpsat(problem: MixItUpProblem, groups: tuple[Group, ...]) -> dict:
    """CP-SAT's best objective and bound, given `CPSAT_SECONDS` and hinted with the
    better of the engine's groups and the heuristic's best of `LONG_RESTARTS`
    starts (so its best is the best grouping known)."""
    from careerdev.grouping.exact import solve_exact
    from careerdev.grouping.mix_it_up import heuristic
    from careerdev.grouping.plan import make_plan

    inst = Instance(problem)
    plan = make_plan(inst)
    group_of = [0] * inst.n
    for g, group in enumerate(groups):
        for m in group.members:
            group_of[inst.index[m]] = g
    topic_of = [inst.topic_index[g.topic] for g in groups]
    start = time.perf_counter()
    engine_total = evaluate_mix_it_up(problem, groups).objective * SCALE
    long = heuristic(inst, plan, problem.seed + 1, restarts=LONG_RESTARTS)
    hint = (group_of, topic_of)
    if long.total < engine_total:
        hint = (list(long.group_of), list(long.topic))
    result = solve_exact(inst, plan, hint=hint, time_limit_s=CPSAT_SECONDS, seed=problem.seed)
    return {
        "objective": None if result.objective is None else result.objective / SCALE,
        "bound": result.bound / SCALE,
        "optimal": result.optimal,
        "long_heuristic": long.total / SCALE,
        "seconds": round(time.perf_counter() - start, 1),
    }


def run(n: int) -> dict:
    problem = synthetic_term(n, SEED)
    start, cpu = time.perf_counter(), time.process_time()
    result = form_mix_it_up_groups(problem)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    engine = figures(problem, result.groups)
    shuffle = figures(problem, random_shuffle(problem, SEED))
    bound = result.report.bound
    exact = cpsat(problem, result.groups) if n <= EXACT_UP_TO else None
    if exact is not None:
        bound = max(bound or 0.0, exact["bound"])
    objective = engine["objective"]
    gap = None if bound is None else max(0.0, (objective - bound) / objective) if objective else 0.0
    return {
        "students": n,
        "groups": len(result.groups),
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        **engine,
        "bound": bound,
        "gap_to_bound": None if gap is None else round(gap, 3),
        "cpsat": exact,
        "random": shuffle,
    }


def show(rows: list[dict]) -> None:
    head = (
        f"{'students':>8} {'groups':>6} {'seconds':>7} {'cpu s':>6}  "
        f"{'viol':>4} {'first':>5} {'mods/g':>6} {'repeat':>6} {'objective':>9} "
        f"{'bound':>7} {'gap':>5}  | random: {'viol':>4} {'first':>5} {'mods/g':>6} "
        f"{'repeat':>6}"
    )
    print(head)
    for r in rows:
        rnd = r["random"]
        gap = "-" if r["gap_to_bound"] is None else f"{r['gap_to_bound']:.3f}"
        bound = "-" if r["bound"] is None else f"{r['bound']:.0f}"
        print(
            f"{r['students']:>8} {r['groups']:>6} {r['seconds']:>7.2f} {r['cpu_seconds']:>6.2f}  "
            f"{r['violations']:>4} {r['first_choice']:>5.3f} {r['modules_per_group']:>6.2f} "
            f"{r['repeated_pairs']:>6} {r['objective']:>9.0f} {bound:>7} {gap:>5}  "
            f"|         {rnd['violations']:>4} {rnd['first_choice']:>5.3f} "
            f"{rnd['modules_per_group']:>6.2f} {rnd['repeated_pairs']:>6}"
        )
    for r in rows:
        c = r["cpsat"]
        if c is None:
            continue
        best = c["objective"]
        within = "-" if not best else f"{(r['objective'] - best) / best:+.1%}"
        print(
            f"CP-SAT at {r['students']} students ({CPSAT_SECONDS:.0f} deterministic s, "
            f"{c['seconds']} s wall with a {LONG_RESTARTS}-start heuristic for its hint): "
            f"best objective {best}, bound {c['bound']}, "
            f"{'proved optimal' if c['optimal'] else 'optimality not proved'}; "
            f"{LONG_RESTARTS}-start heuristic {c['long_heuristic']}; "
            f"engine vs best known: {within}"
        )


def main() -> None:
    global CPSAT_SECONDS
    quick = "--quick" in sys.argv[1:]
    sizes = QUICK_SIZES if quick else SIZES
    if quick:
        CPSAT_SECONDS = 10.0
    rows = []
    for n in sizes:
        rows.append(run(n))
        print(f"... {n} students done", file=sys.stderr, flush=True)
    show(rows)
    keys = (
        "students",
        "seconds",
        "cpu_seconds",
        "violations",
        "first_choice",
        "repeated_pairs",
        "modules_per_group",
        "objective",
        "gap_to_bound",
    )
    out = []
    for r in rows:
        row = {k: r[k] for k in keys}
        row["random"] = {
            k: r["random"][k]
            for k in ("violations", "first_choice", "repeated_pairs", "modules_per_group")
        }
        if r["cpsat"] is not None:
            row["cpsat"] = r["cpsat"]
        out.append(row)
    print(json.dumps({"sizes": out}))


if __name__ == "__main__":
    main()
