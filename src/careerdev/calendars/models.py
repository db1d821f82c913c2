"""A person's private calendar feed: a random token in a URL their calendar
client polls without signing in. Making a new token revokes the old URL."""

from django.conf import settings
from django.db import models


class CalendarFeed(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    # Kept as is, not hashed: the person must be able to copy their feed's
    # address again later (calendar clients ask for it). It reveals only
    # their own schedule, and a new one is a click away.
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"
