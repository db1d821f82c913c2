"""Each built-in deliverable reads its evidence where it is kept: a held
document review, a portfolio's review and publication, an application with
all five steps."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from careerdev.deliverables import selectors, services
from careerdev.deliverables.models import DeliverableKind
from careerdev.deliverables.status import Status
from careerdev.jobsearch import services as jobsearch
from careerdev.reviews import services as reviews
from careerdev.reviews.models import BookingStatus
from careerdev.selfevaluation.models import Competency
from careerdev.selfevaluation.services import submit_self_evaluation
from tests import factories

pytestmark = pytest.mark.django_db


def status(student, term, kind):
    cells = selectors.student_progress(student, term)
    return next(c for c in cells if c.deliverable.kind == kind)


def test_a_document_review_is_started_when_booked_and_done_when_held(small_school):
    term, a = small_school.term, small_school.student_a
    services.ensure_default_deliverables(term)
    kind = DeliverableKind.DOCUMENT_REVIEW
    assert status(a, term, kind).status == Status.NOT_STARTED
    slot = factories.review_slot(term, small_school.staff)
    booking = reviews.book_slot(a, slot.pk)
    assert status(a, term, kind).status == Status.IN_PROGRESS
    reviews.mark_booking(
        booking, BookingStatus.HELD, by=small_school.staff, now=slot.starts_at + dt.timedelta(1)
    )
    assert status(a, term, kind).status == Status.DONE


def test_an_application_is_done_with_all_five_steps(small_school):
    term, a = small_school.term, small_school.student_a
    services.ensure_default_deliverables(term)
    kind = DeliverableKind.FIVE_STEP_APPLICATION
    application = jobsearch.start_application(
        a, company="Pinecrest", title="Junior developer", posting_url="https://example.com/job"
    )
    assert status(a, term, kind).status == Status.IN_PROGRESS
    contact = jobsearch.add_contact(a, name="Rae Ruiz", company="Pinecrest")
    today = timezone.localdate()
    jobsearch.record_evidence(
        application,
        research_notes="Mission, product, blog.",
        contact=contact,
        outreach_on=today - dt.timedelta(days=4),
        conversation_on=today - dt.timedelta(days=3),
        tailored_resume="https://example.com/resume.pdf",
        cover_letter="Mentions Rae.",
        applied_on=today - dt.timedelta(days=2),
        told_contact_on=today,
        today=today,
    )
    assert status(a, term, kind).status == Status.DONE


def test_a_portfolio_review_request_and_its_publication(small_school, settings, tmp_path):
    from careerdev.portfolios import services as portfolios
    from tests.portfolios.factories import portfolio

    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    term, a = small_school.term, small_school.student_a
    services.ensure_default_deliverables(term)
    requested, published = DeliverableKind.PORTFOLIO_REVIEW, DeliverableKind.PORTFOLIO_PUBLISHED
    mine = portfolio(a)
    assert status(a, term, requested).status == Status.IN_PROGRESS
    portfolios.request_review(a)
    assert status(a, term, requested).status == Status.DONE
    assert status(a, term, published).status == Status.IN_PROGRESS
    portfolios.publish(mine, reviewer=small_school.staff)
    assert status(a, term, published).status == Status.DONE
    portfolios.unpublish(mine, by=small_school.staff)
    assert status(a, term, published).status == Status.IN_PROGRESS
    assert status(a, term, requested).status == Status.DONE  # it was requested, once


def test_a_students_own_list_reads_only_their_evidence_and_agrees_with_the_matrix(
    small_school,
):
    # The student's list asks the evidence for their id alone; the matrix reads
    # the whole term. Each student's statuses must come out the same either way.
    term, a, b = small_school.term, small_school.student_a, small_school.student_b
    services.ensure_default_deliverables(term)
    services.submit_exit_ticket(a, term, learned="Anchor high.", will_ask="A bonus.")
    submit_self_evaluation(b, term, dict.fromkeys(Competency.values, (3, "")))
    reviews.book_slot(b, factories.review_slot(term, small_school.staff).pk)
    matrix = selectors.progress_matrix(term)
    for student in (a, b, small_school.other_cohort_student):
        row = next(r for r in matrix.rows if r.student.student_id == student.pk)
        from_matrix = {c.deliverable.kind: c.status for c in row.cells if c}
        own = {c.deliverable.kind: c.status for c in selectors.student_progress(student, term)}
        assert own == from_matrix
    assert status(a, term, DeliverableKind.NEGOTIATION_EXIT_TICKET).status == Status.DONE
    assert status(b, term, DeliverableKind.NEGOTIATION_EXIT_TICKET).status == Status.NOT_STARTED
    assert status(b, term, DeliverableKind.SELF_EVALUATION).status == Status.DONE
    assert status(a, term, DeliverableKind.SELF_EVALUATION).status == Status.NOT_STARTED
    assert status(b, term, DeliverableKind.DOCUMENT_REVIEW).status == Status.IN_PROGRESS
    assert status(a, term, DeliverableKind.DOCUMENT_REVIEW).status == Status.NOT_STARTED


def test_the_portfolio_review_and_publication_read_the_portfolios_once(small_school):
    term, a = small_school.term, small_school.student_a
    services.ensure_default_deliverables(term)

    def portfolio_reads(read) -> int:
        with CaptureQueriesContext(connection) as queries:
            read()
        return sum('FROM "portfolios_portfolio"' in q["sql"] for q in queries.captured_queries)

    assert portfolio_reads(lambda: selectors.student_progress(a, term)) == 1
    assert portfolio_reads(lambda: selectors.progress_matrix(term)) == 1
