"""`careerdev backup` and `careerdev restore`, on whichever database the suite
runs on (SQLite or PostgreSQL, seen from the connection).

The round trip backs up the demo school with a row in every careerdev table
and uploaded files on disk, changes and deletes data and files, restores, and
compares every table's rows (count and a hash of the values) and every file.
Backups need real commits (pg_dump reads from another connection), hence
transaction=True.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from careerdev.backups import archive
from careerdev.calendars.models import CalendarFeed
from careerdev.deliverables.models import CustomCompletion, Deliverable, DeliverableOverride
from careerdev.demo.services import create_demo_school
from careerdev.graduation.models import EarlyGraduationRequest
from careerdev.groups.models import DiscussionGroup, SlackDelivery
from careerdev.interviews.models import (
    AvailabilityWindow,
    InterviewFeedback,
    MockInterviewBooking,
    MockInterviewSlot,
    VolunteerCap,
)
from careerdev.jobsearch.models import Company, Contact, JobApplication, NegotiationEntry, Offer
from careerdev.notifications.models import EmailOptOut, UndeliveredEmail
from careerdev.people.models import Invitation, User
from careerdev.portfolios.models import (
    Portfolio,
    PortfolioEvent,
    PortfolioProject,
    ProjectScreenshot,
)
from careerdev.repeats.models import CheckIn, MeetingSlot, RepeatGoal, RepeatPlan
from careerdev.reviews.models import ReviewBooking, ReviewSlot
from careerdev.roster.models import RosterUpload
from careerdev.school.models import Cohort, Enrollment, School, Term
from careerdev.sessions.models import Attendance, Session, SessionDrop

from .. import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media_root(settings, tmp_path) -> Path:
    """Uploads on disk, as in production, where the test can look at them
    without going through the code under test."""
    root = tmp_path / "media"
    settings.MEDIA_ROOT = root
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return root


def table_rows() -> dict[str, tuple[int, str]]:
    """Every table in the database: its row count and a hash of its rows'
    values, independent of the order the database returns them in."""
    state = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows = sorted(repr(row) for row in cursor.fetchall())
            state[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return state


def media_files(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


def fill_what_the_demo_leaves_empty(term: Term) -> None:
    """A row in each table the demo school does not fill, so that the round
    trip covers every app, and uploaded files for the portfolios."""
    school = term.school
    now = timezone.now()
    staff = User.objects.staff().filter(school=school, is_superuser=False).first()
    volunteer = User.objects.volunteers().filter(school=school).first()
    ana, ben = (e.student for e in Enrollment.objects.filter(term=term, module=4)[:2])
    cohort = Enrollment.objects.filter(term=term, module=4).first().cohort

    group = Group.objects.create(name="Career Development")
    staff.groups.add(group)
    group.permissions.add(Permission.objects.first())
    staff.user_permissions.add(Permission.objects.last())
    Invitation.objects.create(
        user=volunteer,
        invited_by=staff,
        token_hash="0" * 64,
        expires_at=now + dt.timedelta(days=14),
    )
    RosterUpload.objects.create(
        school=school, term=term, uploaded_by=staff, filename="roster.csv", content=b"email\n"
    )
    SlackDelivery.objects.create(group=DiscussionGroup.objects.first(), error="Slack was down")

    review_slot = ReviewSlot.objects.create(
        term=term, held_by=staff, starts_at=now + dt.timedelta(days=2), place="Room 2"
    )
    ReviewBooking.objects.create(slot=review_slot, student=ana, term=term, booked_at=now)

    portfolio = Portfolio.objects.create(student=ana, slug="ana", title="Back-end developer")
    portfolio.photo.save("photo.png", ContentFile(b"\x89PNG photo"), save=False)
    portfolio.resume.save("resume.pdf", ContentFile(b"%PDF-1.4 resume"), save=True)
    project = PortfolioProject.objects.create(portfolio=portfolio, position=1, title="Rails Engine")
    screenshot = ProjectScreenshot(project=project, caption="Home page")
    screenshot.image.save("home.png", ContentFile(b"\x89PNG home"), save=True)
    PortfolioEvent.objects.create(portfolio=portfolio, kind="review_requested", actor=ana)

    company = Company.objects.create(student=ana, name="Lattice Health")
    contact = Contact.objects.create(student=ana, company=company, name="Dana Reyes")
    application = JobApplication.objects.create(
        student=ana, company=company, title="Junior developer", contact=contact
    )
    offer = Offer.objects.create(application=application, student=ana, base_salary=85_000)
    NegotiationEntry.objects.create(offer=offer, on=now.date(), asked="A higher base.")

    deliverable = Deliverable.objects.create(
        term=term, kind="custom_tick", title="Thank-you notes", due_week=5
    )
    DeliverableOverride.objects.create(deliverable=deliverable, cohort=cohort, excused=True)
    CustomCompletion.objects.create(deliverable=deliverable, student=ana, completed_at=now)

    session = Session.objects.filter(term=term).first()
    SessionDrop.objects.create(session=session, cohort=Cohort.objects.exclude(pk=cohort.pk)[0])
    Attendance.objects.create(session=session, student=ana, present=True)

    VolunteerCap.objects.create(term=term, volunteer=volunteer, cap=3)
    starts = now + dt.timedelta(days=3)
    window = AvailabilityWindow.objects.create(
        term=term,
        volunteer=volunteer,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
        kind="both",
        track="any",
    )
    slot = MockInterviewSlot.objects.create(
        term=term, window=window, volunteer=volunteer, starts_at=starts, kind="both", track="any"
    )
    booking = MockInterviewBooking.objects.create(slot=slot, student=ana, term=term, booked_at=now)
    InterviewFeedback.objects.create(
        booking=booking,
        behavioural_rating=4,
        strengths="Clear",
        to_work_on="STAR",
        submitted_at=now,
    )

    EmailOptOut.objects.create(user=ben, kind="groups_published")
    UndeliveredEmail.objects.create(school=school, to=ben.email, subject="Hi", error="refused")
    CalendarFeed.objects.create(user=ana, token="t" * 43)
    EarlyGraduationRequest.objects.create(student=ana, term=term, offer=offer)

    meeting = MeetingSlot.objects.create(
        term=term, held_by=staff, starts_at=now + dt.timedelta(days=4)
    )
    plan = RepeatPlan.objects.create(
        student=ben,
        term=term,
        meeting_at=meeting.starts_at,
        meeting_with=staff,
        meeting_slot=meeting,
    )
    goal = RepeatGoal.objects.create(
        plan=plan, competency="networking", action="Two coffees", measure="Two", target_week=3
    )
    CheckIn.objects.create(goal=goal, at=now, progress="One done", on_track=True)


def careerdev_tables_without_rows() -> list[str]:
    models = [
        m
        for config in apps.get_app_configs()
        if config.name.startswith("careerdev.")
        for m in config.get_models(include_auto_created=True)
    ]
    return [m._meta.db_table for m in models if not m.objects.exists()]


@pytest.fixture
def demo_school(media_root) -> Term:
    create_demo_school()
    term = Term.objects.get()
    fill_what_the_demo_leaves_empty(term)
    return term


def test_restore_brings_back_every_row_and_uploaded_file(demo_school, media_root, tmp_path):
    assert careerdev_tables_without_rows() == []
    before, files_before = table_rows(), media_files(media_root)
    assert len(files_before) == 3
    backup = tmp_path / "careerdev.tar.gz"

    call_command("backup", str(backup), stdout=io.StringIO())

    # Changed, deleted and added rows; a file replaced, one removed, one added.
    School.objects.update(name="Renamed School")
    User.objects.filter(email__startswith="student2@").delete()
    factories.staff(School.objects.get(), email="new.staff@example.test")
    portfolio = Portfolio.objects.get()
    old_photo = media_root / portfolio.photo.name
    portfolio.photo.save("photo2.png", ContentFile(b"\x89PNG another"), save=True)
    old_photo.unlink()
    (media_root / portfolio.resume.name).write_bytes(b"%PDF-1.4 edited")
    screenshot = ProjectScreenshot.objects.get()
    screenshot.delete()
    (media_root / screenshot.image.name).unlink()
    Enrollment.objects.filter(module=1).delete()
    assert table_rows() != before
    assert media_files(media_root) != files_before

    out = io.StringIO()
    call_command("restore", str(backup), interactive=False, stdout=out)

    assert table_rows() == before
    assert media_files(media_root) == files_before
    assert "every table holds the rows the backup lists" in out.getvalue()
    # The id sequences came back too: new rows do not collide with restored ones.
    factories.staff(School.objects.get(), email="after.restore@example.test")


def test_backup_manifest_says_what_the_file_holds(demo_school, media_root, tmp_path):
    backup = tmp_path / "careerdev.tar.gz"
    call_command("backup", str(backup), stdout=io.StringIO())

    manifest = archive.read_manifest(backup)
    with tarfile.open(backup) as tar:
        names = tar.getnames()
    assert names[0] == "manifest.json"
    assert (
        names[1]
        == {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}[connection.vendor]
    )
    assert sorted(names[2:]) == sorted(f"media/{name}" for name in media_files(media_root))
    assert manifest.vendor == connection.vendor
    assert manifest.tables["people_user"] == User.objects.count()
    assert manifest.tables == {table: count for table, (count, _) in table_rows().items()}
    assert manifest.media_files == 3
    assert "0001_initial" in manifest.migrations["portfolios"]
    assert os.stat(backup).st_mode & 0o077 == 0  # private: it holds password hashes


def test_backup_without_a_file_goes_under_the_data_dir(settings, media_root, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    out = io.StringIO()
    call_command("backup", stdout=out)
    [backup] = (tmp_path / "data" / "backups").glob("careerdev-*Z.tar.gz")
    assert str(backup) in out.getvalue()
    assert archive.read_manifest(backup).vendor == connection.vendor


def test_backup_refuses_to_overwrite_a_file(tmp_path):
    existing = tmp_path / "careerdev.tar.gz"
    existing.write_bytes(b"keep me")
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(existing))
    assert existing.read_bytes() == b"keep me"


# Refusals: each leaves the database and the files exactly as they were.


@pytest.fixture
def small_data(media_root) -> None:
    school = factories.school(name="Turing Test School")
    student = factories.student(school)
    portfolio = Portfolio.objects.create(student=student, slug="ana")
    portfolio.photo.save("photo.png", ContentFile(b"\x89PNG photo"), save=True)


def refused(file: Path, media_root: Path, **options) -> str:
    before, files_before = table_rows(), media_files(media_root)
    with pytest.raises(CommandError) as error:
        call_command("restore", str(file), interactive=False, stdout=io.StringIO(), **options)
    assert table_rows() == before
    assert media_files(media_root) == files_before
    message = str(error.value)
    assert "\n" not in message
    return message


def test_restore_refuses_a_missing_file(small_data, media_root, tmp_path):
    assert "does not exist" in refused(tmp_path / "nowhere.tar.gz", media_root)


def test_restore_refuses_a_file_that_is_not_a_backup(small_data, media_root, tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("not a backup")
    assert "not a careerdev backup" in refused(text, media_root)

    other = tmp_path / "photos.tar.gz"
    with tarfile.open(other, "w:gz") as tar:
        tar.add(text, arcname="notes.txt")
    assert "not a careerdev backup" in refused(other, media_root)


def test_restore_refuses_a_backup_of_the_other_database_vendor(small_data, media_root, tmp_path):
    other_vendor = {"sqlite": "postgresql", "postgresql": "sqlite"}[connection.vendor]
    database = tmp_path / "database"
    database.write_bytes(b"whatever the other vendor wrote")
    backup = tmp_path / "other.tar.gz"
    archive.write_archive(backup, _manifest(vendor=other_vendor), database, {})

    message = refused(backup, media_root)
    assert "backup of a" in message and "this careerdev uses" in message


def test_restore_refuses_a_backup_from_a_newer_careerdev(small_data, media_root, tmp_path):
    database = tmp_path / "database"
    database.write_bytes(b"")
    backup = tmp_path / "newer.tar.gz"
    manifest = _manifest(vendor=connection.vendor, migrations={"people": ["0999_future"]})
    archive.write_archive(backup, manifest, database, {})

    assert "newer careerdev" in refused(backup, media_root)


def test_restore_refuses_a_truncated_backup(small_data, media_root, tmp_path):
    backup = tmp_path / "careerdev.tar.gz"
    call_command("backup", str(backup), stdout=io.StringIO())
    data = backup.read_bytes()
    backup.write_bytes(data[: len(data) // 2])
    Portfolio.objects.update(title="Changed after the backup")

    assert "damaged or incomplete" in refused(backup, media_root)


def test_restore_asks_first_and_a_no_changes_nothing(small_data, media_root, tmp_path, monkeypatch):
    backup = tmp_path / "careerdev.tar.gz"
    call_command("backup", str(backup), stdout=io.StringIO())
    Portfolio.objects.update(title="Changed after the backup")
    questions = []
    monkeypatch.setattr("builtins.input", lambda q: questions.append(q) or "no")
    before = table_rows()

    with pytest.raises(CommandError, match="cancelled; nothing was changed"):
        call_command("restore", str(backup), stdout=io.StringIO())

    assert "replaces every row" in questions[0]
    assert table_rows() == before


def test_restore_check_changes_nothing(small_data, media_root, tmp_path):
    backup = tmp_path / "careerdev.tar.gz"
    call_command("backup", str(backup), stdout=io.StringIO())
    Portfolio.objects.update(title="Changed after the backup")
    before = table_rows()
    out = io.StringIO()

    call_command("restore", str(backup), check=True, stdout=out)

    assert "complete and can be restored here" in out.getvalue()
    assert table_rows() == before


def test_a_refusal_is_one_line_and_a_non_zero_exit(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "careerdev.settings.test"}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "careerdev.cli", "restore", str(tmp_path / "nowhere.tar.gz")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"CommandError: {tmp_path / 'nowhere.tar.gz'} does not exist."
    ]


# SQLite restores in one backup-API step; this is pg_restore's transaction.
@pytest.mark.postgresql
def test_a_failed_postgresql_restore_changes_nothing(small_data, media_root, tmp_path):
    backup = tmp_path / "careerdev.tar.gz"
    call_command("backup", str(backup), stdout=io.StringIO())
    Portfolio.objects.update(title="Changed after the backup")
    # A view someone made on a careerdev table: pg_restore --clean cannot drop
    # the table under it, fails part-way, and its one transaction rolls back.
    with connection.cursor() as cursor:
        cursor.execute("CREATE VIEW staff_report AS SELECT email FROM people_user")
    try:
        message = refused(backup, media_root)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP VIEW staff_report")

    assert "pg_restore failed and rolled back, nothing changed" in message
    assert Portfolio.objects.get().title == "Changed after the backup"


@pytest.mark.postgresql  # only PostgreSQL backups run a program
def test_postgresql_password_is_in_the_environment_not_on_a_command_line(
    small_data, media_root, tmp_path, monkeypatch
):
    password = "never-on-a-command-line"  # noqa: S105 — the test cluster trusts local users
    monkeypatch.setitem(connection.settings_dict, "PASSWORD", password)
    calls = []
    run = subprocess.run

    def recording_run(command, **kwargs):
        calls.append((command, kwargs.get("env") or {}))
        return run(command, **kwargs)

    monkeypatch.setattr(subprocess, "run", recording_run)
    backup = tmp_path / "careerdev.tar.gz"
    call_command("backup", str(backup), stdout=io.StringIO())
    call_command("restore", str(backup), interactive=False, stdout=io.StringIO())

    tools = [(command, env) for command, env in calls if "--version" not in command]
    assert [Path(command[0]).name for command, _ in tools] == [
        "pg_dump",
        "pg_restore",  # --list, the check before anything changes
        "pg_restore",
    ]
    for command, env in tools:
        assert not any(password in argument for argument in command)
        assert env["PGPASSWORD"] == password


def _manifest(*, vendor: str, migrations: dict | None = None) -> archive.Manifest:
    return archive.Manifest(
        vendor=vendor,
        careerdev_version="0.1.0",
        created_at=timezone.now(),
        tables={},
        migrations=migrations or {},
        media_files=0,
        media_bytes=0,
    )
