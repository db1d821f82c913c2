"""Making and revoking a person's feed token."""

import secrets

from django.db import transaction

from careerdev.people.models import User

from .models import CalendarFeed


def feed_of(user: User) -> CalendarFeed:
    """The person's feed, made on first use."""
    feed, _ = CalendarFeed.objects.get_or_create(
        user=user, defaults={"token": secrets.token_urlsafe(32)}
    )
    return feed


@transaction.atomic
def renew_token(user: User) -> CalendarFeed:
    """A new address; the old one stops working at once."""
    feed = feed_of(user)
    feed.token = secrets.token_urlsafe(32)
    feed.save(update_fields=["token", "created_at"])
    return feed
