"""The term's schedule: the usual sessions in one click, per-cohort drop and
move, sessions_for, and refusing bad input without changing anything."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from careerdev.sessions import selectors, services
from careerdev.sessions.models import Session, SessionKind

from . import factories

pytestmark = pytest.mark.django_db


def test_the_usual_schedule_is_added_once_with_the_programmes_sessions(small_school):
    term = small_school.term
    added = services.add_usual_schedule(term)
    assert services.add_usual_schedule(term) == 0
    sessions = list(Session.objects.filter(term=term))
    assert added == len(sessions)
    by_key = {s.default_key: s for s in sessions}
    zone = small_school.school.zone
    assert by_key["kick_off"].week == 1
    homerooms = [by_key[f"homeroom_{w}"] for w in range(1, 6)]
    for w, h in enumerate(homerooms, start=1):
        local = h.starts_at.astimezone(zone)
        assert (h.week, local.weekday(), local.time()) == (w, 2, dt.time(13, 0))
    # Mix It Up weeks 2 and 4, in the PD slot's second half-hour.
    assert {s.week for s in sessions if s.kind == SessionKind.MIX_IT_UP} == {2, 4}
    assert by_key["mix_it_up_2"].starts_at.astimezone(zone).time() == dt.time(13, 30)
    assert by_key["homeroom_2"].ends_at == by_key["mix_it_up_2"].starts_at
    assert by_key["mock_interviews"].week == 3
    assert by_key["negotiation"].kind == SessionKind.WORKSHOP
    # Mod 4's own sessions go to the Mod 4 cohort only; groups to everyone.
    assert list(by_key["kick_off"].cohorts.all()) == [small_school.be]
    assert by_key["homeroom_1"].all_cohorts


def test_sessions_for_gives_a_student_only_their_cohorts_sessions(small_school):
    term = small_school.term
    services.add_usual_schedule(term)
    be_titles = {s.title for s in selectors.sessions_for(small_school.student_a, term)}
    fe_titles = {s.title for s in selectors.sessions_for(small_school.other_cohort_student, term)}
    assert "Mod 4 kick-off" in be_titles and "Mod 4 kick-off" not in fe_titles
    assert "Homeroom · week 1" in be_titles & fe_titles
    assert selectors.sessions_for(small_school.volunteer, term) == []
    first = selectors.sessions_for(small_school.student_a, term)[0]
    assert first.starts_at.tzinfo is not None


def test_dropping_a_session_for_one_cohort_keeps_it_for_the_others(small_school):
    term = small_school.term
    s = factories.session(term)
    services.drop_session_for_cohort(s, small_school.fe)
    assert s in selectors.sessions_for(small_school.student_a, term)
    assert s not in selectors.sessions_for(small_school.other_cohort_student, term)
    rows = selectors.term_schedule(term, cohort=small_school.fe)
    assert s.pk not in {r.session.pk for r in rows}
    services.restore_session_for_cohort(s, small_school.fe)
    assert s in selectors.sessions_for(small_school.other_cohort_student, term)


def test_moving_a_session_for_one_cohort_gives_that_cohort_its_own_time(small_school):
    term = small_school.term
    panel = factories.session(term, kind=SessionKind.PANEL, week=2)
    services.add_speaker(panel, name="Grace Hopper", company="Navy")
    new_day = term.week(3).starts_on + dt.timedelta(days=1)
    copy = services.move_session_for_cohort(
        panel, small_school.fe, date=new_day, start_time=dt.time(15, 0), end_time=dt.time(16, 0)
    )
    fe = selectors.sessions_for(small_school.other_cohort_student, term)
    be = selectors.sessions_for(small_school.student_a, term)
    assert [s.pk for s in fe] == [copy.pk] and [s.pk for s in be] == [panel.pk]
    assert copy.week == 3 and copy.speakers.get().name == "Grace Hopper"
    assert copy.starts_at.astimezone(small_school.school.zone).time() == dt.time(15, 0)


def test_moving_a_session_for_everyone_changes_its_week(small_school):
    term = small_school.term
    s = factories.session(term, week=1)
    services.update_session(
        s, kind=s.kind, title=s.title, date=term.week(4).starts_on,
        start_time=dt.time(9, 0), end_time=dt.time(10, 0),
    )  # fmt: skip
    s.refresh_from_db()
    assert s.week == 4


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"start_time": dt.time(14, 0), "end_time": dt.time(13, 0)}, "end_time"),
        ({"start_time": dt.time(14, 0), "end_time": dt.time(14, 0)}, "end_time"),
        ({"date": dt.date(2020, 1, 1)}, "date"),
        ({"video_link": "not a link"}, "video_link"),
        ({"video_link": "javascript:alert(1)"}, "video_link"),
        ({"kind": SessionKind.PANEL, "topic": ""}, "topic"),
    ],
)
def test_bad_session_input_is_refused_and_changes_nothing(small_school, change, field):
    term = small_school.term
    data = {
        "kind": SessionKind.WORKSHOP,
        "title": "Resume clinic",
        "date": term.week(2).starts_on,
        "start_time": dt.time(13, 0),
        "end_time": dt.time(14, 0),
    } | change
    with pytest.raises(ValidationError) as error:
        services.add_session(term, **data)
    assert field in error.value.message_dict
    assert not Session.objects.exists()


def test_a_day_after_the_terms_last_week_is_outside_the_term(small_school):
    term = small_school.term
    with pytest.raises(ValidationError):
        factories.session(term, week=6, weekday=7)  # the Monday after week 6


def test_the_database_refuses_a_session_that_ends_before_it_starts(small_school):
    from django.db import IntegrityError, transaction

    s = factories.session(small_school.term)
    s.ends_at = s.starts_at - dt.timedelta(minutes=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        s.save()


def test_cohorts_without_a_panel_are_listed_until_one_applies(small_school):
    term = small_school.term
    assert set(selectors.cohorts_without_panel(term)) == {small_school.be, small_school.fe}
    factories.session(term, kind=SessionKind.PANEL, cohorts=[small_school.be])
    assert selectors.cohorts_without_panel(term) == [small_school.fe]
