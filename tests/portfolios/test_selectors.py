"""portfolio_states(): what the deliverables matrix reads."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from careerdev.portfolios import services
from careerdev.portfolios.selectors import PortfolioState, portfolio_states
from tests import factories

from .factories import portfolio as make_portfolio

pytestmark = pytest.mark.django_db


def test_every_state_with_its_timestamps(small_school):
    s = small_school
    school = s.school
    not_started = s.other_cohort_student
    empty = factories.student(school)
    in_progress = factories.student(school)
    changes = factories.student(school)
    published = factories.student(school)
    for student in (empty, in_progress, changes, published):
        factories.enroll(student, s.term, s.be)
    make_portfolio(empty, complete=False)
    make_portfolio(in_progress, complete=False, title="Developer")
    make_portfolio(s.student_a)
    make_portfolio(changes)
    publish_me = make_portfolio(published)
    before = timezone.now()
    services.request_review(s.student_a)
    services.request_review(changes)
    services.request_changes(changes.portfolio, reviewer=s.staff, comment="Fix the title.")
    services.request_review(published)
    services.publish(publish_me, reviewer=s.staff)

    with CaptureQueriesContext(connection) as captured:
        states = portfolio_states(s.term)
    assert len(captured) == 2
    assert {sid: p.state for sid, p in states.items()} == {
        s.student_a.pk: PortfolioState.REVIEW_REQUESTED,
        s.student_b.pk: PortfolioState.NOT_STARTED,
        not_started.pk: PortfolioState.NOT_STARTED,
        empty.pk: PortfolioState.NOT_STARTED,
        in_progress.pk: PortfolioState.IN_PROGRESS,
        changes.pk: PortfolioState.CHANGES_REQUESTED,
        published.pk: PortfolioState.PUBLISHED,
    }
    assert states[s.student_b.pk].first_review_requested_at is None
    assert states[s.student_a.pk].first_review_requested_at >= before
    assert states[s.student_a.pk].published_at is None
    assert states[changes.pk].first_review_requested_at >= before
    assert states[published.pk].published_at >= states[published.pk].first_review_requested_at
    assert states[published.pk].first_published_at == states[published.pk].published_at


def test_by_student_ids_and_after_unpublishing(small_school):
    s = small_school
    portfolio = make_portfolio(s.student_a)
    services.request_review(s.student_a)
    services.publish(portfolio, reviewer=s.staff)
    services.unpublish(portfolio, by=s.student_a)
    with CaptureQueriesContext(connection) as captured:
        states = portfolio_states([s.student_a.pk, s.student_b.pk])
    assert len(captured) == 1
    after = states[s.student_a.pk]
    assert after.state == PortfolioState.IN_PROGRESS
    assert after.published_at is None
    assert after.first_published_at is not None
    assert after.first_review_requested_at is not None
    assert states[s.student_b.pk].state == PortfolioState.NOT_STARTED


def test_review_queue_is_oldest_request_first(small_school):
    from careerdev.portfolios.selectors import review_queue

    s = small_school
    first, second = make_portfolio(s.student_b), make_portfolio(s.student_a)
    services.request_review(s.student_b)
    services.request_review(s.student_a)
    # Make the second request older than the first.
    second.__class__.objects.filter(pk=second.pk).update(
        review_requested_at=timezone.now() - dt.timedelta(days=2)
    )
    assert [p.pk for p in review_queue(s.school)] == [second.pk, first.pk]
