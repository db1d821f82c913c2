"""Assigning unbooked students to free slots: a maximum matching that respects
track fit and each volunteer's remaining cap, found exactly as a min-cost
max-flow (OR-Tools). Existing bookings are never moved: they are simply not
part of the problem. Pure Python plus OR-Tools; no Django.

Network: source → student (1) → fitting slot (1) → volunteer (cap left) → sink.
Among maximum assignments the cost prefers slots of the student's own track
over "any" slots (those fit everyone, so they are kept for whoever needs them
last) and earlier slots over later ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ortools.graph.python import min_cost_flow


@dataclass(frozen=True)
class Seeker:
    id: int
    track: str


@dataclass(frozen=True)
class Opening:
    id: int
    volunteer_id: int
    track: str  # "FE", "BE" or "any"
    order: int = 0  # smaller is earlier


def fits(opening: Opening, seeker: Seeker) -> bool:
    return opening.track == "any" or opening.track.upper() == seeker.track.upper()


def assign(
    seekers: Sequence[Seeker], openings: Sequence[Opening], caps_left: dict[int, int]
) -> dict[int, int]:
    """{seeker id: opening id} for as many seekers as can be placed."""
    if not seekers or not openings:
        return {}
    flow = min_cost_flow.SimpleMinCostFlow()
    volunteers = sorted({o.volunteer_id for o in openings})
    source, sink = 0, 1
    seeker_node = {s.id: 2 + i for i, s in enumerate(seekers)}
    base = 2 + len(seekers)
    opening_node = {o.id: base + i for i, o in enumerate(openings)}
    base += len(openings)
    volunteer_node = {v: base + i for i, v in enumerate(volunteers)}
    arcs: dict[int, tuple[int, int]] = {}
    for s in seekers:
        flow.add_arc_with_capacity_and_unit_cost(source, seeker_node[s.id], 1, 0)
        for o in openings:
            if fits(o, s):
                cost = (1_000_000 if o.track == "any" else 0) + o.order
                arc = flow.add_arc_with_capacity_and_unit_cost(
                    seeker_node[s.id], opening_node[o.id], 1, cost
                )
                arcs[arc] = (s.id, o.id)
    for o in openings:
        flow.add_arc_with_capacity_and_unit_cost(
            opening_node[o.id], volunteer_node[o.volunteer_id], 1, 0
        )
    for v in volunteers:
        left = max(caps_left.get(v, 0), 0)
        flow.add_arc_with_capacity_and_unit_cost(volunteer_node[v], sink, left, 0)
    # Ask for every seeker; the solver sends the most flow it can at least cost.
    flow.set_node_supply(source, len(seekers))
    flow.set_node_supply(sink, -len(seekers))
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed with status {status}")
    return {arcs[a][0]: arcs[a][1] for a in arcs if flow.flow(a) > 0}
