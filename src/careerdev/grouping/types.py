"""The engine's inputs and outputs: plain frozen dataclasses, no Django.

The Django side (careerdev.groups) turns enrollments, survey answers and
earlier groups into a `MixItUpProblem` or `HomeroomProblem`, and stores the
`Grouping` it gets back. Ids are the callers' own (enrollment or user ids).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

PersonId = int
TopicId = str


@dataclass(frozen=True)
class Person:
    id: PersonId
    cohort: str
    program: str
    module: int  # 1–4
    repeating: bool = False
    # Mix It Up: the topics this person ranked, best first (may be empty: no answer).
    topic_ranking: tuple[TopicId, ...] = ()
    # Mod 4 only: the topic they chose to lead, if any.
    leads_topic: TopicId | None = None
    # The private less-represented-in-tech opt-in. Only the restricted topic uses it.
    less_represented: bool = False


@dataclass(frozen=True)
class Topic:
    id: TopicId
    name: str
    # The "identifying as less represented in tech" topic: only opted-in people may
    # be placed in it, and its Mod 4 member is not expected to lead.
    restricted: bool = False


@dataclass(frozen=True)
class Weights:
    """How much each soft goal counts; the objective is minimised.

    Costs are per person (choices), per group (mixing, sizes) or per pair (repeats).
    """

    first_choice: float = 0.0  # no cost for a first choice
    second_choice: float = 3.0
    third_choice: float = 6.0
    later_choice: float = 10.0  # fourth or later, or unranked
    # Two people who met before, per pair: more than anyone's worst topic cost
    # (a later choice), so a repeat is avoided whenever the rules allow it rather
    # than traded for a better topic. Only a leader's topic weighs more.
    repeated_pair: float = 20.0
    module_mix: float = 2.0  # per module missing from a group (up to the modules present)
    program_mix: float = 1.0  # per program missing from a group
    cohort_mix: float = 1.0  # per pair of same-cohort people in a group
    leader_spread: float = 4.0  # per leader beyond one in a group
    size_evenness: float = 1.0  # per person of distance from the mean size
    repeater_spread: float = 3.0  # Homeroom: per repeating student beyond one in a group
    program_balance: float = 1.0  # Homeroom: per person of imbalance between programs
    # Added by the engine: a Mod 4 student placed in a topic other than the one they
    # chose to lead (on top of their ranking cost). More than two repeated pairs and
    # a worst topic together, so a leader gets their topic whenever the hard rules
    # allow; where not, the report says why.
    led_topic_missed: float = 50.0


@dataclass(frozen=True)
class MixItUpProblem:
    people: tuple[Person, ...]
    topics: tuple[Topic, ...]
    min_size: int = 4
    max_size: int = 7
    # Pairs who have met before, keyed by the sorted id pair, with where
    # ("Homeroom 2405-BE", "Mix It Up week 2").
    met_before: Mapping[tuple[PersonId, PersonId], str] = field(default_factory=dict)
    weights: Weights = Weights()
    # Re-runs for absences: these people keep their group number (and its topic).
    keep: Mapping[PersonId, int] = field(default_factory=dict)
    seed: int = 0
    # Added by the engine: the topic a kept group number keeps (group number → topic).
    # Groups not named here get their topic from the solver.
    keep_topics: Mapping[int, TopicId] = field(default_factory=dict)


@dataclass(frozen=True)
class HomeroomProblem:
    """One cohort's Homeroom groups."""

    people: tuple[Person, ...]
    min_size: int = 4
    max_size: int = 6
    met_before: Mapping[tuple[PersonId, PersonId], str] = field(default_factory=dict)
    weights: Weights = Weights()
    seed: int = 0


@dataclass(frozen=True)
class Group:
    number: int  # 1-based; also the video-call breakout room
    members: tuple[PersonId, ...]
    topic: TopicId | None = None  # None for Homeroom
    leaders: tuple[PersonId, ...] = ()


@dataclass(frozen=True)
class RuleCheck:
    """One hard rule, checked: `ok`, and in `detail` what broke or what was relaxed."""

    rule: str
    ok: bool
    detail: str = ""


@dataclass(frozen=True)
class Report:
    rules: tuple[RuleCheck, ...]
    first_choice_rate: float  # of people who ranked any topic
    second_choice_rate: float
    repeated_pairs: tuple[tuple[PersonId, PersonId, str], ...]  # (a, b, where they met)
    modules_per_group: float  # mean distinct modules per group
    programs_per_group: float
    cohorts_per_group: float
    leaders_per_group: Mapping[int, int]  # group number → leaders
    objective: float
    bound: float | None = None  # best lower bound on the objective, when one was had
    notes: tuple[str, ...] = ()  # e.g. "Group 7 has a Mod 3 student instead of Mod 4"

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.rules)

    @property
    def gap_to_bound(self) -> float | None:
        if self.bound is None:
            return None
        if self.objective <= 0:
            return 0.0
        return max(0.0, (self.objective - self.bound) / self.objective)


@dataclass(frozen=True)
class Grouping:
    groups: tuple[Group, ...]
    report: Report


class Infeasible(Exception):
    """The hard rules cannot all hold: `reasons` says exactly which and why."""

    def __init__(self, reasons: list[str]):
        self.reasons = reasons
        super().__init__("; ".join(reasons))
