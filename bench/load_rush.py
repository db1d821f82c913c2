"""The locust file `bench/load.py` runs: the Wednesday rush. Students sign in
(each as a different seeded student) and open their home page; a few staff
open the progress matrix; one more signed-in student asks /healthz.

The accounts come from the JSON file named by CAREERDEV_LOAD_ACCOUNTS:
{"password": …, "students": [emails], "staff": [emails], "trivial": email};
every response time and failure goes to the JSON file named by
CAREERDEV_LOAD_TIMES.
"""

from __future__ import annotations

import itertools
import json
import os
import re
from pathlib import Path

from locust import FastHttpUser, between, constant, events, task

ACCOUNTS = json.loads(Path(os.environ["CAREERDEV_LOAD_ACCOUNTS"]).read_text())
STAFF = int(os.environ.get("CAREERDEV_LOAD_STAFF", "3"))
# One iterator per process: each simulated student takes the next account.
_students = iter(ACCOUNTS["students"])
_staff = itertools.cycle(ACCOUNTS["staff"])
# Every response time, exact: locust's own percentiles round to whole
# milliseconds, too coarse for a page that answers in 3 ms.
TIMES: dict[str, list[float]] = {}
ERRORS: dict[str, int] = {}
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class SignedIn(FastHttpUser):
    abstract = True

    def sign_in(self, email: str) -> None:
        page = self.client.get("/login/", name="sign-in form")
        token = CSRF_FIELD.search(page.text).group(1)
        form = {"username": email, "password": ACCOUNTS["password"], "csrfmiddlewaretoken": token}
        with self.client.post(
            "/login/",
            data=form,
            name="sign-in",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            # Success is the redirect home; a wrong password shows the form again (200).
            if response.status_code != 302:
                response.failure(f"sign-in as {email} gave {response.status_code}")


class Student(SignedIn):
    """Opens the home page (their group and room), reads it, opens it again."""

    # 2–6 s between pages: 50 students open about 12 home pages a second, as
    # if the whole school of 5,000 opened theirs within the 7 minutes before
    # the session. Shorter waits only measure a saturated server's queue.
    wait_time = between(2, 6)

    def on_start(self) -> None:
        self.sign_in(next(_students))

    @task
    def home(self) -> None:
        with self.client.get("/", name="home", catch_response=True) as response:
            if "Homeroom · room" not in response.text:
                response.failure("the home page shows no Homeroom room")


class Staff(SignedIn):
    """Checks who needs help: the progress matrix, now and then."""

    fixed_count = STAFF
    wait_time = between(10, 20)

    def on_start(self) -> None:
        self.sign_in(next(_staff))
        # Staff are at work before the rush, not arriving with it: their first
        # look at the matrix comes at a random moment, not all in one second.
        self.wait()

    @task
    def matrix(self) -> None:
        self.client.get("/deliverables/", name="matrix")


class Trivial(SignedIn):
    """A signed-in student asking /healthz, as bench/web.py's trivial page:
    the same stack (middleware, session, user, school), no page work."""

    fixed_count = 1
    wait_time = constant(0.5)

    def on_start(self) -> None:
        self.sign_in(ACCOUNTS["trivial"])

    @task
    def healthz(self) -> None:
        self.client.get("/healthz", name="trivial")


@events.request.add_listener
def record(name, response_time, exception, **_) -> None:
    TIMES.setdefault(name, []).append(response_time)
    if exception is not None:
        ERRORS[name] = ERRORS.get(name, 0) + 1


@events.user_error.add_listener
def user_failed(exception, **_) -> None:
    # A simulated user's own code failing (no account left, no form token)
    # is an error of the run too, though no request recorded it.
    ERRORS["user code"] = ERRORS.get("user code", 0) + 1


@events.quitting.add_listener
def write_times(**_) -> None:
    out = Path(os.environ["CAREERDEV_LOAD_TIMES"])
    out.write_text(json.dumps({"times_ms": TIMES, "errors": ERRORS}))
