"""Invitations and password reset, through a real SMTP server on loopback."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from careerdev.people.models import Invitation, Role, User

pytestmark = pytest.mark.django_db(transaction=True)

NEW_PASSWORD = "a-long-new-password-42"  # noqa: S105


def invite(client, small_school, email="new.volunteer@example.com", role=Role.VOLUNTEER):
    client.force_login(small_school.staff)
    return client.post(
        reverse("people:invite"),
        {"email": email, "first_name": "Nia", "last_name": "New", "role": role},
    )


def link_in(message) -> str:
    return re.search(r"http://testserver(/\S+)", message.get_content()).group(1)


def test_staff_invite_a_volunteer_who_sets_a_password_and_signs_in(
    client, small_school, smtp_server
):
    response = invite(client, small_school)
    assert response.status_code == 302
    assert len(smtp_server) == 1
    message = smtp_server[0]
    assert message["To"] == "new.volunteer@example.com"
    assert small_school.school.name in message["Subject"]
    client.logout()
    link = link_in(message)
    response = client.post(link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    user = User.objects.get(email="new.volunteer@example.com")
    assert user.role == Role.VOLUNTEER and user.school == small_school.school
    assert user.check_password(NEW_PASSWORD)
    assert hasattr(user, "volunteer_profile")
    # A used link does not work twice.
    assert client.get(link).status_code == 410


def test_an_expired_invitation_is_refused(client, small_school, smtp_server):
    invite(client, small_school)
    now = timezone.now()
    Invitation.objects.update(
        created_at=now - dt.timedelta(days=15), expires_at=now - dt.timedelta(minutes=1)
    )
    client.logout()
    response = client.post(
        link_in(smtp_server[0]), {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.status_code == 410
    assert not User.objects.get(email="new.volunteer@example.com").has_usable_password()


def test_inviting_a_student_as_a_volunteer_is_refused(client, small_school, smtp_server):
    response = invite(client, small_school, email=small_school.student_a.email)
    assert response.status_code == 200
    assert "already registered as student" in response.content.decode()
    assert smtp_server == []


def test_a_new_invitation_replaces_the_old_one(client, small_school, smtp_server):
    invite(client, small_school)
    invite(client, small_school)
    client.logout()
    assert client.get(link_in(smtp_server[0])).status_code == 410
    assert client.get(link_in(smtp_server[1])).status_code == 200


def test_password_reset_by_email(client, small_school, smtp_server):
    response = client.post(
        reverse("password_reset"), {"email": small_school.student_a.email.upper()}
    )
    assert response.status_code == 302
    assert len(smtp_server) == 1
    link = link_in(smtp_server[0])
    form_url = client.get(link).url  # Django swaps the token for a session and redirects
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    small_school.student_a.refresh_from_db()
    assert small_school.student_a.check_password(NEW_PASSWORD)


def test_password_reset_for_an_unknown_email_sends_nothing_and_says_nothing(
    client, small_school, smtp_server
):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.edu"})
    assert response.status_code == 302 and response.url == reverse("password_reset_done")
    assert smtp_server == []


def test_staff_invite_every_student_of_a_cohort_who_has_not_signed_in(
    client, small_school, smtp_server
):
    from careerdev.people.models import StudentProfile
    from tests import factories

    newcomers = []
    for n in range(3):
        user = User.objects.create_user(f"new{n}@example.edu", school=small_school.school)
        StudentProfile.objects.create(user=user)
        factories.enroll(user, small_school.term, small_school.be)
        newcomers.append(user)
    client.force_login(small_school.staff)
    url = reverse("school:cohort_roster", args=[small_school.be.pk])
    assert "3 students in this cohort have not signed in" in client.get(url).content.decode()
    response = client.post(url + f"?term={small_school.term.pk}")
    assert response.status_code == 302
    # Ana and Ben already have passwords: only the three newcomers are written to.
    assert sorted(m["To"] for m in smtp_server) == [u.email for u in newcomers]
    assert Invitation.objects.filter(user__in=newcomers).count() == 3


def test_students_cannot_send_cohort_invitations(client, small_school, smtp_server):
    client.force_login(small_school.student_a)
    response = client.post(reverse("school:cohort_roster", args=[small_school.be.pk]))
    assert response.status_code == 404
    assert smtp_server == []
