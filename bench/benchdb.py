"""What the database benchmarks share: Django set up against a throw-away
database — a SQLite file in a temporary data directory (WAL, as in
production), or with DATABASE_URL a `test_…` database beside the one named,
created and dropped by Django's test machinery."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path


def run_in_throwaway_database(run: Callable[[str], dict]) -> None:
    """Call `run(vendor)` with a fresh, migrated database and print its
    figures as the last line, one JSON object; the database goes afterwards."""
    using_postgres = bool(os.environ.get("DATABASE_URL"))
    tmp = tempfile.TemporaryDirectory(prefix="careerdev-bench-")
    if not using_postgres:
        os.environ["CAREERDEV_DATA_DIR"] = tmp.name
    os.environ["DJANGO_SETTINGS_MODULE"] = "careerdev.settings.test"
    here = Path(__file__).resolve().parent
    sys.path.insert(0, str(here.parent / "src"))

    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection

    if using_postgres:
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    else:
        call_command("migrate", verbosity=0)
    try:
        figures = run(connection.vendor)
    finally:
        if using_postgres:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        connection.close()
        tmp.cleanup()
    print(json.dumps(figures))
