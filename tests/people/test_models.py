import pytest
from django.contrib.auth import authenticate
from django.db import IntegrityError, transaction

from careerdev.people.models import User
from tests import factories

pytestmark = pytest.mark.django_db


def test_emails_are_one_person_whatever_their_case(small_school):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(small_school.student_a.email.upper())


def test_emails_are_stored_lower_case_and_stripped():
    user = User.objects.create_user("  Mixed.Case@Example.EDU ")
    assert user.email == "mixed.case@example.edu"


def test_a_role_outside_the_list_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user("odd@example.edu", role="janitor")


def test_sign_in_by_email_ignores_case(small_school):
    user = authenticate(email=small_school.staff.email.upper(), password=factories.PASSWORD)
    assert user == small_school.staff
    assert authenticate(email=small_school.staff.email, password="wrong") is None


def test_an_imported_student_has_no_usable_password_until_invited():
    user = User.objects.create_user("new@example.edu")
    assert not user.has_usable_password()


def test_display_name_prefers_the_preferred_name(small_school):
    s = factories.student(
        small_school.school, first_name="Robert", last_name="Ray", profile={"preferred_name": "Bob"}
    )
    assert s.display_name == "Bob Ray"
