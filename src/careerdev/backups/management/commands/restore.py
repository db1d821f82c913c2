import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection

from careerdev.backups import services
from careerdev.backups.archive import BackupFailed, BackupRefused

from .._wording import files, one_line


class Command(BaseCommand):
    help = (
        "Replace the database and every uploaded file with a backup made by "
        "`careerdev backup`. The backup is checked first; a missing, damaged or foreign "
        "file, or one from the other database vendor, is refused and nothing changes. "
        "Asks before replacing anything unless --yes. With --check it only checks."
    )
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="a file written by `careerdev backup`")
        parser.add_argument(
            "--yes",
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="do not ask: replace the current data straight away",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="check that the backup is complete and restorable here; change nothing",
        )

    def handle(self, *args, file: Path, interactive: bool = True, check: bool = False, **options):
        with tempfile.TemporaryDirectory(prefix="careerdev-restore-") as tmp:
            try:
                backup = services.open_backup(file, Path(tmp))
            except (BackupRefused, BackupFailed) as error:
                raise CommandError(str(error)) from None
            except DatabaseError as error:
                raise CommandError(f"The database refused: {one_line(error)}") from None
            manifest = backup.manifest
            self.stdout.write(
                f"{file}: careerdev {manifest.careerdev_version}, "
                f"{services.vendor_name(manifest.vendor)}, made "
                f"{manifest.created_at:%Y-%m-%d %H:%M} UTC: {sum(manifest.tables.values())} "
                f"rows in {len(manifest.tables)} tables, {files(manifest.media_files)}."
            )
            if check:
                self.stdout.write("The backup is complete and can be restored here.")
                return
            if interactive and not self._confirmed():
                raise CommandError("Restore cancelled; nothing was changed.")
            try:
                result = services.restore(backup)
            except (BackupRefused, BackupFailed) as error:
                raise CommandError(str(error)) from None
            except DatabaseError as error:
                raise CommandError(f"The database refused: {one_line(error)}") from None
        self.stdout.write(
            f"Restored the database and {files(manifest.media_files)}"
            + (
                f"; removed {result.media_removed} files the backup did not have."
                if result.media_removed
                else "."
            )
        )
        if result.differences:
            listed = ", ".join(
                f"{table} {live} (backup {rows})"
                for table, (rows, live) in sorted(result.differences.items())
            )
            self.stderr.write(f"Warning: these tables' rows differ from the backup's: {listed}.")
        else:
            self.stdout.write("Checked: every table holds the rows the backup lists.")
        if result.needs_migrate:
            self.stdout.write("The backup is from an older careerdev: run `careerdev migrate`.")

    def _confirmed(self) -> bool:
        where = connection.settings_dict["NAME"]
        try:
            answer = input(
                f"This replaces every row of the database {where} and every uploaded file "
                "with the backup's. Type 'yes' to go on: "
            )
        except EOFError:
            return False
        return answer.strip().lower() == "yes"
