"""The five steps are derived from their evidence, never ticked; the
deliverables matrix reads them in bulk through five_step_states()."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerdev.jobsearch import services
from careerdev.jobsearch.selectors import FiveStepState, five_step_states
from tests import factories

from . import factories as jf

pytestmark = pytest.mark.django_db

# Each piece of evidence, and the step that needs it.
EVIDENCE = [
    (1, "posting_url"),
    (2, "research_notes"),
    (3, "outreach_on"),
    (3, "conversation_on"),
    (4, "tailored_resume"),
    (4, "cover_letter"),
    (4, "applied_on"),
    (5, "told_contact_on"),
]


def test_a_new_application_has_no_step_done(small_school):
    application = jf.application(small_school.student_a)
    assert application.steps == [False] * 5
    assert not application.all_steps_done


@pytest.mark.parametrize("step", [1, 2, 3, 4, 5])
def test_each_step_is_done_once_its_evidence_is_there(small_school, step):
    application = jf.application(small_school.student_a, steps=step)
    assert application.steps == [True] * step + [False] * (5 - step)


@pytest.mark.parametrize(("step", "missing"), EVIDENCE)
def test_a_step_missing_any_piece_of_its_evidence_is_not_done(small_school, step, missing):
    application = jf.application(small_school.student_a, steps=5)
    empty = None if missing.endswith("_on") else ""
    application = services.record_evidence(application, **{missing: empty})
    assert application.steps[step - 1] is False
    assert sum(application.steps) == 4
    assert not application.all_steps_done


def test_without_a_contact_neither_step_3_nor_step_5_is_done(small_school):
    application = jf.application(small_school.student_a, steps=5)
    application.contact.delete()  # the contact goes; the dates stay
    application.refresh_from_db()
    assert application.outreach_on and application.told_contact_on
    assert application.steps == [True, True, False, True, False]


def test_all_five_steps_make_the_application_done(small_school):
    application = jf.application(small_school.student_a, steps=5)
    assert application.all_steps_done
    assert application.steps_done == 5


def test_blank_text_is_not_evidence(small_school):
    application = jf.application(small_school.student_a, steps=1)
    application = services.record_evidence(application, research_notes="   \n ")
    assert application.research_notes == ""
    assert not application.step_2_done


def test_five_step_states_none_in_progress_done(small_school, django_assert_num_queries):
    a, b, c = small_school.student_a, small_school.student_b, small_school.other_cohort_student
    jf.application(a, steps=2)
    done = jf.application(a, steps=5)
    jf.application(b, steps=1)
    jf.application(c)  # an application with no evidence yet
    with django_assert_num_queries(1):
        states = five_step_states([a.pk, b.pk, c.pk, small_school.staff.pk])
    assert states[a.pk] == FiveStepState("done", done.told_contact_on)
    assert states[b.pk] == FiveStepState("in_progress")
    assert states[c.pk] == FiveStepState("none")
    assert states[small_school.staff.pk].state == "none"


def test_five_step_state_is_done_on_the_first_complete_application(small_school):
    a = small_school.student_a
    later = jf.application(a, steps=5)
    earlier = jf.application(a, steps=5, told_contact_on=jf.DAY + jf.dt.timedelta(days=3))
    assert earlier.told_contact_on < later.told_contact_on
    assert five_step_states([a.pk])[a.pk].completed_on == earlier.told_contact_on


def test_losing_evidence_takes_the_state_back_to_in_progress(small_school):
    a = small_school.student_a
    application = jf.application(a, steps=5)
    services.record_evidence(application, cover_letter="")
    assert five_step_states([a.pk])[a.pk].state == "in_progress"


PIECES = ("posting_url", "research_notes", "contact", "outreach_on", "conversation_on",
          "tailored_resume", "cover_letter", "applied_on", "told_contact_on")  # fmt: skip


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(present=st.sets(st.sampled_from(PIECES)))
def test_steps_follow_exactly_the_evidence_present(small_school, present):
    """Any mix of evidence: each step is done iff all of its pieces are there."""
    student = small_school.student_a
    full = jf.evidence_through(5, jf.contact(student))
    fields = {k: v for k, v in full.items() if k in present}
    application = jf.application(student, contact=fields.pop("contact", None), **fields)
    if "contact" not in present:
        assert application.contact is None
    expected = [
        {"posting_url"} <= present,
        {"research_notes"} <= present,
        {"contact", "outreach_on", "conversation_on"} <= present,
        {"tailored_resume", "cover_letter", "applied_on"} <= present,
        {"contact", "told_contact_on"} <= present,
    ]
    assert application.steps == expected


def test_five_step_states_of_a_term_cover_every_enrolled_student(
    small_school, django_assert_num_queries
):
    a, b = small_school.student_a, small_school.student_b
    jf.application(a, steps=5)
    jf.application(small_school.student_b, steps=1)
    outsider = factories.student(small_school.school)  # not enrolled in the term
    jf.application(outsider, steps=5)
    with django_assert_num_queries(2):
        states = five_step_states(small_school.term)
    assert set(states) == {a.pk, b.pk, small_school.other_cohort_student.pk}
    assert states[a.pk].state == "done" and states[b.pk].state == "in_progress"
    assert states[small_school.other_cohort_student.pk] == FiveStepState("none")


def test_a_few_students_read_as_the_term_reads_them(small_school):
    """A student's own page reads their applications row by row; the matrix
    reads the term in one aggregate. Both must say the same."""
    a, b = small_school.student_a, small_school.student_b
    jf.application(a, steps=5)
    jf.application(a, steps=5, told_contact_on=jf.DAY + jf.dt.timedelta(days=3))
    jf.application(a, steps=2)
    jf.application(b, steps=4)
    jf.application(small_school.other_cohort_student)
    ids = [a.pk, b.pk, small_school.other_cohort_student.pk]
    assert five_step_states(ids) == five_step_states(small_school.term)
