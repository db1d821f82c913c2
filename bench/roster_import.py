"""Roster import of 5,000 students: the first import, the same file again, and
a file that changes every student.

    .venv/bin/python bench/roster_import.py            # a throw-away SQLite file
    DATABASE_URL=postgres://… .venv/bin/python bench/roster_import.py
                                                       # a throw-away test database

SQLite runs in a temporary data directory (WAL, as in production); with
DATABASE_URL the test runner creates and drops a `test_…` database beside
the one named. Prints the figures; the last line is one JSON object.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import time

from benchdb import run_in_throwaway_database

ROWS = 5_000
PROGRAMS = ("BE", "FE")


def roster_csv(rows: int, *, revision: int = 0) -> bytes:
    """A realistic roster: every column, 20 cohorts over 4 modules.
    A later `revision` renames everyone and moves them a module on."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "Email",
            "First Name",
            "Last Name",
            "Preferred Name",
            "Pronouns",
            "Program",
            "Cohort",
            "Module",
            "Repeating",
            "Slack Handle",
            "GitHub",
            "LinkedIn",
            "Notes",
        ]
    )
    for i in range(rows):
        program = PROGRAMS[i % 2]
        module = (i + revision) % 4 + 1
        cohort = f"{24 + i % 5 // 4:02d}{(i % 5) * 2 + 1:02d}-{program}"
        writer.writerow(
            [
                f"Student{i}@Example.edu",
                f"First{i}" + ("x" * revision),
                f"Last{i}",
                f"F{i}" if i % 3 == 0 else "",
                ("she/her", "he/him", "they/them", "")[i % 4],
                program,
                cohort,
                module,
                "yes" if i % 40 == 0 else "no",
                f"student{i}",
                f"student-{i}",
                f"https://www.linkedin.com/in/student-{i}",
                "imported from the bench",
            ]
        )
    return out.getvalue().encode()


def main() -> None:
    run_in_throwaway_database(run)


def run(vendor: str) -> dict:
    from careerdev.people.models import StudentProfile, User
    from careerdev.roster.services import import_roster
    from careerdev.school.models import Enrollment, Program, School, Term

    school = School.objects.create(name="Bench School")
    for code in PROGRAMS:
        Program.objects.create(school=school, code=code, name=code)
    term = Term.objects.create(school=school, name="Bench Term", start_date=dt.date(2027, 1, 4))
    data = roster_csv(ROWS)
    changed = roster_csv(ROWS, revision=1)
    print(f"{ROWS} rows, {len(data) / 1024:.0f} KiB of CSV, database {vendor}")

    def timed(label: str, content: bytes, expect: dict) -> float:
        start = time.perf_counter()
        preview = import_roster(school, term, content, "bench.csv")
        seconds = time.perf_counter() - start
        assert preview.imported, preview.errors[:5]
        assert preview.counts == expect, preview.counts
        print(f"{label:<28} {seconds:6.2f} s   {preview.summary()}")
        return seconds

    first = timed("first import", data, {"new": ROWS, "updated": 0, "unchanged": 0})
    again = timed("re-import, same file", data, {"new": 0, "updated": 0, "unchanged": ROWS})
    update = timed(
        "re-import, every row changed", changed, {"new": 0, "updated": ROWS, "unchanged": 0}
    )
    assert User.objects.filter(school=school).count() == ROWS
    assert StudentProfile.objects.filter(user__school=school).count() == ROWS
    assert Enrollment.objects.filter(term=term).count() == ROWS
    return {
        "rows": ROWS,
        "first_import_s": round(first, 2),
        "reimport_s": round(again, 2),
        "reimport_all_changed_s": round(update, 2),
        "database": "postgresql" if vendor == "postgresql" else vendor,
    }


if __name__ == "__main__":
    main()
