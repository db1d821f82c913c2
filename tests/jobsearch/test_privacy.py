"""A student's tracker is theirs alone: another student gets 404 on every
tracker URL with its ids, and changes nothing; staff see counts per student,
never notes or contacts, in a number of queries that does not grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careerdev.jobsearch.models import Company, Contact, JobApplication, NegotiationEntry, Offer
from tests import factories

from . import factories as jf

pytestmark = pytest.mark.django_db

SECRET_NOTES = "Hiring manager seemed stressed"


@pytest.fixture
def anas_tracker(small_school):
    ana = small_school.student_a
    company = jf.company(ana, name="Initech", notes="Layoffs last year")
    contact = jf.contact(
        ana, company, name="Peter Gibbons", email="peter@initech.example", notes=SECRET_NOTES
    )
    application = jf.application(
        ana, company, steps=5, contact=contact, research_notes="TPS reports culture"
    )
    offer = jf.offer(application, base_salary=77_777)
    NegotiationEntry.objects.create(offer=offer, on=jf.DAY, asked="A stapler")
    return {"company": company, "contact": contact, "application": application, "offer": offer}


def tracker_urls(t) -> list[str]:
    app, offer = t["application"].pk, t["offer"].pk
    return [
        reverse("jobsearch:application", args=[app]),
        reverse("jobsearch:move", args=[app]),
        reverse("jobsearch:application_change", args=[app]),
        reverse("jobsearch:application_delete", args=[app]),
        reverse("jobsearch:offer", args=[app]),
        reverse("jobsearch:negotiation_add", args=[offer]),
        reverse("jobsearch:offer_decision", args=[offer]),
        reverse("jobsearch:company", args=[t["company"].pk]),
        reverse("jobsearch:company_delete", args=[t["company"].pk]),
        reverse("jobsearch:contact", args=[t["contact"].pk]),
        reverse("jobsearch:contact_delete", args=[t["contact"].pk]),
    ]


POST_ONLY = ("/move/", "/negotiation/", "/decision/", "/change/", "/delete/")


def snapshot():
    return [
        list(model.objects.order_by("pk").values())
        for model in (Company, Contact, JobApplication, Offer, NegotiationEntry)
    ]


def test_another_student_gets_404_on_every_tracker_url(client, small_school, anas_tracker):
    before = snapshot()
    client.force_login(small_school.student_b)
    form = {
        "status": "rejected",
        "name": "Mine now",
        "base_salary": "1",
        "on": "2026-11-01",
        "asked": "x",
        "posting_url": "https://evil.example",
    }
    for url in tracker_urls(anas_tracker):
        if not url.endswith(POST_ONLY):
            assert client.get(url).status_code == 404, url
        assert client.post(url, form).status_code == 404, url
        assert client.post(url, form, HTTP_HX_REQUEST="true").status_code == 404, url
    assert snapshot() == before


def test_another_students_own_pages_show_nothing_of_anas(client, small_school, anas_tracker):
    client.force_login(small_school.student_b)
    for name in ("board", "companies", "contacts", "offers"):
        html = client.get(reverse(f"jobsearch:{name}")).content.decode()
        for secret in ("Initech", "Peter Gibbons", "77,777", SECRET_NOTES):
            assert secret not in html, (name, secret)


def test_staff_see_the_summary_but_no_notes_or_contacts(client, small_school, anas_tracker):
    client.force_login(small_school.staff)
    response = client.get(reverse("jobsearch:staff_summary"))
    html = response.content.decode()
    assert response.status_code == 200
    row = html[html.index("Ana Able") :]
    row = row[: row.index("</tr>")]
    # One application, in "interested"; five steps done; one offer.
    assert "<td>1</td>" in row and "done" in row
    assert "2405-BE" in row and "Mod 4" in row
    for secret in (
        "Initech",
        "Peter Gibbons",
        "peter@initech",
        SECRET_NOTES,
        "TPS reports",
        "Layoffs",
        "77777",
        "77,777",
        "A stapler",
    ):
        assert secret not in html, secret


def test_staff_cannot_open_a_students_tracker_pages(client, small_school, anas_tracker):
    client.force_login(small_school.staff)
    for url in tracker_urls(anas_tracker):
        assert client.get(url).status_code in (403, 405), url
    assert client.get(reverse("jobsearch:board")).url == reverse("jobsearch:staff_summary")


def test_staff_of_another_school_do_not_see_these_students(client, small_school, anas_tracker):
    other = factories.school(name="Elsewhere Academy")
    client.force_login(factories.staff(other))
    html = client.get(reverse("jobsearch:staff_summary")).content.decode()
    assert "Ana Able" not in html


def test_students_and_volunteers_may_not_see_the_summary(client, small_school):
    for user in (small_school.student_a, small_school.volunteer):
        client.force_login(user)
        assert client.get(reverse("jobsearch:staff_summary")).status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client, small_school, anas_tracker):
    for url in [reverse("jobsearch:board"), *tracker_urls(anas_tracker)]:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response.url, url


def _summary_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("jobsearch:staff_summary")).status_code == 200
    return len(queries)


def test_staff_summary_queries_do_not_grow_with_students_or_applications(client, small_school):
    client.force_login(small_school.staff)
    jf.offer(jf.application(small_school.student_a, steps=5))
    few = _summary_queries(client)
    for i in range(8):
        student = factories.student(small_school.school, profile={"preferred_name": f"P{i}"})
        if i % 2:
            factories.enroll(student, small_school.term, small_school.fe, module=4)
        for steps in range(i % 4):
            jf.offer(jf.application(student, steps=steps + 2))
    assert _summary_queries(client) == few
