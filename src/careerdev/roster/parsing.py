"""Reading a roster file: bytes in, validated rows and errors out.

Pure: no database access here. What needs the database (does the program
exist, is this email a staff member's) is decided in `services`.

Columns
-------
One row per student; the first non-empty row is the header. Headings match
whatever their case, spacing, underscores or hyphens (`First Name`,
`first_name`, `first-name` and ` FIRST  NAME ` are one column).

=============== ======== =====================================================
column          required what it takes
=============== ======== =====================================================
email           yes      the key: a re-import updates the person with that
                         email (any case) and never makes a second one
first name      yes
last name       yes
preferred name  no       shown instead of the first name
pronouns        no
program         yes      an existing program code of the school, such as BE
                         (any case)
cohort          yes      such as 2405-BE; a code not seen before is created
                         under the row's program (start date from a leading
                         YYMM, so 2405-BE starts 1 May 2024), and the preview
                         lists it as new. A code that belongs to another
                         program is an error.
module          yes      1, 2, 3 or 4 (4.0 from a spreadsheet is 4)
repeating       no       yes/no, true/false, y/n or 1/0 in any case; blank
                         is no
Slack handle    no       also headed `slack`
GitHub          no       a URL, or a user name made into
                         https://github.com/NAME
LinkedIn        no       a URL, or a profile name made into
                         https://www.linkedin.com/in/NAME
=============== ======== =====================================================

Other columns are ignored, and the preview names them. Optional columns may
be left out altogether, and their cells may be blank: a blank optional cell
leaves what careerdev already holds (a roster never wipes a student's
pronouns or links; to clear one, edit the profile). The "less represented in
tech" opt-in is never part of a roster: students set it themselves.

Files are read as spreadsheet programs save them: CSV in UTF-8 with or
without a byte-order mark, separated by commas, semicolons or tabs (guessed
from the header line), with any line ends, spaces around values and
headings, and empty rows; or XLSX (the first sheet). The kind of file is
decided by its content, not its name.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email

from careerdev.people.models import StudentProfile, User, normalize_email
from careerdev.school.models import Cohort


@dataclass(frozen=True)
class Column:
    key: str  # the RosterRow attribute
    heading: str  # as shown to people and in error messages
    required: bool
    notes: str
    aliases: tuple[str, ...] = ()  # more normalised headings that mean this column


COLUMNS: tuple[Column, ...] = (
    Column(
        "email",
        "email",
        True,
        "The key: a re-import updates the student with that email (any case).",
        ("e mail", "email address"),
    ),
    Column("first_name", "first name", True, "", ("firstname", "given name")),
    Column("last_name", "last name", True, "", ("lastname", "surname", "family name")),
    Column("preferred_name", "preferred name", False, "Shown instead of the first name."),
    Column("pronouns", "pronouns", False, "Such as she/her or they/them."),
    Column(
        "program",
        "program",
        True,
        "An existing program code of the school, such as BE or FE.",
        ("programme",),
    ),
    Column(
        "cohort",
        "cohort",
        True,
        "Such as 2405-BE. A new code is created under the row's program.",
    ),
    Column("module", "module", True, "1, 2, 3 or 4.", ("mod",)),
    Column("repeating", "repeating", False, "yes/no, true/false, y/n or 1/0; blank is no."),
    Column("slack_handle", "Slack handle", False, "Such as ana.able.", ("slack",)),
    Column("github", "GitHub", False, "A URL or a GitHub user name.", ("github url",)),
    Column("linkedin", "LinkedIn", False, "A URL or a LinkedIn profile name.", ("linkedin url",)),
)
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
# The optional columns that fill in the student's profile.
PROFILE_FIELDS = ("preferred_name", "pronouns", "slack_handle", "github", "linkedin")

YES = frozenset({"yes", "y", "true", "1"})
NO = frozenset({"no", "n", "false", "0", ""})
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Longest values the database takes, from the models themselves.
MAX_LENGTHS = {
    "email": User._meta.get_field("email").max_length,
    "first_name": User._meta.get_field("first_name").max_length,
    "last_name": User._meta.get_field("last_name").max_length,
    "cohort": Cohort._meta.get_field("code").max_length,
    **{name: StudentProfile._meta.get_field(name).max_length for name in PROFILE_FIELDS},
}


def normalize_heading(heading: str) -> str:
    """`First_Name`, ` first-name ` and `FIRST  NAME` all become `first name`."""
    return re.sub(r"[\s_\-]+", " ", heading.replace("\ufeff", "")).strip().lower()


_HEADINGS = {
    name: column.key
    for column in COLUMNS
    for name in (normalize_heading(column.heading), normalize_heading(column.key), *column.aliases)
}


@dataclass(frozen=True)
class RowError:
    """A problem with the file. `line` and `column` are None for the file as a whole."""

    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in (
                f"line {self.line}" if self.line is not None else "",
                f"column {self.column}" if self.column else "",
            )
            if part
        )
        return f"{where}: {self.message}" if where else self.message


@dataclass(frozen=True)
class RosterRow:
    """One student as the file gives them, values cleaned. A blank optional
    value is "" and means "not given"."""

    line: int
    email: str
    first_name: str
    last_name: str
    program: str
    cohort: str
    module: int
    repeating: bool = False
    preferred_name: str = ""
    pronouns: str = ""
    slack_handle: str = ""
    github: str = ""
    linkedin: str = ""

    def profile_values(self) -> dict[str, str]:
        """The profile fields this row gives (blank cells left out)."""
        return {name: getattr(self, name) for name in PROFILE_FIELDS if getattr(self, name)}


@dataclass
class ParsedRoster:
    rows: list[RosterRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    kind: str = ""  # "CSV" or "XLSX" once recognised


class RosterFileError(Exception):
    """The file cannot be read at all; the message says why, for people."""


def parse_roster(data: bytes, filename: str = "", *, max_bytes: int | None = None) -> ParsedRoster:
    """Read a CSV or XLSX roster and validate every row.

    Returns every row that is valid on its own and every error found, each
    by line and column; the caller must write nothing unless `errors` is
    empty. Checks that need the database are the caller's.
    """
    result = ParsedRoster()
    try:
        if max_bytes is not None and len(data) > max_bytes:
            raise RosterFileError(
                f"The file is {_megabytes(len(data))}; the largest roster accepted is "
                f"{_megabytes(max_bytes)}."
            )
        result.kind, lines = _read_table(data, filename)
        lines = ((n, cells) for n, cells in lines if any(cells))
        header = next(lines, None)
        if header is None:
            raise RosterFileError("The file is empty.")
        header_line, headings = header
        columns = _map_columns(header_line, headings, result)
        if result.errors:
            return result
        any_rows = False
        lines_by_email: dict[str, list[int]] = defaultdict(list)
        for line, cells in lines:
            any_rows = True
            row = _validate_row(line, cells, columns, result.errors)
            if row is not None:
                result.rows.append(row)
            email = cells[columns["email"]] if columns["email"] < len(cells) else ""
            if email:
                lines_by_email[normalize_email(email)].append(line)
        if not any_rows:
            raise RosterFileError(
                f"The file has a header (line {header_line}) but no students below it."
            )
    except RosterFileError as e:
        result.errors.append(RowError(None, None, str(e)))
        result.rows = []
        return result
    _check_duplicate_emails(result, lines_by_email)
    result.errors.sort(key=error_order)
    return result


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


# Reading: bytes to (line number, stripped cells) ---------------------------------------------


def _read_table(data: bytes, filename: str) -> tuple[str, Iterator[tuple[int, list[str]]]]:
    if not data:
        raise RosterFileError("The file is empty.")
    if data.startswith(b"PK\x03\x04"):
        return "XLSX", _read_xlsx(data, filename)
    if data.startswith(b"%PDF"):
        raise RosterFileError(_not_a_roster(filename, "a PDF document"))
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise RosterFileError(
            _not_a_roster(filename, "an old-style Excel (.xls) or Word (.doc) file")
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise RosterFileError(
            "The file is UTF-16 text (Excel's “Unicode text”). Save it as “CSV UTF-8” instead."
        )
    if b"\x00" in data[:8192]:
        raise RosterFileError(_not_a_roster(filename, "a binary file, not text"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise RosterFileError(
            f"The file is not UTF-8 text (byte 0x{data[e.start]:02x} on line {line}). "
            "Save it from your spreadsheet as “CSV UTF-8”, or as XLSX."
        ) from None
    return "CSV", _read_csv(text)


def _not_a_roster(filename: str, what: str) -> str:
    name = f"“{filename}”" if filename else "The file"
    return f"{name} is {what}. Upload the roster as CSV or XLSX."


def _sniff_delimiter(text: str) -> str:
    """The separator of the header line: comma, semicolon or tab, whichever it
    has most of (spreadsheets in many locales save with semicolons)."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(text: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
    line = 1
    try:
        for cells in reader:
            yield line, [c.strip() for c in cells]
            # A quoted value may span lines: the next row starts after this one ends.
            line = reader.line_num + 1
    except csv.Error as e:
        raise RosterFileError(f"Line {line} could not be read as CSV: {e}.") from None


def _read_xlsx(data: bytes, filename: str) -> Iterator[tuple[int, list[str]]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        raise RosterFileError(_not_a_roster(filename, "a damaged zip or XLSX file")) from None
    if "xl/workbook.xml" not in names:
        what = (
            "a Word document"
            if "word/document.xml" in names
            else "a presentation"
            if "ppt/presentation.xml" in names
            else "an OpenDocument file"
            if "mimetype" in names
            else "a zip archive, not an XLSX workbook"
        )
        raise RosterFileError(_not_a_roster(filename, what))
    # Imported here: only XLSX uploads pay for loading openpyxl.
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a damaged workbook
        raise RosterFileError(
            _not_a_roster(filename, f"an XLSX workbook that could not be read ({e})")
        ) from None
    try:
        sheet = workbook.worksheets[0]
        # Some programs save a wrong sheet size; read what is really there.
        sheet.reset_dimensions()
        for line, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield line, [_cell_text(v) for v in values]
    finally:
        workbook.close()


def _cell_text(value) -> str:
    """A spreadsheet cell as the text a person would have typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # module 4.0 is 4
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


# The header ---------------------------------------------------------------------------------


def _map_columns(header_line: int, headings: list[str], result: ParsedRoster) -> dict[str, int]:
    """Which cell index holds each known column; unknown headings are noted
    as ignored, and a missing required column is a file-level error."""
    columns: dict[str, int] = {}
    for index, heading in enumerate(headings):
        key = _HEADINGS.get(normalize_heading(heading))
        if key is None:
            if heading:
                result.ignored_columns.append(heading)
        elif key in columns:
            result.errors.append(
                RowError(
                    header_line,
                    COLUMN_BY_KEY[key].heading,
                    f"the column appears twice in the header ('{headings[columns[key]]}' "
                    f"and '{heading}')",
                )
            )
        else:
            columns[key] = index
    for column in COLUMNS:
        if column.required and column.key not in columns:
            result.errors.append(
                RowError(
                    None,
                    column.heading,
                    f"the required column is missing from the header (line {header_line})",
                )
            )
    return columns


# The rows -----------------------------------------------------------------------------------


_url_validator = URLValidator(schemes=["http", "https"])


def _validate_row(
    line: int, cells: list[str], columns: dict[str, int], errors: list[RowError]
) -> RosterRow | None:
    values: dict = {}
    row_errors: list[RowError] = []

    def fail(key: str, message: str) -> None:
        row_errors.append(RowError(line, COLUMN_BY_KEY[key].heading, message))

    for column in COLUMNS:
        index = columns.get(column.key)
        raw = cells[index] if index is not None and index < len(cells) else ""
        if not raw:
            if column.required:
                fail(column.key, "this required cell is blank")
            continue
        max_length = MAX_LENGTHS.get(column.key)
        if max_length and len(raw) > max_length:
            fail(column.key, f"the value is {len(raw)} characters long; at most {max_length} fit")
            continue
        try:
            values[column.key] = _CLEANERS.get(column.key, _as_text)(raw)
        except ValidationError as e:
            fail(column.key, e.messages[0])
    errors.extend(row_errors)
    if row_errors:
        return None
    return RosterRow(line=line, **values)


def _as_text(raw: str) -> str:
    return raw


def _clean_email(raw: str) -> str:
    email = normalize_email(raw)
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(f"'{raw}' is not a valid email address") from None
    return email


def _clean_module(raw: str) -> int:
    try:
        number = Decimal(raw)
    except InvalidOperation:
        raise ValidationError(f"'{raw}' is not a module number: modules are 1 to 4") from None
    if not number.is_finite() or number != number.to_integral_value() or not 1 <= number <= 4:
        raise ValidationError(f"'{raw}' is not a module number: modules are 1 to 4")
    return int(number)


def _clean_yes_no(raw: str) -> bool:
    value = raw.lower()
    if value in YES:
        return True
    if value in NO:
        return False
    raise ValidationError(f"'{raw}' is not yes or no (yes/no, true/false, y/n or 1/0)")


def _link_cleaner(site: str, profile_url: str):
    """A URL as given, or a bare handle (`ana`, `@ana`) made into the site's profile URL."""

    def clean(raw: str) -> str:
        if "://" in raw:
            url = raw
        elif "/" in raw or "." in raw:
            url = f"https://{raw}"  # such as github.com/ana
        else:
            url = profile_url + raw.removeprefix("@")
        try:
            _url_validator(url)
        except ValidationError:
            raise ValidationError(f"'{raw}' is not a {site} URL or user name") from None
        return url

    return clean


def _clean_cohort(raw: str) -> str:
    return re.sub(r"\s+", " ", raw)


def _clean_program(raw: str) -> str:
    return raw.upper()


_CLEANERS = {
    "email": _clean_email,
    "module": _clean_module,
    "repeating": _clean_yes_no,
    "github": _link_cleaner("GitHub", "https://github.com/"),
    "linkedin": _link_cleaner("LinkedIn", "https://www.linkedin.com/in/"),
    "cohort": _clean_cohort,
    "program": _clean_program,
}


def _check_duplicate_emails(result: ParsedRoster, lines_by_email: dict[str, list[int]]) -> None:
    """The same email twice is an error on every line that has it."""
    duplicates = {email: lines for email, lines in lines_by_email.items() if len(lines) > 1}
    for email, lines in duplicates.items():
        listed = ", ".join(str(n) for n in lines[:-1]) + f" and {lines[-1]}"
        for line in lines:
            result.errors.append(
                RowError(line, "email", f"{email} appears more than once (lines {listed})")
            )
    result.rows = [r for r in result.rows if r.email not in duplicates]


_COLUMN_ORDER = {c.heading: i for i, c in enumerate(COLUMNS)}


def error_order(error: RowError) -> tuple[int, int]:
    """Errors for the file first, then by line and by column as the columns are listed."""
    return (error.line or 0, _COLUMN_ORDER.get(error.column or "", -1))


def guess_cohort_start(code: str) -> dt.date | None:
    """A cohort code that starts with YYMM (`2405-BE`) started on the first of that month."""
    match = re.match(r"(\d{2})(\d{2})", code)
    if match and 1 <= int(match[2]) <= 12:
        return dt.date(2000 + int(match[1]), int(match[2]), 1)
    return None
