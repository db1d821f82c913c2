"""Evidence dates out of order, or not yet come, are refused next to the field
and nothing is stored; the database holds the order rules too."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from careerdev.jobsearch import services
from careerdev.jobsearch.models import JobApplication

from . import factories as jf

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 20)


def refusal(application, **values) -> dict:
    with pytest.raises(ValidationError) as caught:
        services.record_evidence(application, today=TODAY, **values)
    return caught.value.message_dict


def test_conversation_before_outreach_is_refused(small_school):
    application = jf.application(small_school.student_a, steps=2)
    contact = jf.contact(small_school.student_a, application.company)
    errors = refusal(
        application,
        contact=contact,
        outreach_on=dt.date(2026, 11, 10),
        conversation_on=dt.date(2026, 11, 9),
    )
    assert errors == {"conversation_on": ["You can't have talked before you reached out."]}
    application.refresh_from_db()
    assert application.contact is None and application.outreach_on is None


def test_applied_date_in_the_future_is_refused(small_school):
    application = jf.application(small_school.student_a, steps=3)
    errors = refusal(application, applied_on=TODAY + dt.timedelta(days=1))
    assert list(errors) == ["applied_on"]
    assert "has not come yet" in errors["applied_on"][0]
    application.refresh_from_db()
    assert application.applied_on is None


def test_today_is_a_fine_date(small_school):
    application = jf.application(small_school.student_a, steps=3)
    application = services.record_evidence(application, today=TODAY, applied_on=TODAY)
    assert application.applied_on == TODAY


def test_telling_the_contact_before_applying_is_refused(small_school):
    application = jf.application(small_school.student_a, steps=4)
    errors = refusal(application, told_contact_on=application.applied_on - dt.timedelta(days=1))
    assert errors == {"told_contact_on": ["You can't have told your contact before you applied."]}


def test_an_outreach_date_needs_a_contact(small_school):
    application = jf.application(small_school.student_a, steps=2)
    errors = refusal(application, outreach_on=dt.date(2026, 11, 3))
    assert errors == {"contact": ["Choose the contact this date is about."]}


def test_a_contact_at_another_company_is_refused(small_school):
    student = small_school.student_a
    application = jf.application(student, steps=2)
    elsewhere = jf.contact(student, jf.company(student, name="Elsewhere Inc"))
    errors = refusal(application, contact=elsewhere)
    assert "works at Elsewhere Inc" in errors["contact"][0]


def test_another_students_contact_is_refused(small_school):
    application = jf.application(small_school.student_a, steps=2)
    theirs = jf.contact(small_school.student_b)
    assert refusal(application, contact=theirs) == {"contact": ["Choose one of your contacts."]}


def test_the_database_refuses_a_conversation_before_the_outreach(small_school):
    application = jf.application(small_school.student_a, steps=3)
    JobApplication.objects.filter(pk=application.pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        JobApplication.objects.filter(pk=application.pk).update(
            conversation_on=application.outreach_on - dt.timedelta(days=1)
        )


def test_the_page_shows_the_date_error_next_to_the_field_and_changes_nothing(client, small_school):
    student = small_school.student_a
    application = jf.application(student, steps=1)
    contact = jf.contact(student, application.company)
    client.force_login(student)
    response = client.post(
        reverse("jobsearch:application", args=[application.pk]),
        {
            "posting_url": application.posting_url,
            "research_notes": "New notes that must not be saved",
            "contact": contact.pk,
            "outreach_on": "2026-11-10",
            "conversation_on": "2026-11-05",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    step_3 = html[html.index('id="step-3"') : html.index('id="step-4"')]
    assert "You can&#x27;t have talked before you reached out." in step_3
    application.refresh_from_db()
    assert application.research_notes == ""
    assert application.contact is None
