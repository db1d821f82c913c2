"""A round's groups as a spreadsheet: one row per student, CSV or XLSX.

This is the sheet staff used to build by hand and send round: who is in
which group, the room (the breakout room is the group number), the topic and
the leader. Two rules hold for every format:

- Cells a spreadsheet would run as a formula are neutralised (`neutralise`).
- The private less-represented-in-tech opt-in is never exported. Membership
  of that topic's group would say it as plainly as a column, so that group's
  members are left out of the sheet; staff see it in the app.
"""

from __future__ import annotations

import csv
import io
from dataclasses import astuple, dataclass

from django.utils.text import slugify
from openpyxl import Workbook

from careerdev.school.models import Enrollment
from careerdev.spreadsheets import neutralise

from .models import GroupMember, GroupRound, RoundKind, TopicKind

HEADINGS = (
    "Group",
    "Room",
    "Topic",
    "Leader",
    "Name",
    "Pronouns",
    "Program",
    "Cohort",
    "Module",
    "Slack handle",
)

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class ExportRow:
    group: int
    room: int
    topic: str
    leader: str
    name: str
    pronouns: str
    program: str
    cohort: str
    module: int | str
    slack_handle: str


def export_rows(round_: GroupRound) -> list[ExportRow]:
    """One row per student in the round, ordered by group then name; two
    queries whatever the size of the round."""
    members = (
        GroupMember.objects.filter(round=round_)
        .select_related("group__topic", "student__student_profile")
        .exclude(group__topic__kind=TopicKind.LESS_REPRESENTED)
    )
    enrollments = {
        e.student_id: e
        for e in Enrollment.objects.filter(
            term_id=round_.term_id, student__group_memberships__round=round_
        ).select_related("cohort__program")
    }
    is_mix_it_up = round_.kind == RoundKind.MIX_IT_UP
    rows = []
    for member in members:
        student = member.student
        profile = getattr(student, "student_profile", None)
        enrollment = enrollments.get(student.pk)
        group = member.group
        rows.append(
            ExportRow(
                group=group.number,
                room=group.room,
                topic=group.topic.name if is_mix_it_up and group.topic else "",
                leader="yes" if member.is_leader else "no",
                name=student.display_name,
                pronouns=profile.pronouns if profile else "",
                program=enrollment.cohort.program.code if enrollment else "",
                cohort=enrollment.cohort.code if enrollment else "",
                module=enrollment.module if enrollment else "",
                slack_handle=profile.slack_handle if profile else "",
            )
        )
    rows.sort(key=lambda r: (r.group, r.name.casefold(), r.name))
    return rows


def _cells(rows: list[ExportRow]):
    yield [neutralise(h) for h in HEADINGS]
    for row in rows:
        yield [neutralise(value) for value in astuple(row)]


def to_csv(rows: list[ExportRow]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel reads names with accents right."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(_cells(rows))
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(rows: list[ExportRow], *, title: str = "Groups") -> bytes:
    """One sheet, headings in the first row; `title` must be a valid sheet name."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for cells in _cells(rows):
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_filename(round_: GroupRound, fmt: str) -> str:
    """`mix-it-up-week-2-winter-2026.csv`, `homeroom-winter-2026.xlsx`."""
    term = slugify(round_.term.name) or f"term-{round_.term_id}"
    if round_.kind == RoundKind.MIX_IT_UP:
        return f"mix-it-up-week-{round_.week}-{term}.{fmt}"
    return f"homeroom-{term}.{fmt}"


def export_round(round_: GroupRound, fmt: str) -> tuple[bytes, str, str]:
    """The round as `fmt` ("csv" or "xlsx"): (content, content type, filename)."""
    if fmt not in CONTENT_TYPES:
        raise ValueError(f"Unknown export format {fmt!r}.")
    rows = export_rows(round_)
    if fmt == "csv":
        content = to_csv(rows)
    else:
        title = f"Mix It Up week {round_.week}" if round_.week else "Homeroom"
        content = to_xlsx(rows, title=title)
    return content, CONTENT_TYPES[fmt], export_filename(round_, fmt)
