"""The 5,000-student school the page benchmarks share (`bench/web.py`,
`bench/load.py`), seeded through the app's own services."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Any

STUDENTS = 5_000


@dataclass
class BenchSchool:
    school: Any
    term: Any
    staff: Any
    mod4_student: Any  # a Mod 4 student: leads, sees the most on their home page
    mix_it_up_round: Any


def seed_school(students: int = STUDENTS) -> BenchSchool:
    """A school whose term is in week 2: `students` students imported from a
    roster (10 cohorts), the programme's deliverables with evidence for some
    (exit tickets from the first 600, self-evaluations from half of those),
    and the term's Homeroom and week-2 Mix It Up groups, formed and published."""
    from roster_import import PROGRAMS, roster_csv

    from careerdev.deliverables import services as deliverables
    from careerdev.groups import services as groups
    from careerdev.people.models import Role, User
    from careerdev.roster.services import import_roster
    from careerdev.school.models import Enrollment, Program, School, Term
    from careerdev.selfevaluation.models import Competency
    from careerdev.selfevaluation.services import submit_self_evaluation

    school = School.objects.create(name="Bench School")
    for code in PROGRAMS:
        Program.objects.create(school=school, code=code, name=code)
    today = dt.date.today()
    start = today - dt.timedelta(days=today.weekday() + 7)  # today is in week 2
    term = Term.objects.create(school=school, name="Bench Term", start_date=start)
    preview = import_roster(school, term, roster_csv(students), "bench.csv")
    assert preview.imported, preview.errors[:3]
    staff = User.objects.create_user(
        email="staff@bench.test", password="x", role=Role.STAFF, school=school
    )
    deliverables.ensure_default_deliverables(term)
    enrollments = list(
        Enrollment.objects.filter(term=term).select_related("student").order_by("student_id")
    )
    for i, e in enumerate(enrollments[:600]):
        deliverables.submit_exit_ticket(e.student, term, learned="x", will_ask="y")
        if i % 2 == 0:
            submit_self_evaluation(e.student, term, dict.fromkeys(Competency.values, (3, "")))
    started = time.perf_counter()
    groups.ensure_default_topics(term)
    groups.publish(groups.form_homerooms(term, by=staff))
    mix = groups.form_mix_it_up(term, 2, by=staff)
    groups.publish(mix)
    print(f"groups formed and published in {time.perf_counter() - started:.1f} s")
    mod4 = next(e.student for e in enrollments if e.module == 4)
    return BenchSchool(school, term, staff, mod4, mix)
