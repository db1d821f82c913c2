from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from careerdev import policies


@login_required
def upload(request):
    policies.require(policies.is_staff(request.user))
    return render(request, "roster/upload.html")
