"""Importing a roster into a term: all or nothing, idempotent, constant queries."""

import datetime as dt

import pytest

from careerdev.people.models import Role, StudentProfile, User
from careerdev.roster.services import import_roster, preview_roster
from careerdev.school.models import Cohort, Enrollment
from tests import factories

from .files import HEADER, csv_bytes, student_rows, table_counts, xlsx_bytes

pytestmark = pytest.mark.django_db

FULL_HEADER = [*HEADER, "preferred name", "pronouns", "repeating", "slack", "github", "linkedin"]
ANA = ["ana@example.edu", "Ana", "Able", "BE", "2405-BE", "4"]
BEN = ["ben@example.edu", "Ben", "Baker", "FE", "2407-FE", "2"]


def run(small_school, data: bytes, filename: str = "roster.csv", **kw):
    return import_roster(small_school.school, small_school.term, data, filename, **kw)


def test_new_students_are_created_with_profile_enrollment_and_no_password(small_school):
    row = [*ANA, "Annie", "she/her", "no", "ana.able", "ana-able", "ana-able"]
    preview = run(small_school, csv_bytes(row, BEN + [""] * 6, header=FULL_HEADER))
    assert preview.ok and preview.imported
    assert preview.counts == {"new": 2, "updated": 0, "unchanged": 0}
    ana = User.objects.get(email="ana@example.edu")
    assert (ana.role, ana.school, ana.first_name, ana.last_name) == (
        Role.STUDENT,
        small_school.school,
        "Ana",
        "Able",
    )
    assert not ana.has_usable_password()
    profile = ana.student_profile
    assert (profile.preferred_name, profile.pronouns, profile.slack_handle) == (
        "Annie",
        "she/her",
        "ana.able",
    )
    assert profile.github == "https://github.com/ana-able"
    assert profile.linkedin == "https://www.linkedin.com/in/ana-able"
    assert profile.less_represented_opt_in is False
    enrollment = Enrollment.objects.get(student=ana, term=small_school.term)
    assert (enrollment.cohort, enrollment.module, enrollment.repeating) == (
        small_school.be,
        4,
        False,
    )
    ben = Enrollment.objects.get(student__email="ben@example.edu")
    assert (ben.cohort, ben.module) == (small_school.fe, 2)


def test_xlsx_roster_imports_like_csv(small_school):
    preview = run(small_school, xlsx_bytes([*ANA[:5], 4.0]), "roster.xlsx")
    assert preview.imported and preview.counts["new"] == 1
    assert Enrollment.objects.get(student__email="ana@example.edu").module == 4


def test_program_and_cohort_codes_match_in_any_case(small_school):
    preview = run(small_school, csv_bytes(["ana@example.edu", "Ana", "Able", "be", "2405-be", 4]))
    assert preview.imported and preview.new_cohorts == []
    assert Enrollment.objects.get(student__email="ana@example.edu").cohort == small_school.be


# All or nothing: every bad input is listed by line and column and nothing is written.

BAD_INPUTS = {
    "malformed email": (
        csv_bytes(ANA, ["ana@", "Bad", "Mail", "BE", "2409-BE", "4"]),
        ["line 3, column email: 'ana@' is not a valid email address"],
    ),
    "blank email": (
        csv_bytes(ANA, ["", "No", "Mail", "BE", "2405-BE", "4"]),
        ["line 3, column email: this required cell is blank"],
    ),
    "same email twice": (
        csv_bytes(ANA, BEN, ["Ana@Example.edu", "Ana", "Again", "BE", "2405-BE", "4"]),
        [
            "line 2, column email: ana@example.edu appears more than once (lines 2 and 4)",
            "line 4, column email: ana@example.edu appears more than once (lines 2 and 4)",
        ],
    ),
    "same email twice, one line with another error": (
        csv_bytes(ANA, ["ana@example.edu", "Ana", "Again", "BE", "2405-BE", "9"]),
        [
            "line 2, column email: ana@example.edu appears more than once (lines 2 and 3)",
            "line 3, column email: ana@example.edu appears more than once (lines 2 and 3)",
            "line 3, column module: '9' is not a module number: modules are 1 to 4",
        ],
    ),
    "unknown program": (
        csv_bytes(ANA, ["cy@example.edu", "Cy", "Cole", "DS", "2409-DS", "1"]),
        ["line 3, column program: 'DS' is not a program of this school (BE, FE)"],
    ),
    "module out of range": (
        csv_bytes(ANA, ["cy@example.edu", "Cy", "Cole", "BE", "2405-BE", "5"]),
        ["line 3, column module: '5' is not a module number: modules are 1 to 4"],
    ),
    "module not a number": (
        csv_bytes(ANA, ["cy@example.edu", "Cy", "Cole", "BE", "2405-BE", "four"]),
        ["line 3, column module: 'four' is not a module number: modules are 1 to 4"],
    ),
    "missing required column": (
        csv_bytes(
            ANA[:4] + ANA[5:], header=["email", "first name", "last name", "program", "module"]
        ),
        ["column cohort: the required column is missing from the header (line 1)"],
    ),
    "required cell blank": (
        csv_bytes(ANA, ["cy@example.edu", "Cy", "", "BE", "2405-BE", "4"]),
        ["line 3, column last name: this required cell is blank"],
    ),
    "not utf-8": (
        "email,first name,last name,program,cohort,module\n"
        "jose@example.edu,José,Núñez,BE,2405-BE,4\n".encode("cp1252"),
        [
            "The file is not UTF-8 text (byte 0xe9 on line 2). Save it from your spreadsheet "
            "as “CSV UTF-8”, or as XLSX."
        ],
    ),
    "empty file": (b"", ["The file is empty."]),
    "header only": (csv_bytes(), ["The file has a header (line 1) but no students below it."]),
    "pdf": (
        b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n",
        ["“roster.csv” is a PDF document. Upload the roster as CSV or XLSX."],
    ),
    "binary file": (
        bytes(range(256)) * 4,
        ["“roster.csv” is a binary file, not text. Upload the roster as CSV or XLSX."],
    ),
    "cohort of another program": (
        csv_bytes(ANA, ["cy@example.edu", "Cy", "Cole", "FE", "2405-BE", "4"]),
        ["line 3, column cohort: cohort 2405-BE belongs to program BE, not FE"],
    ),
    "new cohort under two programs": (
        csv_bytes(
            ["cy@example.edu", "Cy", "Cole", "BE", "2409-XX", "1"],
            ["di@example.edu", "Di", "Dunn", "FE", "2409-xx", "1"],
        ),
        ["line 3, column cohort: new cohort 2409-XX is under program BE on line 2, not FE"],
    ),
    "several errors in several rows": (
        csv_bytes(
            ["cy@example.edu", "Cy", "Cole", "BE", "2409-BE", "1"],
            ["di@", "Di", "", "BE", "2409-BE", "9"],
            ["ed@example.edu", "Ed", "Eddo", "XX", "2409-BE", "1"],
        ),
        [
            "line 3, column email: 'di@' is not a valid email address",
            "line 3, column last name: this required cell is blank",
            "line 3, column module: '9' is not a module number: modules are 1 to 4",
            "line 4, column program: 'XX' is not a program of this school (BE, FE)",
        ],
    ),
}


@pytest.mark.parametrize(("data", "expected"), BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_bad_input_is_listed_by_line_and_column_and_nothing_is_written(
    small_school, data, expected
):
    before = table_counts()
    preview = run(small_school, data)
    assert [str(e) for e in preview.errors] == expected
    assert not preview.imported
    assert table_counts() == before


def test_a_docx_is_rejected_and_nothing_is_written(small_school):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    before = table_counts()
    preview = run(small_school, buffer.getvalue(), "roster.docx")
    assert [str(e) for e in preview.errors] == [
        "“roster.docx” is a Word document. Upload the roster as CSV or XLSX."
    ]
    assert table_counts() == before


def test_a_file_over_the_size_limit_is_rejected(small_school, settings):
    data = csv_bytes(*student_rows(100))
    settings.ROSTER_MAX_BYTES = 1024 * 1024
    data += b" " * (settings.ROSTER_MAX_BYTES - len(data) + 1)
    before = table_counts()
    preview = run(small_school, data)
    assert [str(e) for e in preview.errors] == [
        "The file is 1.0 MB; the largest roster accepted is 1.0 MB."
    ]
    assert table_counts() == before


@pytest.mark.parametrize("who", ["staff", "volunteer"])
def test_email_of_a_staff_or_volunteer_account_is_an_error(small_school, who):
    person = getattr(small_school, who)
    before = table_counts()
    preview = run(
        small_school, csv_bytes(ANA, [person.email.upper(), "X", "Y", "BE", "2405-BE", 4])
    )
    assert [str(e) for e in preview.errors] == [
        f"line 3, column email: {person.email} is a {who} account, not a student"
    ]
    assert table_counts() == before
    person.refresh_from_db()
    assert person.role == who and person.first_name != "X"


def test_a_student_of_another_school_is_an_error(small_school):
    other = factories.student(factories.school(), email="elsewhere@example.edu")
    preview = run(small_school, csv_bytes([other.email, "E", "W", "BE", "2405-BE", 4]))
    assert [str(e) for e in preview.errors] == [
        "line 2, column email: elsewhere@example.edu is a student of another school"
    ]


def test_errors_anywhere_mean_no_new_cohort_either(small_school):
    data = csv_bytes(
        ["cy@example.edu", "Cy", "Cole", "BE", "2409-BE", "1"],
        ["ana@", "Ana", "Able", "BE", "2405-BE", "4"],
    )
    assert not Cohort.objects.filter(code="2409-BE").exists()
    preview = run(small_school, data)
    assert not preview.ok
    assert not Cohort.objects.filter(code="2409-BE").exists()
    assert not User.objects.filter(email="cy@example.edu").exists()


# Re-import: updates by email, never duplicates.


def test_importing_the_same_file_twice_changes_nothing_the_second_time(small_school):
    rows = [
        [*ANA, "Annie", "she/her", "yes", "ana", "ana", "ana"],
        [*BEN, "", "", "", "", "", ""],
        ["cy@example.edu", "Cy", "Cole", "BE", "2409-BE", "1", "", "they/them", "", "", "", ""],
    ]
    data = csv_bytes(*rows, header=FULL_HEADER)
    first = run(small_school, data)
    assert first.counts == {"new": 3, "updated": 0, "unchanged": 0}
    after_first = table_counts()
    snapshot = list(
        Enrollment.objects.order_by("student__email").values_list(
            "student__email", "cohort__code", "module", "repeating"
        )
    )
    second = run(small_school, data)
    assert second.imported
    assert second.counts == {"new": 0, "updated": 0, "unchanged": 3}
    assert second.new_cohorts == []
    assert table_counts() == after_first
    assert snapshot == list(
        Enrollment.objects.order_by("student__email").values_list(
            "student__email", "cohort__code", "module", "repeating"
        )
    )


def test_a_case_changed_email_updates_the_same_student(small_school):
    run(small_school, csv_bytes(ANA))
    before = table_counts()
    preview = run(
        small_school, csv_bytes(["  ANA@Example.EDU ", "Ana", "Able-Smith", "BE", "2405-BE", 4])
    )
    assert preview.counts == {"new": 0, "updated": 1, "unchanged": 0}
    assert preview.rows[0].changes == ("last name",)
    assert table_counts() == before
    assert User.objects.get(email="ana@example.edu").last_name == "Able-Smith"


def test_existing_student_is_updated_and_enrolled_in_the_term(small_school):
    a = small_school.student_a  # enrolled in 2405-BE, Mod 4
    new_term = factories.term(small_school.school, name="Spring 2027")
    data = csv_bytes(
        [a.email, "Anna", "Able", "FE", "2407-FE", "3", "y"], header=[*HEADER, "repeating"]
    )
    preview = import_roster(small_school.school, new_term, data, "r.csv")
    assert preview.counts["updated"] == 1
    assert preview.rows[0].changes == ("first name", "enrolled in 2407-FE")
    enrollment = Enrollment.objects.get(student=a, term=new_term)
    assert (enrollment.cohort, enrollment.module, enrollment.repeating) == (
        small_school.fe,
        3,
        True,
    )
    # The enrollment of the other term is left alone.
    old = Enrollment.objects.get(student=a, term=small_school.term)
    assert (old.cohort, old.module) == (small_school.be, 4)

    preview = import_roster(
        small_school.school,
        new_term,
        csv_bytes([a.email, "Anna", "Able", "FE", "2407-FE", "4"]),
        "r.csv",
    )
    assert preview.rows[0].changes == ("module", "repeating")
    enrollment.refresh_from_db()
    assert (enrollment.module, enrollment.repeating) == (4, False)
    assert Enrollment.objects.filter(student=a).count() == 2


def test_a_blank_optional_cell_leaves_the_stored_value(small_school):
    a = small_school.student_a
    StudentProfile.objects.filter(user=a).update(
        pronouns="she/her", github="https://github.com/ana"
    )
    header = [*HEADER, "pronouns", "github", "preferred name"]
    data = csv_bytes([a.email, "Ana", "Able", "BE", "2405-BE", 4, "", "", "Annie"], header=header)
    preview = run(small_school, data)
    assert preview.rows[0].changes == ("preferred name",)
    a.student_profile.refresh_from_db()
    profile = a.student_profile
    assert (profile.pronouns, profile.github, profile.preferred_name) == (
        "she/her",
        "https://github.com/ana",
        "Annie",
    )


def test_reimport_never_touches_the_private_opt_in(small_school):
    a, b = small_school.student_a, small_school.student_b  # a opted in, b did not
    header = [*HEADER, "pronouns", "less represented in tech"]
    data = csv_bytes(
        [a.email, "Ana", "Able", "BE", "2405-BE", 4, "she/her", "no"],
        [b.email, "Ben", "Baker", "BE", "2405-BE", 4, "he/him", "yes"],
        header=header,
    )
    preview = run(small_school, data)
    assert preview.imported and preview.ignored_columns == ["less represented in tech"]
    assert StudentProfile.objects.get(user=a).less_represented_opt_in is True
    assert StudentProfile.objects.get(user=b).less_represented_opt_in is False
    assert StudentProfile.objects.get(user=a).pronouns == "she/her"


def test_unchanged_students_are_reported_unchanged(small_school):
    a = small_school.student_a
    preview = preview_roster(
        small_school.school,
        small_school.term,
        csv_bytes([a.email, a.first_name, a.last_name, "BE", "2405-BE", 4]),
        "r.csv",
    )
    assert preview.counts == {"new": 0, "updated": 0, "unchanged": 1}


def test_existing_student_without_profile_or_school_gets_them(small_school):
    bare = User.objects.create_user("bare@example.edu", role=Role.STUDENT)
    preview = run(small_school, csv_bytes([bare.email, "Bea", "Bare", "BE", "2405-BE", 1]))
    assert preview.rows[0].changes == (
        "first name",
        "last name",
        "school",
        "profile",
        "enrolled in 2405-BE",
    )
    bare.refresh_from_db()
    assert bare.school == small_school.school and bare.student_profile.pk


# New cohorts.


def test_new_cohort_is_created_under_its_program_and_reported(small_school):
    data = csv_bytes(
        ["cy@example.edu", "Cy", "Cole", "BE", "2409-BE", "1"],
        ["di@example.edu", "Di", "Dunn", "be", "2409-be", "1"],
        ["ed@example.edu", "Ed", "Eddo", "FE", "Evening-FE", "1"],
    )
    preview = preview_roster(small_school.school, small_school.term, data, "r.csv")
    assert [(c.code, c.program.code) for c in preview.new_cohorts] == [
        ("2409-BE", "BE"),
        ("Evening-FE", "FE"),
    ]
    assert [r.new_cohort for r in preview.rows] == [True, True, True]
    assert preview.summary_lines()[1] == "New cohorts: 2409-BE (BE), Evening-FE (FE)"
    assert not Cohort.objects.filter(code="2409-BE").exists()  # a preview writes nothing

    run(small_school, data)
    cohort = Cohort.objects.get(code="2409-BE")
    assert cohort.program.code == "BE" and cohort.start_date == dt.date(2024, 9, 1)
    assert Cohort.objects.get(code="Evening-FE").start_date is None
    assert Enrollment.objects.filter(cohort=cohort).count() == 2


def test_dry_run_reports_but_writes_nothing(small_school):
    before = table_counts()
    preview = run(small_school, csv_bytes(*student_rows(5, cohort="2409-BE")), dry_run=True)
    assert preview.ok and not preview.imported
    assert preview.counts["new"] == 5 and [c.code for c in preview.new_cohorts] == ["2409-BE"]
    assert table_counts() == before


def test_term_of_another_school_is_refused(small_school):
    other_term = factories.term(factories.school())
    with pytest.raises(ValueError, match="is not a term of"):
        import_roster(small_school.school, other_term, csv_bytes(ANA), "r.csv")


# Queries: a constant number, whatever the number of rows.

# SQLite allows Django at most 999 parameters a statement, so Django splits a
# bulk insert of many users into batches of about 90: the 200-row import takes
# a few more statements than the 10-row one (on PostgreSQL, none). An import
# with a query per row would take hundreds. The audit trail's entries (one per
# enrolment made or changed) are batched the same way.
QUERY_BUDGET = 20


@pytest.mark.parametrize("rows", [10, 200])
def test_import_query_count_does_not_grow_with_rows(
    small_school, django_assert_max_num_queries, rows
):
    new = csv_bytes(*student_rows(rows, cohort="2409-BE"))
    with django_assert_max_num_queries(QUERY_BUDGET):
        first = run(small_school, new)
    assert first.counts["new"] == rows
    moved = csv_bytes(*student_rows(rows, cohort="2405-BE", module=3))
    with django_assert_max_num_queries(QUERY_BUDGET):
        second = run(small_school, moved)
    assert second.counts["updated"] == rows
    assert Enrollment.objects.filter(cohort=small_school.be, module=3).count() == rows
