"""Staff read the audit trail of their school."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from careerdev import policies

from . import selectors
from .models import Area

PAGE_SIZE = 50


@login_required
def trail(request):
    school = policies.school_managed_by(request.user)
    area = request.GET.get("area", "")
    if area not in Area.values:
        area = ""
    who = request.GET.get("who", "").strip()[:100]
    page = Paginator(selectors.entries(school, area=area, who=who), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "audit/trail.html",
        {"page": page, "areas": Area.choices, "area": area, "who": who},
    )
