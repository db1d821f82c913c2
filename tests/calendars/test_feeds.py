"""Calendar feeds: a private, revocable address whose iCalendar an
independent parser (icalendar) reads back, in the school's zone, with the
student's own sessions, groups and bookings — and nobody else's."""

import datetime as dt

import icalendar
import pytest
from django.urls import reverse

from careerdev.calendars import services
from careerdev.groups import services as groups
from careerdev.reviews import services as reviews
from careerdev.sessions.models import SessionKind
from tests import factories
from tests.sessions.factories import session

pytestmark = pytest.mark.django_db


def parsed(response) -> icalendar.Calendar:
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def vevents(cal):
    return [c for c in cal.walk() if c.name == "VEVENT"]


@pytest.fixture
def term_running(small_school):
    today = dt.date.today()
    small_school.term.start_date = today - dt.timedelta(days=today.weekday() + 7)
    small_school.term.save()
    return small_school


def test_the_feed_holds_the_students_sessions_with_their_room(client, term_running):
    school = term_running
    term, a = school.term, school.student_a
    homeroom = session(term, week=2, kind=SessionKind.HOMEROOM, title="Homeroom")
    round_ = groups.form_homerooms(term, by=school.staff)
    groups.publish(round_)
    slot = factories.review_slot(term, school.staff)
    reviews.book_slot(a, slot.pk)
    feed = services.feed_of(a)

    response = client.get(reverse("calendars:feed", args=[feed.token]))  # no sign-in
    cal = parsed(response)
    events = {str(e["SUMMARY"]): e for e in vevents(cal)}
    assert set(events) == {"Homeroom", "Document review"}
    hr = events["Homeroom"]
    assert hr["DTSTART"].dt == homeroom.starts_at
    assert hr["DTSTART"].params["TZID"] == "America/Denver"
    assert "Your Homeroom group: room" in str(hr["DESCRIPTION"])
    assert str(hr["UID"]) == f"session-{homeroom.pk}@careerdev"
    assert any(c.name == "VTIMEZONE" for c in cal.walk())


def test_a_new_address_revokes_the_old_one(client, term_running):
    a = term_running.student_a
    old = services.feed_of(a).token
    client.force_login(a)
    client.post(reverse("calendars:renew"))
    client.logout()
    assert client.get(reverse("calendars:feed", args=[old])).status_code == 404
    new = services.feed_of(a).token
    assert new != old
    assert client.get(reverse("calendars:feed", args=[new])).status_code == 200


def test_a_feed_shows_nobody_elses_bookings(client, term_running):
    school = term_running
    slot = factories.review_slot(school.term, school.staff)
    booking = reviews.book_slot(school.student_b, slot.pk)
    feed_a = services.feed_of(school.student_a)
    cal = parsed(client.get(reverse("calendars:feed", args=[feed_a.token])))
    assert not [e for e in vevents(cal) if str(e["SUMMARY"]) == "Document review"]
    # Nor can A download B's event by its id.
    client.force_login(school.student_a)
    url = reverse("calendars:event", args=[f"review-{booking.pk}"])
    assert client.get(url).status_code == 404
    client.force_login(school.student_b)
    one = parsed(client.get(url))
    assert [str(e["SUMMARY"]) for e in vevents(one)] == ["Document review"]


def test_an_unknown_token_is_not_found(client, term_running):
    assert client.get(reverse("calendars:feed", args=["nope"])).status_code == 404


def test_the_calendar_page_shows_the_address(client, term_running):
    client.force_login(term_running.student_a)
    page = client.get(reverse("calendars:page")).content.decode()
    assert services.feed_of(term_running.student_a).token in page
    assert "webcal://" in page


def test_a_mix_it_up_event_reads_the_same_for_every_group(client, term_running):
    """A feed is pasted into Google or Outlook, where others may read it: the
    less-represented group's event says what any group's says — the room and
    a link into careerdev — never the topic, nor who leads."""
    from careerdev.groups.models import (
        DiscussionGroup,
        GroupMember,
        GroupRound,
        MixItUpTopic,
        RoundKind,
        RoundStatus,
        TopicKind,
    )

    school = term_running
    term, ana, ben = school.term, school.student_a, school.student_b
    mix_it_up = session(term, week=2, kind=SessionKind.MIX_IT_UP, title="Mix It Up · week 2")
    round_ = GroupRound.objects.create(
        term=term,
        kind=RoundKind.MIX_IT_UP,
        week=2,
        status=RoundStatus.PUBLISHED,
        published_at=mix_it_up.starts_at,
    )
    private = MixItUpTopic.objects.create(
        term=term, name="Identifying as less represented in tech", kind=TopicKind.LESS_REPRESENTED
    )
    networking = MixItUpTopic.objects.create(term=term, name="Networking")
    for number, topic, student, leads in ((1, private, ana, False), (2, networking, ben, True)):
        group = DiscussionGroup.objects.create(round=round_, number=number, topic=topic)
        GroupMember.objects.create(round=round_, group=group, student=student, is_leader=leads)

    def description(student) -> str:
        token = services.feed_of(student).token
        cal = parsed(client.get(reverse("calendars:feed", args=[token])))
        [event] = [e for e in vevents(cal) if str(e["SUMMARY"]) == "Mix It Up · week 2"]
        return str(event["DESCRIPTION"])

    anas, bens = description(ana), description(ben)
    assert anas.startswith("Your Mix It Up group: room 1.")
    assert "Topic, prompts and who leads: in careerdev, http" in anas
    assert anas.replace("room 1.", "room 2.") == bens
    for word in ("less represented", "Networking", "lead this", "open"):
        assert word not in anas + bens
