"""`careerdev import-roster FILE [--dry-run] [--term TERM] [--school NAME]`."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import pluralize

from careerdev.roster.services import import_roster
from careerdev.school.models import School
from careerdev.school.selectors import current_term, find_term


class Command(BaseCommand):
    help = (
        "Import students from a CSV or XLSX roster into a term (the school's current "
        "term unless --term names another). All or nothing: any error is listed by line "
        "and column, nothing is written, and the command exits with status 1. See "
        "careerdev.roster.parsing for the columns."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the roster, .csv or .xlsx")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the file and show what would change, writing nothing",
        )
        parser.add_argument("--term", help="the term's name (any case) or start date as YYYY-MM-DD")
        parser.add_argument(
            "--school", help="the school's name; needed only when there are several"
        )

    def handle(self, *args, file: Path, dry_run: bool, term: str | None, school: str | None, **_):
        data = _read(file)
        school_ = _school(school)
        term_ = find_term(school_, term) if term else current_term(school_)
        if term_ is None:
            raise CommandError(
                f"{school_} has no term {term!r}." if term else f"{school_} has no term yet."
            )
        preview = import_roster(school_, term_, data, file.name, dry_run=dry_run)
        self.stdout.write(f"{file.name} → {term_.name} ({school_.name})")
        if not preview.ok:
            for error in preview.errors:
                self.stderr.write(str(error))
            count = len(preview.errors)
            raise CommandError(f"{count} error{pluralize(count)}: nothing was imported.")
        for line in preview.summary_lines():
            self.stdout.write(line)
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
        else:
            self.stdout.write(self.style.SUCCESS("Imported."))


def _read(file: Path) -> bytes:
    """The file's bytes; one byte over the limit is enough for the import to refuse it."""
    try:
        with file.open("rb") as f:
            return f.read(settings.ROSTER_MAX_BYTES + 1)
    except OSError as e:
        raise CommandError(f"Cannot read {file}: {e.strerror}.") from None


def _school(name: str | None) -> School:
    if name:
        school = School.objects.filter(name__iexact=name.strip()).first()
        if school is None:
            raise CommandError(f"There is no school named {name!r}.")
        return school
    schools = list(School.objects.all()[:2])
    if not schools:
        raise CommandError("There is no school yet: add one in /admin/ first.")
    if len(schools) > 1:
        raise CommandError("There are several schools: name one with --school.")
    return schools[0]
