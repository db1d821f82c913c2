"""Seeded synthetic terms, for the tests and the benchmark (and demo data).

A term of n students: cohorts of about 30 over four modules (so about a quarter
are in Mod 4), two or three programs, skewed topic preferences over the seven
default topics, about 6.5% opted in to the less-represented topic, Homeroom
history (formed per cohort by `form_homeroom_groups`) and, optionally, a week-2
Mix It Up round whose pairs count as met before week 4.
"""

from __future__ import annotations

import random

from .homeroom import form_homeroom_groups
from .types import HomeroomProblem, MixItUpProblem, Person, Topic

DEFAULT_TOPICS = (
    Topic("networking", "Networking"),
    Topic("interviewing", "Interviewing"),
    Topic("materials", "Materials"),
    Topic("job-search", "Job Search Strategies"),
    Topic("negotiations", "Negotiations"),
    Topic("industry", "Industry interest"),
    Topic("less-represented", "Identifying as less represented in tech", restricted=True),
)
# How often each open topic is someone's first pick: skewed, as surveys are.
_POPULARITY = (0.30, 0.25, 0.16, 0.12, 0.09, 0.08)


def _ranking(rng: random.Random, k: int = 3) -> tuple[str, ...]:
    open_topics = [t.id for t in DEFAULT_TOPICS if not t.restricted]
    weights = list(_POPULARITY)
    out = []
    for _ in range(k):
        t = rng.choices(range(len(open_topics)), weights)[0]
        out.append(open_topics[t])
        weights[t] = 0.0
    return tuple(out)


def synthetic_people(n: int, seed: int = 0) -> tuple[Person, ...]:
    """n students in cohorts of about 30 (at least one cohort per module)."""
    rng = random.Random(seed)  # nosec B311  # synthetic test data, seeded
    programs = ("BE", "FE", "DS") if n >= 300 else ("BE", "FE")
    n_cohorts = max(4, round(n / 30))
    cohorts = []
    for c in range(n_cohorts):
        module = 4 - c % 4
        program = programs[(c // 4) % len(programs)] if n_cohorts > 4 else programs[c % 2]
        start = 2400 + (4 - module) * 2 + c // 4  # earlier starts are further along
        cohorts.append((f"{start}-{program}-{c}", program, module))
    people = []
    for i in range(n):
        cohort, program, module = cohorts[i % n_cohorts]
        opted = rng.random() < 0.065
        ranking = _ranking(rng) if rng.random() > 0.05 else ()
        if opted and ranking and rng.random() < 0.6:
            ranking = ("less-represented", *ranking[:2])
        open_ranked = [t for t in ranking if t != "less-represented"]
        leads = open_ranked[0] if module == 4 and open_ranked and rng.random() < 0.8 else None
        people.append(
            Person(
                id=i + 1,
                cohort=cohort,
                program=program,
                module=module,
                repeating=module == 4 and rng.random() < 0.04,
                topic_ranking=ranking,
                leads_topic=leads,
                less_represented=opted,
            )
        )
    return tuple(people)


def homeroom_history(people: tuple[Person, ...], seed: int = 0) -> dict[tuple[int, int], str]:
    """Pairs who share a Homeroom group, each cohort formed by the engine."""
    met: dict[tuple[int, int], str] = {}
    by_cohort: dict[str, list[Person]] = {}
    for p in people:
        by_cohort.setdefault(p.cohort, []).append(p)
    for cohort, members in sorted(by_cohort.items()):
        grouping = form_homeroom_groups(HomeroomProblem(tuple(members), seed=seed))
        for g in grouping.groups:
            for a in g.members:
                for b in g.members:
                    if a < b:
                        met[(a, b)] = f"Homeroom {cohort} group {g.number}"
    return met


def synthetic_term(n: int, seed: int = 0, *, week_two: bool = True) -> MixItUpProblem:
    """The week-4 Mix It Up problem of a synthetic term (week 2 already held)."""
    from .mix_it_up import form_mix_it_up_groups  # the week-2 round uses the engine

    people = synthetic_people(n, seed)
    met = homeroom_history(people, seed)
    problem = MixItUpProblem(people, DEFAULT_TOPICS, met_before=met, seed=seed)
    if week_two:
        week2 = form_mix_it_up_groups(problem, exact=False)
        for g in week2.groups:
            for a in g.members:
                for b in g.members:
                    if a < b:
                        met.setdefault((a, b), f"Mix It Up week 2 group {g.number}")
        problem = MixItUpProblem(people, DEFAULT_TOPICS, met_before=met, seed=seed + 1)
    return problem
