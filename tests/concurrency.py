"""Racing requests in tests: each action runs in its own thread with its own
database connection, all released at once.

On PostgreSQL the threads really race, and row locks plus constraints decide.
SQLite has one writer at a time and its shared in-memory test database
reports a lock clash as an error instead of waiting, so there the threads
take turns: the tests then prove the same outcome without the race (they
are never skipped, which CI forbids)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connection


def race(
    actions: list[Callable[[], object]], refused: tuple[type[Exception], ...] = ()
) -> list[tuple[str, str]]:
    """Run the actions at once; each gives ("done", ""), ("refused", message)
    for one of the `refused` exceptions, or ("error", repr) for anything else."""
    start = threading.Barrier(len(actions))
    turns = threading.Lock() if connection.vendor == "sqlite" else None
    outcomes: list[tuple[str, str]] = []
    record = threading.Lock()

    def attempt(action):
        from django.db import connection as own_connection

        try:
            start.wait(timeout=30)
            try:
                if turns:
                    with turns:
                        action()
                else:
                    action()
            except refused as refusal:
                outcome = ("refused", getattr(refusal, "message", str(refusal)))
            except Exception as error:  # noqa: BLE001 (reported by the tests' assertions)
                outcome = ("error", repr(error))
            else:
                outcome = ("done", "")
            with record:
                outcomes.append(outcome)
        finally:
            own_connection.close()

    threads = [threading.Thread(target=attempt, args=(a,)) for a in actions]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return outcomes
