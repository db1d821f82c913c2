"""Recording a staff change. Called by the service that makes the change,
inside its transaction: the entry and the change commit or roll back together."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from careerdev.people.models import User

from .models import AuditEntry

# Who made a change that came from a command rather than a person signed in.
COMMAND_LINE = "careerdev command line"


@dataclass(frozen=True)
class Change:
    action: str
    subject: str
    student_id: int | None = None
    before: dict | None = None
    after: dict | None = None


def record(*, school_id: int, by: User | None, area: str, changes: list[Change]) -> None:
    """Add one audit entry per change, at the same moment, by the same person."""
    if not changes:
        return
    if not transaction.get_connection().in_atomic_block:
        # Otherwise a change could land without its entry, or the reverse.
        raise RuntimeError("Audit entries are recorded inside the change's transaction.")
    label = by.email if by is not None else COMMAND_LINE
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                school_id=school_id,
                actor=by,
                actor_label=label,
                area=area,
                action=c.action[:200],
                subject=c.subject[:200],
                student_id=c.student_id,
                before=c.before,
                after=c.after,
            )
            for c in changes
        ],
        batch_size=1000,
    )
