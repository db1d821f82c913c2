"""A Mix It Up problem compiled to plain integer arrays.

Every part of the engine (scoring, construction, local search, CP-SAT) reads the
problem through this one compiled form, so they all optimise the same objective.
Costs are integers (weights × SCALE) so that the heuristic's objective and the
CP-SAT objective are the same number, and "gap to bound" means something.
"""

from __future__ import annotations

from dataclasses import dataclass

from .types import MixItUpProblem, PersonId, Weights

SCALE = 100  # weights are floats with at most two decimals in practice


def scaled(weight: float) -> int:
    """A weight as the integer the solvers use."""
    return round(weight * SCALE)


@dataclass(frozen=True)
class ScaledWeights:
    """The weights the objective uses, as integers."""

    choice: tuple[int, int, int, int]  # first, second, third, later
    led_topic_missed: int
    repeated_pair: int
    module_mix: int
    program_mix: int
    cohort_mix: int
    leader_spread: int
    size_evenness: int

    @classmethod
    def of(cls, w: Weights) -> ScaledWeights:
        return cls(
            choice=(
                scaled(w.first_choice),
                scaled(w.second_choice),
                scaled(w.third_choice),
                scaled(w.later_choice),
            ),
            led_topic_missed=scaled(w.led_topic_missed),
            repeated_pair=scaled(w.repeated_pair),
            module_mix=scaled(w.module_mix),
            program_mix=scaled(w.program_mix),
            cohort_mix=scaled(w.cohort_mix),
            leader_spread=scaled(w.leader_spread),
            size_evenness=scaled(w.size_evenness),
        )


class Instance:
    """People as indices 0..n-1 with the per-person facts the objective needs.

    `cost[i][t]` is what person i costs in topic t (ranking plus, for a Mod 4
    student, missing the topic they chose to lead); `allowed[i][t]` is False only
    for a restricted topic the person has not opted in to.
    """

    def __init__(self, problem: MixItUpProblem):
        self.problem = problem
        people = problem.people
        self.n = len(people)
        self.ids: list[PersonId] = [p.id for p in people]
        self.index: dict[PersonId, int] = {pid: i for i, pid in enumerate(self.ids)}
        self.w = ScaledWeights.of(problem.weights)

        self.topic_ids = [t.id for t in problem.topics]
        self.topic_index = {t: k for k, t in enumerate(self.topic_ids)}
        self.topic_names = {t.id: t.name for t in problem.topics}
        self.restricted = [t.restricted for t in problem.topics]
        self.n_topics = len(self.topic_ids)

        self.module = [p.module for p in people]
        self.mod4 = [p.module >= 4 for p in people]
        self.mod3 = [p.module == 3 for p in people]
        modules = sorted(set(self.module))
        programs = sorted({p.program for p in people})
        cohorts = sorted({p.cohort for p in people})
        m_index = {m: k for k, m in enumerate(modules)}
        p_index = {g: k for k, g in enumerate(programs)}
        c_index = {c: k for k, c in enumerate(cohorts)}
        self.mod_idx = [m_index[p.module] for p in people]
        self.prog_idx = [p_index[p.program] for p in people]
        self.coh_idx = [c_index[p.cohort] for p in people]
        self.n_modules = len(modules)
        self.n_programs = len(programs)
        self.n_cohorts = len(cohorts)

        self.ranking: list[tuple[int, ...]] = [self._effective_ranking(p) for p in people]
        # Consent: a restricted topic is open to a person only if they opted in
        # and chose it in this round's survey (the ranking keeps it only then).
        # The engine never sees an opt-in without that choice, so a profile
        # setting alone changes nothing anyone else can see.
        self.allowed: list[list[bool]] = [
            [not self.restricted[t] or t in self.ranking[i] for t in range(self.n_topics)]
            for i in range(self.n)
        ]
        self.opted = [any(self.restricted[t] for t in self.ranking[i]) for i in range(self.n)]
        self.cost: list[list[int]] = [self._costs(i) for i in range(self.n)]

        self.adj: list[list[int]] = [[] for _ in range(self.n)]
        self.met_where: dict[tuple[int, int], str] = {}
        index = self.index
        for (a, b), where in problem.met_before.items():
            ia, ib = index.get(a), index.get(b)
            if ia is None or ib is None or ia == ib:
                continue
            key = (ia, ib) if ia < ib else (ib, ia)
            if key in self.met_where:
                continue
            self.met_where[key] = where
            self.adj[ia].append(ib)
            self.adj[ib].append(ia)

    def _effective_ranking(self, person) -> tuple[int, ...]:
        """The person's ranking over this problem's topics, without topics they may
        not join (a restricted topic without the opt-in) and without repeats."""
        out: list[int] = []
        for tid in person.topic_ranking:
            t = self.topic_index.get(tid)
            if t is None or t in out:
                continue
            if self.restricted[t] and not person.less_represented:
                continue
            out.append(t)
        return tuple(out)

    def _costs(self, i: int) -> list[int]:
        choice = self.w.choice
        rank = self.ranking[i]
        costs = []
        for t in range(self.n_topics):
            if not rank:
                c = 0  # no answer: any topic is as good as another
            elif t in rank:
                c = choice[min(rank.index(t), 3)]
            else:
                c = choice[3]
            costs.append(c)
        led = self.led_topic(i)
        if led is not None:
            for t in range(self.n_topics):
                if t != led:
                    costs[t] += self.w.led_topic_missed
        return costs

    def led_topic(self, i: int) -> int | None:
        """The (non-restricted) topic a Mod 4 student chose to lead, as an index."""
        if not self.mod4[i]:
            return None
        tid = self.problem.people[i].leads_topic
        t = self.topic_index.get(tid) if tid is not None else None
        if t is None or self.restricted[t]:
            return None
        return t

    def first_choice(self, i: int) -> int | None:
        rank = self.ranking[i]
        return rank[0] if rank else None

    def counts(self) -> tuple[int, int, int]:
        """(Mod 4 students, Mod 3 students, Mod 4 students who chose a restricted topic)."""
        n4 = sum(self.mod4)
        n3 = sum(self.mod3)
        o4 = sum(1 for i in range(self.n) if self.mod4[i] and self.opted[i])
        return n4, n3, o4


def mod4_shortfall(
    n_groups: int, restricted_groups: int, n4: int, opted4: int, forced4: int = 0
) -> int:
    """How many groups can have no Mod 4 student (a Mod 3 stands in instead).

    Each Mod 4 student covers one group; a restricted group can only be covered by
    one who chose its topic. `forced4` of those must sit in restricted groups
    because too few others chose the topic to fill them; each beyond one per
    restricted group is a Mod 4 the open groups go without. The fewest groups
    lacking a Mod 4, over how many Mod 4 students the restricted groups hold, may
    (and must) use a Mod 3 stand-in.
    """
    g, r = n_groups, restricted_groups
    low = min(forced4, opted4)
    return max(
        0,
        min(max(0, r - r4) + max(0, (g - r) - (n4 - r4)) for r4 in range(low, opted4 + 1))
        if r
        else g - min(g, n4),
    )


def kept_mod4_shortfall(n_groups: int, kept_mod4_groups: int, free_mod4: int) -> int:
    """When mending a round, Mod 4 students kept in their group cover only that
    group (a second one kept there covers nothing): the groups with no kept Mod 4
    share the free ones, and those left over may (must) use a Mod 3 stand-in."""
    return max(0, n_groups - kept_mod4_groups - free_mod4)


def even_sizes(n: int, n_groups: int) -> tuple[int, int]:
    """The two sizes (floor, ceil of the mean) an even split into n_groups uses."""
    if n_groups <= 0:
        return 0, 0
    lo = n // n_groups
    hi = lo + (1 if n % n_groups else 0)
    return lo, hi
