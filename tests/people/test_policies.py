"""Who may see what: the policies, and the pages that use them."""

import pytest
from django.urls import reverse

from careerdev import policies
from tests import factories

pytestmark = pytest.mark.django_db

OPT_IN_LABEL = "less represented in tech"


def test_a_student_sees_their_own_record_and_private_opt_in(small_school):
    a = small_school.student_a
    assert policies.can_view_student(a, a)
    assert policies.private_opt_in(a, a) is True


def test_a_student_cannot_see_another_students_record_or_opt_in(small_school):
    a, b = small_school.student_a, small_school.student_b
    assert not policies.can_view_student(b, a)
    assert not policies.can_view_public_profile(b, a)
    assert policies.private_opt_in(b, a) is None


def test_staff_see_students_of_their_school_only(small_school):
    a = small_school.student_a
    assert policies.can_view_student(small_school.staff, a)
    assert policies.private_opt_in(small_school.staff, a) is True
    outsider = factories.staff(factories.school())
    assert not policies.can_view_student(outsider, a)
    assert policies.private_opt_in(outsider, a) is None


def test_a_volunteer_cannot_see_students(small_school):
    assert not policies.can_view_student(small_school.volunteer, small_school.student_a)
    assert policies.private_opt_in(small_school.volunteer, small_school.student_a) is None


def test_student_cannot_open_another_students_profile_page(client, small_school):
    client.force_login(small_school.student_b)
    url = reverse("people:student_profile", args=[small_school.student_a.pk])
    assert client.get(url).status_code == 404


def test_student_opens_own_profile_and_sees_private_opt_in(client, small_school):
    client.force_login(small_school.student_a)
    response = client.get(reverse("people:student_profile", args=[small_school.student_a.pk]))
    assert response.status_code == 200
    assert OPT_IN_LABEL in response.content.decode()


def test_staff_see_the_private_opt_in_on_the_profile(client, small_school):
    client.force_login(small_school.staff)
    response = client.get(reverse("people:student_profile", args=[small_school.student_a.pk]))
    assert OPT_IN_LABEL in response.content.decode()


@pytest.mark.parametrize("viewer", ["student_a", "student_b", "other_cohort_student", "volunteer"])
def test_staff_pages_are_refused_to_non_staff(client, small_school, viewer):
    client.force_login(getattr(small_school, viewer))
    for url in [
        reverse("school:term_overview"),
        reverse("school:cohort_roster", args=[small_school.be.pk]),
        reverse("people:invite"),
        reverse("school:setup"),
        reverse("roster:upload"),
    ]:
        assert client.get(url).status_code in (403, 404), url


def test_volunteer_cannot_open_student_pages(client, small_school):
    client.force_login(small_school.volunteer)
    url = reverse("people:student_profile", args=[small_school.student_a.pk])
    assert client.get(url).status_code == 404
    assert client.get(reverse("people:my_profile")).status_code == 403


def test_staff_of_another_school_cannot_open_this_schools_cohort(client, small_school):
    client.force_login(factories.staff(factories.school()))
    url = reverse("school:cohort_roster", args=[small_school.be.pk])
    assert client.get(url).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, small_school):
    for url in [
        reverse("home"),
        reverse("school:term_overview"),
        reverse("people:student_profile", args=[small_school.student_a.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/login/"), url


def test_the_private_opt_in_appears_on_no_page_a_classmate_can_open(client, small_school):
    client.force_login(small_school.student_b)
    for url in [reverse("home"), reverse("people:my_profile")]:
        body = client.get(url).content.decode()
        assert small_school.student_a.email not in body
    # Ben's own form shows his own opt-in field, which is his to see.
    assert OPT_IN_LABEL in client.get(reverse("people:my_profile")).content.decode()


@pytest.mark.parametrize("kind", ["homeroom", "mix_it_up"])
def test_only_a_published_group_makes_group_mates(client, small_school, kind):
    """A draft group is nobody's yet: staff may still move people or throw it
    away, so it must not open Ana's profile to Ben. Publishing it does."""
    from django.utils import timezone

    from careerdev.groups.models import (
        DiscussionGroup,
        GroupMember,
        GroupRound,
        RoundKind,
        RoundStatus,
    )

    a, b = small_school.student_a, small_school.student_b
    round_ = GroupRound.objects.create(
        term=small_school.term, kind=kind, week=2 if kind == RoundKind.MIX_IT_UP else None
    )
    group = DiscussionGroup.objects.create(round=round_, number=1)
    for student in (a, b):
        GroupMember.objects.create(round=round_, group=group, student=student)
    url = reverse("people:student_profile", args=[a.pk])
    client.force_login(b)

    assert round_.status == RoundStatus.DRAFT
    assert not policies.shares_a_group(b, a)
    assert not policies.can_view_public_profile(b, a)
    assert client.get(url).status_code == 404

    GroupRound.objects.filter(pk=round_.pk).update(
        status=RoundStatus.PUBLISHED, published_at=timezone.now()
    )
    assert policies.shares_a_group(b, a)
    assert policies.can_view_public_profile(b, a)
    assert client.get(url).status_code == 200
