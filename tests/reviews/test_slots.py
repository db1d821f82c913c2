"""Staff publish slots in the school's time zone, one by one or a day's run;
bad input is refused next to its field and publishes nothing."""

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from careerdev.reviews import services
from careerdev.reviews.models import ReviewSlot
from tests import factories

pytestmark = pytest.mark.django_db

DENVER = zoneinfo.ZoneInfo("America/Denver")


def next_week(now) -> dt.date:
    return now.astimezone(DENVER).date() + dt.timedelta(days=7)


def test_a_run_is_back_to_back_slots_in_the_school_zone(small_school, now):
    day = next_week(now)
    slots = services.publish_run(
        small_school.term,
        held_by=small_school.staff,
        day=day,
        from_time=dt.time(9, 0),
        to_time=dt.time(11, 15),
        place="Room 4",
    )
    starts = [s.starts_at.astimezone(DENVER).time() for s in slots]
    assert starts == [dt.time(9, 0), dt.time(9, 30), dt.time(10, 0), dt.time(10, 30)]
    assert all(s.length_minutes == 30 for s in slots)
    # Stored in UTC: 9:00 in Denver is 16:00 or 15:00 UTC, never 9:00.
    assert slots[0].starts_at.astimezone(dt.UTC).hour in (15, 16)


def test_one_slot_with_a_video_link(small_school, now):
    slot = services.publish_slot(
        small_school.term,
        held_by=small_school.staff,
        day=next_week(now),
        start_time=dt.time(14, 0),
        length_minutes=45,
        video_link="https://meet.example.com/abc",
    )
    assert slot.ends_at - slot.starts_at == dt.timedelta(minutes=45)
    assert slot.place == ""


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"from_time": dt.time(11, 0), "to_time": dt.time(9, 0)}, "to_time"),
        ({"video_link": "not a link", "place": ""}, "video_link"),
        ({"place": "", "video_link": ""}, "place"),
        ({"length_minutes": 2}, "length_minutes"),
    ],
)
def test_bad_run_is_refused_on_its_field_and_publishes_nothing(small_school, now, kwargs, field):
    args = {
        "held_by": small_school.staff,
        "day": next_week(now),
        "from_time": dt.time(9, 0),
        "to_time": dt.time(11, 0),
        "place": "Room 4",
        **kwargs,
    }
    with pytest.raises(ValidationError) as refused:
        services.publish_run(small_school.term, **args)
    assert field in refused.value.message_dict
    assert not ReviewSlot.objects.exists()


def test_a_past_slot_is_refused(small_school, now):
    yesterday = now.astimezone(DENVER).date() - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        services.publish_slot(
            small_school.term,
            held_by=small_school.staff,
            day=yesterday,
            start_time=dt.time(10, 0),
            place="Room 4",
        )
    assert "start_time" in refused.value.message_dict
    assert not ReviewSlot.objects.exists()


def test_an_overlapping_run_publishes_nothing(small_school, now):
    day = next_week(now)
    services.publish_slot(
        small_school.term,
        held_by=small_school.staff,
        day=day,
        start_time=dt.time(10, 15),
        place="Room 4",
    )
    with pytest.raises(ValidationError, match="overlaps"):
        services.publish_run(
            small_school.term,
            held_by=small_school.staff,
            day=day,
            from_time=dt.time(9, 0),
            to_time=dt.time(12, 0),
            place="Room 4",
        )
    assert ReviewSlot.objects.count() == 1
    # Another Career Specialist may hold reviews at the same time.
    other = factories.staff(small_school.school)
    assert (
        len(
            services.publish_run(
                small_school.term,
                held_by=other,
                day=day,
                from_time=dt.time(9, 0),
                to_time=dt.time(12, 0),
                place="Room 5",
            )
        )
        == 6
    )


def test_delete_an_unbooked_slot_but_not_a_booked_one(small_school, slots, now):
    services.delete_slot(slots[1])
    services.book_slot(small_school.student_a, slots[0].pk, now=now)
    with pytest.raises(ValidationError, match="booked"):
        services.delete_slot(slots[0])
    assert set(ReviewSlot.objects.all()) == {slots[0], slots[2]}


def test_publish_form_shows_the_error_next_to_the_field(client, small_school, now):
    client.force_login(small_school.staff)
    day = next_week(now)
    response = client.post(
        reverse("reviews:publish_run"),
        {
            "term": small_school.term.pk,
            "run-day": day.isoformat(),
            "run-from_time": "11:00",
            "run-to_time": "09:00",
            "run-length_minutes": "30",
            "run-held_by": small_school.staff.pk,
            "run-place": "Room 4",
        },
    )
    assert response.status_code == 400
    form = response.context["run_form"]
    assert form.errors["to_time"] == ["The end time must be after the start time."]
    assert "The end time must be after the start time." in response.content.decode()
    assert not ReviewSlot.objects.exists()


def test_publish_form_rejects_a_link_that_is_not_a_url(client, small_school, now):
    client.force_login(small_school.staff)
    response = client.post(
        reverse("reviews:publish_slot"),
        {
            "term": small_school.term.pk,
            "one-day": next_week(now).isoformat(),
            "one-start_time": "10:00",
            "one-length_minutes": "30",
            "one-held_by": small_school.staff.pk,
            "one-video_link": "meet me in the lobby",
        },
    )
    assert response.status_code == 400
    assert "video_link" in response.context["slot_form"].errors
    assert not ReviewSlot.objects.exists()


def test_publish_form_publishes_in_school_time(client, small_school, now):
    client.force_login(small_school.staff)
    day = next_week(now)
    response = client.post(
        reverse("reviews:publish_run"),
        {
            "term": small_school.term.pk,
            "run-day": day.isoformat(),
            "run-from_time": "09:00",
            "run-to_time": "10:00",
            "run-length_minutes": "30",
            "run-held_by": small_school.staff.pk,
            "run-place": "Room 4",
        },
    )
    assert response.status_code == 302
    slots = list(ReviewSlot.objects.order_by("starts_at"))
    assert [s.starts_at.astimezone(DENVER).time() for s in slots] == [
        dt.time(9, 0),
        dt.time(9, 30),
    ]
    page = client.get(response.url).content.decode()
    assert "9:00 a.m." in page
