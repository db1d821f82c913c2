"""Mix It Up on schools careerdev has never seen: does every school whose hard
rules can hold get groups, and how often does the less-represented topic get
its group?

    .venv/bin/python bench/feasibility.py            # 100 schools (about 3 minutes)
    .venv/bin/python bench/feasibility.py --quick    # 40 schools

Schools come from `careerdev.grouping.synthetic.realistic_school(seed)`:
30–400 students, Mod 4 10–30% of them, Mod 3 15–35%, 3–12% opted in (half
the schools with most of them in Mod 4), skewed topics, Homeroom history; and
a band of 20 like those once refused (Mod 4 15–19%, 8% opted in, most of them
in Mod 4). The engine runs as the app's "Generate" button does
(`form_mix_it_up_groups(problem)`, defaults). Whether a school's rules can hold
is worked out independently: groups of 4–7, each with a Mod 4 or Mod 3
student (a less-represented group is never required: its takers can join
their next choice).

Per school: refused or not, the groups' rule check, whether the survey asked
for a less-represented group (someone opted in and put it first) and whether
one was formed, the Mod 3 stand-ins, wall seconds. Prints a table of totals;
the last line is one JSON object.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from careerdev.grouping import Infeasible, form_mix_it_up_groups  # noqa: E402
from careerdev.grouping.synthetic import realistic_school  # noqa: E402

LR = "less-represented"


def can_hold(p) -> bool:
    n = len(p.people)
    uppers = sum(1 for x in p.people if x.module >= 3)
    fewest = -(-n // p.max_size)
    return fewest <= n // p.min_size and uppers >= fewest


def schools(count: int):
    for seed in range(count):
        yield f"drawn {seed}", realistic_school(seed)
    for seed in range(20):
        shape = {"mod4_share": 0.15 + 0.01 * (seed % 5), "opt_rate": 0.08, "mod4_heavy": True}
        yield f"band {seed}", realistic_school(1000 + seed, **shape)


def main() -> None:
    count = 20 if "--quick" in sys.argv else 80
    rows = []
    for name, p in schools(count):
        feasible = can_hold(p)
        asked = any(x.less_represented and x.topic_ranking[:1] == (LR,) for x in p.people)
        start = time.perf_counter()
        try:
            result = form_mix_it_up_groups(p)
            refused, ok = False, result.report.ok
            formed = sum(1 for g in result.groups if g.topic == LR)
            stand_ins = sum(1 for n in result.report.notes if "standing in" in n)
        except Infeasible:
            refused, ok, formed, stand_ins = True, False, 0, 0
        seconds = time.perf_counter() - start
        rows.append(
            {
                "school": name,
                "students": len(p.people),
                "feasible": feasible,
                "refused": refused,
                "rules_ok": ok,
                "asked": asked,
                "formed": formed,
                "stand_ins": stand_ins,
                "seconds": round(seconds, 3),
            }
        )
        print(
            f"{name:>9} {len(p.people):>4} students  "
            f"{'REFUSED' if refused else 'grouped':>8}  rules {'ok' if ok else 'BROKEN':>6}  "
            f"less-represented: {'asked' if asked else '-':>5} {formed} formed  "
            f"{stand_ins} stand-in  {seconds:.2f} s"
        )
    feasible = [r for r in rows if r["feasible"]]
    asked = [r for r in feasible if r["asked"]]
    summary = {
        "schools": len(rows),
        "feasible": len(feasible),
        "refused_feasible": sum(r["refused"] for r in feasible),
        "rules_broken": sum(not r["rules_ok"] for r in feasible if not r["refused"]),
        "restricted_asked": len(asked),
        "restricted_formed": sum(1 for r in asked if r["formed"]),
        "with_stand_ins": sum(1 for r in feasible if r["stand_ins"]),
        "seconds_median": round(statistics.median(r["seconds"] for r in rows), 2),
        "seconds_max": round(max(r["seconds"] for r in rows), 2),
        "students_min": min(r["students"] for r in rows),
        "students_max": max(r["students"] for r in rows),
    }
    print()
    print(
        f"{summary['schools']} schools ({summary['students_min']}–{summary['students_max']} "
        f"students), {summary['feasible']} whose rules can hold: "
        f"{summary['refused_feasible']} refused, {summary['rules_broken']} with a rule broken; "
        f"less-represented group asked for in {summary['restricted_asked']}, formed in "
        f"{summary['restricted_formed']}; Mod 3 stand-ins in {summary['with_stand_ins']}; "
        f"{summary['seconds_median']} s median, {summary['seconds_max']} s at most"
    )
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
