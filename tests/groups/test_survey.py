"""The topic survey: students rank topics; the opt-in lives on the profile."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from careerdev.groups import services
from careerdev.groups.models import SurveyResponse
from careerdev.people.models import StudentProfile

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_term(small_school):
    topics = services.ensure_default_topics(small_school.term)
    services.open_survey(small_school.term)
    return small_school, topics


def test_ranking_the_restricted_topic_needs_the_opt_in(open_term):
    school, topics = open_term
    restricted = next(t for t in topics if t.is_restricted)
    with pytest.raises(ValidationError):
        services.answer_survey(
            school.student_b,
            school.term,
            ranking=[restricted],
            industry_interest="",
            opt_in=False,
            leads_topic=None,
        )
    assert not SurveyResponse.objects.exists()


def test_the_opt_in_is_saved_on_the_profile_not_the_response(open_term):
    school, topics = open_term
    services.answer_survey(
        school.student_b,
        school.term,
        ranking=[topics[0]],
        industry_interest="games",
        opt_in=True,
        leads_topic=None,
    )
    assert StudentProfile.objects.get(user=school.student_b).less_represented_opt_in


def test_only_mod_4_students_lead_a_topic(open_term):
    school, topics = open_term
    with pytest.raises(ValidationError):
        services.answer_survey(
            school.other_cohort_student,
            school.term,
            ranking=[topics[0]],
            industry_interest="",
            opt_in=False,
            leads_topic=topics[0],
        )


def test_a_closed_survey_takes_no_answers(open_term):
    school, topics = open_term
    services.close_survey(school.term)
    with pytest.raises(ValidationError):
        services.answer_survey(
            school.student_a,
            school.term,
            ranking=[topics[0]],
            industry_interest="",
            opt_in=False,
            leads_topic=None,
        )


def test_student_answers_the_survey_in_the_browser_form(client, open_term):
    school, topics = open_term
    client.force_login(school.student_a)
    page = client.get(reverse("groups:survey"))
    body = page.content.decode()
    assert "The topic I will lead" in body  # Ana is in Mod 4
    assert "checked" in body  # her opt-in is pre-filled from her profile
    response = client.post(
        reverse("groups:survey"),
        {
            "choice_1": topics[1].pk,
            "choice_2": topics[0].pk,
            "opt_in": "on",
            "leads_topic": topics[1].pk,
        },
    )
    assert response.status_code == 302
    answer = SurveyResponse.objects.get(student=school.student_a)
    assert answer.ranking == [topics[1].pk, topics[0].pk]
    assert answer.leads_topic == topics[1]


def test_the_same_topic_twice_is_refused_next_to_the_form(client, open_term):
    school, topics = open_term
    client.force_login(school.student_b)
    response = client.post(
        reverse("groups:survey"), {"choice_1": topics[1].pk, "choice_2": topics[1].pk}
    )
    assert response.status_code == 200
    assert "at most once" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_staff_rename_a_topic_and_a_taken_name_is_refused(client, open_term):
    school, topics = open_term
    client.force_login(school.staff)
    url = reverse("groups:topics")
    networking, interviewing = topics[0], topics[1]
    client.post(
        url,
        {
            "term": school.term.pk,
            "topic": networking.pk,
            "action": "rename",
            "name": "Networking 101",
        },
    )
    networking.refresh_from_db()
    assert networking.name == "Networking 101"
    page = client.post(
        url,
        {
            "term": school.term.pk,
            "topic": interviewing.pk,
            "action": "rename",
            "name": "networking 101",
        },
        follow=True,
    )
    assert "There is already a topic called networking 101." in page.content.decode()
    interviewing.refresh_from_db()
    assert interviewing.name == "Interviewing"


def test_staff_close_and_reopen_the_survey_and_see_who_answered(client, open_term):
    school, topics = open_term
    services.answer_survey(
        school.student_a,
        school.term,
        ranking=[topics[0]],
        industry_interest="",
        opt_in=True,
        leads_topic=None,
    )
    client.force_login(school.staff)
    page = client.get(reverse("groups:term")).content.decode()
    assert "1 of 3" in page
    assert "2 not answered yet" in page
    client.post(reverse("groups:topics"), {"term": school.term.pk, "action": "close"})
    client.force_login(school.student_b)
    assert "not open right now" in client.get(reverse("groups:survey")).content.decode()


def test_the_survey_status_lists_only_the_first_who_have_not_answered(
    client, open_term, monkeypatch, django_assert_max_num_queries
):
    from careerdev.groups import selectors
    from tests import factories

    school, topics = open_term
    monkeypatch.setattr(selectors, "UNANSWERED_SHOWN", 2)
    for _ in range(5):
        factories.enroll(factories.student(school.school), school.term, school.be, module=1)
    status = selectors.survey_status(school.term)
    assert (status.students, status.answered, status.unanswered_count) == (8, 0, 8)
    assert len(status.unanswered) == 2
    client.force_login(school.staff)
    page = client.get(reverse("groups:term")).content.decode()
    assert "8 not answered yet" in page and "the first 2 are listed" in page
