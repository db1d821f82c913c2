"""Staff post a round's groups to Slack again: only those not yet posted."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from careerdev import policies

from . import slack
from .models import GroupRound


@login_required
@require_POST
def slack_retry(request, pk: int):
    school = policies.school_managed_by(request.user)
    round_ = get_object_or_404(
        GroupRound.objects.select_related("term__school"), pk=pk, term__school=school
    )
    if not slack.is_configured():
        # Without a token the feature does not exist.
        raise Http404
    summary = slack.post_round(round_)
    if summary.skipped_reason:
        messages.info(request, summary.skipped_reason)
    elif summary.failed:
        messages.warning(request, f"{summary} See each group's error below.")
    else:
        messages.success(request, str(summary))
    for note in summary.notes:
        messages.info(request, note)
    return redirect(reverse("groups:round", args=[round_.pk]))
