"""The pages: the staff schedule and attendance checklist, a student's own
sessions, the term overview's panel warning, access and query counts."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careerdev.sessions import services
from careerdev.sessions.models import Attendance, GuestSpeaker, Session, SessionKind
from tests import factories as base

from . import factories

pytestmark = pytest.mark.django_db


def _more_students(small_school, n):
    for i in range(n):
        s = base.student(small_school.school)
        base.enroll(s, small_school.term, small_school.be, module=4, repeating=i % 2 == 0)


def test_staff_add_the_usual_schedule_in_one_click(client, small_school):
    client.force_login(small_school.staff)
    response = client.post(reverse("sessions:add_usual_schedule"), {"term": small_school.term.pk})
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Mod 4 kick-off" in page and "Homeroom · week 5" in page and "Mix It Up · week 4" in page
    assert "Employer mock interviews" in page and "Salary negotiation workshop" in page


def test_term_overview_warns_of_cohorts_without_a_panel_until_one_is_added(client, small_school):
    client.force_login(small_school.staff)
    url = reverse("school:term_overview")
    page = client.get(url).content.decode()
    assert "No guest speaker or panel" in page and "2405-BE" in page.split("panel-warning")[1]
    response = client.post(
        reverse("sessions:add") + f"?term={small_school.term.pk}",
        {
            "kind": SessionKind.PANEL,
            "title": "Alumni panel",
            "topic": "alumni",
            "date": small_school.term.week(2).starts_on.isoformat(),
            "start_time": "15:00",
            "end_time": "16:00",
            "video_link": "https://meet.example.com/alumni",
        },
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "No guest speaker or panel" not in page
    assert reverse("sessions:schedule") in page


def test_the_add_form_shows_bad_input_next_to_its_field(client, small_school):
    client.force_login(small_school.staff)
    response = client.post(
        reverse("sessions:add") + f"?term={small_school.term.pk}",
        {
            "kind": SessionKind.WORKSHOP,
            "title": "Resume clinic",
            "date": small_school.term.week(2).starts_on.isoformat(),
            "start_time": "15:00",
            "end_time": "14:00",
        },
    )
    assert response.status_code == 200
    assert 'id="end_time-error"' in response.content.decode()
    response = client.post(
        reverse("sessions:add") + f"?term={small_school.term.pk}",
        {
            "kind": SessionKind.WORKSHOP,
            "title": "Resume clinic",
            "date": "2019-05-01",
            "start_time": "13:00",
            "end_time": "14:00",
            "video_link": "zoom meeting",
        },
    )
    page = response.content.decode()
    assert 'id="date-error"' in page
    assert not Session.objects.exists()


def test_a_bad_link_is_shown_next_to_the_link_field(client, small_school):
    client.force_login(small_school.staff)
    response = client.post(
        reverse("sessions:add") + f"?term={small_school.term.pk}",
        {
            "kind": SessionKind.WORKSHOP,
            "title": "Resume clinic",
            "date": small_school.term.week(2).starts_on.isoformat(),
            "start_time": "13:00",
            "end_time": "14:00",
            "video_link": "zoom meeting",
        },
    )
    assert 'id="video_link-error"' in response.content.decode()
    assert not Session.objects.exists()


def test_staff_drop_and_move_a_session_for_one_cohort_on_its_page(client, small_school):
    client.force_login(small_school.staff)
    s = factories.session(small_school.term)
    client.post(reverse("sessions:drop", args=[s.pk]), {"cohort": small_school.fe.pk})
    assert s.drops.get().cohort == small_school.fe
    day = small_school.term.week(3).starts_on
    response = client.post(
        reverse("sessions:move", args=[s.pk]),
        {"cohort": small_school.be.pk, "date": day.isoformat(), "start_time": "09:00",
         "end_time": "10:00"},
    )  # fmt: skip
    copy = Session.objects.exclude(pk=s.pk).get()
    assert response.url == reverse("sessions:detail", args=[copy.pk])
    assert list(copy.cohorts.all()) == [small_school.be] and copy.week == 3
    bad = client.post(
        reverse("sessions:move", args=[copy.pk]),
        {"cohort": small_school.be.pk, "date": day.isoformat(), "start_time": "10:00",
         "end_time": "09:00"},
    )  # fmt: skip
    assert bad.status_code == 400 and 'id="end_time-error"' in bad.content.decode()
    assert Session.objects.count() == 2


def test_staff_add_a_guest_speaker_to_a_panel(client, small_school):
    client.force_login(small_school.staff)
    panel = factories.session(small_school.term, kind=SessionKind.PANEL)
    client.post(
        reverse("sessions:add_speaker", args=[panel.pk]),
        {"name": "Ada Lovelace", "title": "Engineer", "company": "Analytical", "bio": "Notes."},
    )
    page = client.get(reverse("sessions:detail", args=[panel.pk])).content.decode()
    assert "Ada Lovelace" in page and "Analytical" in page
    assert GuestSpeaker.objects.count() == 1


def test_attendance_is_saved_in_one_post(client, small_school):
    client.force_login(small_school.staff)
    s = factories.session(small_school.term)
    url = reverse("sessions:attendance", args=[s.pk])
    page = client.get(url).content.decode()
    assert small_school.student_a.display_name in page and "All present" in page
    response = client.post(
        url, {"present": [small_school.student_a.pk, small_school.other_cohort_student.pk]}
    )
    assert response.status_code == 302
    assert Attendance.objects.filter(session=s).count() == 3
    assert Attendance.objects.filter(session=s, present=True).count() == 2


def test_attendance_for_a_student_not_in_the_session_is_refused_on_the_page(client, small_school):
    client.force_login(small_school.staff)
    s = factories.session(small_school.term, cohorts=[small_school.be])
    response = client.post(
        reverse("sessions:attendance", args=[s.pk]),
        {"present": [small_school.student_a.pk, small_school.other_cohort_student.pk]},
    )
    assert response.status_code == 400
    assert 'id="present-error"' in response.content.decode()
    assert not Attendance.objects.exists()


def test_repeaters_see_workshops_marked_optional(client, small_school):
    repeater = base.student(small_school.school)
    base.enroll(repeater, small_school.term, small_school.be, module=4, repeating=True)
    s = factories.session(small_school.term, kind=SessionKind.WORKSHOP)
    client.force_login(small_school.staff)
    assert (
        "optional · repeating"
        in client.get(reverse("sessions:attendance", args=[s.pk])).content.decode()
    )


def test_only_staff_of_the_school_reach_the_staff_pages(client, small_school):
    s = factories.session(small_school.term)
    other_staff = base.staff(base.school())
    urls = [
        reverse("sessions:schedule"),
        reverse("sessions:add"),
        reverse("sessions:detail", args=[s.pk]),
        reverse("sessions:attendance", args=[s.pk]),
    ]
    for who in (small_school.student_a, small_school.volunteer):
        client.force_login(who)
        for url in urls:
            assert client.get(url).status_code == 403, (who, url)
        assert client.post(reverse("sessions:attendance", args=[s.pk]), {}).status_code == 403
    client.force_login(other_staff)
    assert client.get(reverse("sessions:attendance", args=[s.pk])).status_code == 404
    assert not Attendance.objects.exists()


def test_a_student_sees_their_upcoming_sessions_and_only_their_own_rate(
    client, small_school, monkeypatch
):
    term = small_school.term
    homeroom = factories.session(term, kind=SessionKind.HOMEROOM, title="Homeroom one",
                                 video_link="https://meet.example.com/hr")  # fmt: skip
    fe_only = factories.session(term, title="FE clinic", cohorts=[small_school.fe])
    factories.attended(homeroom, small_school.student_a, present=True)
    factories.attended(homeroom, small_school.student_b, present=False)
    # The term is in the future: every session is upcoming.
    client.force_login(small_school.student_b)
    page = client.get(reverse("sessions:mine")).content.decode()
    assert "Homeroom one" in page and "https://meet.example.com/hr" in page
    assert fe_only.title not in page
    assert "0%" in page and "100%" not in page
    assert small_school.student_a.display_name not in page
    client.force_login(small_school.volunteer)
    assert client.get(reverse("sessions:mine")).status_code == 403


def test_a_students_passed_sessions_are_not_upcoming(client, small_school):
    term = small_school.term
    factories.session(term, title="Old session")
    client.force_login(small_school.student_a)
    from django.utils import timezone

    later = term.week(6).ends_on + dt.timedelta(days=1)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(timezone, "now", lambda: dt.datetime.combine(later, dt.time(), tzinfo=dt.UTC))
        page = client.get(reverse("sessions:mine")).content.decode()
    assert "Old session" not in page


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_attendance_page_queries_do_not_grow_with_students(client, small_school):
    client.force_login(small_school.staff)
    s = factories.session(small_school.term)
    services.record_attendance(s, [small_school.student_a.pk])
    url = reverse("sessions:attendance", args=[s.pk])
    few = _count(client, url)
    _more_students(small_school, 12)
    services.record_attendance(s, [small_school.student_a.pk])
    assert _count(client, url) == few


def _panel_with_a_speaker_and_a_drop(small_school, cohorts):
    panel = factories.session(small_school.term, kind=SessionKind.PANEL, cohorts=cohorts)
    services.add_speaker(panel, name="Linus")
    homeroom = factories.session(small_school.term, kind=SessionKind.HOMEROOM)
    services.drop_session_for_cohort(homeroom, cohorts[0])
    services.record_attendance(panel, [])


def test_the_schedule_queries_do_not_grow_with_students_or_sessions(client, small_school):
    client.force_login(small_school.staff)
    services.add_usual_schedule(small_school.term)
    _panel_with_a_speaker_and_a_drop(small_school, [small_school.be])
    url = reverse("sessions:schedule") + f"?term={small_school.term.pk}"
    few = _count(client, url)
    _more_students(small_school, 12)
    extra = base.cohort(small_school.be.program, "2409-BE")
    for _ in range(3):
        base.enroll(base.student(small_school.school), small_school.term, extra)
    _panel_with_a_speaker_and_a_drop(small_school, [extra, small_school.fe])
    assert _count(client, url) == few
