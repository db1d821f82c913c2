"""The group pages: staff form, move and publish; students see their group
and room; privacy holds."""

import pytest
from django.urls import reverse

from careerdev.groups import services
from careerdev.groups.models import GroupMember, RoundStatus

pytestmark = pytest.mark.django_db


def test_staff_form_move_and_publish_through_the_pages(client, student_body):
    client.force_login(student_body.staff)
    response = client.post(
        reverse("groups:form_round"),
        {"kind": "mix_it_up", "week": "2", "term": student_body.term.pk},
    )
    assert response.status_code == 302
    round_url = response.url
    page = client.get(round_url)
    assert "Publish to students" in page.content.decode()
    round_ = page.context["round"]
    member = GroupMember.objects.filter(round=round_).first()
    other = round_.groups.exclude(pk=member.group_id).first()
    moved = client.post(
        reverse("groups:move", args=[round_.pk]),
        {"student": member.student_id, "to_group": other.number},
        HTTP_HX_REQUEST="true",
    )
    assert moved.status_code == 200
    assert "Report" in moved.content.decode()  # htmx gets the body back, report included
    member.refresh_from_db()
    assert member.group_id == other.pk


def test_an_infeasible_round_says_why_and_publishes_nothing(client, student_body):
    from careerdev.school.models import Enrollment

    Enrollment.objects.filter(term=student_body.term, module__gte=3).update(module=2)
    client.force_login(student_body.staff)
    response = client.post(
        reverse("groups:form_round"),
        {"kind": "mix_it_up", "week": "2", "term": student_body.term.pk},
        follow=True,
    )
    body = response.content.decode()
    assert "No groups were formed or published" in body
    assert not GroupMember.objects.exists()


def test_student_home_shows_their_mix_it_up_group_room_and_topic(
    client, student_body, published_week_2
):
    student = student_body.students[-10]
    mine = GroupMember.objects.select_related("group__topic").get(
        round=published_week_2, student=student
    )
    client.force_login(student)
    body = client.get(reverse("home")).content.decode()
    assert f"Mix It Up · room {mine.group.number}" in body
    assert mine.group.topic.name in body


def test_group_mates_see_each_others_public_profile_but_not_the_opt_in(
    client, student_body, published_week_2
):
    opted = student_body.opted_in[0]
    mate = (
        GroupMember.objects.filter(group__members__student=opted, round=published_week_2)
        .exclude(student=opted)
        .first()
        .student
    )
    client.force_login(mate)
    response = client.get(reverse("people:student_profile", args=[opted.pk]))
    assert response.status_code == 200
    assert "less represented" not in response.content.decode()
    stranger = (
        GroupMember.objects.filter(round=published_week_2)
        .exclude(group__members__student=opted)
        .first()
        .student
    )
    client.force_login(stranger)
    assert client.get(reverse("people:student_profile", args=[opted.pk])).status_code == 404


def test_the_opt_in_shows_on_no_page_a_student_reaches(client, student_body, published_week_2):
    """Every student who did not opt in, on every page they can reach — home,
    the survey, the profile of each group-mate — sees nothing that says who
    opted in: not the less-represented topic beside anyone, not the badge."""
    restricted = next(t for t in student_body.topics if t.is_restricted)
    opted_names = {s.display_name for s in student_body.opted_in}
    for student in student_body.students:
        if student in student_body.opted_in:
            continue
        client.force_login(student)
        mates = GroupMember.objects.filter(
            group__members__student=student, round=published_week_2
        ).exclude(student=student)
        pages = [reverse("home")] + [
            reverse("people:student_profile", args=[m.student_id]) for m in mates
        ]
        for url in pages:
            body = client.get(url).content.decode()
            assert restricted.name not in body, url
            assert "less represented" not in body.lower(), url
            assert "badge-private" not in body, url
        survey = client.get(reverse("groups:survey")).content.decode()
        assert not any(name in survey for name in opted_names)
        assert "checked" not in survey.split('name="opt_in"')[-1][:80]


@pytest.mark.parametrize("who", ["student_a", "volunteer"])
def test_group_staff_pages_are_refused_to_others(client, small_school, student_body, who):
    round_ = services.form_mix_it_up(student_body.term, 2, by=student_body.staff)
    client.force_login(getattr(small_school, who))
    for url in [
        reverse("groups:term"),
        reverse("groups:round", args=[round_.pk]),
    ]:
        assert client.get(url).status_code == 403, url
    response = client.post(reverse("groups:publish", args=[round_.pk]))
    assert response.status_code == 403
    round_.refresh_from_db()
    assert round_.status == RoundStatus.DRAFT


def test_round_page_queries_do_not_grow_with_students(
    client, student_body, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests import factories

    round_ = services.form_mix_it_up(student_body.term, 2, by=student_body.staff)
    client.force_login(student_body.staff)
    url = reverse("groups:round", args=[round_.pk])
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    cohort = student_body.term.enrollments.first().cohort
    for _ in range(30):
        s = factories.student(student_body.term.school)
        factories.enroll(s, student_body.term, cohort, module=4)
    round_.delete()
    round_ = services.form_mix_it_up(student_body.term, 2, by=student_body.staff)
    url = reverse("groups:round", args=[round_.pk])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
