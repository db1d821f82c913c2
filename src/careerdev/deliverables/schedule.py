"""Due moments: a week of the term, a weekday and a time, in the school's zone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from careerdev.school.models import Term

from .models import WEEKDAYS, DeliverableKind

END_OF_DAY = dt.time(23, 59)
FRIDAY = 4


@dataclass(frozen=True)
class DefaultDeliverable:
    kind: str
    title: str
    week: int
    weekday: int
    modules: str
    description: str


# From the programme: everything by the end of week 5 (its Friday, the last
# school day), the portfolio review requested and the exit ticket by Friday
# of week 4; the self-evaluation is every student's, in every module.
DEFAULTS = (
    DefaultDeliverable(
        DeliverableKind.DOCUMENT_REVIEW,
        "Document review",
        5,
        FRIDAY,
        "4",
        "Resume, cover letter and LinkedIn reviewed with a Career Specialist: book a slot.",
    ),
    DefaultDeliverable(
        DeliverableKind.PORTFOLIO_REVIEW,
        "Portfolio review requested",
        4,
        FRIDAY,
        "4",
        "Complete your portfolio and request its review.",
    ),
    DefaultDeliverable(
        DeliverableKind.PORTFOLIO_PUBLISHED,
        "Portfolio published",
        5,
        FRIDAY,
        "4",
        "Your portfolio published on the school's directory.",
    ),
    DefaultDeliverable(
        DeliverableKind.FIVE_STEP_APPLICATION,
        "One application through the five steps",
        5,
        FRIDAY,
        "4",
        "Find, research, reach out, apply (mentioning your contact), tell your contact.",
    ),
    DefaultDeliverable(
        DeliverableKind.NEGOTIATION_EXIT_TICKET,
        "Negotiation exit ticket",
        4,
        FRIDAY,
        "4",
        "After the negotiation lesson: what you learned, and what you will ask for.",
    ),
    DefaultDeliverable(
        DeliverableKind.SELF_EVALUATION,
        "Self-evaluation",
        5,
        FRIDAY,
        "1234",
        "Rate yourself against the five competencies, with evidence.",
    ),
)


def due_at(term: Term, week: int, weekday: int, time: dt.time) -> dt.datetime:
    """The aware moment of `weekday` of `week` at `time`, in the school's zone."""
    monday = term.start_date + dt.timedelta(weeks=week - 1)
    day = monday + dt.timedelta(days=weekday)
    return dt.datetime.combine(day, time, tzinfo=term.school.zone)


def describe(week: int, weekday: int, time: dt.time) -> str:
    """ "Friday of week 5, 11:59 PM" — how staff think of a due moment."""
    hour = time.strftime("%I").lstrip("0")
    return f"{dict(WEEKDAYS)[weekday]} of week {week}, {hour}:{time:%M %p}"
