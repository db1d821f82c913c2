"""Small problem builders and an independent hard-rule checker for the engine tests."""

from __future__ import annotations

from collections import Counter

from careerdev.grouping import Group, MixItUpProblem, Person, Topic

TOPICS = (
    Topic("net", "Networking"),
    Topic("int", "Interviewing"),
    Topic("mat", "Materials"),
    Topic("lr", "Identifying as less represented in tech", restricted=True),
)


def person(pid: int, module: int = 2, **kw) -> Person:
    kw.setdefault("cohort", f"C{module}")
    kw.setdefault("program", "BE" if pid % 2 else "FE")
    return Person(id=pid, module=module, **kw)


def problem(people, **kw) -> MixItUpProblem:
    kw.setdefault("topics", TOPICS)
    return MixItUpProblem(people=tuple(people), **kw)


def hard_rule_violations(p: MixItUpProblem, groups: tuple[Group, ...]) -> list[str]:
    """The hard rules, checked without the engine's own checker."""
    out = []
    placed = Counter(m for g in groups for m in g.members)
    ids = {x.id for x in p.people}
    if set(placed) != ids or any(c != 1 for c in placed.values()):
        out.append("not everyone placed exactly once")
    by_id = {x.id: x for x in p.people}
    topics = {t.id: t for t in p.topics}
    n4 = sum(1 for x in p.people if x.module == 4)
    no_mod4 = 0
    for g in groups:
        if not p.min_size <= len(g.members) <= p.max_size:
            out.append(f"group {g.number} size {len(g.members)}")
        mods = [by_id[m].module for m in g.members]
        if 4 not in mods:
            no_mod4 += 1
            if 3 not in mods:
                out.append(f"group {g.number} has no upper-module student")
        if g.topic not in topics:
            out.append(f"group {g.number} has no valid topic")
        elif topics[g.topic].restricted:
            if any(not by_id[m].less_represented for m in g.members):
                out.append(f"group {g.number} restricted topic has someone not opted in")
            if g.leaders:
                out.append(f"group {g.number} restricted topic has leaders")
    # A Mod 3 stands in only where Mod 4 students are too few to go round.
    if (
        no_mod4
        and n4 >= len(groups)
        and not any(topics[g.topic].restricted for g in groups if g.topic in topics)
    ):
        out.append(f"{no_mod4} groups without Mod 4 although there are {n4} Mod 4 students")
    where = {m: g.number for g in groups for m in g.members}
    for pid, number in p.keep.items():
        if pid in ids and where.get(pid) != number:
            out.append(f"kept {pid} not in group {number}")
    return out
