"""Fixtures shared by every test: one small school with a term, two programs,
cohorts in two modules, staff, students and a volunteer."""

from dataclasses import dataclass

import pytest

from careerdev.people.models import User
from careerdev.school.models import Cohort, School, Term

from . import factories


@dataclass
class SmallSchool:
    school: School
    term: Term
    be: Cohort
    fe: Cohort
    staff: User
    student_a: User
    student_b: User
    other_cohort_student: User
    volunteer: User


@pytest.fixture
def small_school(db) -> SmallSchool:
    school = factories.school(name="Turing Test School")
    be = factories.cohort(factories.program(school, "BE"), "2405-BE")
    fe = factories.cohort(factories.program(school, "FE"), "2407-FE")
    term = factories.term(school, name="Winter 2026")
    a = factories.student(school, first_name="Ana", last_name="Able", opt_in=True)
    b = factories.student(school, first_name="Ben", last_name="Baker")
    c = factories.student(school, first_name="Cy", last_name="Cole")
    factories.enroll(a, term, be, module=4)
    factories.enroll(b, term, be, module=4)
    factories.enroll(c, term, fe, module=2)
    return SmallSchool(
        school=school,
        term=term,
        be=be,
        fe=fe,
        staff=factories.staff(school),
        student_a=a,
        student_b=b,
        other_cohort_student=c,
        volunteer=factories.volunteer(school),
    )


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server (aiosmtpd) on loopback for the test; Django's mail
    goes to it through the SMTP backend. Yields the list of received
    messages as email.message.EmailMessage objects."""
    import email
    import email.policy
    import socket

    from aiosmtpd.controller import Controller

    received: list = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
            received.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
            return "250 Message accepted for delivery"

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    try:
        yield received
    finally:
        controller.stop()


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgresql` are about what only PostgreSQL does (pg_dump,
    pg_restore's transaction): on SQLite they do not apply, so they are
    deselected rather than skipped — ./test runs them in its PostgreSQL pass."""
    import os

    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        return
    kept = [item for item in items if item.get_closest_marker("postgresql") is None]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept


def pytest_sessionfinish(session, exitstatus):
    """With CI=true a skipped test is a failure: CI must run everything."""
    import os

    if os.environ.get("CI") != "true":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.write_line(
            f"CI=true: {len(skipped)} test(s) were skipped; nothing may be.", red=True
        )
        session.exitstatus = 1
