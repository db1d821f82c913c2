"""Deliverable pages: the staff matrix and set-up, a student's own list,
the exit ticket, custom deliverables and the self-evaluation."""

import pytest
from django.urls import reverse

from careerdev.deliverables import services
from careerdev.deliverables.models import (
    CustomCompletion,
    Deliverable,
    DeliverableKind,
    DeliverableOverride,
    NegotiationExitTicket,
)
from careerdev.selfevaluation.models import Competency, SelfEvaluation
from tests import factories

pytestmark = pytest.mark.django_db


def test_staff_see_the_matrix_and_students_and_volunteers_may_not(client, small_school):
    client.force_login(small_school.staff)
    page = client.get(reverse("deliverables:matrix")).content.decode()
    assert "Document review" in page and small_school.student_a.display_name in page
    for who in (small_school.student_a, small_school.volunteer):
        client.force_login(who)
        assert client.get(reverse("deliverables:matrix")).status_code == 403
        assert client.get(reverse("deliverables:setup")).status_code == 403


def test_the_matrix_filters_by_cohort(client, small_school):
    client.force_login(small_school.staff)
    page = client.get(reverse("deliverables:matrix"), {"cohort": small_school.fe.pk})
    body = page.content.decode()
    assert small_school.other_cohort_student.display_name in body
    assert small_school.student_a.display_name not in body


def test_the_matrix_page_queries_do_not_grow_with_students(
    client, small_school, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(small_school.staff)
    url = reverse("deliverables:matrix")
    client.get(url)  # the defaults are made on the first visit
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(30):
        factories.enroll(factories.student(small_school.school), small_school.term,
                         small_school.be, module=4)  # fmt: skip
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_staff_add_a_custom_deliverable_and_excuse_a_cohort(client, small_school):
    client.force_login(small_school.staff)
    url = reverse("deliverables:setup")
    client.post(
        url,
        {
            "action": "add",
            "add-title": "Elevator pitch video",
            "add-kind": DeliverableKind.CUSTOM_LINK,
            "add-due_week": "3",
            "add-due_weekday": "4",
            "add-due_time": "17:00",
            "add-modules": ["4"],
        },
    )
    pitch = Deliverable.objects.get(title="Elevator pitch video")
    assert (pitch.due_week, pitch.modules) == (3, "4")
    review = Deliverable.objects.get(kind=DeliverableKind.DOCUMENT_REVIEW)
    client.post(
        url,
        {
            "action": "override",
            "deliverable": review.pk,
            "ex-cohort": small_school.be.pk,
            "ex-excused": "on",
            "ex-note": "Reviewed in Mod 3",
        },
    )
    assert DeliverableOverride.objects.get(deliverable=review, cohort=small_school.be).excused


def test_a_bad_week_is_refused_and_nothing_changes(client, small_school):
    client.force_login(small_school.staff)
    client.get(reverse("deliverables:setup"))
    review = Deliverable.objects.get(kind=DeliverableKind.DOCUMENT_REVIEW)
    page = client.post(
        reverse("deliverables:setup"),
        {
            "action": "change",
            "deliverable": review.pk,
            f"d{review.pk}-title": "Document review",
            f"d{review.pk}-due_week": "9",
            f"d{review.pk}-due_weekday": "4",
            f"d{review.pk}-due_time": "23:59",
            f"d{review.pk}-modules": ["4"],
        },
        follow=True,
    )
    assert "Choose a week from 1 to 6." in page.content.decode()
    review.refresh_from_db()
    assert review.due_week == 5


def test_a_student_sees_their_list_and_sends_the_exit_ticket(client, small_school):
    a = small_school.student_a
    client.force_login(a)
    page = client.get(reverse("deliverables:mine")).content.decode()
    assert "Negotiation exit ticket" in page and "Not started" in page
    bad = client.post(reverse("deliverables:exit_ticket"), {"learned": "", "will_ask": "x"})
    assert bad.status_code == 200 and not NegotiationExitTicket.objects.exists()
    client.post(
        reverse("deliverables:exit_ticket"),
        {"learned": "Silence works.", "will_ask": "Four more days of PTO."},
    )
    assert NegotiationExitTicket.objects.get(student=a).will_ask == "Four more days of PTO."
    page = client.get(reverse("deliverables:mine")).content.decode()
    assert "Done" in page


def test_a_student_completes_a_custom_deliverable_for_their_module_only(client, small_school):
    import datetime as dt

    tick = services.add_custom_deliverable(
        small_school.term, title="Thank-you note", kind=DeliverableKind.CUSTOM_TICK,
        due_week=5, due_weekday=4, due_time=dt.time(17), modules="4",
    )  # fmt: skip
    client.force_login(small_school.other_cohort_student)  # Mod 2: not theirs
    assert client.post(reverse("deliverables:complete", args=[tick.pk])).status_code == 404
    client.force_login(small_school.student_a)
    client.post(reverse("deliverables:complete", args=[tick.pk]))
    assert CustomCompletion.objects.filter(student=small_school.student_a).exists()


def test_a_student_saves_a_self_evaluation_and_only_staff_read_it(client, small_school):
    a = small_school.student_a
    client.force_login(a)
    data = {f"{c}_grade": "3" for c in Competency.values}
    data["networking_evidence"] = "Two coffee chats this week."
    missing = dict(data)
    del missing["negotiations_grade"]
    assert client.post(reverse("selfevaluation:mine"), missing).status_code == 200
    assert not SelfEvaluation.objects.exists()
    client.post(reverse("selfevaluation:mine"), data)
    evaluation = SelfEvaluation.objects.get(student=a)
    assert evaluation.ratings.count() == 5
    url = reverse("selfevaluation:of_student", args=[a.pk])
    client.force_login(small_school.student_b)
    assert client.get(url).status_code == 403
    client.force_login(small_school.staff)
    assert "Two coffee chats this week." in client.get(url).content.decode()


def test_each_built_in_deliverable_links_to_where_it_is_done(client, small_school):
    client.force_login(small_school.student_a)
    page = client.get(reverse("deliverables:mine")).content.decode()
    for url in (
        reverse("reviews:student"),
        reverse("portfolios:mine"),
        reverse("jobsearch:board"),
        reverse("deliverables:exit_ticket"),
        reverse("selfevaluation:mine"),
    ):
        assert f'href="{url}"' in page, url


def test_the_matrix_exports_as_csv_with_formulas_neutralised(client, small_school):
    small_school.student_a.first_name = "=HYPERLINK(1)"
    small_school.student_a.save()
    client.force_login(small_school.staff)
    response = client.get(reverse("deliverables:matrix_csv"))
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode()
    assert "'=HYPERLINK(1)" in body
    assert body.splitlines()[0].startswith("Student,Email,Cohort,Module,Repeating,")
    assert len(body.splitlines()) == 1 + 3


def test_the_matrix_filters_by_program_and_repeating(client, small_school):
    from careerdev.school.models import Enrollment

    Enrollment.objects.filter(student=small_school.student_b).update(repeating=True)
    client.force_login(small_school.staff)
    page = client.get(reverse("deliverables:matrix"), {"repeating": "yes"}).content.decode()
    assert small_school.student_b.display_name in page
    assert small_school.student_a.display_name not in page
    page = client.get(reverse("deliverables:matrix"), {"program": "FE"}).content.decode()
    assert small_school.other_cohort_student.display_name in page
    assert small_school.student_b.display_name not in page


def test_staff_email_the_chosen_students_a_reminder(client, small_school, smtp_server):
    client.force_login(small_school.staff)
    client.get(reverse("deliverables:matrix"))
    page = client.post(
        reverse("deliverables:remind"),
        {"student": [small_school.student_a.pk, small_school.student_b.pk], "back": "help=1"},
        follow=True,
    )
    assert "Reminders sent to 2 students." in page.content.decode()
    assert sorted(m["To"] for m in smtp_server) == sorted(
        [small_school.student_a.email, small_school.student_b.email]
    )
    body = smtp_server[0].get_content()
    assert "Document review" in body and "/deliverables/mine/" in body
    assert "MST" in body or "MDT" in body  # due moments in the school's zone


def test_a_mail_server_that_is_down_is_reported_not_raised(client, small_school, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    client.force_login(small_school.staff)
    page = client.post(
        reverse("deliverables:remind"), {"student": [small_school.student_a.pk]}, follow=True
    )
    assert page.status_code == 200
    assert "did not take the reminders" in page.content.decode()


def test_a_student_sees_what_their_portfolio_still_needs(client, small_school):
    client.force_login(small_school.student_a)
    page = client.get(reverse("deliverables:mine")).content.decode()
    assert "Still needed: Title, Professional photo" in page
