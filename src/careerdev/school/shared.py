"""What every student of a school shares, kept in each worker's memory.

At 12:55 on a Wednesday thousands of students open their home page, and
each page would otherwise read again what they all share: the current term,
its deliverables and staff's exceptions, the topic survey, the prompts, who
is in which group and room. A worker keeps those per school, under the
school's `data_token`, which every request reads with the school anyway.

Database triggers give the school a new token in the same transaction as
any insert, update or delete of a row its students share, whoever makes it:
a service, the admin, a bulk update, a cascade. (A change to the school's
own row gets one from `School.save`.) So values kept under an old token are
never served to a request that started after the change: it carries the new
token, and the values are read afresh. Each app declares its shared tables
with `watch` in its `AppConfig.ready`; the triggers are (re)installed after
every `migrate`, which also mends them if a migration rebuilt a table.

What `remember` returns is shared by every request of the worker: callers
read it and never change it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TypeVar

from django.db import connections
from django.db.models import Model

T = TypeVar("T")

# school id → (token, {key: value}); one token's values per school, so a
# change frees what the old token held.
_kept: dict[int, tuple[str, dict[Hashable, object]]] = {}
_lock = threading.Lock()  # for gthread workers; sync workers never wait on it


def remember(school, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, or what it gave for `key` under the school's current token."""
    token = school.data_token
    slot = _kept.get(school.pk)
    if slot is None or slot[0] != token:
        with _lock:
            slot = _kept.get(school.pk)
            if slot is None or slot[0] != token:
                slot = _kept[school.pk] = (token, {})
    values = slot[1]
    try:
        return values[key]  # type: ignore[return-value]
    except KeyError:
        value = values[key] = compute()
        return value


# --- The triggers ------------------------------------------------------------


@dataclass(frozen=True)
class Watched:
    table: str
    # An SQL expression giving the row's school id, with {row} for the row.
    school_of_row: str


_watched: dict[str, Watched] = {}


def watch(model: type[Model], school_of_row: str) -> None:
    """Any change to `model`'s rows gives their school a new token.
    `school_of_row`: SQL for the row's school id, `{row}` standing for the row,
    e.g. "(SELECT school_id FROM school_term WHERE id = {row}.term_id)"."""
    table = model._meta.db_table
    _watched[table] = Watched(table, school_of_row)


def watched_tables() -> list[str]:
    return sorted(_watched)


def install_triggers(using: str = "default") -> None:
    """Create (or replace) every watched table's triggers. Idempotent."""
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    statements = _postgres_statements if connection.vendor == "postgresql" else _sqlite_statements
    with connection.cursor() as cursor:
        for w in _watched.values():
            if w.table in existing:  # a partial `migrate` may not have made it yet
                for sql in statements(w):
                    cursor.execute(sql)


def trigger_names(using: str = "default") -> set[str]:
    """The names of the shared-data triggers the database holds."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        sql = "SELECT tgname FROM pg_trigger WHERE tgname LIKE %s"
    else:
        sql = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, ["careerdev_shared_%"])
        return {row[0] for row in cursor.fetchall()}


def expected_trigger_names() -> set[str]:
    return {f"careerdev_shared_{w.table}_{op}" for w in _watched.values() for op in _OPS}


# The statements below are built from model table names and the SQL each app
# declares in `watch`: code, never input.
_OPS = {"ins": "INSERT", "upd": "UPDATE", "del": "DELETE"}
_SQLITE_RANDOM = "lower(hex(randomblob(16)))"
_POSTGRES_RANDOM = "md5(random()::text || clock_timestamp()::text)"


def _sqlite_statements(w: Watched) -> list[str]:
    """Row triggers: SQLite updates the school row in place, so thousands of
    rows in one statement cost thousands of cheap writes to one row."""
    sql = []
    for op, event in _OPS.items():
        rows = {"ins": ["NEW"], "upd": ["OLD", "NEW"], "del": ["OLD"]}[op]
        schools = ", ".join(w.school_of_row.format(row=r) for r in rows)
        name = f"careerdev_shared_{w.table}_{op}"
        sql += [
            f"DROP TRIGGER IF EXISTS {name}",
            f"CREATE TRIGGER {name} AFTER {event} ON {w.table} FOR EACH ROW BEGIN "  # noqa: S608  # nosec B608
            f"UPDATE school_school SET data_token = {_SQLITE_RANDOM} WHERE id IN ({schools}); "
            "END",
        ]
    return sql


def _postgres_statements(w: Watched) -> list[str]:
    """Statement triggers over the changed rows: PostgreSQL keeps a new version
    of a row per update, so one update per statement, not one per row."""
    sql = []
    for op, event in _OPS.items():
        tables = {"ins": ["new_rows"], "upd": ["old_rows", "new_rows"], "del": ["old_rows"]}[op]
        referencing = " ".join(
            f"{'OLD' if t == 'old_rows' else 'NEW'} TABLE AS {t}" for t in tables
        )
        schools = " UNION ".join(
            f"SELECT {w.school_of_row.format(row=t)} FROM {t}"  # noqa: S608  # nosec B608
            for t in tables
        )
        name = f"careerdev_shared_{w.table}_{op}"
        sql += [
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "  # noqa: S608  # nosec B608
            f"BEGIN UPDATE school_school SET data_token = {_POSTGRES_RANDOM} "
            f"WHERE id IN ({schools}); RETURN NULL; END $$",
            f"DROP TRIGGER IF EXISTS {name} ON {w.table}",
            f"CREATE TRIGGER {name} AFTER {event} ON {w.table} REFERENCING {referencing} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
        ]
    return sql
