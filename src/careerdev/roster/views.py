"""Staff import a roster: upload a file, see what it would change, confirm.

The uploaded bytes are kept (RosterUpload) so that confirming imports
exactly the file that was previewed.
"""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from careerdev import policies
from careerdev.spreadsheets import neutralise

from . import services
from .forms import RosterUploadForm
from .models import RosterUpload
from .parsing import COLUMNS

# A preview shows this many rows and errors; the rest are counted.
ROWS_SHOWN = 50
ERRORS_SHOWN = 200


def _upload_of(request, pk: int) -> RosterUpload:
    """The school's upload; another school's is not found."""
    school = policies.school_managed_by(request.user)
    return get_object_or_404(
        RosterUpload.objects.select_related("school", "term__school", "uploaded_by"),
        pk=pk,
        school=school,
    )


@login_required
@require_http_methods(["GET", "POST"])
def upload(request):
    school = policies.school_managed_by(request.user)
    form = RosterUploadForm(request.POST or None, request.FILES or None, school=school)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        roster_upload = services.create_upload(
            school=school,
            term=form.cleaned_data["term"],
            uploaded_by=request.user,
            filename=file.name,
            content=file.read(),
        )
        return redirect("roster:preview", pk=roster_upload.pk)
    return render(
        request,
        "roster/upload.html",
        {"form": form, "columns": COLUMNS, "has_terms": school.terms.exists()},
    )


def _render_preview(request, roster_upload: RosterUpload, preview: services.RosterPreview):
    return render(
        request,
        "roster/preview.html",
        {
            "upload": roster_upload,
            "preview": preview,
            "rows": preview.rows[:ROWS_SHOWN],
            "errors": preview.errors[:ERRORS_SHOWN],
            "errors_not_shown": max(len(preview.errors) - ERRORS_SHOWN, 0),
        },
    )


@login_required
@require_GET
def preview(request, pk: int):
    roster_upload = _upload_of(request, pk)
    result = services.preview_roster(
        roster_upload.school,
        roster_upload.term,
        bytes(roster_upload.content),
        roster_upload.filename,
    )
    return _render_preview(request, roster_upload, result)


@login_required
@require_POST
def confirm(request, pk: int):
    roster_upload = _upload_of(request, pk)
    overview = f"{reverse('school:term_overview')}?term={roster_upload.term_id}"
    result = services.confirm_upload(roster_upload)
    if not result.ok:
        # The database changed since the preview (say, a program was removed).
        return _render_preview(request, roster_upload, result)
    if not result.imported:
        messages.info(request, f"{roster_upload.filename} was already imported.")
        return redirect(overview)
    new_cohorts = ", ".join(c.code for c in result.new_cohorts)
    messages.success(
        request,
        f"Imported {roster_upload.filename} into {roster_upload.term.name}: {result.summary()}"
        + (
            f"; new cohort{pluralize(len(result.new_cohorts))} {new_cohorts}."
            if new_cohorts
            else "."
        ),
    )
    return redirect(overview)


@login_required
@require_GET
def sample(request):
    """A small roster to start from, with every column and the school's own programs."""
    school = policies.school_managed_by(request.user)
    codes = list(school.programs.values_list("code", flat=True)[:2]) or ["BE", "FE"]
    # The codes are the school's own text: neutralised, as in every export.
    first, second = neutralise(codes[0]), neutralise(codes[-1])
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="roster-sample.csv"'
    writer = csv.writer(response)
    writer.writerow([c.heading for c in COLUMNS])
    writer.writerows(
        [
            [
                "ana.able@example.edu",
                "Anastasia",
                "Able",
                "Ana",
                "she/her",
                first,
                f"2405-{first}",
                4,
                "no",
                "ana.able",
                "ana-able",
                "https://www.linkedin.com/in/ana-able",
            ],
            [
                "ben.baker@example.edu",
                "Benjamin",
                "Baker",
                "Ben",
                "he/him",
                second,
                f"2407-{second}",
                3,
                "yes",
                "",
                "https://github.com/benbaker",
                "",
            ],
            ["cy.cole@example.edu", "Cy", "Cole", "", "they/them", first, f"2409-{first}", 1],
        ]
    )
    return response
