"""Reading roster files as spreadsheet programs save them: no database needed."""

import datetime as dt

import pytest

from careerdev.roster.parsing import (
    RosterRow,
    RowError,
    guess_cohort_start,
    normalize_heading,
    parse_roster,
)

from .files import HEADER, csv_bytes, student_rows, xlsx_bytes

ANA = ["ana@example.edu", "Ana", "Able", "BE", "2405-BE", "4"]


def errors_of(data: bytes, filename: str = "roster.csv", **kw) -> list[str]:
    return [str(e) for e in parse_roster(data, filename, **kw).errors]


@pytest.mark.parametrize(
    "heading", ["First Name", "first_name", "first-name", " FIRST  NAME ", "First_-Name"]
)
def test_headings_match_whatever_their_case_spacing_underscores_or_hyphens(heading):
    assert normalize_heading(heading) == "first name"
    header = ["email", heading, "last name", "program", "cohort", "module"]
    parsed = parse_roster(csv_bytes(ANA, header=header), "r.csv")
    assert parsed.errors == [] and parsed.rows[0].first_name == "Ana"


@pytest.mark.parametrize("heading", ["slack", "slack_handle", "Slack Handle", "SLACK-HANDLE"])
def test_slack_column_is_recognised_by_its_short_and_long_names(heading):
    parsed = parse_roster(csv_bytes([*ANA, "@ana"], header=[*HEADER, heading]), "r.csv")
    assert parsed.rows[0].slack_handle == "@ana"


def test_a_full_row_is_read_into_its_fields():
    header = [
        *HEADER,
        "preferred name",
        "pronouns",
        "repeating",
        "Slack handle",
        "GitHub",
        "LinkedIn",
    ]
    row = [
        "Ana@Example.EDU",
        "Anastasia",
        "Able",
        "be",
        "2405-BE",
        "4",
        "Ana",
        "she/her",
        "Yes",
        "ana.able",
        "ana-able",
        "https://www.linkedin.com/in/ana-able/",
    ]
    parsed = parse_roster(csv_bytes(row, header=header), "r.csv")
    assert parsed.errors == []
    assert parsed.rows == [
        RosterRow(
            line=2,
            email="ana@example.edu",
            first_name="Anastasia",
            last_name="Able",
            program="BE",
            cohort="2405-BE",
            module=4,
            repeating=True,
            preferred_name="Ana",
            pronouns="she/her",
            slack_handle="ana.able",
            github="https://github.com/ana-able",
            linkedin="https://www.linkedin.com/in/ana-able/",
        )
    ]


def test_byte_order_mark_is_not_part_of_the_first_heading():
    parsed = parse_roster(b"\xef\xbb\xbf" + csv_bytes(ANA), "r.csv")
    assert parsed.errors == [] and parsed.rows[0].email == "ana@example.edu"


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_semicolon_and_tab_separated_files_are_read(delimiter):
    row = ["ana@example.edu", "Ana", "Able, Jr.", "BE", "2405-BE", "4"]
    parsed = parse_roster(csv_bytes(row, delimiter=delimiter), "r.csv")
    assert parsed.errors == [] and parsed.rows[0].last_name == "Able, Jr."


def test_crlf_line_ends_stray_spaces_and_trailing_empty_rows_are_harmless():
    text = (
        " Email , First Name ,Last Name,Program, Cohort ,Module \r\n"
        "  ana@example.edu ,  Ana , Able ,BE , 2405-BE , 4 \r\n"
        ",,,,,\r\n"
        "\r\n"
        "  ,  ,,,,\r\n"
    )
    parsed = parse_roster(text.encode(), "r.csv")
    assert parsed.errors == []
    assert len(parsed.rows) == 1
    row = parsed.rows[0]
    assert (row.email, row.first_name, row.last_name, row.cohort, row.module) == (
        "ana@example.edu",
        "Ana",
        "Able",
        "2405-BE",
        4,
    )


def test_line_numbers_count_blank_lines_and_multi_line_quoted_values():
    text = (
        "email,first name,last name,program,cohort,module\n"
        "\n"
        'ana@example.edu,Ana,"Able\nSecond line",BE,2405-BE,4\n'
        "ben@,Ben,Baker,BE,2405-BE,4\n"
    )
    assert errors_of(text.encode()) == ["line 5, column email: 'ben@' is not a valid email address"]


def test_header_may_come_after_empty_lines():
    parsed = parse_roster(b"\n\n" + csv_bytes(ANA), "r.csv")
    assert parsed.errors == [] and parsed.rows[0].line == 4


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("yes", True),
        ("YES", True),
        ("y", True),
        ("True", True),
        ("1", True),
        ("no", False),
        ("N", False),
        ("false", False),
        ("0", False),
        ("", False),
    ],
)
def test_repeating_takes_yes_no_values_in_any_case(cell, expected):
    parsed = parse_roster(csv_bytes([*ANA, cell], header=[*HEADER, "repeating"]), "r.csv")
    assert parsed.errors == [] and parsed.rows[0].repeating is expected


def test_repeating_with_any_other_value_is_an_error():
    data = csv_bytes([*ANA, "maybe"], header=[*HEADER, "repeating"])
    assert errors_of(data) == [
        "line 2, column repeating: 'maybe' is not yes or no (yes/no, true/false, y/n or 1/0)"
    ]


@pytest.mark.parametrize("cell", ["4", "4.0", " 4 ", "04"])
def test_module_accepts_whole_numbers_1_to_4(cell):
    row = [*ANA[:5], cell]
    assert parse_roster(csv_bytes(row), "r.csv").rows[0].module == 4


@pytest.mark.parametrize("cell", ["0", "5", "4.5", "four", "-1", "nan", "inf"])
def test_module_outside_1_to_4_or_not_a_number_is_an_error(cell):
    row = [*ANA[:5], cell]
    assert errors_of(csv_bytes(row)) == [
        f"line 2, column module: '{cell}' is not a module number: modules are 1 to 4"
    ]


@pytest.mark.parametrize(
    ("cell", "github"),
    [
        ("ana-able", "https://github.com/ana-able"),
        ("@ana-able", "https://github.com/ana-able"),
        ("https://github.com/ana-able", "https://github.com/ana-able"),
        ("github.com/ana-able", "https://github.com/ana-able"),
    ],
)
def test_github_takes_a_url_or_a_bare_user_name(cell, github):
    parsed = parse_roster(csv_bytes([*ANA, cell], header=[*HEADER, "github"]), "r.csv")
    assert parsed.rows[0].github == github


def test_linkedin_bare_name_becomes_a_profile_url():
    parsed = parse_roster(csv_bytes([*ANA, "ana-able"], header=[*HEADER, "LinkedIn"]), "r.csv")
    assert parsed.rows[0].linkedin == "https://www.linkedin.com/in/ana-able"


def test_a_link_that_is_not_a_url_is_an_error():
    data = csv_bytes([*ANA, "ana able"], header=[*HEADER, "GitHub"])
    assert errors_of(data) == ["line 2, column GitHub: 'ana able' is not a GitHub URL or user name"]


def test_unknown_columns_are_ignored_and_named():
    parsed = parse_roster(csv_bytes([*ANA, "x", "y"], header=[*HEADER, "Notes", "Phone"]), "r.csv")
    assert parsed.errors == [] and parsed.ignored_columns == ["Notes", "Phone"]


def test_missing_required_column_is_a_file_level_error_naming_it():
    header = ["email", "first name", "last name", "cohort"]
    assert errors_of(csv_bytes(["ana@example.edu", "Ana", "Able", "2405-BE"], header=header)) == [
        "column program: the required column is missing from the header (line 1)",
        "column module: the required column is missing from the header (line 1)",
    ]


def test_a_column_given_twice_is_an_error():
    header = [*HEADER, "E-mail"]
    assert errors_of(csv_bytes([*ANA, "x@example.edu"], header=header)) == [
        "line 1, column email: the column appears twice in the header ('email' and 'E-mail')"
    ]


def test_blank_required_cells_are_errors_for_each_cell():
    assert errors_of(csv_bytes(["ana@example.edu", "", "Able", "BE", "", "4"])) == [
        "line 2, column first name: this required cell is blank",
        "line 2, column cohort: this required cell is blank",
    ]


def test_the_same_email_twice_is_reported_on_both_lines():
    rows = [
        ANA,
        ["ben@example.edu", "Ben", "B", "BE", "2405-BE", "4"],
        ["ANA@example.edu", *ANA[1:]],
    ]
    parsed = parse_roster(csv_bytes(*rows), "r.csv")
    assert [str(e) for e in parsed.errors] == [
        "line 2, column email: ana@example.edu appears more than once (lines 2 and 4)",
        "line 4, column email: ana@example.edu appears more than once (lines 2 and 4)",
    ]


def test_too_long_value_is_an_error():
    row = ["ana@example.edu", "A" * 151, "Able", "BE", "2405-BE", "4"]
    assert errors_of(csv_bytes(row)) == [
        "line 2, column first name: the value is 151 characters long; at most 150 fit"
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"\r\n\r\n  \r\n", "The file is empty."),
        (csv_bytes(), "The file has a header (line 1) but no students below it."),
        (
            "email,first name\nané,x\n".encode("latin-1"),
            "The file is not UTF-8 text (byte 0xe9 on line 2). Save it from your spreadsheet "
            "as “CSV UTF-8”, or as XLSX.",
        ),
        (
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
            "“roster.csv” is a PDF document. Upload the roster as CSV or XLSX.",
        ),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "“roster.csv” is a binary file, not text. Upload the roster as CSV or XLSX.",
        ),
        (
            "email\n".encode("utf-16"),
            "The file is UTF-16 text (Excel's “Unicode text”). Save it as “CSV UTF-8” instead.",
        ),
    ],
    ids=["empty", "blank-lines", "header-only", "latin-1", "pdf", "png", "utf-16"],
)
def test_unreadable_files_are_rejected_with_a_clear_message(data, message):
    parsed = parse_roster(data, "roster.csv")
    assert [str(e) for e in parsed.errors] == [message] and parsed.rows == []


def test_a_word_document_is_not_taken_for_a_workbook():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    assert errors_of(buffer.getvalue(), "roster.docx") == [
        "“roster.docx” is a Word document. Upload the roster as CSV or XLSX."
    ]


def test_a_damaged_zip_is_rejected():
    assert errors_of(b"PK\x03\x04 not really a zip", "r.xlsx") == [
        "“r.xlsx” is a damaged zip or XLSX file. Upload the roster as CSV or XLSX."
    ]


def test_a_file_bigger_than_the_limit_is_rejected_unread():
    data = csv_bytes(ANA, *student_rows(30_000))
    assert errors_of(data, max_bytes=1024 * 1024) == [
        "The file is 1.5 MB; the largest roster accepted is 1.0 MB."
    ]


def test_xlsx_is_read_from_its_first_sheet_with_numbers_as_typed():
    data = xlsx_bytes(
        ["ana@example.edu", "Ana", "Able", "BE", "2405-BE", 4.0, True],
        [],
        ["ben@example.edu", "Ben", "Baker", "FE", 2407, 2, 0],
        header=[*HEADER, "Repeating"],
    )
    parsed = parse_roster(data, "named-as-anything.csv")  # the content decides
    assert parsed.errors == [] and parsed.kind == "XLSX"
    assert [(r.line, r.email, r.cohort, r.module, r.repeating) for r in parsed.rows] == [
        (2, "ana@example.edu", "2405-BE", 4, True),
        (4, "ben@example.edu", "2407", 2, False),
    ]


def _sheet_bytes(cells: dict[str, object]) -> bytes:
    import io

    import openpyxl

    workbook = openpyxl.Workbook()
    for ref, value in cells.items():
        workbook.active[ref] = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


HEADER_ON_ROW_3 = {f"{col}3": heading for col, heading in zip("ABCDEF", HEADER, strict=True)}
BAD_ROW_5 = dict(
    zip(
        ["A5", "B5", "C5", "D5", "E5", "F5"],
        ["ana@", "Ana", "Able", "BE", "2405-BE", 7],
        strict=True,
    )
)


def test_xlsx_header_is_the_first_non_empty_row_and_errors_use_sheet_rows():
    assert errors_of(_sheet_bytes({**HEADER_ON_ROW_3, **BAD_ROW_5}), "r.xlsx") == [
        "line 5, column email: 'ana@' is not a valid email address",
        "line 5, column module: '7' is not a module number: modules are 1 to 4",
    ]


def test_xlsx_title_above_the_header_is_taken_for_the_header():
    errors = errors_of(_sheet_bytes({"A1": "Spring roster", **HEADER_ON_ROW_3}), "r.xlsx")
    assert errors[0] == "column email: the required column is missing from the header (line 1)"


def test_xlsx_with_only_a_header_has_no_students():
    assert errors_of(xlsx_bytes(), "r.xlsx") == [
        "The file has a header (line 1) but no students below it."
    ]


def test_row_error_reads_as_line_column_message():
    assert str(RowError(7, "email", "'ana@' is not a valid email address")) == (
        "line 7, column email: 'ana@' is not a valid email address"
    )
    assert str(RowError(None, None, "The file is empty.")) == "The file is empty."


@pytest.mark.parametrize(
    ("code", "start"),
    [("2405-BE", dt.date(2024, 5, 1)), ("2412FE", dt.date(2024, 12, 1)), ("2413-BE", None)],
)
def test_cohort_start_is_guessed_from_a_leading_yymm(code, start):
    assert guess_cohort_start(code) == start
    assert guess_cohort_start("Spring-BE") is None
