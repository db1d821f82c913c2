"""Homeroom: repeating students spread evenly even when there are more of
them than groups (a large cohort), so the groups can be published."""

from careerdev.grouping import HomeroomProblem, Person, form_homeroom_groups


def test_more_repeaters_than_groups_are_spread_two_at_most():
    people = tuple(
        Person(
            id=i, cohort="2401-BE", program="BE" if i % 2 else "FE", module=4, repeating=i % 4 == 0
        )  # fmt: skip
        for i in range(500)
    )
    grouping = form_homeroom_groups(HomeroomProblem(people, seed=3))
    assert grouping.report.ok, [r for r in grouping.report.rules if not r.ok]
    repeaters = {p.id for p in people if p.repeating}
    assert max(len(repeaters & set(g.members)) for g in grouping.groups) == 2
