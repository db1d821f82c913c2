"""A repeating student for tests: sat Mod 4 last term and rated themself,
repeats it now, and has their plan opened by the service."""

import datetime as dt

from careerdev.repeats import services
from careerdev.repeats.models import RepeatPlan
from careerdev.school.models import Enrollment
from careerdev.selfevaluation.services import submit_self_evaluation
from tests import factories


def repeater(small_school) -> RepeatPlan:
    """Ben repeats Mod 4 now (the term is in its week 2); last term he sat it
    and rated himself lowest on interviewing and negotiations."""
    school = small_school
    today = dt.date.today()
    school.term.start_date = today - dt.timedelta(days=today.weekday() + 7)
    school.term.save()
    first = factories.term(school.school, name="First time", start_date=dt.date(2025, 1, 6))
    Enrollment.objects.create(student=school.student_b, term=first, cohort=school.be, module=4)
    submit_self_evaluation(
        school.student_b,
        first,
        {
            "networking": (3, "Went to meetups."),
            "interviewing": (1, "Froze in the mock."),
            "materials": (4, ""),
            "job_search": (2, ""),
            "negotiations": (1, "Never tried."),
        },
    )
    Enrollment.objects.filter(student=school.student_b, term=school.term).update(repeating=True)
    services.open_plans(school.term)
    return RepeatPlan.objects.get(student=school.student_b, term=school.term)
