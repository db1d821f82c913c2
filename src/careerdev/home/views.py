"""The home page: staff go to the term; a student sees their week
(home/selectors.py); a volunteer sees their part."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from careerdev import policies

from .selectors import student_home


@login_required
def home(request):
    user = request.user
    if policies.is_staff(user):
        return redirect("school:term_overview")
    if policies.is_student(user):
        return render(request, "home/student.html", student_home(user))
    if policies.is_volunteer(user):
        # A volunteer comes for one thing: their availability and interviews.
        return redirect("interviews:volunteer")
    return render(request, "home/other.html")


def health(request):
    """For load balancers and uptime checks: the app answers, nothing more."""
    return HttpResponse("ok", content_type="text/plain")
