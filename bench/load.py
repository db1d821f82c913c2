"""The Wednesday rush: a 5,000-student school served by gunicorn on loopback,
driven by locust — students signing in and opening their home page (their
group and room), a few staff opening the progress matrix, and one more
signed-in student asking /healthz for the ratio.

    .venv/bin/python bench/load.py                         # 50 users, 60 s, SQLite
    .venv/bin/python bench/load.py --users 50 --seconds 15 # a quick look
    DATABASE_URL=postgres://… .venv/bin/python bench/load.py

Seeds the school as bench/web.py does (a throw-away database: a SQLite file
in WAL mode in a temporary directory, or a `test_…` PostgreSQL database),
gives every seeded account one known password, collects the static files
and starts gunicorn with production's settings less TLS (bench/loadsettings.py:
DEBUG off, WhiteNoise, persistent connections, the cached template loader).
Then locust (bench/load_rush.py) runs headless for --seconds: each simulated
student signs in as a different seeded student. Prints throughput, p50, p95
and p99 per page and the errors; the last line is one JSON object.
"""

from __future__ import annotations

import argparse
import contextlib
import http.cookiejar
import json
import math
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlencode

from benchdb import run_in_throwaway_database
from benchschool import STUDENTS, seed_school

HERE = Path(__file__).resolve().parent
PASSWORD = "wednesday-rush"
# Three sync workers for 2 cores. The pages are CPU-bound (the database is a
# local file or a local server), so workers beyond the cores only take turns;
# one more than the cores keeps a half-second matrix request from holding up
# the home pages. Threads (gthread) would add nothing but the GIL's turns.
# Measured with 2, 3 and 5 workers: docs/benchmarks.md.
WORKERS = 3
PAGES = ("home", "matrix", "trivial")  # in the last line, as locust names them


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50, help="concurrent users (at least 3)")
    parser.add_argument("--seconds", type=int, default=60, help="how long the rush lasts")
    parser.add_argument("--students", type=int, default=STUDENTS, help="students seeded")
    parser.add_argument("--workers", type=int, default=WORKERS, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (gthread)")
    args = parser.parse_args()
    if args.users < 3:
        parser.error("--users: at least 3 (a student, a staff member, one asking /healthz)")
    run_in_throwaway_database(lambda vendor: run(vendor, args))


def run(vendor: str, args: argparse.Namespace) -> dict:
    from django.db import connection

    started = time.perf_counter()
    seeded = seed_school(args.students)
    staff = 3 if args.users >= 20 else 1
    students = args.users - staff - 1  # the rest, less the one asking /healthz
    accounts = seed_accounts(seeded, students=students, staff=staff)
    print(
        f"{args.students} students seeded in {time.perf_counter() - started:.1f} s, "
        f"database {vendor}"
    )
    server_env = server_environment(connection.settings_dict)
    connection.close()  # the server has the database to itself
    with tempfile.TemporaryDirectory(prefix="careerdev-load-") as tmp:
        server_env["CAREERDEV_STATIC_ROOT"] = str(Path(tmp) / "static")
        started = time.perf_counter()
        manage(server_env, "collectstatic", "--noinput", "--verbosity", "0")
        print(f"static files collected in {time.perf_counter() - started:.1f} s")
        accounts_file = Path(tmp) / "accounts.json"
        accounts_file.write_text(json.dumps(accounts))
        with serve(server_env, workers=args.workers, threads=args.threads) as (url, pid):
            warm_up(url, accounts, concurrency=2 * args.workers * args.threads)
            cpu_before = cpu_seconds(pid)
            recorded = rush(url, args, staff, accounts_file, Path(tmp) / "times.json")
            recorded["server_cpu_s"] = cpu_seconds(pid) - cpu_before
    return report(recorded, args, vendor)


def seed_accounts(seeded, *, students: int, staff: int) -> dict:
    """One known password for every seeded account; `students` + 1 students
    spread over the roster (so over every cohort) and `staff` staff accounts
    to sign in as. Hashed once: the same (salted) hash serves every account."""
    from django.contrib.auth.hashers import make_password

    from careerdev.people.models import Role, User
    from careerdev.school.models import Enrollment

    encoded = make_password(PASSWORD, hasher="md5")  # as loadsettings.PASSWORD_HASHERS
    for n in range(1, staff):
        User.objects.create_user(
            email=f"staff{n}@bench.test", role=Role.STAFF, school=seeded.school
        )
    User.objects.filter(school=seeded.school).update(password=encoded)
    emails = list(
        Enrollment.objects.filter(term=seeded.term)
        .order_by("student_id")
        .values_list("student__email", flat=True)
    )
    step = max(1, len(emails) // (students + 1))
    chosen = emails[::step][: students + 1]
    assert len(chosen) == students + 1, "more simulated students than seeded ones"
    staff_emails = list(
        User.objects.filter(school=seeded.school, role=Role.STAFF)
        .order_by("pk")
        .values_list("email", flat=True)
    )
    return {
        "password": PASSWORD,
        "students": chosen[:-1],
        "staff": staff_emails,
        "trivial": chosen[-1],
    }


def server_environment(database: dict) -> dict:
    """The environment gunicorn runs in: the bench's database (for PostgreSQL
    the test database the bench created, not the one DATABASE_URL names)."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="loadsettings",
        PYTHONPATH=os.pathsep.join([str(HERE), str(HERE.parent / "src")]),
        CAREERDEV_SECRET_KEY=secrets.token_urlsafe(50),
        CAREERDEV_ALLOWED_HOSTS="127.0.0.1",
        # Sign-ins are logged at INFO (django-axes); the rush has 50 of them.
        CAREERDEV_LOG_LEVEL="WARNING",
    )
    if database["ENGINE"].endswith("postgresql"):
        user = quote(database["USER"] or "", safe="")
        password = f":{quote(database['PASSWORD'], safe='')}" if database["PASSWORD"] else ""
        host, port = database["HOST"] or "localhost", database["PORT"] or "5432"
        env["DATABASE_URL"] = f"postgres://{user}{password}@{host}:{port}/{database['NAME']}"
    return env


def manage(env: dict, *command: str) -> None:
    subprocess.run([sys.executable, "-m", "django", *command], env=env, check=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(env: dict, *, workers: int, threads: int) -> Iterator[tuple[str, int]]:
    """gunicorn on a free loopback port until the block ends: its URL and pid."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "careerdev.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        f"--threads={threads}",  # more than 1 makes them gthread workers
        "--log-level=warning",
    ]
    server = subprocess.Popen(command, env=env)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)
        print(f"gunicorn: {workers} worker(s) × {threads} thread(s) on {url}")
        yield url, server.pid
    finally:
        server.terminate()
        server.wait(timeout=30)


def warm_up(url: str, accounts: dict, *, concurrency: int) -> None:
    """Let every worker import, compile its templates and open its database
    connection before the rush, as a server that has been up since Monday
    has: a student's home and the matrix, asked `concurrency` at a time so
    that every worker takes some."""
    from concurrent.futures import ThreadPoolExecutor

    student = signed_in_opener(url, accounts["students"][0])
    staff = signed_in_opener(url, accounts["staff"][0])

    def fetch(i: int) -> None:
        opener, path = (staff, "/deliverables/") if i % 4 == 0 else (student, "/")
        with opener.open(url + path, timeout=60) as response:
            assert response.status == 200, (path, response.status)

    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(fetch, range(4 * concurrency)))


def signed_in_opener(url: str, email: str) -> urllib.request.OpenerDirector:
    """A urllib opener with a signed-in session (cookies kept)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"{url}/login/", timeout=30) as response:
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', response.read())
    form = {"username": email, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)}
    with opener.open(f"{url}/login/", urlencode(form).encode(), timeout=30) as response:
        assert "/login/" not in response.url, f"sign-in as {email} failed"
    return opener


def cpu_seconds(pid: int) -> float:
    """CPU time used so far by a process and its children (gunicorn's workers).
    Beside wall-clock percentiles, which other work on the machine inflates,
    it says what each request cost the server."""
    import psutil  # installed with locust

    root = psutil.Process(pid)
    return sum(sum(p.cpu_times()[:2]) for p in [root, *root.children(recursive=True)])


def rush(url: str, args: argparse.Namespace, staff: int, accounts: Path, times: Path) -> dict:
    """Run locust headless for args.seconds; every response time it recorded."""
    env = dict(
        os.environ,
        CAREERDEV_LOAD_ACCOUNTS=str(accounts),
        CAREERDEV_LOAD_TIMES=str(times),
        CAREERDEV_LOAD_STAFF=str(staff),
    )
    command = [
        sys.executable,
        "-m",
        "locust",
        f"--locustfile={HERE / 'load_rush.py'}",
        "--headless",
        f"--host={url}",
        f"--users={args.users}",
        # Everyone arrives within the first few seconds, as at 13:00 on a Wednesday.
        f"--spawn-rate={max(10, args.users / 5)}",
        f"--run-time={args.seconds}s",
        "--stop-timeout=5",
        "--only-summary",
        "--loglevel=WARNING",
    ]
    locust = subprocess.run(command, env=env, capture_output=True, text=True)
    if not times.exists():
        sys.stderr.write(locust.stdout + locust.stderr)
        raise RuntimeError(f"locust failed (exit {locust.returncode})")
    return json.loads(times.read_text())


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def report(recorded: dict, args: argparse.Namespace, vendor: str) -> dict:
    times, errors = recorded["times_ms"], recorded["errors"]
    requests = sum(len(t) for t in times.values())
    error_count = sum(errors.values())
    print(f"{'page':<14} {'requests':>9} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for name in sorted(times, key=lambda n: -len(times[n])):
        t = times[name]
        print(
            f"{name:<14} {len(t):9d} {errors.get(name, 0):7d} {percentile(t, 50):8.1f} "
            f"{percentile(t, 95):8.1f} {percentile(t, 99):8.1f}"
        )
    for name in errors.keys() - times.keys():  # failures outside any request
        print(f"{name:<14} {'':9} {errors[name]:7d}")
    print(f"throughput {requests / args.seconds:.0f} requests/s, {error_count} errors")
    cpu_ms = recorded["server_cpu_s"] * 1000 / max(requests, 1)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"server CPU {cpu_ms:.1f} ms per request (all pages); load average {load}")

    def figures(name: str) -> dict:
        t = times.get(name)  # none in a run too short for a page to come round
        return {f"p{p}_ms": round(percentile(t, p), 1) if t else None for p in (50, 95, 99)}

    pages = {name: figures(name) for name in PAGES}
    home, trivial = pages["home"]["p50_ms"], pages["trivial"]["p50_ms"]
    ratio = round(home / trivial, 1) if home and trivial else None
    print(f"home p50 / trivial p50: {ratio}")
    return {
        "users": args.users,
        "seconds": args.seconds,
        "requests": requests,
        "errors": error_count,
        **pages,
        "home_to_trivial_p50": ratio,
        "students": args.students,
        "database": vendor,
        "workers": args.workers,
        "threads": args.threads,
    }


if __name__ == "__main__":
    main()
