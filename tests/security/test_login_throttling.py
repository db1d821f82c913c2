"""Sign-in throttling (django-axes, settings AXES_*): five wrong passwords for
one email from one address pause that pair for 15 minutes."""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.urls import reverse

from tests import factories

LOGIN = reverse("login")


def sign_in(client, email, password, ip="203.0.113.7"):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip)


def fail_five_times(client, email, ip="203.0.113.7"):
    responses = [sign_in(client, email, f"wrong-{n}", ip) for n in range(5)]
    # The first four are the form again with its error; the fifth locks.
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    return responses[-1]


def test_five_wrong_passwords_lock_the_account_with_a_clear_message(client, small_school):
    email = small_school.student_a.email

    locked = fail_five_times(client, email)
    assert "Sign-in paused" in locked.content.decode()

    response = sign_in(client, email, factories.PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    text = response.content.decode()
    assert "Sign-in paused" in text
    assert "Too many wrong passwords" in text
    assert "15 minutes" in text


def test_a_lock_does_not_touch_another_account_or_another_address(client, small_school):
    fail_five_times(client, small_school.student_a.email)

    other = sign_in(client, small_school.student_b.email, factories.PASSWORD)
    assert other.status_code == 302
    assert other.url == reverse("home")
    client.logout()
    # The same account from another address: the pair is locked, not the account,
    # so a stranger cannot lock a student out of their own laptop.
    elsewhere = sign_in(client, small_school.student_a.email, factories.PASSWORD, "198.51.100.9")
    assert elsewhere.status_code == 302


def test_the_email_counts_whatever_its_case(client, small_school):
    email = small_school.staff.email
    for n, variant in enumerate([email, email.upper(), email.title(), f" {email}", email]):
        last = sign_in(client, variant, f"wrong-{n}")
    assert last.status_code == 429
    assert sign_in(client, email, factories.PASSWORD).status_code == 429


def test_a_right_password_clears_the_count(client, small_school):
    email = small_school.student_a.email
    for n in range(4):
        assert sign_in(client, email, f"wrong-{n}").status_code == 200
    assert sign_in(client, email, factories.PASSWORD).status_code == 302
    client.logout()

    for n in range(4):
        assert sign_in(client, email, f"wrong-again-{n}").status_code == 200
    assert sign_in(client, email, factories.PASSWORD).status_code == 302


def test_the_lock_ends_fifteen_minutes_after_it_began(client, small_school):
    email = small_school.student_a.email
    fail_five_times(client, email)

    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=14))
    assert sign_in(client, email, factories.PASSWORD).status_code == 429

    # Two minutes on: the try during the lock did not restart it.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - dt.timedelta(minutes=2))
    assert sign_in(client, email, factories.PASSWORD).status_code == 302


@pytest.mark.parametrize("username", ["", "x" * 5000, "a\x00b@example.edu", "<b>@x"])
def test_odd_emails_on_the_sign_in_form_are_refused_cleanly(client, small_school, username):
    response = sign_in(client, username, "whatever")
    assert response.status_code == 200
    assert "<b>@x" not in response.content.decode()
