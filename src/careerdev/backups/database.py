"""The database half of a backup, one way per vendor.

SQLite: sqlite3's online backup API copies the live database page by page
under a read lock, so the copy is consistent while the app keeps serving;
restoring runs the same API the other way, into the live connection, in one
step — SQLite writes it in one transaction, so it lands whole or not at all.

PostgreSQL: `pg_dump --format=custom` in the snapshot of a REPEATABLE READ
transaction whose row counts go into the manifest (so the counts describe
exactly the dump), and `pg_restore --clean --if-exists --no-owner
--single-transaction`. The connection details go to the tools through
PG* environment variables, never on a command line that `ps` shows.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import sqlite3
import subprocess  # nosec B404  # pg_dump and pg_restore, never through a shell
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, transaction

from .archive import DATABASE_FILES, BackupFailed, BackupRefused, ExtractedBackup

# Django's database settings and the libpq environment variables they become.
_PG_SETTINGS = {
    "NAME": "PGDATABASE",
    "USER": "PGUSER",
    "PASSWORD": "PGPASSWORD",  # noqa: S105  # nosec B105  # a variable's name, not a password
    "HOST": "PGHOST",
    "PORT": "PGPORT",
}
_PG_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "options": "PGOPTIONS",
}


@dataclass(frozen=True)
class DatabaseCopy:
    path: Path
    tables: dict[str, int]
    migrations: dict[str, list[str]]


def vendor() -> str:
    if connection.vendor not in DATABASE_FILES:
        raise BackupRefused(f"careerdev cannot back up a {connection.vendor} database.")
    return connection.vendor


def copy_database(into: Path) -> DatabaseCopy:
    """A consistent copy of the live database in `into`, with its row counts
    per table and its applied migrations."""
    path = into / DATABASE_FILES[vendor()]
    if connection.vendor == "sqlite":
        return _copy_sqlite(path)
    return _copy_postgresql(path)


def check_copy(backup: ExtractedBackup) -> None:
    """Refuse a database file that could not be restored: a damaged SQLite
    file (or one whose rows are not what its manifest says), a file that
    pg_restore cannot read."""
    if backup.manifest.vendor == "sqlite":
        with closing(_open_read_only(backup.database)) as copy:
            try:
                problems = copy.execute("PRAGMA integrity_check").fetchall()
                tables = _sqlite_counts(copy)
            except sqlite3.DatabaseError as error:
                raise BackupRefused(f"The backup's database is damaged ({error}).") from None
        if problems != [("ok",)]:
            raise BackupRefused(f"The backup's database is damaged ({problems[0][0]}).")
        if tables != backup.manifest.tables:
            raise BackupRefused("The backup's database does not hold the rows its manifest lists.")
    else:
        tool = _pg_tool("pg_restore")
        _run([tool, "--list", str(backup.database)], "pg_restore could not read the backup")


def restore_database(backup: ExtractedBackup) -> None:
    """Replace the live database with the backup's, all or nothing."""
    if connection.in_atomic_block:
        raise BackupRefused("A restore cannot run inside a transaction.")
    if connection.vendor == "sqlite":
        with closing(_open_read_only(backup.database)) as copy:
            connection.ensure_connection()
            try:
                # pages=-1: every page in one step, hence one write transaction.
                copy.backup(connection.connection, pages=-1)
            except sqlite3.Error as error:
                raise BackupFailed(
                    f"SQLite refused the restore, nothing changed ({error})."
                ) from None
    else:
        tool = _pg_tool("pg_restore")
        database = connection.settings_dict["NAME"] or ""
        # Our own idle connection would only be in the way of the locks pg_restore takes.
        connection.close()
        _run(
            [
                tool,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                "--no-password",
                f"--dbname={database}",  # the name only; the rest is in the environment
                str(backup.database),
            ],
            "pg_restore failed and rolled back, nothing changed",
        )


def live_counts() -> dict[str, int]:
    """Rows per table in the live database, to check a restore against its manifest."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        return _sqlite_counts(connection.connection)
    with connection.cursor() as cursor:
        return _postgresql_counts(cursor)


def _copy_sqlite(path: Path) -> DatabaseCopy:
    connection.ensure_connection()
    with closing(sqlite3.connect(path)) as copy:
        connection.connection.backup(copy)
        # The copy stands alone: no -wal file to go with it.
        copy.execute("PRAGMA journal_mode=DELETE")
        return DatabaseCopy(path, _sqlite_counts(copy), _migrations(copy.execute(_MIGRATIONS)))


def _copy_postgresql(path: Path) -> DatabaseCopy:
    tool = _pg_tool("pg_dump")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        tables = _postgresql_counts(cursor)
        cursor.execute(_MIGRATIONS)
        migrations = _migrations(cursor.fetchall())
        # pg_dump sees exactly this transaction's snapshot while it stays open.
        _run(
            [
                tool,
                "--format=custom",
                f"--snapshot={snapshot}",
                "--no-password",
                f"--file={path}",
            ],
            "pg_dump failed",
        )
    return DatabaseCopy(path, tables, migrations)


_MIGRATIONS = "SELECT app, name FROM django_migrations ORDER BY app, name"


def _migrations(rows: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in rows:
        applied.setdefault(app, []).append(name)
    return applied


def _sqlite_counts(db: sqlite3.Connection) -> dict[str, int]:
    names = [
        row[0]
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
        )
    ]
    # The names come from the database's own catalogue, quoted.
    count = 'SELECT count(*) FROM "{}"'
    return {n: db.execute(count.format(n.replace('"', '""'))).fetchone()[0] for n in names}


def _postgresql_counts(cursor) -> dict[str, int]:
    cursor.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema() ORDER BY c.relname"
    )
    counts = {}
    for (name,) in cursor.fetchall():
        # The names come from the database's own catalogue, quoted.
        table = connection.ops.quote_name(name)
        cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608  # nosec B608
        counts[name] = cursor.fetchone()[0]
    return counts


def _open_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def _pg_environment() -> dict[str, str]:
    """The environment for pg_dump and pg_restore: the live connection's
    settings (the test database's name under pytest), as libpq variables."""
    env = dict(os.environ)
    settings = connection.settings_dict
    for key, variable in _PG_SETTINGS.items():
        if settings.get(key):
            env[variable] = str(settings[key])
    for key, variable in _PG_OPTIONS.items():
        if settings.get("OPTIONS", {}).get(key):
            env[variable] = str(settings["OPTIONS"][key])
    return env


def _pg_tool(name: str) -> str:
    """pg_dump or pg_restore no older than the server: on PATH, or Debian's
    /usr/lib/postgresql/<version>/bin, the nearest version first."""
    connection.ensure_connection()
    server = connection.pg_version // 10000
    found = []
    directories = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_major)
    candidates = [shutil.which(name)] + [f"{d}/{name}" for d in directories if _major(d) >= server]
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK):
            version = _tool_major(candidate)
            if version >= server:
                return candidate
            found.append(f"{candidate} is version {version}")
    seen = f" ({'; '.join(found)})" if found else ""
    raise BackupRefused(
        f"{name} from PostgreSQL {server} or newer is needed and was not found{seen}: "
        f"install postgresql-client-{server}."
    )


def _major(path: str) -> int:
    match = re.search(r"/postgresql/(\d+)/", path + "/")
    return int(match.group(1)) if match else 0


def _tool_major(tool: str) -> int:
    # A PostgreSQL tool found above, no shell.
    output = subprocess.run(  # noqa: S603  # nosec B603
        [tool, "--version"], capture_output=True, text=True, check=False
    ).stdout
    match = re.search(r"\)\s*(\d+)", output)
    return int(match.group(1)) if match else 0


def _run(command: list[str], failure: str) -> None:
    # Our own argument list, no shell; the password is in the environment.
    result = subprocess.run(  # noqa: S603  # nosec B603
        command, env=_pg_environment(), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        detail = lines[-1] if lines else f"exit status {result.returncode}"
        # pg_restore's first error says what went wrong; its last only that it stopped.
        errors = [line for line in lines if "error:" in line]
        raise BackupFailed(f"{failure}: {(errors or [detail])[0]}")
