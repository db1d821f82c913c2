"""Mod 4 students who chose a topic to lead: whether each is in a group of that
topic, a last pass that places those the search left out where one move, swap
or topic change can, and, for anyone still out, a note for staff saying why.

The notes name the group and the topic, never the student or anything private
(whether the group is the less-represented one shows on staff's own page).
"""

from __future__ import annotations

from dataclasses import dataclass

from .instance import Instance
from .plan import Plan
from .state import State


def led_topics(inst: Instance) -> dict[int, int]:
    """Person index → the topic they chose to lead, for those who chose one."""
    out = {}
    for i in range(inst.n):
        t = inst.led_topic(i)
        if t is not None:
            out[i] = t
    return out


def placed_rate(inst: Instance, group_of: list[int], topic_of: list[int]) -> tuple[int, int]:
    """(Leaders in the topic they chose, leaders who chose one)."""
    led = led_topics(inst)
    placed = sum(1 for i, t in led.items() if topic_of[group_of[i]] == t)
    return placed, len(led)


@dataclass(frozen=True)
class _Option:
    """One change that puts a leader in their topic: move to `group`, swap with
    `partner`, or (neither) give their own group the topic."""

    delta: int
    group: int
    partner: int | None = None
    retopic: bool = False


def _covered(state: State, a: int, d4a: int, d3a: int, b: int, d4b: int, d3b: int) -> bool:
    n4, n3 = state.n4, state.n3
    na4, nb4 = n4[a] + d4a, n4[b] + d4b
    if na4 + n3[a] + d3a <= 0 or nb4 + n3[b] + d3b <= 0:
        return False
    change = (na4 == 0) - (n4[a] == 0) + (nb4 == 0) - (n4[b] == 0)
    return change <= 0 or state.no_mod4_groups() + change <= state.shortfall


def _options(inst: Instance, plan: Plan, state: State, i: int, t: int) -> list[_Option]:
    """Every single change within the hard rules that puts leader i in topic t."""
    out: list[_Option] = []
    a = state.group_of[i]
    mod4, mod3 = inst.mod4, inst.mod3
    if a not in plan.fixed_topic and not inst.restricted[state.topic[a]]:
        out.append(_Option(state.retopic_delta(a, t), a, retopic=True))
    if plan.kept[i] >= 0:
        return out
    for b in range(state.G):
        if b == a or state.topic[b] != t:
            continue
        if (
            state.size[a] > state.gmin[a]
            and state.size[b] < state.gmax[b]
            and _covered(state, a, -mod4[i], -mod3[i], b, mod4[i], mod3[i])
        ):
            out.append(_Option(state.remove_delta(i) + state.insert_delta(i, b), b))
        for q in state.members[b]:
            if plan.kept[q] >= 0 or not plan.allowed(inst, q, state.topic[a]):
                continue
            d4, d3 = mod4[q] - mod4[i], mod3[q] - mod3[i]
            if (d4 or d3) and not _covered(state, a, d4, d3, b, -d4, -d3):
                continue
            out.append(_Option(state.swap_delta(i, q), b, partner=q))
    return out


def _apply(state: State, i: int, option: _Option, t: int) -> None:
    if option.retopic:
        state.retopic(option.group, t)
    elif option.partner is None:
        state.move(i, option.group)
    else:
        state.swap(i, option.partner)


def place(inst: Instance, plan: Plan, state: State) -> None:
    """Put leaders in their topic where one change within the rules lowers the
    objective (the search rarely misses one; this makes sure)."""
    for i, t in led_topics(inst).items():
        if state.topic[state.group_of[i]] == t:
            continue
        options = [o for o in _options(inst, plan, state, i, t) if o.delta < 0]
        if options:
            _apply(state, i, min(options, key=lambda o: o.delta), t)


def notes(inst: Instance, plan: Plan, state: State, numbers: list[int]) -> list[str]:
    """Why each leader not in their topic is not, for staff, by group number."""
    led = led_topics(inst)
    out = []
    for i, t in sorted(led.items(), key=lambda it: (numbers[state.group_of[it[0]]], it[0])):
        g = state.group_of[i]
        if state.topic[g] == t:
            continue
        name = inst.topic_names[inst.topic_ids[t]]
        who = (
            f"Group {numbers[g]}: the Mod 4 student here who chose to lead {name} "
            "is in a group of another topic"
        )
        if plan.kept[i] >= 0 and (g in plan.fixed_topic or inst.restricted[state.topic[g]]):
            out.append(
                f"{who}: they stay in this group, kept with its topic from the published round"
            )
            continue
        options = _options(inst, plan, state, i, t)
        if not options:
            out.append(
                f"{who}: no move, swap or change of topic that would put them into {name} "
                "keeps every rule (group sizes, a Mod 4 or Mod 3 student in every group, "
                "kept students)"
            )
            continue
        cheapest = min(options, key=lambda o: o.delta)
        out.append(
            f"{who}: the least costly move, swap or change of topic that would put them "
            f"into {name} {_cost_in_words(inst, state, i, cheapest, led)}"
        )
    return out


def _cost_in_words(
    inst: Instance, state: State, i: int, option: _Option, led: dict[int, int]
) -> str:
    """What `option` would cost, in words: the first of these that applies."""
    g = option.group
    if option.retopic:
        if any(p != i and led.get(p) == state.topic[g] for p in state.members[g]):
            return "would take this group's topic from another Mod 4 student who chose it"
        return "would cost this group's other students their chosen topics"
    if option.partner is not None and led.get(option.partner) == state.topic[g]:
        return "would take another Mod 4 student out of the topic they chose to lead"
    q = option.partner
    met = state.conflicts(i, g) - (q is not None and q in inst.adj[i])
    if q is not None:
        met += state.conflicts(q, state.group_of[i]) - (i in inst.adj[q])
    if met > 0:
        return "would put students together who met before"
    return "would cost the other students more than it gains"
