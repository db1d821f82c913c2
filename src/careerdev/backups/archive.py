"""The backup file: one .tar.gz that holds everything a restore needs.

Format version 1, members in this order:

    manifest.json        what the backup is (below); always the first member
    database.sqlite3     SQLite: a consistent copy made with the backup API
      or database.pgdump PostgreSQL: `pg_dump --format=custom`
    media/<name>         every uploaded file, by its storage name

manifest.json:

    {"format": "careerdev-backup", "format_version": 1,
     "careerdev_version": "0.1.0", "created_at": "2026-11-29T09:00:00+00:00",
     "database": {"vendor": "sqlite", "file": "database.sqlite3"},
     "tables": {"people_user": 256, ...},          rows per table in the copy
     "migrations": {"people": ["0001_initial", ...], ...},   applied in the copy
     "media": {"files": 12, "bytes": 345678}}

This module knows the layout only; it touches neither the database nor the
storage. Reading refuses anything that is not such a file with one line
that says why (BackupRefused).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

FORMAT = "careerdev-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
MEDIA_DIR = "media"


class BackupRefused(Exception):
    """A backup or restore that cannot go ahead; the message is one line for the user."""


class BackupFailed(Exception):
    """A backup or restore that went ahead and failed; the message is one line."""


@dataclass(frozen=True)
class Manifest:
    vendor: str
    careerdev_version: str
    created_at: dt.datetime
    tables: dict[str, int]
    migrations: dict[str, list[str]]
    media_files: int
    media_bytes: int
    format_version: int = FORMAT_VERSION

    @property
    def database_file(self) -> str:
        return DATABASE_FILES[self.vendor]

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "format_version": self.format_version,
                "careerdev_version": self.careerdev_version,
                "created_at": self.created_at.isoformat(),
                "database": {"vendor": self.vendor, "file": self.database_file},
                "tables": self.tables,
                "migrations": self.migrations,
                "media": {"files": self.media_files, "bytes": self.media_bytes},
            },
            indent=2,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: bytes, source: str) -> Manifest:
        not_ours = BackupRefused(
            f"{source} is not a careerdev backup (its manifest is unreadable)."
        )
        try:
            data = json.loads(text)
        except ValueError:
            raise not_ours from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise not_ours
        version = data.get("format_version")
        if not isinstance(version, int) or version > FORMAT_VERSION:
            raise BackupRefused(
                f"{source} is a careerdev backup in format {version}, newer than this "
                f"careerdev reads ({FORMAT_VERSION}): restore it with a newer careerdev."
            )
        try:
            vendor = data["database"]["vendor"]
            if vendor not in DATABASE_FILES:
                raise ValueError(vendor)
            return cls(
                vendor=vendor,
                careerdev_version=str(data["careerdev_version"]),
                created_at=dt.datetime.fromisoformat(data["created_at"]),
                tables={str(t): int(n) for t, n in data["tables"].items()},
                migrations={str(a): list(map(str, m)) for a, m in data["migrations"].items()},
                media_files=int(data["media"]["files"]),
                media_bytes=int(data["media"]["bytes"]),
                format_version=version,
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            raise not_ours from None


@dataclass
class ExtractedBackup:
    """A backup unpacked into a private directory, every member checked."""

    manifest: Manifest
    database: Path
    media: dict[str, Path] = field(default_factory=dict)


def write_archive(
    destination: Path, manifest: Manifest, database: Path, media: dict[str, Path]
) -> None:
    """Write the backup file. It appears whole or not at all: it is written
    under a temporary name beside `destination` and renamed when complete.
    Only its owner may read it (it holds password hashes and private notes)."""
    fd, partial = tempfile.mkstemp(
        prefix=f".{destination.name}.", suffix=".partial", dir=destination.parent
    )
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
            _add_bytes(tar, MANIFEST, manifest.to_json().encode())
            tar.add(database, arcname=manifest.database_file, recursive=False)
            for name in sorted(media):
                tar.add(media[name], arcname=f"{MEDIA_DIR}/{name}", recursive=False)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, destination)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def read_manifest(path: Path) -> Manifest:
    """The manifest alone, read from the front of the file: a quick look."""
    with _open(path) as tar:
        return _first_member_manifest(tar, path)[0]


def extract_archive(path: Path, into: Path) -> ExtractedBackup:
    """Unpack the whole backup into `into`, refusing anything unexpected: a
    member outside the layout, a path that climbs out, a truncated file."""
    source = str(path)
    with _open(path) as tar:
        manifest, first = _first_member_manifest(tar, path)
        extracted = ExtractedBackup(manifest=manifest, database=into / manifest.database_file)
        seen_database = False
        try:
            for member in tar:
                if member is first:  # iterating a stream starts again from it
                    continue
                name = PurePosixPath(member.name)
                if member.name == manifest.database_file and member.isfile():
                    seen_database = True
                elif name.parts[:1] == (MEDIA_DIR,) and len(name.parts) > 1 and member.isfile():
                    extracted.media[str(PurePosixPath(*name.parts[1:]))] = into / member.name
                else:
                    raise BackupRefused(f"{source} holds {member.name!r}, which no backup has.")
                # The data filter refuses absolute paths, "..", links and devices.
                tar.extract(member, into, filter="data")
        except (tarfile.TarError, EOFError, OSError) as error:
            raise BackupRefused(f"{source} is damaged or incomplete ({error}).") from None
    if not seen_database:
        raise BackupRefused(f"{source} has no database in it.")
    if len(extracted.media) != manifest.media_files:
        raise BackupRefused(
            f"{source} holds {len(extracted.media)} uploaded files, "
            f"its manifest says {manifest.media_files}."
        )
    return extracted


def _open(path: Path) -> tarfile.TarFile:
    if not path.is_file():
        raise BackupRefused(f"{path} does not exist.")
    try:
        # A stream: members are read in order, so a refusal on the manifest
        # costs one read of the file's start, and nothing is extracted twice.
        return tarfile.open(path, mode="r|gz")
    except (tarfile.TarError, OSError):
        raise BackupRefused(f"{path} is not a careerdev backup (not a .tar.gz file).") from None


def _first_member_manifest(tar: tarfile.TarFile, path: Path) -> tuple[Manifest, tarfile.TarInfo]:
    try:
        member = tar.next()
        if member is None or member.name != MANIFEST or not member.isfile():
            raise BackupRefused(f"{path} is not a careerdev backup (no manifest.json first).")
        return Manifest.from_json(tar.extractfile(member).read(), str(path)), member
    except (tarfile.TarError, EOFError, OSError):
        raise BackupRefused(f"{path} is not a careerdev backup (not a .tar.gz file).") from None


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(dt.datetime.now(dt.UTC).timestamp())
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))
