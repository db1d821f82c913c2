"""How messages say things: dates and times as people write them."""

from __future__ import annotations

import datetime as dt


def when(moment: dt.datetime, zone) -> str:
    """ "Fri 11 Dec, 11:59 PM MST": in the school's zone, as people write it."""
    local = moment.astimezone(zone)
    hour = local.strftime("%I").lstrip("0")
    return f"{local:%a} {local.day} {local:%b}, {hour}:{local:%M %p} {local.tzname()}"
