from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from careerdev.backups import services
from careerdev.backups.archive import BackupFailed, BackupRefused

from .._wording import files, one_line, size


class Command(BaseCommand):
    help = (
        "Back up the database and every uploaded file into one .tar.gz, safely while "
        "careerdev is serving. Without FILE it goes under the data dir's backups/, "
        "named by the time (UTC). Restore it with `careerdev restore FILE`."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", type=Path, help="the backup file to write")

    def handle(self, *args, file: Path | None = None, **options):
        try:
            path, manifest = services.back_up(file)
        except (BackupRefused, BackupFailed) as error:
            raise CommandError(str(error)) from None
        except DatabaseError as error:
            raise CommandError(f"The database could not be read: {one_line(error)}") from None
        rows = sum(manifest.tables.values())
        self.stdout.write(
            f"Backed up the {services.vendor_name(manifest.vendor)} database "
            f"({rows} rows in {len(manifest.tables)} tables) and "
            f"{files(manifest.media_files)} ({size(manifest.media_bytes)}) to {path} "
            f"({size(path.stat().st_size)})."
        )
