"""Notices: mark read, choose which emails to get; staff see unsent emails."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from careerdev import policies
from careerdev.ids import as_ids

from . import selectors, services
from .models import OPTIONAL_KINDS, EmailOptOut


@login_required
@require_POST
def mark_read(request):
    ids = as_ids(request.POST.getlist("notice"))
    services.mark_read(request.user, ids or None)
    return redirect("home")


@login_required
@require_http_methods(["GET", "POST"])
def email_settings(request):
    if request.method == "POST":
        wanted = set(request.POST.getlist("email"))
        off = {k.value for k in OPTIONAL_KINDS} - wanted
        services.set_email_opt_outs(request.user, off)
        messages.success(request, "Saved.")
        return redirect("notifications:settings")
    off = set(EmailOptOut.objects.filter(user=request.user).values_list("kind", flat=True))
    kinds = [(k.value, k.label, k.value not in off) for k in OPTIONAL_KINDS]
    return render(request, "notifications/settings.html", {"kinds": kinds})


@login_required
def outbox(request):
    school = policies.school_managed_by(request.user)
    return render(
        request,
        "notifications/outbox.html",
        {
            "unsent": selectors.unsent_emails(school),
            "undelivered": selectors.undelivered_emails(school),
        },
    )


@login_required
@require_POST
def dismiss_undelivered(request, pk: int):
    school = policies.school_managed_by(request.user)
    if not services.dismiss_undelivered(school, pk):
        raise Http404
    messages.success(request, "Dismissed.")
    return redirect("notifications:outbox")
