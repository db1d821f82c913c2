"""The group-formation engine for Homeroom and Mix It Up groups.

Pure Python with no Django import (enforced by import-linter), so it can be
tested, benchmarked and reasoned about on its own.

- `form_mix_it_up_groups(problem)` → `Grouping` (groups and a `Report`), or
  `Infeasible(reasons)` when the hard rules cannot all hold.
- `form_homeroom_groups(problem)` → one cohort's Homeroom groups.
- `evaluate_mix_it_up` / `evaluate_homeroom` score any grouping, e.g. after staff
  move a student by hand; they never raise.
- `group_leaders` says who leads a group with given members and topic.
- `random_shuffle` is what schools do today, for the benchmark.

Files, one job each: `instance` (the problem as integer arrays), `plan` (group
count, restricted groups, feasibility), `rules` (hard-rule checks), `scoring`
(the objective and evaluation), `state` (incremental scoring), `construct`,
`search` (annealing and a repair of repeated pairs), `improve` (the pass
after it: chains in which topics follow members, CP-SAT recombining their
groups), `columns` (column generation: a bound that sees repeated pairs, and
the groupings it guides), `leaders` (Mod 4 students' chosen topics, and why
not where not), `exact` (CP-SAT), `bound` (a quick bound and the LP
relaxation of the topic split), `homeroom`, `baseline`.
"""

from .baseline import random_shuffle
from .homeroom import evaluate_homeroom, form_homeroom_groups
from .mix_it_up import form_mix_it_up_groups
from .scoring import evaluate_mix_it_up, group_leaders
from .types import (
    Group,
    Grouping,
    HomeroomProblem,
    Infeasible,
    MixItUpProblem,
    Person,
    PersonId,
    Report,
    RuleCheck,
    Topic,
    TopicId,
    Weights,
)

__all__ = [
    "Group",
    "Grouping",
    "HomeroomProblem",
    "Infeasible",
    "MixItUpProblem",
    "Person",
    "PersonId",
    "Report",
    "RuleCheck",
    "Topic",
    "TopicId",
    "Weights",
    "evaluate_homeroom",
    "evaluate_mix_it_up",
    "form_homeroom_groups",
    "form_mix_it_up_groups",
    "group_leaders",
    "random_shuffle",
]
