"""Reading the audit trail: a school's entries, newest first, filtered."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from careerdev.school.models import School

from .models import AuditEntry


def entries(school: School, *, area: str = "", who: str = "") -> QuerySet[AuditEntry]:
    """The school's entries; `who` matches the staff member or the student
    concerned, by name or email."""
    found = AuditEntry.objects.filter(school=school)
    if area:
        found = found.filter(area=area)
    if who:
        found = found.filter(
            Q(actor_label__icontains=who)
            | Q(student__email__icontains=who)
            | Q(student__first_name__icontains=who)
            | Q(student__last_name__icontains=who)
        )
    return found.select_related("student")
