"""Importing a roster: what a file would change, then all of it or nothing.

`preview_roster()` reads the file (see `parsing` for the columns) and the
database, and says for each row whether the student is new, updated or
unchanged, which cohorts would be created, and every error. `import_roster()`
does the same inside one transaction and, when there is no error, writes it
all. The number of queries does not depend on the number of rows: people,
profiles and enrollments are read with one query each and written with bulk
inserts and updates (which Django splits into batches only where the
database limits the parameters of one statement).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, connection, transaction
from django.db.models import Model
from django.db.models.functions import Lower
from django.template.defaultfilters import pluralize
from django.utils import timezone

from careerdev.audit import services as audit
from careerdev.audit.models import Area
from careerdev.people.models import Role, StudentProfile, User
from careerdev.school.models import Cohort, Enrollment, Program, School, Term

from .models import RosterUpload
from .parsing import (
    COLUMN_BY_KEY,
    COLUMNS,
    RosterRow,
    RowError,
    error_order,
    guess_cohort_start,
    parse_roster,
)

# Uploaded files hold personal data; they are kept this long for preview and confirmation.
UPLOAD_KEEP_DAYS = 30


class RowStatus(StrEnum):
    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass
class PreviewRow:
    """A valid row and what importing it does. `changes` names what an
    update changes; the objects are what the import will write."""

    row: RosterRow
    status: RowStatus
    cohort: Cohort = field(repr=False)
    changes: tuple[str, ...] = ()
    new_cohort: bool = False
    user: User | None = field(default=None, repr=False)
    profile: StudentProfile | None = field(default=None, repr=False)
    enrollment: Enrollment | None = field(default=None, repr=False)


@dataclass
class RosterPreview:
    """What importing a roster file into a term does, or why it cannot."""

    school: School
    term: Term
    filename: str
    errors: list[RowError] = field(default_factory=list)
    rows: list[PreviewRow] = field(default_factory=list)
    new_cohorts: list[Cohort] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    imported: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(RowStatus, 0)
        for row in self.rows:
            counts[row.status] += 1
        return {status.value: n for status, n in counts.items()}

    @property
    def new_count(self) -> int:
        return self.counts[RowStatus.NEW]

    @property
    def updated_count(self) -> int:
        return self.counts[RowStatus.UPDATED]

    @property
    def unchanged_count(self) -> int:
        return self.counts[RowStatus.UNCHANGED]

    def summary(self) -> str:
        """Such as "12 new students, 3 updated, 40 unchanged"."""
        counts = self.counts
        return (
            f"{counts['new']} new student{pluralize(counts['new'])}, "
            f"{counts['updated']} updated, {counts['unchanged']} unchanged"
        )

    def summary_lines(self) -> list[str]:
        """The counts, new cohorts and ignored columns, one per line."""
        lines = [self.summary()]
        if self.new_cohorts:
            cohorts = ", ".join(f"{c.code} ({c.program.code})" for c in self.new_cohorts)
            lines.append(f"New cohorts: {cohorts}")
        if self.ignored_columns:
            lines.append(f"Ignored columns: {', '.join(self.ignored_columns)}")
        return lines


def preview_roster(school: School, term: Term, data: bytes, filename: str) -> RosterPreview:
    """Everything importing `data` into `term` would do, and every error,
    by line and column. Reads only."""
    if term.school_id != school.pk:
        raise ValueError(f"{term} is not a term of {school}.")
    parsed = parse_roster(data, filename, max_bytes=settings.ROSTER_MAX_BYTES)
    preview = RosterPreview(
        school=school,
        term=term,
        filename=filename,
        errors=list(parsed.errors),
        ignored_columns=parsed.ignored_columns,
    )
    if parsed.rows:
        _classify(preview, parsed.rows)
    preview.errors.sort(key=error_order)
    return preview


def import_roster(
    school: School,
    term: Term,
    data: bytes,
    filename: str,
    *,
    dry_run: bool = False,
    by: User | None = None,
) -> RosterPreview:
    """Import a roster into `term`: all of it in one transaction, or, when
    the preview has any error (or this is a dry run), nothing at all.

    User errors are returned in the preview, never raised.
    """
    try:
        with transaction.atomic():
            preview = preview_roster(school, term, data, filename)
            if preview.ok and not dry_run:
                _write(preview, by)
                preview.imported = True
    except IntegrityError:
        # Only when someone else added the same people or cohorts at the same moment.
        preview = preview_roster(school, term, data, filename)
        preview.errors.insert(
            0,
            RowError(
                None,
                None,
                "Someone changed these students while the import ran, so nothing was "
                "imported. Please try again.",
            ),
        )
    return preview


def create_upload(
    *, school: School, term: Term, uploaded_by: User | None, filename: str, content: bytes
) -> RosterUpload:
    """Keep an uploaded file for its preview and confirmation, and forget the
    school's uploads older than UPLOAD_KEEP_DAYS."""
    if term.school_id != school.pk:
        raise ValueError(f"{term} is not a term of {school}.")
    now = timezone.now()
    with transaction.atomic():
        RosterUpload.objects.filter(
            school=school, created_at__lt=now - dt.timedelta(days=UPLOAD_KEEP_DAYS)
        ).delete()
        return RosterUpload.objects.create(
            school=school,
            term=term,
            uploaded_by=uploaded_by,
            filename=filename[:255],
            content=content,
            created_at=now,
        )


def confirm_upload(upload: RosterUpload) -> RosterPreview:
    """Import exactly the bytes that were previewed. An upload already
    imported is not imported twice: the result then has `imported` False
    and no errors."""
    with transaction.atomic():
        upload = (
            RosterUpload.objects.select_for_update()
            .select_related("school", "term__school")
            .get(pk=upload.pk)
        )
        preview = import_roster(
            upload.school,
            upload.term,
            bytes(upload.content),
            upload.filename,
            dry_run=upload.imported_at is not None,
            by=upload.uploaded_by,
        )
        if preview.imported:
            upload.imported_at = timezone.now()
            upload.save(update_fields=["imported_at"])
    return preview


# Reading what the rows would change -------------------------------------------------------


def _chunks(values: list) -> Iterable[list]:
    """`values` in lists as long as one `IN (...)` may be on this database."""
    size = max((connection.features.max_query_params or 10_000) - 10, 100)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _in_batches(values: list, query: Callable[[list], Iterable[Model]]) -> list[Model]:
    """Run `query` over `values` in as few `IN (...)` lists as the database allows."""
    return [obj for chunk in _chunks(values) for obj in query(chunk)]


def _classify(preview: RosterPreview, rows: list[RosterRow]) -> None:
    school, term = preview.school, preview.term
    programs = {p.code.upper(): p for p in Program.objects.filter(school=school)}
    cohorts_by_code: dict[str, list[Cohort]] = defaultdict(list)
    for cohort in Cohort.objects.filter(program__school=school).select_related("program"):
        cohorts_by_code[cohort.code.lower()].append(cohort)
    users = {
        u.email.lower(): u
        for u in _in_batches(
            [r.email for r in rows],
            lambda emails: (
                User.objects.alias(email_lower=Lower("email"))
                .filter(email_lower__in=emails)
                .select_related("student_profile")
            ),
        )
    }
    enrollments = {
        e.student_id: e
        for e in _in_batches(
            [u.pk for u in users.values()],
            lambda ids: Enrollment.objects.filter(term=term, student_id__in=ids),
        )
    }
    new_cohorts: dict[str, tuple[Cohort, int]] = {}  # lower-case code: cohort, first line

    for row in rows:
        errors = _role_errors(row, users.get(row.email), school)
        cohort, is_new_cohort = None, False
        program = programs.get(row.program)
        if program is None:
            known = ", ".join(programs) or "none yet: add them on the setup page"
            errors.append(
                _error(row, "program", f"'{row.program}' is not a program of this school ({known})")
            )
        else:
            same_code = cohorts_by_code.get(row.cohort.lower(), [])
            cohort = next((c for c in same_code if c.program_id == program.pk), None)
            if cohort is None and same_code:
                other = same_code[0]
                errors.append(
                    _error(
                        row,
                        "cohort",
                        f"cohort {other.code} belongs to program {other.program.code}, "
                        f"not {program.code}",
                    )
                )
            elif cohort is None:
                is_new_cohort = True
                if row.cohort.lower() not in new_cohorts:
                    start = guess_cohort_start(row.cohort)
                    new_cohorts[row.cohort.lower()] = (
                        Cohort(program=program, code=row.cohort, start_date=start),
                        row.line,
                    )
                cohort, first_line = new_cohorts[row.cohort.lower()]
                if cohort.program_id != program.pk:
                    errors.append(
                        _error(
                            row,
                            "cohort",
                            f"new cohort {cohort.code} is under program {cohort.program.code} "
                            f"on line {first_line}, not {program.code}",
                        )
                    )
        if errors:
            preview.errors.extend(errors)
        else:
            preview.rows.append(
                _preview_row(row, school, cohort, is_new_cohort, users.get(row.email), enrollments)
            )
    used = {id(r.cohort) for r in preview.rows}
    preview.new_cohorts = [c for c, _ in new_cohorts.values() if id(c) in used]


def _error(row: RosterRow, column: str, message: str) -> RowError:
    return RowError(row.line, COLUMN_BY_KEY[column].heading, message)


def _role_errors(row: RosterRow, user: User | None, school: School) -> list[RowError]:
    """A roster may only add or update students of this school."""
    if user is None:
        return []
    if user.role != Role.STUDENT:
        role = user.get_role_display().lower()
        return [_error(row, "email", f"{row.email} is a {role} account, not a student")]
    if user.school_id not in (None, school.pk):
        return [_error(row, "email", f"{row.email} is a student of another school")]
    return []


_LABELS = {
    "school_id": "school",
    "cohort_id": "cohort",
    **{c.key: c.heading for c in COLUMNS},
}


def _user_values(row: RosterRow, user: User | None, school: School) -> dict:
    values = {"first_name": row.first_name, "last_name": row.last_name}
    if user is None or user.school_id is None:
        values["school_id"] = school.pk
    return values


ENROLLMENT_FIELDS = ("cohort_id", "module", "repeating")


def _enrollment_values(row: RosterRow, cohort: Cohort) -> dict:
    # `cohort.pk` is None for a cohort not yet created; it is set before writing.
    return dict(zip(ENROLLMENT_FIELDS, (cohort.pk, row.module, row.repeating), strict=True))


def _differences(obj: Model, values: dict) -> list[str]:
    return [_LABELS[name] for name, value in values.items() if getattr(obj, name) != value]


def _preview_row(
    row: RosterRow,
    school: School,
    cohort: Cohort,
    is_new_cohort: bool,
    user: User | None,
    enrollments: dict[int, Enrollment],
) -> PreviewRow:
    if user is None:
        return PreviewRow(row, RowStatus.NEW, cohort, new_cohort=is_new_cohort)
    profile = getattr(user, "student_profile", None)
    enrollment = enrollments.get(user.pk)
    changes = _differences(user, _user_values(row, user, school))
    if profile is None:
        changes.append("profile")
    else:
        changes += _differences(profile, row.profile_values())
    if enrollment is None:
        changes.append(f"enrolled in {cohort.code}")
    else:
        changes += _differences(enrollment, _enrollment_values(row, cohort))
    return PreviewRow(
        row,
        RowStatus.UPDATED if changes else RowStatus.UNCHANGED,
        cohort,
        changes=tuple(changes),
        new_cohort=is_new_cohort,
        user=user,
        profile=profile,
        enrollment=enrollment,
    )


# Writing ----------------------------------------------------------------------------------


def _assign(obj: Model, values: dict, changed: dict[str, list[Model]]) -> None:
    """Set `values` on `obj`, noting it under each field whose value changed."""
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed[name].append(obj)


def _write(preview: RosterPreview, by: User | None) -> None:
    """Create and update everything the preview found, in bulk. The caller
    holds the transaction. The private opt-in is never among the fields written."""
    school, term = preview.school, preview.term
    Cohort.objects.bulk_create(preview.new_cohorts)

    new_users = []
    for pr in preview.rows:
        if pr.status == RowStatus.NEW:
            pr.user = User(
                email=pr.row.email,
                role=Role.STUDENT,
                # Unusable until they accept an invitation or reset it.
                password=make_password(None),
                **_user_values(pr.row, None, school),
            )
            new_users.append(pr.user)
    User.objects.bulk_create(new_users)
    if not connection.features.can_return_rows_from_bulk_insert:
        _fill_in_ids(preview.new_cohorts, new_users, school)

    new_profiles, new_enrollments = [], []
    enrolment_changes: list[tuple[PreviewRow, dict | None]] = []  # for the audit trail
    changed_users: dict[str, list[Model]] = defaultdict(list)
    changed_profiles: dict[str, list[Model]] = defaultdict(list)
    changed_enrollments: dict[str, list[Model]] = defaultdict(list)
    for pr in preview.rows:
        if pr.status == RowStatus.UNCHANGED:
            continue
        user, row = pr.user, pr.row
        if pr.status == RowStatus.UPDATED:
            _assign(user, _user_values(row, user, school), changed_users)
        if pr.profile is None:
            new_profiles.append(StudentProfile(user=user, **row.profile_values()))
        else:
            _assign(pr.profile, row.profile_values(), changed_profiles)
        if pr.enrollment is None:
            enrolment_changes.append((pr, None))
            new_enrollments.append(
                Enrollment(
                    student=user,
                    term=term,
                    cohort=pr.cohort,
                    module=row.module,
                    repeating=row.repeating,
                )
            )
        else:
            before = {name: getattr(pr.enrollment, name) for name in ENROLLMENT_FIELDS}
            if before != _enrollment_values(row, pr.cohort):
                enrolment_changes.append((pr, before))
            _assign(pr.enrollment, _enrollment_values(row, pr.cohort), changed_enrollments)

    _update_changed_cells(User, changed_users)
    StudentProfile.objects.bulk_create(new_profiles)
    _update_changed_cells(StudentProfile, changed_profiles)
    Enrollment.objects.bulk_create(new_enrollments)
    _update_by_value(Enrollment, changed_enrollments, ENROLLMENT_FIELDS)
    _audit_enrolments(preview, by, enrolment_changes)


def _audit_enrolments(
    preview: RosterPreview, by: User | None, changes: list[tuple[PreviewRow, dict | None]]
) -> None:
    """One audit entry per enrolment the import made or changed."""
    codes = dict(Cohort.objects.filter(program__school=preview.school).values_list("pk", "code"))

    def shown(values: dict) -> dict:
        return {
            "cohort": codes.get(values["cohort_id"]),
            "module": values["module"],
            "repeating": values["repeating"],
        }

    audit.record(
        school_id=preview.school.pk,
        by=by,
        area=Area.ENROLMENTS,
        changes=[
            audit.Change(
                action=f"{'enrolled' if before is None else 'changed the enrolment of'} "
                f"{pr.row.first_name} {pr.row.last_name}".strip(),
                subject=f"{preview.term.name} (roster import)",
                student_id=pr.user.pk,
                before=shown(before) if before else None,
                after=shown(_enrollment_values(pr.row, pr.cohort)),
            )
            for pr, before in changes
        ],
    )


# Django's bulk_update builds an expression per object and field (a CASE
# branch each), which costs about a third of a millisecond per cell and, in
# one statement, grows quadratically in the database. Updates are therefore
# sent for the changed cells only, in batches of this many rows.
UPDATE_BATCH = 500


def _update_changed_cells(model: type[Model], changed: dict[str, list[Model]]) -> None:
    """One bulk update per changed field, of the objects whose field changed."""
    for name, objs in changed.items():
        model.objects.bulk_update(objs, [name], batch_size=UPDATE_BATCH)


def _update_by_value(
    model: type[Model], changed: dict[str, list[Model]], names: tuple[str, ...]
) -> None:
    """One UPDATE per distinct set of new values: for enrollments, whose
    (cohort, module, repeating) are shared by a whole cohort."""
    objs = {o.pk: o for objs in changed.values() for o in objs}.values()
    groups: dict[tuple, list[int]] = defaultdict(list)
    for obj in objs:
        groups[tuple(getattr(obj, name) for name in names)].append(obj.pk)
    for values, pks in groups.items():
        for chunk in _chunks(pks):
            model.objects.filter(pk__in=chunk).update(**dict(zip(names, values, strict=True)))


def _fill_in_ids(cohorts: list[Cohort], users: list[User], school: School) -> None:
    """PostgreSQL and SQLite 3.35+ return the ids of bulk-inserted rows; on an
    older SQLite, find the rows just made by their natural keys."""
    cohort_ids = {
        (c.program_id, c.code.lower()): c.pk for c in Cohort.objects.filter(program__school=school)
    }
    for cohort in cohorts:
        cohort.pk = cohort_ids[(cohort.program_id, cohort.code.lower())]
    user_ids = {
        u.email: u.pk
        for u in _in_batches(
            [u.email for u in users], lambda emails: User.objects.filter(email__in=emails)
        )
    }
    for user in users:
        user.pk = user_ids[user.email]
