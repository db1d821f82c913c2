"""Offers on applications, their side-by-side comparison, and the
negotiation log; bad values are refused next to the field."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careerdev.jobsearch import services
from careerdev.jobsearch.models import NegotiationEntry, Offer, Status
from careerdev.jobsearch.selectors import offers_of

from . import factories as jf

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 20)


def test_recording_an_offer_moves_the_application_to_offer(small_school):
    application = jf.application(small_school.student_a, status=Status.INTERVIEWING)
    offer = services.save_offer(
        application,
        today=TODAY,
        base_salary=85_000,
        bonus=5_000,
        pto_days=20,
        decision_deadline=TODAY + dt.timedelta(days=7),
        start_date=dt.date(2027, 1, 4),
    )
    application.refresh_from_db()
    assert application.status == Status.OFFER
    assert offer.total_cash == 90_000


def test_offers_compare_side_by_side(client, small_school):
    student = small_school.student_a
    acme = jf.application(student, jf.company(student, name="Acme"))
    globex = jf.application(student, jf.company(student, name="Globex"))
    jf.offer(acme, base_salary=81_000, bonus=2_000, pto_days=15, equity="0.1% over 4 years")
    jf.offer(globex, base_salary=93_500, pto_days=25, benefits="Health, dental")
    jf.offer(jf.application(small_school.student_b), base_salary=123_456)
    client.force_login(student)
    html = client.get(reverse("jobsearch:offers")).content.decode()
    table = html[html.index('id="offers-comparison"') :]
    assert table.index("Acme") < table.index("Globex")
    for shown in (
        "81,000",
        "93,500",
        "83,000",
        "15 days",
        "25 days",
        "0.1% over 4 years",
        "Health",
    ):
        assert shown in table
    assert "123,456" not in html and "123456" not in html
    assert [o.application_id for o in offers_of(student)] == [acme.pk, globex.pk]


def test_offer_comparison_queries_do_not_grow_with_offers(client, small_school):
    student = small_school.student_a
    client.force_login(student)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("jobsearch:offers"))
        return len(captured)

    first = jf.offer(jf.application(student))
    NegotiationEntry.objects.create(offer=first, on=TODAY, asked="More")
    few = queries()
    for _ in range(4):
        offer = jf.offer(jf.application(student))
        NegotiationEntry.objects.create(offer=offer, on=TODAY, asked="PTO")
    assert queries() == few


def test_a_negative_salary_is_refused_on_the_page_and_nothing_is_saved(client, small_school):
    application = jf.application(small_school.student_a)
    client.force_login(small_school.student_a)
    response = client.post(
        reverse("jobsearch:offer", args=[application.pk]), {"base_salary": "-5", "bonus": "0"}
    )
    assert response.status_code == 400
    assert "This can&#x27;t be negative." in response.content.decode()
    assert not Offer.objects.exists()
    application.refresh_from_db()
    assert application.status == Status.INTERESTED


def test_a_decision_deadline_before_today_is_refused(small_school):
    application = jf.application(small_school.student_a)
    with pytest.raises(ValidationError) as caught:
        services.save_offer(
            application,
            today=TODAY,
            base_salary=80_000,
            decision_deadline=TODAY - dt.timedelta(days=1),
        )
    assert caught.value.message_dict == {
        "decision_deadline": ["The decision deadline can't be before today."]
    }
    assert not Offer.objects.exists()


def test_a_passed_deadline_may_stay_when_the_offer_is_edited(small_school):
    application = jf.application(small_school.student_a)
    jf.offer(application, decision_deadline=TODAY - dt.timedelta(days=3))
    offer = services.save_offer(
        application,
        today=TODAY,
        base_salary=90_000,
        decision_deadline=TODAY - dt.timedelta(days=3),
    )
    assert offer.base_salary == 90_000


def test_a_start_date_before_the_deadline_is_refused(small_school):
    application = jf.application(small_school.student_a)
    with pytest.raises(ValidationError) as caught:
        services.save_offer(
            application,
            today=TODAY,
            base_salary=80_000,
            decision_deadline=TODAY + dt.timedelta(days=10),
            start_date=TODAY + dt.timedelta(days=9),
        )
    assert list(caught.value.message_dict) == ["start_date"]


def test_negotiation_is_logged_on_the_offer_page(client, small_school):
    application = jf.application(small_school.student_a)
    offer = jf.offer(application)
    client.force_login(small_school.student_a)
    response = client.post(
        reverse("jobsearch:negotiation_add", args=[offer.pk]),
        {"on": "2026-11-10", "asked": "Base 90,000", "got": "Base 86,000 and a signing bonus"},
    )
    assert response.status_code == 302
    html = client.get(reverse("jobsearch:offer", args=[application.pk])).content.decode()
    assert "Base 90,000" in html and "Base 86,000 and a signing bonus" in html


def test_a_negotiation_dated_in_the_future_is_refused(client, small_school):
    offer = jf.offer(jf.application(small_school.student_a))
    client.force_login(small_school.student_a)
    response = client.post(
        reverse("jobsearch:negotiation_add", args=[offer.pk]),
        {"on": "2099-01-01", "asked": "More"},
    )
    assert response.status_code == 400
    assert "log a negotiation once it has happened" in response.content.decode()
    assert not NegotiationEntry.objects.exists()


def test_signing_an_offer_is_recorded_with_its_day(client, small_school):
    application = jf.application(small_school.student_a)
    offer = jf.offer(application)
    client.force_login(small_school.student_a)
    url = reverse("jobsearch:offer_decision", args=[offer.pk])
    response = client.post(url, {"decision": "accepted"})
    assert response.status_code == 400
    assert "Give the day you decided." in response.content.decode()
    offer.refresh_from_db()
    assert offer.decision == "pending" and not offer.is_signed
    assert client.post(url, {"decision": "accepted", "decided_on": "2026-11-10"}).status_code == 302
    (signed,) = offers_of(small_school.student_a)
    assert signed.is_signed and signed.decided_on == dt.date(2026, 11, 10)
    html = client.get(reverse("jobsearch:offers")).content.decode()
    assert "Accepted and signed (Nov. 10, 2026)" in html


def test_a_decision_dated_in_the_future_is_refused(small_school):
    offer = jf.offer(jf.application(small_school.student_a))
    with pytest.raises(ValidationError):
        services.decide_offer(
            offer, decision="declined", decided_on=TODAY + dt.timedelta(days=1), today=TODAY
        )
    offer.refresh_from_db()
    assert offer.decision == "pending"


def test_back_to_still_deciding_clears_the_day(small_school):
    offer = jf.offer(jf.application(small_school.student_a))
    services.decide_offer(offer, decision="declined", decided_on=TODAY, today=TODAY)
    offer = services.decide_offer(offer, decision="pending", decided_on=TODAY, today=TODAY)
    assert offer.decided_on is None
