"""Portfolio pages: the student edits theirs and asks for a review, staff
work the review queue, and anyone — signed in or not — sees the published
ones in the directory. Files are served here too, never straight from
MEDIA_ROOT, so an unpublished portfolio's photo or résumé is as private as
the portfolio itself."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from careerdev import policies
from careerdev.groups.prompts import render_markdown

from . import selectors, services, uploads
from .forms import DecisionForm, PortfolioForm, ProjectForm
from .models import Portfolio, PortfolioProject, ProjectScreenshot

# Alumni accumulate over the years: the directory shows them a page at a time.
DIRECTORY_PAGE_SIZE = 48


def _say_errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _visible_portfolio(request, slug: str) -> Portfolio:
    portfolio = selectors.portfolio_by_slug(slug)
    policies.require_visible(
        portfolio is not None and policies.can_view_portfolio(request.user, portfolio)
    )
    return portfolio


def _showcase_context(portfolio: Portfolio) -> dict:
    return {
        "portfolio": portfolio,
        "student": portfolio.student,
        "about_html": render_markdown(portfolio.about),
        "projects": list(portfolio.projects.all()),
    }


# --- Public ------------------------------------------------------------------


@require_GET
def directory(request):
    """Every published portfolio: the school's public alumni directory."""
    page = Paginator(selectors.published_portfolios(), DIRECTORY_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "portfolios/directory.html", {"page": page, "portfolios": page})


@require_GET
def public_page(request, slug: str):
    portfolio = _visible_portfolio(request, slug)
    context = _showcase_context(portfolio)
    context["may_review"] = policies.can_review_portfolio(request.user, portfolio)
    return render(request, "portfolios/public.html", context)


def _file_response(file, download_name: str) -> FileResponse:
    if not file:
        raise Http404
    content_type = uploads.content_type_of(file.name)
    response = FileResponse(
        file.storage.open(file.name, "rb"),
        content_type=content_type,
        as_attachment=False,
        filename=download_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Published files may be cached by browsers, never by shared caches:
    # unpublishing must take them down.
    response["Cache-Control"] = "private, max-age=300"
    return response


@require_GET
def photo(request, slug: str):
    portfolio = _visible_portfolio(request, slug)
    return _file_response(portfolio.photo, f"{portfolio.slug}-photo")


@require_GET
def resume(request, slug: str):
    portfolio = _visible_portfolio(request, slug)
    return _file_response(portfolio.resume, f"{portfolio.slug}-resume.pdf")


@require_GET
def screenshot(request, slug: str, pk: int):
    portfolio = _visible_portfolio(request, slug)
    shot = ProjectScreenshot.objects.filter(pk=pk, project__portfolio=portfolio).first()
    if shot is None:
        raise Http404
    return _file_response(shot.image, f"{portfolio.slug}-screenshot-{shot.pk}")


# --- The student's own -------------------------------------------------------


def _initial_details(student) -> dict:
    """A new portfolio starts from what careerdev already knows."""
    profile = getattr(student, "student_profile", None)
    return {
        "email": student.email,
        "github": profile.github if profile else "",
        "linkedin": profile.linkedin if profile else "",
    }


@login_required
@require_http_methods(["GET", "POST"])
def my_portfolio(request):
    student = request.user
    policies.require(policies.can_edit_portfolio(request.user, student))
    portfolio = selectors.portfolio_of(student)
    form = PortfolioForm(
        request.POST or None,
        request.FILES or None,
        instance=portfolio,
        initial=None if portfolio else _initial_details(student),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.save_portfolio(
                student,
                title=data["title"],
                about=data["about"],
                email=data["email"],
                github=data["github"],
                linkedin=data["linkedin"],
                photo=data["photo"],
                resume=data["resume"],
                remove_photo=data["remove_photo"],
                remove_resume=data["remove_resume"],
            )
        except ValidationError as error:
            _say_errors(request, error)
        else:
            messages.success(request, "Your portfolio is saved.")
        return redirect("portfolios:mine")
    return render(
        request,
        "portfolios/mine.html",
        {
            "portfolio": portfolio,
            "form": form,
            "checklist": selectors.checklist(portfolio),
            "ready": not selectors.missing_for_review(portfolio),
            "projects": list(portfolio.projects.all()) if portfolio else [],
            "history": list(selectors.history(portfolio)) if portfolio else [],
            "max_projects": services.MAX_PROJECTS,
        },
    )


def _own_project(request, pk: int) -> PortfolioProject:
    policies.require(policies.is_student(request.user))
    project = (
        PortfolioProject.objects.select_related("portfolio")
        .prefetch_related("screenshots")
        .filter(pk=pk, portfolio__student=request.user)
        .first()
    )
    policies.require_visible(project is not None)
    return project


def _project_fields(data) -> dict:
    return {
        "title": data["title"],
        "description": data["description"],
        "repository_url": data["repository_url"],
        "live_url": data["live_url"],
        "screenshot": data["screenshot"],
        "caption": data["caption"],
    }


@login_required
@require_http_methods(["GET", "POST"])
def project_new(request):
    policies.require(policies.can_edit_portfolio(request.user, request.user))
    form = ProjectForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_project(request.user, **_project_fields(form.cleaned_data))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Project “{form.cleaned_data['title']}” added.")
            return redirect("portfolios:mine")
    return render(request, "portfolios/project_form.html", {"form": form, "project": None})


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request, pk: int):
    project = _own_project(request, pk)
    form = ProjectForm(request.POST or None, request.FILES or None, instance=project)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_project(request.user, project.pk, **_project_fields(form.cleaned_data))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Project “{form.cleaned_data['title']}” saved.")
            return redirect("portfolios:project_edit", pk=project.pk)
    return render(
        request,
        "portfolios/project_form.html",
        {"form": form, "project": project, "screenshots": list(project.screenshots.all())},
    )


@login_required
@require_POST
def project_move(request, pk: int):
    project = _own_project(request, pk)
    try:
        services.move_project(request.user, project.pk, up=request.POST.get("direction") == "up")
    except ValidationError as error:
        _say_errors(request, error)
    return redirect("portfolios:mine")


@login_required
@require_POST
def project_delete(request, pk: int):
    project = _own_project(request, pk)
    try:
        services.delete_project(request.user, project.pk)
    except ValidationError as error:
        _say_errors(request, error)
    else:
        messages.success(request, f"Project “{project.title}” removed.")
    return redirect("portfolios:mine")


@login_required
@require_POST
def screenshot_delete(request, pk: int):
    policies.require(policies.is_student(request.user))
    shot = ProjectScreenshot.objects.filter(pk=pk, project__portfolio__student=request.user).first()
    policies.require_visible(shot is not None)
    try:
        services.delete_screenshot(request.user, shot.pk)
    except ValidationError as error:
        _say_errors(request, error)
    else:
        messages.success(request, "Screenshot removed.")
    return redirect("portfolios:project_edit", pk=shot.project_id)


@login_required
@require_POST
def request_review(request):
    policies.require(policies.can_edit_portfolio(request.user, request.user))
    try:
        services.request_review(request.user)
    except ValidationError as error:
        _say_errors(request, error)
    else:
        messages.success(request, "Review requested. A Career Specialist will look at it soon.")
    return redirect("portfolios:mine")


@login_required
@require_POST
def unpublish_mine(request):
    policies.require(policies.is_student(request.user))
    portfolio = selectors.portfolio_of(request.user)
    policies.require_visible(portfolio is not None)
    policies.require(policies.can_unpublish_portfolio(request.user, portfolio))
    try:
        services.unpublish(portfolio, by=request.user)
    except ValidationError as error:
        _say_errors(request, error)
    else:
        messages.success(request, "Your portfolio is no longer in the directory.")
    return redirect("portfolios:mine")


# --- Staff -------------------------------------------------------------------


@login_required
@require_GET
def review_queue(request):
    school = policies.school_managed_by(request.user)
    return render(
        request,
        "portfolios/queue.html",
        {
            "waiting": list(selectors.review_queue(school)),
            "published": list(selectors.published_in_school(school)),
        },
    )


def _for_review(request, pk: int) -> Portfolio:
    school = policies.school_managed_by(request.user)
    portfolio = selectors.portfolio_for_review(school, pk)
    policies.require_visible(portfolio is not None)
    policies.require(policies.can_review_portfolio(request.user, portfolio))
    return portfolio


@login_required
@require_http_methods(["GET", "POST"])
def review(request, pk: int):
    portfolio = _for_review(request, pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "publish":
                services.publish(
                    portfolio, reviewer=request.user, comment=form.cleaned_data["comment"]
                )
                messages.success(request, f"{portfolio.student} is published in the directory.")
            else:
                services.request_changes(
                    portfolio, reviewer=request.user, comment=form.cleaned_data["comment"]
                )
                messages.success(request, f"Changes requested from {portfolio.student}.")
        except ValidationError as error:
            _say_errors(request, error)
            return redirect("portfolios:review", pk=portfolio.pk)
        return redirect("portfolios:queue")
    context = _showcase_context(portfolio)
    context.update(
        {
            "form": form,
            "checklist": selectors.checklist(portfolio),
            "history": list(selectors.history(portfolio)),
        }
    )
    return render(request, "portfolios/review.html", context)


@login_required
@require_GET
def review_student(request, student_id: int):
    """A student's portfolio by the student's id, for links from staff pages
    such as the deliverables matrix."""
    school = policies.school_managed_by(request.user)
    student = selectors.student_of_school(school, student_id)
    policies.require_visible(student is not None)
    portfolio = selectors.portfolio_of(student)
    if portfolio is not None:
        return redirect("portfolios:review", pk=portfolio.pk)
    return render(request, "portfolios/not_started.html", {"student": student})


@login_required
@require_POST
def staff_unpublish(request, pk: int):
    portfolio = _for_review(request, pk)
    policies.require(policies.can_unpublish_portfolio(request.user, portfolio))
    try:
        services.unpublish(portfolio, by=request.user, comment=request.POST.get("comment", ""))
    except ValidationError as error:
        _say_errors(request, error)
    else:
        messages.success(request, f"{portfolio.student}'s portfolio is out of the directory.")
    return redirect("portfolios:review", pk=portfolio.pk)
