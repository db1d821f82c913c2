"""Roster files for the tests, built in memory as spreadsheet programs save them."""

from __future__ import annotations

import io

from careerdev.people.models import StudentProfile, User
from careerdev.school.models import Cohort, Enrollment

HEADER = ["email", "first name", "last name", "program", "cohort", "module"]


def csv_bytes(*rows: list, header: list[str] | None = None, delimiter: str = ",") -> bytes:
    """A CSV file: the header, then `rows`, joined as given (no quoting: tests
    that need quotes write the text themselves)."""
    lines = [header or HEADER, *rows]
    return "\n".join(delimiter.join(str(c) for c in line) for line in lines).encode() + b"\n"


def xlsx_bytes(*rows: list, header: list[str] | None = None) -> bytes:
    """An XLSX workbook written by openpyxl, the header in row 1."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in [header or HEADER, *rows]:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def student_rows(n: int, cohort: str = "2405-BE", program: str = "BE", module: int = 4):
    return [
        [f"new{i}@example.edu", f"First{i}", f"Last{i}", program, cohort, module] for i in range(n)
    ]


def table_counts() -> dict[str, int]:
    """Rows in every table an import writes: equal before and after means nothing was written."""
    return {
        "users": User.objects.count(),
        "profiles": StudentProfile.objects.count(),
        "enrollments": Enrollment.objects.count(),
        "cohorts": Cohort.objects.count(),
    }
