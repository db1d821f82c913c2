"""Early graduation rules: the 80% boundary with attendance taken through the
sessions app, a signed offer needed to ask, approval refused while any
condition fails, and the staff tick."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from careerdev.graduation import selectors, services
from careerdev.graduation.models import EarlyGraduationRequest, RequestStatus
from careerdev.jobsearch.models import Decision
from tests.jobsearch import factories as jf
from tests.portfolios import factories as pf

from .conftest import signed_offer, take_attendance
from .factories import open_request

pytestmark = pytest.mark.django_db


def _met(request_, key):
    return next(c for c in selectors.conditions_for(request_) if c.key == key)


def test_exactly_eighty_percent_attendance_is_not_enough(small_school):
    ana, term = small_school.student_a, small_school.term
    signed_offer(ana)
    take_attendance(term, ana, present=4, of=5)
    condition = _met(open_request(ana, term), "attendance")
    assert not condition.met
    assert "80%" in condition.detail


def test_five_of_six_is_above_eighty_percent(small_school):
    ana, term = small_school.student_a, small_school.term
    signed_offer(ana)
    take_attendance(term, ana, present=5, of=6)
    assert _met(open_request(ana, term), "attendance").met


def test_attendance_in_week_four_does_not_count(small_school):
    from careerdev.sessions import services as ss
    from tests.sessions import factories as sf

    ana, term = small_school.student_a, small_school.term
    signed_offer(ana)
    take_attendance(term, ana, present=4, of=5)
    ss.record_attendance(sf.session(term, week=4), [ana.pk])
    assert not _met(open_request(ana, term), "attendance").met


def test_no_attendance_taken_is_not_met_with_the_reason(small_school):
    ana = small_school.student_a
    signed_offer(ana)
    condition = _met(open_request(ana, small_school.term), "attendance")
    assert not condition.met
    assert "No attendance" in condition.detail


def test_without_a_signed_offer_a_student_cannot_request(small_school):
    ana = small_school.student_a
    jf.offer(jf.application(ana))  # still deciding
    with pytest.raises(ValidationError, match="signed offer"):
        open_request(ana, small_school.term)
    assert not EarlyGraduationRequest.objects.exists()


def test_declined_offer_does_not_count(small_school):
    ana = small_school.student_a
    jf.offer(jf.application(ana), decision=Decision.DECLINED, decided_on=jf.DAY)
    with pytest.raises(ValidationError):
        open_request(ana, small_school.term)


def test_only_one_open_request_per_term(small_school):
    ana, term = small_school.student_a, small_school.term
    signed_offer(ana)
    open_request(ana, term)
    with pytest.raises(ValidationError, match="already"):
        open_request(ana, term)
    assert EarlyGraduationRequest.objects.count() == 1


def test_database_refuses_a_second_open_request(small_school):
    ana, term = small_school.student_a, small_school.term
    signed_offer(ana)
    open_request(ana, term)
    with pytest.raises(IntegrityError), transaction.atomic():
        EarlyGraduationRequest.objects.create(student=ana, term=term)


def test_database_refuses_a_decision_without_who_and_when(small_school):
    ana, term = small_school.student_a, small_school.term
    signed_offer(ana)
    r = open_request(ana, term)
    with pytest.raises(IntegrityError), transaction.atomic():
        EarlyGraduationRequest.objects.filter(pk=r.pk).update(status=RequestStatus.APPROVED)
    with pytest.raises(IntegrityError), transaction.atomic():
        EarlyGraduationRequest.objects.filter(pk=r.pk).update(status="graduated")


def test_after_a_decline_the_student_may_ask_again(small_school):
    ana, term = small_school.student_a, small_school.term
    signed_offer(ana)
    services.decline(open_request(ana, term), small_school.staff, "Portfolio first.")
    assert open_request(ana, term).is_open


def _everything_met(school):
    ana, term = school.student_a, school.term
    signed_offer(ana)
    take_attendance(term, ana, present=5, of=6)
    pf.portfolio(ana)
    r = open_request(ana, term, plan_text="Days 1–30: learn the codebase.")
    return services.set_first_project_finished(r, school.staff, True)


def test_approval_when_every_condition_holds_records_who_when_and_note(small_school):
    r = _everything_met(small_school)
    approved = services.approve(r, small_school.staff, "Congratulations!")
    approved.refresh_from_db()
    assert approved.status == RequestStatus.APPROVED
    assert approved.decided_by == small_school.staff
    assert approved.decided_at is not None
    assert approved.decision_note == "Congratulations!"


@pytest.mark.parametrize("breaks", ["attendance", "first_project", "portfolio", "plan"])
def test_approve_is_refused_while_a_condition_fails(small_school, breaks):
    ana, term, staff = small_school.student_a, small_school.term, small_school.staff
    signed_offer(ana)
    take_attendance(term, ana, present=4 if breaks == "attendance" else 5, of=5)
    if breaks != "portfolio":
        pf.portfolio(ana)
    else:
        pf.portfolio(ana, complete=False)
    r = open_request(ana, term, plan_text="" if breaks == "plan" else "My plan.")
    services.set_first_project_finished(r, staff, breaks != "first_project")
    with pytest.raises(ValidationError, match="Cannot approve"):
        services.approve(r, staff, "")
    r.refresh_from_db()
    assert r.status == RequestStatus.PENDING
    assert r.decided_by is None and r.decided_at is None


def test_staff_tick_records_first_project_and_can_be_undone(small_school):
    ana, staff = small_school.student_a, small_school.staff
    signed_offer(ana)
    r = open_request(ana, small_school.term)
    assert not _met(r, "first_project").met
    r = services.set_first_project_finished(r, staff, True)
    assert _met(r, "first_project").met
    assert r.first_project_ticked_by == staff and r.first_project_ticked_at
    r = services.set_first_project_finished(r, staff, False)
    assert not _met(r, "first_project").met


def test_published_portfolio_counts_as_complete(small_school):
    from django.utils import timezone

    from careerdev.portfolios.models import PortfolioStatus

    ana = small_school.student_a
    signed_offer(ana)
    # Published earlier; the checklist is not asked again.
    now = timezone.now()
    pf.portfolio(
        ana,
        complete=False,
        status=PortfolioStatus.PUBLISHED,
        published_at=now,
        first_published_at=now,
        first_review_requested_at=now,
    )
    assert _met(open_request(ana, small_school.term), "portfolio").met


def test_incomplete_portfolio_lists_what_is_missing(small_school):
    ana = small_school.student_a
    signed_offer(ana)
    condition = _met(open_request(ana, small_school.term), "portfolio")
    assert not condition.met
    assert "Missing" in condition.detail


def test_decline_needs_a_note(small_school):
    ana = small_school.student_a
    signed_offer(ana)
    r = open_request(ana, small_school.term)
    with pytest.raises(ValidationError) as error:
        services.decline(r, small_school.staff, "  ")
    assert "note" in error.value.message_dict
    r.refresh_from_db()
    assert r.is_open


def test_empty_plan_is_refused_and_changes_nothing(small_school):
    ana = small_school.student_a
    signed_offer(ana)
    r = open_request(ana, small_school.term)
    with pytest.raises(ValidationError) as error:
        services.submit_plan(r, "  ", "")
    assert "plan_text" in error.value.message_dict
    r.refresh_from_db()
    assert r.plan_submitted_at is None


def test_a_plan_link_that_is_not_a_link_is_refused(small_school):
    ana = small_school.student_a
    signed_offer(ana)
    r = open_request(ana, small_school.term, plan_text="Old plan.")
    with pytest.raises(ValidationError) as error:
        services.submit_plan(r, "", "my plan in google docs")
    assert "plan_url" in error.value.message_dict
    r.refresh_from_db()
    assert r.plan_text == "Old plan." and r.plan_url == ""


def test_a_plan_may_be_just_a_link(small_school):
    ana = small_school.student_a
    signed_offer(ana)
    r = open_request(ana, small_school.term)
    r = services.submit_plan(r, "", "https://docs.example.com/plan")
    assert _met(r, "plan").met
