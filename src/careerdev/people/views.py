"""People pages: invitations, the student's own profile and the staff view
of a student. Access is decided in careerdev.policies."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from careerdev import policies
from careerdev.school.selectors import enrollments_of

from . import selectors, services
from .forms import InvitationForm, SetPasswordForm, StudentProfileForm


@login_required
@require_http_methods(["GET", "POST"])
def invite(request):
    policies.require(policies.can_invite(request.user))
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite_person(
                invited_by=request.user,
                base_url=request.build_absolute_uri("/"),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(request, f"Invitation sent to {form.cleaned_data['email']}.")
            return redirect("people:invite")
    return render(request, "people/invite.html", {"form": form})


@require_http_methods(["GET", "POST"])
def accept_invitation(request, token):
    invitation = services.find_invitation(token)
    if invitation is None:
        return render(request, "people/invitation_invalid.html", status=410)
    form = SetPasswordForm(invitation.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.accept_invitation(invitation, form.cleaned_data["password1"])
        login(request, user, backend="careerdev.people.auth.EmailBackend")
        messages.success(request, "Welcome to careerdev. Your password is set.")
        return redirect("home")
    return render(
        request, "people/accept_invitation.html", {"form": form, "invitee": invitation.user}
    )


@login_required
def student_profile(request, pk):
    student = selectors.student_with_profile(pk)
    policies.require_visible(policies.can_view_public_profile(request.user, student))
    full = policies.can_view_student(request.user, student)
    return render(
        request,
        "people/student_profile.html",
        {
            "student": student,
            "profile": student.student_profile if hasattr(student, "student_profile") else None,
            "full_record": full,
            "opt_in": policies.private_opt_in(request.user, student),
            "enrollments": enrollments_of(student) if full else [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_profile(request):
    policies.require(policies.is_student(request.user))
    student = selectors.student_with_profile(request.user.pk)
    form = StudentProfileForm(
        request.POST or None, instance=getattr(student, "student_profile", None)
    )
    if request.method == "POST" and form.is_valid():
        services.update_student_profile(student, **form.cleaned_data)
        messages.success(request, "Your profile is saved.")
        return redirect("people:my_profile")
    return render(request, "people/my_profile.html", {"form": form, "student": student})
