"""Staff download a round's groups as CSV or XLSX: the shared sheet, or the
confidential one (careerdev/groups/export.py says what each holds)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from careerdev import policies

from . import export
from .models import GroupRound


def _download(request, pk: int, fmt: str, *, confidential: bool) -> HttpResponse:
    school = policies.school_managed_by(request.user)
    if confidential:
        policies.require(policies.can_see_group_topics_and_leaders(request.user, school))
    round_ = get_object_or_404(
        GroupRound.objects.select_related("term__school"), pk=pk, term__school=school
    )
    content, content_type, filename = export.export_round(round_, fmt, confidential=confidential)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if confidential:
        # Not kept by a browser's or a proxy's cache.
        response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def export_round(request, pk: int, fmt: str):
    """The sheet staff send round: everyone's group and room, no topics."""
    return _download(request, pk, fmt, confidential=False)


@login_required
@require_GET
def export_confidential(request, pk: int, fmt: str):
    """Staff's own sheet, with topics and leaders: never to be shared."""
    return _download(request, pk, fmt, confidential=True)
