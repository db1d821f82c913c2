"""Early graduation pages: the student's page and request, staff's list, tick
and decision; privacy (another student and another school's staff 404,
volunteers 403); bad input shown next to its field, changing nothing."""

import pytest
from django.urls import reverse

from careerdev.graduation.models import EarlyGraduationRequest, RequestStatus
from tests import factories

from .conftest import signed_offer, take_attendance
from .factories import open_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def anas_request(small_school):
    ana = small_school.student_a
    signed_offer(ana, title="Platform engineer", base_salary=91_000)
    return open_request(ana, small_school.term)


def _urls(r) -> list[tuple[str, str]]:
    return [
        ("get", reverse("graduation:detail", args=[r.pk])),
        ("post", reverse("graduation:plan", args=[r.pk])),
        ("post", reverse("graduation:first_project", args=[r.pk])),
        ("post", reverse("graduation:decide", args=[r.pk])),
    ]


def test_student_page_shows_offer_conditions_and_state(client, small_school, anas_request):
    client.force_login(small_school.student_a)
    page = client.get(reverse("graduation:mine")).content.decode()
    assert "Platform engineer" in page and "91000" in page
    assert "Attendance above 80% in weeks 1–3" in page
    assert "No attendance has been taken" in page
    assert "Pending" in page


def test_student_without_signed_offer_sees_why_and_cannot_request(client, small_school):
    client.force_login(small_school.student_b)
    page = client.get(reverse("graduation:mine")).content.decode()
    assert "needs a signed offer" in page
    response = client.post(reverse("graduation:mine"), {"plan_text": "A plan"})
    assert response.status_code == 400
    assert "signed offer" in response.content.decode()
    assert not EarlyGraduationRequest.objects.exists()


def test_student_requests_with_a_plan(client, small_school):
    ana = small_school.student_a
    signed_offer(ana)
    client.force_login(ana)
    response = client.post(
        reverse("graduation:mine"), {"plan_text": "", "plan_url": "https://docs.example.com/p"}
    )
    assert response.status_code == 302
    r = EarlyGraduationRequest.objects.get()
    assert r.plan_url == "https://docs.example.com/p" and r.plan_submitted_at


def test_empty_plan_is_refused_next_to_the_field(client, small_school, anas_request):
    client.force_login(small_school.student_a)
    response = client.post(
        reverse("graduation:plan", args=[anas_request.pk]), {"plan_text": " ", "plan_url": ""}
    )
    assert response.status_code == 400
    assert "Write your 30/60/90-day plan" in response.content.decode()
    anas_request.refresh_from_db()
    assert anas_request.plan_submitted_at is None


def test_not_a_link_is_refused_and_the_text_kept(client, small_school, anas_request):
    client.force_login(small_school.student_a)
    response = client.post(
        reverse("graduation:plan", args=[anas_request.pk]),
        {"plan_text": "Learn the stack", "plan_url": "see my notes"},
    )
    assert response.status_code == 400
    assert "That is not a link" in response.content.decode()
    anas_request.refresh_from_db()
    assert anas_request.plan_text == "" and anas_request.plan_submitted_at is None


def test_staff_list_shows_pending_first_with_conditions(client, small_school, anas_request):
    ben = small_school.student_b
    signed_offer(ben)
    from careerdev.graduation import services

    services.decline(open_request(ben, small_school.term), small_school.staff, "Not yet.")
    client.force_login(small_school.staff)
    page = client.get(reverse("graduation:staff_list")).content.decode()
    assert page.index(small_school.student_a.last_name) < page.index(ben.last_name)
    assert "Portfolio complete" in page


def test_staff_tick_then_approval_refused_with_the_reason(client, small_school, anas_request):
    client.force_login(small_school.staff)
    tick = client.post(
        reverse("graduation:first_project", args=[anas_request.pk]), {"finished": "on"}
    )
    assert tick.status_code == 302
    anas_request.refresh_from_db()
    assert anas_request.first_project_finished
    response = client.post(
        reverse("graduation:decide", args=[anas_request.pk]), {"decision": "approve", "note": ""}
    )
    assert response.status_code == 400
    assert "Cannot approve yet" in response.content.decode()
    anas_request.refresh_from_db()
    assert anas_request.status == RequestStatus.PENDING


def test_staff_decline_with_note_is_shown_to_the_student(client, small_school, anas_request):
    client.force_login(small_school.staff)
    client.post(
        reverse("graduation:decide", args=[anas_request.pk]),
        {"decision": "decline", "note": "Attendance first, please."},
    )
    anas_request.refresh_from_db()
    assert anas_request.status == RequestStatus.DECLINED
    assert anas_request.decided_by == small_school.staff
    client.force_login(small_school.student_a)
    page = client.get(reverse("graduation:mine")).content.decode()
    assert "Declined" in page and "Attendance first, please." in page


def test_full_approval_through_the_pages(client, small_school):
    from tests.portfolios import factories as pf

    ana = small_school.student_a
    signed_offer(ana)
    take_attendance(small_school.term, ana, present=5, of=6)
    pf.portfolio(ana)
    r = open_request(ana, small_school.term, plan_text="30: learn; 60: ship; 90: own.")
    client.force_login(small_school.staff)
    client.post(reverse("graduation:first_project", args=[r.pk]), {"finished": "on"})
    response = client.post(
        reverse("graduation:decide", args=[r.pk]), {"decision": "approve", "note": "Well done"}
    )
    assert response.status_code == 302
    r.refresh_from_db()
    assert r.status == RequestStatus.APPROVED and r.decision_note == "Well done"


def test_another_student_gets_404_and_changes_nothing(client, small_school, anas_request):
    client.force_login(small_school.student_b)
    for method, url in _urls(anas_request):
        assert getattr(client, method)(url, {"plan_text": "x"}).status_code == 404, url
    anas_request.refresh_from_db()
    assert anas_request.plan_text == ""


def test_volunteer_gets_403(client, small_school, anas_request):
    client.force_login(small_school.volunteer)
    for method, url in [
        *_urls(anas_request),
        ("get", reverse("graduation:mine")),
        ("get", reverse("graduation:staff_list")),
    ]:
        assert getattr(client, method)(url).status_code == 403, url


def test_staff_of_another_school_gets_404(client, small_school, anas_request):
    other = factories.staff(factories.school(name="Other School"))
    client.force_login(other)
    plan_url = reverse("graduation:plan", args=[anas_request.pk])
    for method, url in _urls(anas_request):
        expected = 403 if url == plan_url else 404  # staff never submit plans
        response = getattr(client, method)(url, {"decision": "decline", "note": "x"})
        assert response.status_code == expected, url
    page = client.get(reverse("graduation:staff_list")).content.decode()
    assert small_school.student_a.last_name not in page
    anas_request.refresh_from_db()
    assert anas_request.is_open


def test_student_cannot_tick_or_decide_their_own(client, small_school, anas_request):
    client.force_login(small_school.student_a)
    assert (
        client.post(
            reverse("graduation:first_project", args=[anas_request.pk]), {"finished": "on"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("graduation:decide", args=[anas_request.pk]), {"decision": "approve"}
        ).status_code
        == 403
    )
    anas_request.refresh_from_db()
    assert not anas_request.first_project_finished and anas_request.is_open


def test_a_second_request_while_one_is_open_is_refused_clearly(client, small_school, anas_request):
    client.force_login(small_school.student_a)
    response = client.post(reverse("graduation:mine"), {"plan_text": "Again"})
    assert response.status_code == 400
    assert "already have an early graduation request open" in response.content.decode()
    assert EarlyGraduationRequest.objects.count() == 1


def test_student_sees_their_own_request_without_staff_controls(client, small_school, anas_request):
    client.force_login(small_school.student_a)
    response = client.get(reverse("graduation:detail", args=[anas_request.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Platform engineer" in page
    assert reverse("graduation:decide", args=[anas_request.pk]) not in page


def test_staff_detail_shows_plan_and_controls(client, small_school, anas_request):
    from careerdev.graduation import services

    services.submit_plan(anas_request, "Days 1–30: listen.", "https://docs.example.com/plan")
    client.force_login(small_school.staff)
    page = client.get(reverse("graduation:detail", args=[anas_request.pk])).content.decode()
    assert "Days 1–30: listen." in page and "https://docs.example.com/plan" in page
    assert reverse("graduation:decide", args=[anas_request.pk]) in page
