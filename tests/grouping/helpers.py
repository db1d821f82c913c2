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


def consented(x: Person, topics) -> bool:
    """Opted in on their profile AND chose a restricted topic in this round's survey:
    only such a person may be placed in a restricted group."""
    restricted = {t.id for t in topics if t.restricted}
    return x.less_represented and any(t in restricted for t in x.topic_ranking)


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
            if any(not consented(by_id[m], p.topics) for m in g.members):
                out.append(f"group {g.number} restricted topic has someone who did not consent")
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


def mod4_groups_possible(p: MixItUpProblem, groups: tuple[Group, ...]) -> int:
    """How many of these groups can have a Mod 4 student, worked out afresh: one
    Mod 4 per group, and a restricted-topic group only an opted-in one."""
    restricted = {t.id for t in p.topics if t.restricted}
    n_groups = len(groups)
    r = sum(1 for g in groups if g.topic in restricted)
    n4 = sum(1 for x in p.people if x.module == 4)
    o4 = sum(1 for x in p.people if x.module == 4 and consented(x, p.topics))
    # Restricted seats that only consenting Mod 4 students can fill go to them
    # first; each restricted group needs one upper-module student.
    seats = sum(len(g.members) for g in groups if g.topic in restricted)
    others = sum(1 for x in p.people if x.module != 4 and consented(x, p.topics))
    forced = max(0, seats - others)
    return max(min(r, r4) + min(n_groups - r, n4 - r4) for r4 in range(min(forced, o4), o4 + 1))


def strict_violations(p: MixItUpProblem, result) -> list[str]:
    """Every hard rule of a `Grouping`, checked from the problem alone: everyone
    once, sizes, numbering, a Mod 4 per group or (only as far as Mod 4 students
    run short, and noted in the report) a Mod 3, the restricted topic for opted-in
    people only and without leaders, keeps and kept topics."""
    groups = result.groups
    out = []
    placed = Counter(m for g in groups for m in g.members)
    ids = Counter(x.id for x in p.people)
    if placed != ids:
        out.append(f"placed {dict(placed)} but people {dict(ids)}")
    if [g.number for g in groups] != list(range(1, len(groups) + 1)):
        out.append(f"group numbers {[g.number for g in groups]}")
    by_id = {x.id: x for x in p.people}
    topics = {t.id: t for t in p.topics}
    stand_ins = []
    for g in groups:
        if not p.min_size <= len(g.members) <= p.max_size:
            out.append(f"group {g.number} has {len(g.members)} people")
        modules = {by_id[m].module for m in g.members if m in by_id}
        if 4 not in modules:
            if 3 in modules:
                stand_ins.append(g.number)
            else:
                out.append(f"group {g.number} has no Mod 4 or Mod 3 student")
        topic = topics.get(g.topic)
        if topic is None:
            out.append(f"group {g.number} has topic {g.topic!r}")
        elif topic.restricted:
            if not all(consented(by_id[m], p.topics) for m in g.members if m in by_id):
                out.append(f"group {g.number} (restricted) holds someone who did not consent")
            if g.leaders:
                out.append(f"group {g.number} (restricted) has leaders")
    # A restricted group's size is one at least two ordinary groups have too (all
    # of them if fewer), so the shared sheet's sizes cannot point at it.
    if not p.keep and not p.keep_topics:
        ordinary = [len(g.members) for g in groups if not _restricted(p, g)]
        for g in groups:
            if _restricted(p, g) and ordinary.count(len(g.members)) < min(2, len(ordinary)):
                out.append(f"group {g.number} (restricted) has a size no other group has")
    if len(stand_ins) > len(groups) - mod4_groups_possible(p, groups):
        out.append(f"Mod 3 stands in for groups {stand_ins} though Mod 4 students could")
    restricted_numbers = {g.number for g in groups if _restricted(p, g)}
    for number in stand_ins:
        if number in restricted_numbers:
            continue  # nobody leads a restricted group: nothing to note
        if not any(f"Group {number} has a Mod 3" in note for note in result.report.notes):
            out.append(f"group {number}'s Mod 3 stand-in is not noted")
    where = {m: g.number for g in groups for m in g.members}
    for pid, number in p.keep.items():
        if pid in by_id and where.get(pid) != number:
            out.append(f"kept {pid} in group {where.get(pid)}, not {number}")
    for g in groups:
        if g.number in p.keep_topics and g.topic != p.keep_topics[g.number]:
            out.append(f"group {g.number} lost its kept topic")
    return out


def _restricted(p: MixItUpProblem, g: Group) -> bool:
    return any(t.id == g.topic and t.restricted for t in p.topics)
