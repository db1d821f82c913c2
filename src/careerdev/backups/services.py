"""Backing up and restoring a whole careerdev: the database and the uploaded
files, in one file (the format is in archive.py)."""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from . import database, media
from .archive import (
    BackupFailed,
    BackupRefused,
    ExtractedBackup,
    Manifest,
    extract_archive,
    write_archive,
)

_VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


@dataclass(frozen=True)
class RestoreResult:
    manifest: Manifest
    media_removed: int
    # Tables whose rows after the restore are not what the manifest lists
    # (the app writing straight after it, or a damaged restore).
    differences: dict[str, tuple[int, int | None]]
    needs_migrate: bool


def default_destination(now: dt.datetime | None = None) -> Path:
    """Where a backup goes when no file is named: the data dir's backups/,
    named by the time in UTC so that names sort in order."""
    now = now or timezone.now()
    return Path(settings.DATA_DIR) / "backups" / f"careerdev-{now:%Y%m%dT%H%M%SZ}.tar.gz"


def back_up(destination: Path | None = None) -> tuple[Path, Manifest]:
    """Write a backup of the live database and uploaded files to
    `destination` (by default a new file under the data dir's backups/).

    The database is copied first, consistently, while the app keeps serving;
    the uploaded files straight after. Refuses to overwrite an existing file.
    """
    database.vendor()  # refuse an unknown database before writing anything
    if destination is None:
        destination = default_destination()
        # Only the default folder is made, and privately: a named one must exist.
        destination.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if destination.exists():
        raise BackupRefused(f"{destination} already exists; name a new file.")
    if not destination.parent.is_dir():
        raise BackupRefused(f"{destination.parent} is not a folder.")
    with tempfile.TemporaryDirectory(dir=destination.parent, prefix=".careerdev-backup-") as tmp:
        staging = Path(tmp)
        copy = database.copy_database(staging)
        files = media.copy_media(staging / "media")
        manifest = Manifest(
            vendor=connection.vendor,
            careerdev_version=_careerdev_version(),
            created_at=timezone.now(),
            tables=copy.tables,
            migrations=copy.migrations,
            media_files=len(files),
            media_bytes=sum(path.stat().st_size for path in files.values()),
        )
        write_archive(destination, manifest, copy.path, files)
    return destination, manifest


def open_backup(path: Path, into: Path) -> ExtractedBackup:
    """Unpack and check a backup before anything is changed; refuse (with
    BackupRefused) one that is missing, not a careerdev backup, damaged, from
    the other database vendor, or made by a newer careerdev."""
    extracted = extract_archive(path, into)
    manifest = extracted.manifest
    live = database.vendor()
    if manifest.vendor != live:
        raise BackupRefused(
            f"{path} is a backup of a {_VENDOR_NAMES[manifest.vendor]} database; "
            f"this careerdev uses {_VENDOR_NAMES[live]}."
        )
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = sorted(
        f"{app}.{name}"
        for app, names in manifest.migrations.items()
        for name in names
        if (app, name) not in known
    )
    if unknown:
        raise BackupRefused(
            f"{path} was made by a newer careerdev ({manifest.careerdev_version}; migrations "
            f"{', '.join(unknown[:3])}{' …' if len(unknown) > 3 else ''} are unknown here): "
            "upgrade careerdev first."
        )
    database.check_copy(extracted)
    return extracted


def restore(backup: ExtractedBackup) -> RestoreResult:
    """Replace the live database and uploaded files with the backup's.

    The database is replaced all or nothing; only then are the files
    replaced, so a failed restore leaves everything as it was.
    """
    database.restore_database(backup)
    try:
        removed = media.restore_media(backup.media)
    except (OSError, BackupFailed) as error:
        # Running the restore again writes every file again: it mends this.
        raise BackupFailed(
            f"The database was restored but not all uploaded files ({error}); "
            "run the restore again."
        ) from None
    live = database.live_counts()
    differences = {
        table: (rows, live.get(table))
        for table, rows in backup.manifest.tables.items()
        if live.get(table) != rows
    }
    executor = MigrationExecutor(connection)
    needs_migrate = bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    return RestoreResult(backup.manifest, removed, differences, needs_migrate)


def vendor_name(vendor: str) -> str:
    return _VENDOR_NAMES[vendor]


def _careerdev_version() -> str:
    try:
        return metadata.version("careerdev")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"
