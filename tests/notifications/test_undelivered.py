"""Emails sent straight after a change (invitations, mock-interview
invitations) that the mail server does not take: the page still answers,
and staff see each one on the outbox page until they dismiss it."""

import pytest
from django.urls import reverse

from careerdev.notifications.models import UndeliveredEmail
from careerdev.people.models import Role
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def mail_server_down(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens here


def invite(client, small_school, email="nia@example.com"):
    client.force_login(small_school.staff)
    return client.post(
        reverse("people:invite"),
        {"email": email, "first_name": "Nia", "last_name": "New", "role": Role.VOLUNTEER},
    )


def test_an_invitation_the_server_refused_is_shown_to_staff_with_what_to_do(
    client, small_school, mail_server_down
):
    assert invite(client, small_school).status_code == 302
    [failed] = UndeliveredEmail.objects.all()
    assert failed.to == "nia@example.com" and failed.school == small_school.school
    assert failed.error and "Invite them again" in failed.redo

    page = client.get(reverse("notifications:outbox")).content.decode()
    assert "nia@example.com" in page and "Invite them again" in page
    assert "Connection refused" in page or failed.error in page


def test_an_invitation_that_went_leaves_nothing_for_staff(client, small_school, smtp_server):
    invite(client, small_school)
    assert len(smtp_server) == 1
    assert not UndeliveredEmail.objects.exists()


def test_staff_dismiss_it_and_staff_of_another_school_cannot(
    client, small_school, mail_server_down
):
    invite(client, small_school)
    failed = UndeliveredEmail.objects.get()
    url = reverse("notifications:dismiss_undelivered", args=[failed.pk])

    other_staff = factories.staff(factories.school(name="Other School"))
    client.force_login(other_staff)
    assert client.post(url).status_code == 404
    client.force_login(small_school.student_a)
    assert client.post(url).status_code == 403
    failed.refresh_from_db()
    assert failed.dismissed_at is None

    client.force_login(small_school.staff)
    assert client.post(url).status_code == 302
    failed.refresh_from_db()
    assert failed.dismissed_at is not None
    assert "nia@example.com" not in client.get(reverse("notifications:outbox")).content.decode()
