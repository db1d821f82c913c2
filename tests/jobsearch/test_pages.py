"""A student's pages: start an application, record evidence, companies and
contacts; bad input gets a message next to its field and changes nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careerdev.jobsearch.models import Company, Contact, JobApplication, NegotiationEntry

from . import factories as jf

pytestmark = pytest.mark.django_db


def test_a_student_starts_an_application_at_a_new_company(client, small_school):
    client.force_login(small_school.student_a)
    response = client.post(
        reverse("jobsearch:application_new"),
        {
            "company": "Hooli",
            "title": "Junior developer",
            "posting_url": "https://hooli.example/j/1",
        },
    )
    application = JobApplication.objects.get()
    assert response.url == reverse("jobsearch:application", args=[application.pk])
    assert application.company.name == "Hooli" and application.step_1_done
    # The same company in another case is the same company.
    client.post(reverse("jobsearch:application_new"), {"company": "hooli", "title": "SRE"})
    assert Company.objects.count() == 1


def test_a_posting_link_that_is_not_a_url_is_refused(client, small_school):
    client.force_login(small_school.student_a)
    response = client.post(
        reverse("jobsearch:application_new"),
        {"company": "Hooli", "title": "Junior developer", "posting_url": "see the careers page"},
    )
    assert response.status_code == 400
    assert "Enter a full link, starting with https://." in response.content.decode()
    assert not JobApplication.objects.exists() and not Company.objects.exists()


def test_a_bad_posting_link_in_the_evidence_is_refused_and_nothing_changes(client, small_school):
    application = jf.application(small_school.student_a, steps=1)
    client.force_login(small_school.student_a)
    response = client.post(
        reverse("jobsearch:application", args=[application.pk]),
        {"posting_url": "not a link", "research_notes": "Should not be kept"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    step_1 = html[html.index('id="step-1"') : html.index('id="step-2"')]
    assert "Enter a full link" in step_1
    application.refresh_from_db()
    assert application.posting_url == "https://jobs.example.com/123"
    assert application.research_notes == ""


def test_the_checklist_follows_the_evidence_saved_on_the_page(client, small_school):
    student = small_school.student_a
    application = jf.application(student, steps=2)
    contact = jf.contact(student, application.company)
    client.force_login(student)
    evidence = {
        "posting_url": application.posting_url,
        "research_notes": application.research_notes,
        "contact": contact.pk,
        "outreach_on": "2026-11-02",
        "conversation_on": "2026-11-04",
        "tailored_resume": "https://docs.example.com/r",
        "cover_letter": "Mentions my contact",
        "applied_on": "2026-11-05",
        "told_contact_on": "2026-11-06",
    }
    url = reverse("jobsearch:application", args=[application.pk])
    assert client.post(url, evidence).status_code == 302
    html = client.get(url).content.decode()
    assert "Done: all five steps" in html
    assert html.count('class="step-done"') == 5


def test_contacts_are_added_with_their_company(client, small_school):
    client.force_login(small_school.student_a)
    response = client.post(
        reverse("jobsearch:contacts"),
        {
            "name": "Gavin",
            "role": "CTO",
            "company": "Hooli",
            "email": "gavin@hooli.example",
            "linkedin": "https://www.linkedin.com/in/gavin",
        },
    )
    assert response.status_code == 302
    contact = Contact.objects.select_related("company").get()
    assert contact.company.name == "Hooli" and contact.student == small_school.student_a


def test_a_bad_linkedin_link_is_refused(client, small_school):
    client.force_login(small_school.student_a)
    response = client.post(
        reverse("jobsearch:contacts"), {"name": "Gavin", "linkedin": "linkedin gavin"}
    )
    assert response.status_code == 400
    assert "Enter a full link" in response.content.decode()
    assert not Contact.objects.exists()


def test_adding_a_contact_from_an_application_returns_to_it(client, small_school):
    application = jf.application(small_school.student_a)
    client.force_login(small_school.student_a)
    back = reverse("jobsearch:application", args=[application.pk])
    response = client.post(reverse("jobsearch:contacts"), {"name": "Gavin", "next": back})
    assert response.url == back
    response = client.post(
        reverse("jobsearch:contacts"), {"name": "Gavin 2", "next": "https://evil.example/"}
    )
    assert response.url == reverse("jobsearch:contacts")


def test_a_duplicate_company_name_is_refused_next_to_the_name(client, small_school):
    jf.company(small_school.student_a, name="Hooli")
    client.force_login(small_school.student_a)
    response = client.post(reverse("jobsearch:companies"), {"name": "HOOLI"})
    assert response.status_code == 400
    assert "You already track HOOLI." in response.content.decode()
    assert Company.objects.count() == 1


def test_an_application_can_be_corrected_and_deleted(client, small_school):
    student = small_school.student_a
    application = jf.application(student, jf.company(student, name="Hooly"), steps=2)
    jf.offer(application)
    client.force_login(student)
    client.post(
        reverse("jobsearch:application_change", args=[application.pk]),
        {"company": "Hooli", "title": "Backend developer"},
    )
    application.refresh_from_db()
    assert (application.company.name, application.title) == ("Hooli", "Backend developer")
    response = client.post(reverse("jobsearch:application_delete", args=[application.pk]))
    assert response.url == reverse("jobsearch:board")
    assert not JobApplication.objects.exists()
    assert Company.objects.filter(name="Hooli").exists()


def test_an_empty_title_is_refused_and_nothing_changes(client, small_school):
    application = jf.application(small_school.student_a, title="Backend developer")
    client.force_login(small_school.student_a)
    response = client.post(
        reverse("jobsearch:application_change", args=[application.pk]),
        {"company": "Elsewhere", "title": "  "},
        follow=True,
    )
    assert "Job title: This field is required." in response.content.decode()
    application.refresh_from_db()
    assert application.title == "Backend developer"
    assert not Company.objects.filter(name="Elsewhere").exists()


def test_deleting_a_contact_undoes_the_steps_that_named_them(client, small_school):
    application = jf.application(small_school.student_a, steps=5)
    client.force_login(small_school.student_a)
    client.post(reverse("jobsearch:contact_delete", args=[application.contact_id]))
    application.refresh_from_db()
    assert application.steps == [True, True, False, True, False]


def test_a_company_with_applications_is_not_deleted(client, small_school):
    application = jf.application(small_school.student_a)
    client.force_login(small_school.student_a)
    url = reverse("jobsearch:company_delete", args=[application.company_id])
    response = client.post(url, follow=True)
    assert "has applications: delete or move them first." in response.content.decode()
    assert Company.objects.filter(pk=application.company_id).exists()
    spare = jf.company(small_school.student_a)
    client.post(reverse("jobsearch:company_delete", args=[spare.pk]))
    assert not Company.objects.filter(pk=spare.pk).exists()


def test_the_application_page_queries_do_not_grow_with_contacts_or_negotiation(
    client, small_school
):
    student = small_school.student_a
    application = jf.application(student, steps=5)
    offer = jf.offer(application)
    client.force_login(student)
    url = reverse("jobsearch:application", args=[application.pk])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries()
    for _ in range(5):
        jf.contact(student, application.company)
        jf.company(student)
        NegotiationEntry.objects.create(offer=offer, on=jf.DAY, asked="More")
    assert queries() == few
