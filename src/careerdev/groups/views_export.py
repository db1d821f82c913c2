"""Staff download a round's groups as CSV or XLSX."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from careerdev import policies

from . import export
from .models import GroupRound


@login_required
@require_GET
def export_round(request, pk: int, fmt: str):
    school = policies.school_managed_by(request.user)
    round_ = get_object_or_404(
        GroupRound.objects.select_related("term__school"), pk=pk, term__school=school
    )
    content, content_type, filename = export.export_round(round_, fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
