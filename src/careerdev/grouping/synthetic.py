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
        if len(members) < 3:
            continue  # too few for a Homeroom group: no history
        # 3 and 7 students do not split into groups of 4-6 (a realistic
        # school's small cohort may have 7): they get a group of 3.
        low = 3 if len(members) in (3, 7) else 4
        grouping = form_homeroom_groups(HomeroomProblem(tuple(members), min_size=low, seed=seed))
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


def realistic_school(
    seed: int,
    n: int | None = None,
    *,
    mod4_share: float | None = None,
    opt_rate: float | None = None,
    mod4_heavy: bool | None = None,
) -> MixItUpProblem:
    """A week-2 Mix It Up round of a school drawn at random within what schools
    really have: 30–400 students (or `n`), Mod 4 10–30% of them, Mod 3 15–35%,
    3–12% opted in (in any module, half the schools with most of them in Mod 4),
    40–90% of those choosing the less-represented topic, skewed topic
    popularity, Homeroom history. For sweeps: the engine must never refuse a
    school whose hard rules can hold."""
    rng = random.Random(f"realistic-school/{seed}")  # nosec B311  # synthetic data, seeded
    n = n if n is not None else rng.randint(30, 400)
    share = {4: rng.uniform(0.10, 0.30), 3: rng.uniform(0.15, 0.35)}
    if mod4_share is not None:
        share[4] = mod4_share
    share[2] = (1 - share[4] - share[3]) * rng.uniform(0.4, 0.6)
    share[1] = 1 - share[4] - share[3] - share[2]
    drawn_rate, drawn_heavy = rng.uniform(0.03, 0.12), rng.random() < 0.5
    opt_rate = drawn_rate if opt_rate is None else opt_rate
    mod4_heavy = drawn_heavy if mod4_heavy is None else mod4_heavy
    chooses = rng.uniform(0.4, 0.9)
    open_topics = [t.id for t in DEFAULT_TOPICS if not t.restricted]
    popularity = [rng.gammavariate(0.8, 1.0) + 0.02 for _ in open_topics]
    programs = ("BE", "FE") if rng.random() < 0.7 else ("BE", "FE", "DS")
    modules = rng.choices((1, 2, 3, 4), [share[m] for m in (1, 2, 3, 4)], k=n)
    people = []
    for i, module in enumerate(modules):
        program = programs[i % len(programs)]
        cohort = f"{2400 + (4 - module) * 2}-{program}-{i % 2 if n > 200 else 0}"
        rate = opt_rate * (2.5 if mod4_heavy and module == 4 else 1.0)
        opted = rng.random() < min(0.5, rate)
        ranking: tuple[str, ...] = ()
        if rng.random() > 0.05:
            weights = list(popularity)
            picked = []
            for _ in range(3):
                k = rng.choices(range(len(open_topics)), weights)[0]
                picked.append(open_topics[k])
                weights[k] = 0.0
            ranking = tuple(picked)
        if opted and ranking and rng.random() < chooses:
            at = 0 if rng.random() < 0.7 else 1
            ranking = (*ranking[:at], "less-represented", *ranking[at:2])
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
    people_t = tuple(people)
    return MixItUpProblem(
        people_t, DEFAULT_TOPICS, met_before=homeroom_history(people_t, seed), seed=seed
    )
