"""`careerdev import-roster FILE [--dry-run] [--term TERM] [--school NAME]`."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from careerdev.people.models import User
from careerdev.school.models import Enrollment
from tests import factories

from .files import csv_bytes, student_rows, table_counts

pytestmark = pytest.mark.django_db


def roster_file(tmp_path: Path, data: bytes, name: str = "roster.csv") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def import_roster(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_roster", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_prints_the_summary_and_writes(small_school, tmp_path):
    path = roster_file(tmp_path, csv_bytes(*student_rows(3, cohort="2409-BE")))
    out, _ = import_roster(path)
    assert out.splitlines() == [
        "roster.csv → Winter 2026 (Turing Test School)",
        "3 new students, 0 updated, 0 unchanged",
        "New cohorts: 2409-BE (BE)",
        "Imported.",
    ]
    assert Enrollment.objects.filter(cohort__code="2409-BE", term=small_school.term).count() == 3


def test_dry_run_prints_the_preview_and_writes_nothing(small_school, tmp_path):
    header = ["Email", "First Name", "Last Name", "Program", "Cohort", "Module", "Notes"]
    rows = [[*r, "note"] for r in student_rows(2)]
    path = roster_file(tmp_path, csv_bytes(*rows, header=header))
    before = table_counts()
    out, _ = import_roster(path, "--dry-run")
    assert out.splitlines()[1:] == [
        "2 new students, 0 updated, 0 unchanged",
        "Ignored columns: Notes",
        "Dry run: nothing was written.",
    ]
    assert table_counts() == before


def test_bad_file_prints_every_error_and_fails(small_school, tmp_path):
    data = csv_bytes(
        ["ana@", "Ana", "Able", "BE", "2405-BE", "4"],
        ["ben@example.edu", "Ben", "Baker", "BE", "2405-BE", "6"],
    )
    path = roster_file(tmp_path, data)
    before = table_counts()
    with pytest.raises(CommandError, match="^2 errors: nothing was imported.$"):
        call_command("import_roster", path, stdout=io.StringIO(), stderr=(err := io.StringIO()))
    assert err.getvalue().splitlines() == [
        "line 2, column email: 'ana@' is not a valid email address",
        "line 3, column module: '6' is not a module number: modules are 1 to 4",
    ]
    assert table_counts() == before


def test_term_is_chosen_by_name_in_any_case_or_start_date(small_school, tmp_path):
    spring = factories.term(small_school.school, name="Spring 2027")
    path = roster_file(tmp_path, csv_bytes(*student_rows(1)))
    out, _ = import_roster(path, "--term", "SPRING 2027")
    assert "→ Spring 2027" in out.splitlines()[0]
    assert Enrollment.objects.get(student__email="new0@example.edu").term == spring

    out, _ = import_roster(path, "--term", small_school.term.start_date.isoformat(), "--dry-run")
    assert "→ Winter 2026" in out.splitlines()[0]


def test_unknown_term_is_an_error(small_school, tmp_path):
    path = roster_file(tmp_path, csv_bytes(*student_rows(1)))
    with pytest.raises(CommandError, match="has no term 'Autumn 1999'"):
        import_roster(path, "--term", "Autumn 1999")


def test_several_schools_need_school_named(small_school, tmp_path):
    other = factories.school(name="Other School")
    factories.program(other, "BE")
    path = roster_file(tmp_path, csv_bytes(*student_rows(1)))
    with pytest.raises(CommandError, match="several schools: name one with --school"):
        import_roster(path)
    import_roster(path, "--school", "turing test school")
    assert User.objects.get(email="new0@example.edu").school == small_school.school


def test_missing_file_is_an_error(small_school, tmp_path):
    with pytest.raises(CommandError, match="Cannot read .*nope.csv: No such file or directory"):
        import_roster(str(tmp_path / "nope.csv"))


def test_xlsx_file_is_imported(small_school, tmp_path):
    from .files import xlsx_bytes

    path = roster_file(tmp_path, xlsx_bytes(*student_rows(2)), "roster.xlsx")
    out, _ = import_roster(path)
    assert "2 new students, 0 updated, 0 unchanged" in out


def test_the_careerdev_console_script_runs_import_roster(tmp_path):
    """The real `careerdev import-roster` against a fresh SQLite database:
    exit 0 on success, 1 with the errors on stderr for a bad file."""
    careerdev = Path(sys.executable).parent / "careerdev"
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "DJANGO_SETTINGS_MODULE": "careerdev.settings.test",
        "CAREERDEV_DATA_DIR": str(tmp_path / "var"),
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),  # for tests.factories
    }

    def careerdev_run(*args):
        return subprocess.run(  # noqa: S603 (our own console script)
            [str(careerdev), *args], env=env, capture_output=True, text=True, timeout=120
        )

    assert careerdev_run("migrate", "--verbosity", "0").returncode == 0
    setup = careerdev_run(
        "shell",
        "-c",
        "from tests import factories; s = factories.school(name='CLI School'); "
        "factories.program(s, 'BE'); factories.term(s, name='Winter 2026')",
    )
    assert setup.returncode == 0, setup.stderr
    good = roster_file(tmp_path, csv_bytes(*student_rows(2, cohort="2409-BE")))
    result = careerdev_run("import-roster", good, "--term", "winter 2026")
    assert result.returncode == 0, result.stderr
    assert "2 new students, 0 updated, 0 unchanged" in result.stdout

    bad = roster_file(tmp_path, csv_bytes(["x@", "X", "Y", "BE", "2409-BE", "4"]), "bad.csv")
    result = careerdev_run("import-roster", bad, "--dry-run")
    assert result.returncode == 1
    assert "line 2, column email: 'x@' is not a valid email address" in result.stderr
    assert "1 error: nothing was imported." in result.stderr
