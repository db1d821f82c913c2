"""The main pages of a 5,000-student school, timed in-process with Django's
test client, each beside a trivial page (/healthz) served by the same stack.

    .venv/bin/python bench/web.py                  # a throw-away SQLite file
    DATABASE_URL=postgres://… .venv/bin/python bench/web.py
                                                   # a throw-away test database

Seeds the school through the roster import (5,000 students in 10 cohorts),
the programme's deliverables with evidence for some students, and the
term's published Homeroom and week-2 Mix It Up groups (formed by the
engine). Then each page is fetched REPEAT times; the median, its query
count and its ratio to the trivial page's median are printed. The last line
is one JSON object.
"""

from __future__ import annotations

import statistics
import time

from benchdb import run_in_throwaway_database
from benchschool import STUDENTS, seed_school

REPEAT = 7


def main() -> None:
    def with_test_client(vendor: str) -> dict:
        from django.test.utils import setup_test_environment

        setup_test_environment()  # the test client needs it for the context it records
        return run(vendor)

    run_in_throwaway_database(with_test_client)


def timed(client, url: str) -> tuple[float, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm: templates compiled, caches filled
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(times), len(queries.captured_queries), len(response.content)


def run(vendor: str) -> dict:
    from django.test import Client
    from django.urls import reverse

    started = time.perf_counter()
    seeded = seed_school(STUDENTS)
    staff, student, mix = seeded.staff, seeded.mod4_student, seeded.mix_it_up_round
    print(f"{STUDENTS} students seeded in {time.perf_counter() - started:.1f} s, database {vendor}")
    staff_client, student_client = Client(), Client()
    staff_client.force_login(staff)
    student_client.force_login(student)
    trivial_ms, _, _ = timed(staff_client, reverse("health"))
    pages = {
        "matrix": (staff_client, reverse("deliverables:matrix")),
        "matrix_needing_help": (staff_client, reverse("deliverables:matrix") + "?help=1"),
        "mix_it_up_round": (staff_client, reverse("groups:round", args=[mix.pk])),
        "groups_term": (staff_client, reverse("groups:term")),
        "term_overview": (staff_client, reverse("school:term_overview")),
        "student_home": (student_client, reverse("home")),
        "student_deliverables": (student_client, reverse("deliverables:mine")),
    }
    print(f"{'page':<22} {'p50 ms':>8} {'queries':>8} {'KiB':>7} {'× trivial':>10}")
    print(f"{'trivial (/healthz)':<22} {trivial_ms:8.1f}")
    out = {}
    for name, (client, url) in pages.items():
        ms, queries, size = timed(client, url)
        ratio = ms / trivial_ms
        print(f"{name:<22} {ms:8.1f} {queries:8d} {size / 1024:7.0f} {ratio:10.1f}")
        out[name] = {
            "ms_p50": round(ms, 1),
            "queries": queries,
            "ratio_to_trivial": round(ratio, 1),
        }
    return {
        "students": STUDENTS,
        "database": vendor,
        "trivial_ms_p50": round(trivial_ms, 2),
        "pages": out,
    }


if __name__ == "__main__":
    main()
