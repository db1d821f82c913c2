"""A round's groups as a spreadsheet: one row per student, CSV or XLSX.

Two sheets, for two audiences (docs/security.md, "What the Mix It Up groups
publish"):

- The shared sheet, the one staff used to build by hand and send round:
  every student of the round with their group and room (the breakout room is
  the group number) and neutral columns only. No topic and no leader column:
  the less-represented group's topic would name its members, and it is the
  one group nobody leads, so either column would tell who opted in. Nobody
  is left out, since a missing name would tell it too.
- The confidential sheet, for staff's own use: the same rows with each
  group's topic and who leads. Its file name, sheet name and first line say
  it is confidential; only staff may download it.

Cells a spreadsheet would run as a formula are neutralised in both.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.utils.text import slugify
from openpyxl import Workbook

from careerdev.school.models import Enrollment
from careerdev.spreadsheets import neutralise

from .models import GroupMember, GroupRound, RoundKind

SHARED_HEADINGS = (
    "Group",
    "Room",
    "Name",
    "Pronouns",
    "Program",
    "Cohort",
    "Module",
    "Slack handle",
)
CONFIDENTIAL_HEADINGS = ("Group", "Room", "Topic", "Leads", *SHARED_HEADINGS[2:])
# The confidential sheet's first line, above its headings.
CONFIDENTIAL_NOTICE = (
    "CONFIDENTIAL — staff only, do not share: topics and leaders show who is in "
    "the private less-represented-in-tech group."
)

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class ExportRow:
    group: int
    room: int
    name: str
    pronouns: str
    program: str
    cohort: str
    module: int | str
    slack_handle: str
    # In the confidential sheet only.
    topic: str
    leads: str

    def shared_cells(self) -> tuple:
        return (
            self.group,
            self.room,
            self.name,
            self.pronouns,
            self.program,
            self.cohort,
            self.module,
            self.slack_handle,
        )

    def confidential_cells(self) -> tuple:
        group, room, *rest = self.shared_cells()
        return (group, room, self.topic, self.leads, *rest)


def export_rows(round_: GroupRound) -> list[ExportRow]:
    """One row per student in the round, every one of them, ordered by group
    then name; two queries whatever the size of the round."""
    members = GroupMember.objects.filter(round=round_).select_related(
        "group__topic", "student__student_profile"
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
                name=student.display_name,
                pronouns=profile.pronouns if profile else "",
                program=enrollment.cohort.program.code if enrollment else "",
                cohort=enrollment.cohort.code if enrollment else "",
                module=enrollment.module if enrollment else "",
                slack_handle=profile.slack_handle if profile else "",
                topic=group.topic.name if is_mix_it_up and group.topic else "",
                leads="yes" if member.is_leader else "no",
            )
        )
    rows.sort(key=lambda r: (r.group, r.name.casefold(), r.name))
    return rows


def _cells(rows: list[ExportRow], *, confidential: bool):
    if confidential:
        yield [CONFIDENTIAL_NOTICE]
        yield list(CONFIDENTIAL_HEADINGS)
        for row in rows:
            yield [neutralise(value) for value in row.confidential_cells()]
    else:
        yield list(SHARED_HEADINGS)
        for row in rows:
            yield [neutralise(value) for value in row.shared_cells()]


def to_csv(rows: list[ExportRow], *, confidential: bool = False) -> bytes:
    """UTF-8 with a byte-order mark, so Excel reads names with accents right."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(_cells(rows, confidential=confidential))
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(rows: list[ExportRow], *, title: str = "Groups", confidential: bool = False) -> bytes:
    """One sheet, headings first (after the notice, when confidential); `title`
    must be a valid sheet name."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for cells in _cells(rows, confidential=confidential):
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_filename(round_: GroupRound, fmt: str, *, confidential: bool = False) -> str:
    """`mix-it-up-week-2-winter-2026.csv`, `homeroom-winter-2026.xlsx`;
    `confidential-staff-only-mix-it-up-week-2-winter-2026.csv`."""
    term = slugify(round_.term.name) or f"term-{round_.term_id}"
    if round_.kind == RoundKind.MIX_IT_UP:
        name = f"mix-it-up-week-{round_.week}-{term}.{fmt}"
    else:
        name = f"homeroom-{term}.{fmt}"
    return f"confidential-staff-only-{name}" if confidential else name


def sheet_title(round_: GroupRound, *, confidential: bool = False) -> str:
    """The XLSX sheet's name (at most 31 characters)."""
    title = f"Mix It Up week {round_.week}" if round_.week else "Homeroom"
    return f"CONFIDENTIAL {title}" if confidential else title


def export_round(
    round_: GroupRound, fmt: str, *, confidential: bool = False
) -> tuple[bytes, str, str]:
    """The round as `fmt` ("csv" or "xlsx"): (content, content type, filename).
    The shared sheet unless `confidential` (staff's own, never to be sent)."""
    if fmt not in CONTENT_TYPES:
        raise ValueError(f"Unknown export format {fmt!r}.")
    rows = export_rows(round_)
    if fmt == "csv":
        content = to_csv(rows, confidential=confidential)
    else:
        title = sheet_title(round_, confidential=confidential)
        content = to_xlsx(rows, title=title, confidential=confidential)
    filename = export_filename(round_, fmt, confidential=confidential)
    return content, CONTENT_TYPES[fmt], filename
