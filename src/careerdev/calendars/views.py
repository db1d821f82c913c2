"""The calendar page (your feed's address), the feed itself, one event as .ics."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from careerdev import ics

from . import events, services
from .models import CalendarFeed

CONTENT_TYPE = "text/calendar; charset=utf-8"


@login_required
def calendar_page(request):
    feed = services.feed_of(request.user)
    url = request.build_absolute_uri(reverse("calendars:feed", args=[feed.token]))
    mine, _ = events.events_for(request.user)
    return render(
        request,
        "calendars/page.html",
        {"feed_url": url, "webcal_url": "webcal://" + url.split("://", 1)[1], "events": mine},
    )


@login_required
@require_POST
def renew(request):
    services.renew_token(request.user)
    messages.success(request, "New address made: the old one no longer works.")
    return redirect("calendars:page")


def feed(request, token):
    """The private feed: no sign-in, the token is the key."""
    found = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if found is None or not found.user.is_active:
        raise Http404
    mine, zone = events.events_for(found.user)
    name = f"careerdev · {found.user.display_name}"
    response = HttpResponse(ics.calendar(mine, zone=zone, name=name), content_type=CONTENT_TYPE)
    response["Cache-Control"] = "private, max-age=900"
    return response


@login_required
def one_event(request, uid):
    """One of your own events as an .ics file, to add by hand."""
    mine, zone = events.events_for(request.user)
    event = next((e for e in mine if e.uid.split("@")[0] == uid), None)
    if event is None:
        raise Http404
    response = HttpResponse(ics.calendar([event], zone=zone), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{uid}.ics"'
    return response
