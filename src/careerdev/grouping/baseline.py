"""What schools do today, for the benchmark: a random shuffle into equal groups."""

from __future__ import annotations

import random
from collections import Counter

from .instance import even_sizes
from .types import Group, MixItUpProblem


def random_shuffle(problem: MixItUpProblem, seed: int) -> tuple[Group, ...]:
    """Shuffle everyone into groups of about the middle allowed size; the topic is the
    group's most common first choice, the leaders its Mod 4 members. No rule is
    looked at, which is the point of the comparison."""
    people = list(problem.people)
    if not people:
        return ()
    random.Random(seed).shuffle(people)  # nosec B311  # reproducible search, not a secret
    target = (problem.min_size + problem.max_size) / 2
    n_groups = max(1, round(len(people) / target))
    lo, hi = even_sizes(len(people), n_groups)
    bigger = len(people) - lo * n_groups  # this many groups get one more
    fallback = next((t.id for t in problem.topics if not t.restricted), problem.topics[0].id)
    groups, start = [], 0
    for g in range(n_groups):
        size = hi if g < bigger else lo
        members = people[start : start + size]
        start += size
        firsts = Counter(p.topic_ranking[0] for p in members if p.topic_ranking)
        topic = min(firsts, key=lambda t: (-firsts[t], t)) if firsts else fallback
        groups.append(
            Group(
                number=g + 1,
                members=tuple(sorted(p.id for p in members)),
                topic=topic,
                leaders=tuple(sorted(p.id for p in members if p.module >= 4)),
            )
        )
    return tuple(groups)
