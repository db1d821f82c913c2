"""A term's student body for forming groups: two programs, four modules,
cohorts of eight, survey answers, and a few opted in."""

from dataclasses import dataclass

import pytest

from careerdev.groups import services
from careerdev.groups.models import MixItUpTopic
from careerdev.people.models import User
from careerdev.school.models import Term
from tests import factories


@dataclass
class StudentBody:
    term: Term
    staff: User
    students: list[User]
    topics: list[MixItUpTopic]
    opted_in: list[User]

    def topic(self, name: str) -> MixItUpTopic:
        return next(t for t in self.topics if t.name == name)


@pytest.fixture
def student_body(small_school) -> StudentBody:
    """Adds 32 students (4 modules × 2 programs × 4) to the small school's
    term, with the default topics, an open survey and everyone's answers."""
    school, term = small_school.school, small_school.term
    programs = {c.program.code: c.program for c in (small_school.be, small_school.fe)}
    topics = services.ensure_default_topics(term)
    services.open_survey(term)
    standard = [t for t in topics if not t.is_restricted]
    restricted = next(t for t in topics if t.is_restricted)
    students, opted = [], []
    cohorts = {}
    for module in (1, 2, 3, 4):
        for code, program in programs.items():
            cohort = cohorts.setdefault(
                (module, code), factories.cohort(program, f"26{10 - module:02d}-{code}")
            )
            for i in range(4):
                opt_in = i == 0 and module in (2, 4)
                s = factories.student(school, opt_in=opt_in)
                factories.enroll(s, term, cohort, module=module)
                first = standard[(i + module) % len(standard)]
                second = standard[(i + module + 1) % len(standard)]
                ranking = [restricted, first] if opt_in else [first, second]
                services.answer_survey(
                    s,
                    term,
                    ranking=ranking,
                    industry_interest="",
                    opt_in=opt_in,
                    leads_topic=first if module == 4 else None,
                )
                students.append(s)
                if opt_in:
                    opted.append(s)
    # The small school's own three students answer too.
    for s in (small_school.student_a, small_school.student_b, small_school.other_cohort_student):
        services.answer_survey(
            s, term, ranking=[standard[0]], industry_interest="", opt_in=False, leads_topic=None
        )
        students.append(s)
    return StudentBody(term, small_school.staff, students, list(topics), opted)


@pytest.fixture
def published_week_2(student_body, monkeypatch):
    round_ = services.form_mix_it_up(student_body.term, 2, by=student_body.staff)
    services.publish(round_)
    # Make "the next PD session" week 2 of the fixture's term, whatever today is.
    from careerdev.school.models import Term

    monkeypatch.setattr(Term, "next_pd_week", lambda self, now: self.week(2), raising=True)
    return round_
