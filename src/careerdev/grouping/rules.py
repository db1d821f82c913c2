"""The hard rules, checked on any grouping, with details a person can act on.

The checks take groups as lists of person indices (see `instance.Instance`), so
they work on a solver's output and on a grouping staff edited by hand alike.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from .instance import Instance, kept_mod4_shortfall, mod4_shortfall
from .types import Group, PersonId, RuleCheck

EVERYONE_ONCE = "Everyone is placed exactly once"
SIZES = "Group sizes are within bounds"
UPPER_MODULE = "Every group has a Mod 4 student (a Mod 3 stands in only where there are too few)"
RESTRICTED = "The less-represented topic holds only students who opted in and chose it"
SIZE_PRIVATE = "The less-represented group's size does not single it out"
# A less-represented group's size is shared by at least this many ordinary
# groups (or all of them, if fewer), so group sizes on a shared sheet cannot
# point at it.
SIZE_TWINS = 2
TOPICS = "Every group has one of the term's topics"
KEEP = "Kept students stay in their group"

_SHOWN = 5  # ids quoted in a detail before "and N more"


def _ids(ids: Sequence[PersonId]) -> str:
    shown = ", ".join(str(i) for i in ids[:_SHOWN])
    more = len(ids) - _SHOWN
    return f"{shown} and {more} more" if more > 0 else shown


def _join(parts: list[str]) -> str:
    return "; ".join(parts)


def check_everyone_once(inst: Instance | Any, groups: Sequence[Group]) -> RuleCheck:
    """`inst` is anything with `ids` and `index` (the Homeroom problem too)."""
    seen = Counter(pid for g in groups for pid in g.members)
    missing = [pid for pid in inst.ids if pid not in seen]
    twice = sorted(pid for pid, n in seen.items() if n > 1)
    unknown = sorted(pid for pid in seen if pid not in inst.index)
    parts = []
    if missing:
        parts.append(f"{len(missing)} not placed (ids {_ids(missing)})")
    if twice:
        parts.append(f"{len(twice)} placed more than once (ids {_ids(twice)})")
    if unknown:
        parts.append(f"{len(unknown)} placed who are not in this round (ids {_ids(unknown)})")
    return RuleCheck(EVERYONE_ONCE, not parts, _join(parts))


def check_sizes(min_size: int, max_size: int, groups: Sequence[Group]) -> RuleCheck:
    parts = []
    for g in groups:
        n = len(g.members)
        if n > max_size:
            parts.append(f"Group {g.number} has {n} people; the most is {max_size}")
        elif n < min_size:
            parts.append(f"Group {g.number} has {n} people; the fewest is {min_size}")
    return RuleCheck(SIZES, not parts, _join(parts))


def check_upper_module(
    inst: Instance,
    groups: Sequence[Group],
    members: list[list[int]],
    restricted: list[bool],
    keep: dict[PersonId, int] | None = None,
) -> tuple[RuleCheck, list[str]]:
    """Every group has a Mod 4 student; where there are too few of them, a Mod 3
    student stands in, in at most as many groups as the shortfall. Returns the
    check and notes naming the groups with a stand-in."""
    n4, n3, o4 = inst.counts()
    n_groups = len(groups)
    # Seats in restricted groups that only Mod 4 students who chose the topic can fill.
    seats = sum(len(idx) for idx, r in zip(members, restricted, strict=True) if r)
    others = sum(1 for i in range(inst.n) if inst.opted[i] and not inst.mod4[i])
    shortfall = mod4_shortfall(n_groups, sum(restricted), n4, o4, max(0, seats - others))
    if keep:  # mending around absences: kept Mod 4 students cover only their own group
        kept4 = {n for pid, n in keep.items() if pid in inst.index and inst.mod4[inst.index[pid]]}
        free4 = sum(1 for i in range(inst.n) if inst.mod4[i] and inst.ids[i] not in keep)
        shortfall = max(shortfall, kept_mod4_shortfall(n_groups, len(kept4), free4))
    no_upper, stand_in = [], []
    quiet = set()  # restricted groups: nobody leads, a Mod 3 posting the room is enough
    for g, idx, r in zip(groups, members, restricted, strict=True):
        if any(inst.mod4[i] for i in idx):
            continue
        if any(inst.mod3[i] for i in idx):
            stand_in.append(g.number)
            if r:
                quiet.add(g.number)
        else:
            no_upper.append(g.number)
    parts = [f"Group {n} has no Mod 4 or Mod 3 student" for n in no_upper]
    notes = []
    if stand_in:
        why = f"{n4} Mod 4 students for {n_groups} groups"
        if sum(restricted) and o4 != sum(restricted):
            why += f" ({o4} of them chose the less-represented topic)"
        if len(stand_in) > shortfall:
            parts.append(
                f"{len(stand_in)} groups have no Mod 4 student (groups "
                f"{_ids(stand_in)}) but only {shortfall} need a Mod 3 stand-in: {why}"
            )
        else:
            notes = [
                f"Group {n} has a Mod 3 student standing in for a Mod 4: {why}"
                for n in stand_in
                if n not in quiet
            ]
    detail = _join(parts) or _join(notes)
    return RuleCheck(UPPER_MODULE, not parts, detail), notes


def check_restricted(
    inst: Instance, groups: Sequence[Group], members: list[list[int]], restricted: list[bool]
) -> RuleCheck:
    """Counts only: who opted in is private, even in a staff-facing detail.
    Consent is per round: opting in on a profile is not enough, the student must
    have chosen the topic in this round's survey."""
    parts = []
    for g, idx, r in zip(groups, members, restricted, strict=True):
        if not r:
            continue
        t = inst.topic_index[g.topic]
        outsiders = sum(1 for i in idx if not inst.allowed[i][t])
        if outsiders:
            parts.append(
                f"Group {g.number} ({inst.topic_names.get(g.topic, g.topic)}) has "
                f"{outsiders} {'person' if outsiders == 1 else 'people'} who did not "
                "opt in and choose it"
            )
    return RuleCheck(RESTRICTED, not parts, _join(parts))


def check_restricted_size(
    groups: Sequence[Group], restricted: list[bool], *, reforming: bool
) -> RuleCheck:
    """Each less-represented group has a size at least `SIZE_TWINS` ordinary
    groups have too. Not held when a published round is mended around absences:
    who is absent is plain to everyone in the room anyway."""
    sizes = [len(g.members) for g, r in zip(groups, restricted, strict=True) if not r]
    need = min(SIZE_TWINS, len(sizes))
    parts = []
    if not reforming:
        for g, r in zip(groups, restricted, strict=True):
            if r and sizes.count(len(g.members)) < need:
                parts.append(
                    f"Group {g.number} has {len(g.members)} people and fewer than {need} other "
                    "groups have as many, so its size could single out who opted in: move "
                    "students until its size matches other groups'"
                )
    return RuleCheck(SIZE_PRIVATE, not parts, _join(parts))


def check_topics(inst: Instance, groups: Sequence[Group]) -> RuleCheck:
    parts = [
        f"Group {g.number} has topic {g.topic!r}, which is not one of this term's topics"
        for g in groups
        if g.topic not in inst.topic_index
    ]
    return RuleCheck(TOPICS, not parts, _join(parts))


def check_keep(keep: dict[PersonId, int], groups: Sequence[Group]) -> RuleCheck:
    where = {pid: g.number for g in groups for pid in g.members}
    parts = [
        f"Student {pid} should stay in group {n} but is in "
        + (f"group {where[pid]}" if pid in where else "no group")
        for pid, n in sorted(keep.items())
        if where.get(pid) != n
    ]
    return RuleCheck(KEEP, not parts, _join(parts))


def check_homeroom_repeaters(
    repeating: list[bool], groups: Sequence[Group], members: list[list[int]]
) -> RuleCheck:
    """At most one repeating student per group, where there are few enough of them."""
    total = sum(repeating)
    most = max(1, -(-total // max(1, len(groups))))
    parts = []
    for g, idx in zip(groups, members, strict=True):
        r = sum(1 for i in idx if repeating[i])
        if r > most:
            parts.append(
                f"Group {g.number} has {r} repeating students; "
                f"{total} repeating students over {len(groups)} groups need at most {most}"
            )
    return RuleCheck("Repeating students are spread out", not parts, _join(parts))
