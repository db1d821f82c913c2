"""Deliverable reminders: due within three days and not done, and overdue.

Queued for every school's current term from the progress matrix (a handful of
queries per term), each under a key naming the deliverable, the student and
the due moment — so a reminder goes once, and again only if the due moment
is moved.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from careerdev.deliverables.selectors import progress_matrix
from careerdev.deliverables.status import SOON, Status
from careerdev.school.models import School
from careerdev.school.selectors import current_term

from .models import Kind
from .services import NewNotification
from .wording import when


def deliverable_reminders(now: dt.datetime) -> list[NewNotification]:
    out: list[NewNotification] = []
    link = reverse("deliverables:mine")
    for school in School.objects.all():
        term = current_term(school, now.astimezone(school.zone).date())
        if term is None:
            continue
        matrix = progress_matrix(term, now=now)
        for row in matrix.rows:
            for cell in row.cells:
                if cell is None:
                    continue
                due_soon = cell.status in (Status.NOT_STARTED, Status.IN_PROGRESS) and (
                    dt.timedelta(0) < cell.due - now <= SOON
                )
                if cell.status != Status.OVERDUE and not due_soon:
                    continue
                kind = Kind.DELIVERABLE_OVERDUE if not due_soon else Kind.DELIVERABLE_DUE_SOON
                title = cell.deliverable.title
                due = when(cell.due, school.zone)
                if due_soon:
                    subject = f"{school.name}: {title} is due {due}"
                    body = f"Hello {row.student.name},\n\n{title} is due {due} and is not done yet."
                else:
                    subject = f"{school.name}: {title} is overdue"
                    body = (
                        f"Hello {row.student.name},\n\n{title} was due {due} and is not done "
                        "yet. If you need more time, talk to the Career Development team."
                    )
                out.append(
                    NewNotification(
                        recipient_id=row.student.student_id,
                        key=f"{kind}:{cell.deliverable.pk}:{row.student.student_id}:"
                        f"{cell.due.isoformat()}",
                        kind=kind,
                        subject=subject,
                        body=body + "\n\nSee your deliverables, and what each needs:",
                        url=link,
                    )
                )
    return out
