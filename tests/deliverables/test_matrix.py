"""The term's deliverables, staff's exceptions and the progress matrix."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from careerdev.deliverables import selectors, services
from careerdev.deliverables.models import DeliverableKind
from careerdev.deliverables.schedule import due_at
from careerdev.deliverables.status import Status
from careerdev.selfevaluation.models import Competency
from careerdev.selfevaluation.services import submit_self_evaluation
from tests import factories

pytestmark = pytest.mark.django_db


def by_kind(term):
    return {d.kind: d for d in services.ensure_default_deliverables(term)}


def status_of(matrix, student, deliverable):
    row = next(r for r in matrix.rows if r.student.student_id == student.pk)
    return row.cells[matrix.deliverables.index(deliverable)]


def test_the_programmes_deliverables_are_created_once(small_school):
    first = services.ensure_default_deliverables(small_school.term)
    again = services.ensure_default_deliverables(small_school.term)
    assert [d.pk for d in first] == [d.pk for d in again]
    assert {d.kind for d in first} == {
        k for k in DeliverableKind.values if not k.startswith("custom")
    }
    review = next(d for d in first if d.kind == DeliverableKind.PORTFOLIO_REVIEW)
    due = due_at(small_school.term, review.due_week, review.due_weekday, review.due_time)
    assert (due.weekday(), due.hour, due.minute) == (4, 23, 59)
    assert due.tzinfo.key == "America/Denver"


def test_evidence_makes_done_and_the_clock_makes_overdue(small_school):
    term, a, b = small_school.term, small_school.student_a, small_school.student_b
    kinds = by_kind(term)
    ticket = kinds[DeliverableKind.NEGOTIATION_EXIT_TICKET]
    services.submit_exit_ticket(a, term, learned="Anchor high.", will_ask="A signing bonus.")
    due = due_at(term, ticket.due_week, ticket.due_weekday, ticket.due_time)
    before, after = due - dt.timedelta(days=5), due + dt.timedelta(minutes=1)
    assert status_of(selectors.progress_matrix(term, now=before), a, ticket).status == Status.DONE
    assert (
        status_of(selectors.progress_matrix(term, now=before), b, ticket).status
        == Status.NOT_STARTED
    )
    late = selectors.progress_matrix(term, now=after)
    assert status_of(late, b, ticket).status == Status.OVERDUE
    assert status_of(late, b, ticket).needs_help


def test_self_evaluation_is_every_modules_and_done_when_submitted(small_school):
    term, c = small_school.term, small_school.other_cohort_student  # Mod 2
    kinds = by_kind(term)
    matrix = selectors.progress_matrix(term)
    row = next(r for r in matrix.rows if r.student.student_id == c.pk)
    applicable = [cell.deliverable.kind for cell in row.cells if cell]
    assert applicable == [DeliverableKind.SELF_EVALUATION]
    submit_self_evaluation(c, term, dict.fromkeys(Competency.values, (3, "")))
    cell = status_of(selectors.progress_matrix(term), c, kinds[DeliverableKind.SELF_EVALUATION])
    assert cell.status == Status.DONE


def test_a_self_evaluation_needs_every_competency(small_school):
    with pytest.raises(ValidationError) as error:
        submit_self_evaluation(small_school.student_a, small_school.term, {"networking": (2, "")})
    assert "interviewing" in error.value.message_dict


def test_a_cohort_excused_and_a_student_given_more_time(small_school):
    term, a, b = small_school.term, small_school.student_a, small_school.student_b
    ticket = by_kind(term)[DeliverableKind.NEGOTIATION_EXIT_TICKET]
    staff = small_school.staff
    services.set_override(ticket, by=staff, cohort=small_school.be, excused=True, note="Snow day")
    # The student's own override wins over the cohort's.
    services.set_override(
        ticket, by=staff, student=b, due_week=6, due_weekday=0, due_time=dt.time(9, 0)
    )
    due = due_at(term, ticket.due_week, ticket.due_weekday, ticket.due_time)
    matrix = selectors.progress_matrix(term, now=due + dt.timedelta(days=1))
    assert status_of(matrix, a, ticket).status == Status.EXCUSED
    assert status_of(matrix, a, ticket).note == "Snow day"
    assert status_of(matrix, b, ticket).status == Status.NOT_STARTED
    assert status_of(matrix, b, ticket).due == due_at(term, 6, 0, dt.time(9, 0))


def test_bad_overrides_are_refused_and_change_nothing(small_school):
    term = small_school.term
    ticket = by_kind(term)[DeliverableKind.NEGOTIATION_EXIT_TICKET]
    staff = small_school.staff
    with pytest.raises(ValidationError):
        services.set_override(ticket, by=staff)  # neither cohort nor student
    with pytest.raises(ValidationError):
        services.set_override(
            ticket,
            by=staff,
            student=small_school.student_a,
            due_week=9,
            due_weekday=0,
            due_time=dt.time(9),
        )
    outsider = factories.student(small_school.school)
    with pytest.raises(ValidationError):
        services.set_override(ticket, by=staff, student=outsider, excused=True)
    assert not ticket.overrides.exists()


def test_custom_deliverables_take_a_link_or_a_tick(small_school):
    term, a = small_school.term, small_school.student_a
    link = services.add_custom_deliverable(
        term,
        title="Mock offer letter",
        kind=DeliverableKind.CUSTOM_LINK,
        due_week=5,
        due_weekday=2,
        due_time=dt.time(12),
        modules="4",
    )
    with pytest.raises(ValidationError):
        services.complete_custom(link, a, link="")
    with pytest.raises(ValidationError):
        services.complete_custom(link, a, link="not a url")
    assert not link.completions.exists()
    services.complete_custom(link, a, link="https://example.com/offer.pdf")
    cell = next(c for c in selectors.student_progress(a, term) if c.deliverable == link)
    assert cell.status == Status.DONE
    with pytest.raises(ValidationError):
        services.remove_custom_deliverable(by_kind(term)[DeliverableKind.DOCUMENT_REVIEW])


def test_the_matrix_queries_do_not_grow_with_students(small_school, django_assert_num_queries):
    term = small_school.term
    by_kind(term)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        selectors.progress_matrix(term)
    for _ in range(25):
        s = factories.student(small_school.school)
        factories.enroll(s, term, small_school.be, module=4)
        services.submit_exit_ticket(s, term, learned="x", will_ask="y")
    with django_assert_num_queries(len(few.captured_queries)):
        matrix = selectors.progress_matrix(term)
    assert len(matrix.rows) == 28
