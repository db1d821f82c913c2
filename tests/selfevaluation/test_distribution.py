"""Staff see how a cohort rated itself; a student never does."""

import pytest
from django.urls import reverse

from careerdev.selfevaluation.models import Competency
from careerdev.selfevaluation.selectors import cohort_distribution
from careerdev.selfevaluation.services import submit_self_evaluation

pytestmark = pytest.mark.django_db


def test_the_distribution_counts_each_grade_per_competency(small_school, client):
    term = small_school.term
    submit_self_evaluation(small_school.student_a, term, dict.fromkeys(Competency.values, (2, "")))
    submit_self_evaluation(small_school.student_b, term, dict.fromkeys(Competency.values, (4, "")))
    submit_self_evaluation(
        small_school.other_cohort_student, term, dict.fromkeys(Competency.values, (1, ""))
    )
    be = cohort_distribution(term, small_school.be.pk)
    networking = next(r for r in be if r.competency == "networking")
    assert networking.answered == 2
    assert [s.count for s in networking.shares] == [0, 1, 0, 1]
    assert [s.percent for s in networking.shares] == [0, 50, 0, 50]
    whole = cohort_distribution(term, None)
    assert whole[0].answered == 3

    client.force_login(small_school.staff)
    page = client.get(reverse("selfevaluation:distribution"), {"cohort": small_school.be.pk})
    assert "Networking: Not yet 0, Approaching 1, Meets 0, Exceeds 1" in page.content.decode()
    client.force_login(small_school.student_a)
    assert client.get(reverse("selfevaluation:distribution")).status_code == 403


def test_a_student_sees_their_earlier_self_evaluations(small_school, client):
    import datetime as dt

    from careerdev.school.models import Enrollment
    from tests import factories

    a = small_school.student_a
    # The small school's term is the one running today; the earlier one is not.
    small_school.term.start_date = dt.date.today() - dt.timedelta(days=7)
    small_school.term.save()
    earlier = factories.term(small_school.school, name="Fall 2025", start_date=dt.date(2025, 9, 1))
    Enrollment.objects.create(student=a, term=earlier, cohort=small_school.be, module=3)
    submit_self_evaluation(a, earlier, dict.fromkeys(Competency.values, (2, "First try")))
    client.force_login(a)
    page = client.get(reverse("selfevaluation:mine")).content.decode()
    assert "Fall 2025 · Mod 3" in page and "First try" in page
