"""The demo term's sessions: the usual schedule, and an alumni panel in week 2
with two invented speakers, so no cohort is without a panel."""

from __future__ import annotations

import datetime as dt

from careerdev.school.models import Term
from careerdev.sessions import services as sessions
from careerdev.sessions.models import PanelTopic, SessionKind


def seed_demo_schedule(term: Term) -> None:
    sessions.add_usual_schedule(term)
    panel = sessions.add_session(
        term,
        kind=SessionKind.PANEL,
        title="Alumni panel: the first year on the job",
        topic=PanelTopic.ALUMNI,
        date=term.week(2).starts_on + dt.timedelta(days=3),  # Thursday of week 2
        start_time=dt.time(12, 0),
        end_time=dt.time(13, 0),
        place="Main hall",
        description="Three graduates on their first year: what surprised them, what helped.",
    )
    sessions.add_speaker(
        panel, name="Priya Raman", title="Software Engineer", company="Lattice Health"
    )
    sessions.add_speaker(
        panel, name="Marcus Bell", title="Front-end Developer", company="Northwind Outfitters"
    )
