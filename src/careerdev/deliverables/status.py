"""A deliverable's status for one student, from evidence and the clock.

Pure functions, no queries: the matrix derives thousands of statuses from
a handful of queries' worth of evidence.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass


class Status(enum.StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    OVERDUE = "overdue"
    EXCUSED = "excused"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


@dataclass(frozen=True)
class Evidence:
    """What a student has done towards one deliverable."""

    started: bool = False
    done: bool = False
    done_at: dt.datetime | None = None  # when known
    detail: str = ""  # a word for staff, e.g. "booked", "no-show"


NOTHING = Evidence()

# "Needs help": not done and due within this many days, and not even started.
SOON = dt.timedelta(days=3)


def derive(evidence: Evidence, due: dt.datetime, now: dt.datetime, *, excused: bool) -> Status:
    """Excused by staff; done once the evidence is there (late or not);
    overdue from the due moment on; in progress once started."""
    if excused:
        return Status.EXCUSED
    if evidence.done:
        return Status.DONE
    if now >= due:
        return Status.OVERDUE
    if evidence.started:
        return Status.IN_PROGRESS
    return Status.NOT_STARTED


def needs_help(status: Status, due: dt.datetime, now: dt.datetime) -> bool:
    """Overdue, or due soon with nothing started: where staff should look first."""
    return status == Status.OVERDUE or (status == Status.NOT_STARTED and due - now <= SOON)
