"""Nothing careerdev shows others depends on the private opt-in.

Two properties, over a seeded sweep of random small schools (two programs,
cohorts in Mods 1-4, skewed topic choices, some students opted in and some
of those choosing the less-represented topic), each formed and published
through the real services and read back as people read it:

1. A student S who did not rank the less-represented topic has the opt-in
   on (world A) or off (world B), all else equal. The shared export, every
   student's calendar feed, the Slack text of every group, every notice and
   email, and the pages of every student but S are byte for byte the same.
2. Had the less-represented group's topic been an ordinary one (led as any
   group is), the shared export, every feed, every Slack text, every notice
   and email, and the pages of everyone outside that group would be the
   same: nothing others see says which group it is. The shared export has
   one row per student of the round.

"Pages" are, for every other student, their home page (where groups show)
and S's profile; and for three of them, drawn per school, also their
sessions, calendar, own profile and survey pages and the profile of everyone
their home page links to (the full set for everyone would take minutes).

Each world runs in a savepoint that is then rolled back, so both start from
the same rows; the clock is frozen for both; only CSRF tokens are
normalised. The engine runs with a short search, once per distinct problem
(`engine_memo`): equal problems give equal groups (the engine is a function
of its problem; its own tests hold it to that), so a difference in what
careerdev hands the engine shows up as a difference in the groups.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import random
import re
from dataclasses import dataclass

import openpyxl
import pytest
from django.apps import apps
from django.core import mail
from django.core.cache import cache
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from careerdev import grouping
from careerdev.calendars import services as calendars
from careerdev.groups import services, slack
from careerdev.groups.models import DiscussionGroup, GroupMember, GroupRound, MixItUpTopic
from careerdev.notifications.models import Notification
from careerdev.notifications.services import send_pending
from careerdev.people.models import StudentProfile, User
from careerdev.school import shared
from careerdev.school.models import Enrollment, Term
from careerdev.sessions import services as sessions
from tests import factories

pytestmark = pytest.mark.django_db

# 22 schools in all: enough to meet the awkward ones (S in Mod 4, S opted in
# beside others who chose the topic, rounds with and without a
# less-represented group), few enough to run in about a minute.
OPT_IN_SEEDS = range(14)
WHICH_GROUP_SEEDS = range(100, 108)

FIRST_NAMES = ["Ana", "Ben", "Cy", "Dee", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea"]
PRONOUNS = ["", "she/her", "he/him", "they/them"]


# --- The school -------------------------------------------------------------------


@dataclass
class School:
    term: Term
    staff: User
    students: list[User]
    choosers: set[int]  # opted in and chose the less-represented topic
    clients: dict[int, Client]  # each student's, signed in; staff's under 0
    feeds: dict[int, str]  # student id → feed token


def build_school(
    rng: random.Random, *, size: tuple[int, int], opt_in_rate: float, choosers: int = 0
) -> School:
    """A term of `size` students in Mods 1-4 over two programs (a quarter or
    more in Mod 4), with the usual sessions, the default topics, everyone's
    survey answers and published Homeroom groups. Of those who opted in,
    most chose the less-represented topic; with `choosers`, exactly that
    many did, two of them in Mod 4. Everyone is signed in here, outside
    the worlds."""
    school = factories.school(name=f"School {rng.randrange(10**6)}")
    programs = [factories.program(school, code) for code in ("BE", "FE")]
    today = dt.date.today()
    # Starts next Monday: every session is still to come.
    term = factories.term(school, start_date=today + dt.timedelta(days=7 - today.weekday()))
    staff = factories.staff(school)
    topics = services.ensure_default_topics(term)
    services.open_survey(term)
    standard = [t for t in topics if not t.is_restricted]
    restricted = next(t for t in topics if t.is_restricted)
    # Skewed: the first topics are chosen far more often than the last.
    weights = [2 ** (len(standard) - i) for i in range(len(standard))]

    n = rng.randint(*size)
    n4 = max(round(n * rng.uniform(0.25, 0.4)), -(-n // 4) + 1)
    modules = [4] * n4 + [rng.choice((1, 2, 3, 3)) for _ in range(n - n4)]
    rng.shuffle(modules)
    fourth = [i for i, m in enumerate(modules) if m == 4]
    rest = [i for i in range(n) if i not in fourth[:2]]
    chosen = set(fourth[:2]) | set(rng.sample(rest, choosers - 2)) if choosers else set()
    cohorts, students, chose = {}, [], set()
    for i, module in enumerate(modules):
        program = rng.choice(programs)
        cohort = cohorts.get((module, program.code))
        if cohort is None:
            code = f"26{10 - module:02d}-{program.code}"
            cohort = cohorts[module, program.code] = factories.cohort(program, code)
        student = factories.student(
            school,
            first_name=rng.choice(FIRST_NAMES),
            last_name=f"Student{i:02d}",
            profile={"pronouns": rng.choice(PRONOUNS), "slack_handle": f"s{i}"},
        )
        factories.enroll(student, term, cohort, module=module)
        opted = i in chosen or rng.random() < opt_in_rate
        first = rng.choices(standard, weights)[0]
        ranking = [first, *rng.sample([t for t in standard if t != first], rng.randint(0, 2))]
        if i in chosen or (opted and not choosers and rng.random() < 0.75):
            ranking.insert(rng.randint(0, 1), restricted)
            chose.add(student.pk)
        services.answer_survey(
            student,
            term,
            ranking=ranking,
            industry_interest="",
            opt_in=opted,
            leads_topic=first if module == 4 and rng.random() < 0.8 else None,
        )
        students.append(student)
    services.close_survey(term)
    sessions.add_usual_schedule(term)
    services.publish(services.form_homerooms(term, by=staff, seed=rng.randrange(1000)))
    clients = {}
    for user in [staff, *students]:
        client = Client()
        client.force_login(user)
        clients[0 if user == staff else user.pk] = client
    feeds = {s.pk: calendars.feed_of(s).token for s in students}
    return School(term, staff, students, chose, clients, feeds)


# --- Worlds ----------------------------------------------------------------------


@pytest.fixture(autouse=True)
def same_moment_and_week(monkeypatch):
    """One clock for both worlds (feeds stamp the time, notices the date),
    and week 2 is "the next PD session" on the home page whatever today is."""
    now = timezone.now().replace(microsecond=0)
    monkeypatch.setattr(timezone, "now", lambda: now)
    monkeypatch.setattr(Term, "next_pd_week", lambda self, now: self.week(2))


@pytest.fixture(autouse=True)
def engine_memo(monkeypatch):
    """The engine with a short search (no CP-SAT, a brief anneal; its full
    search where that finds nothing), run once per distinct problem: what
    is checked here is what careerdev hands the engine and what it does with
    the answer. How good the groups are is the engine's tests' business."""
    real = grouping.form_mix_it_up_groups
    memo: dict = {}

    def form(problem, **kwargs):
        key = repr(problem)
        if key not in memo:
            try:
                memo[key] = real(problem, exact=False, iterations=2000)
            except grouping.Infeasible:
                memo[key] = real(problem, **kwargs)
        return memo[key]

    monkeypatch.setattr(grouping, "form_mix_it_up_groups", form)


def _restart_sequences() -> None:
    """Both worlds number their new rows alike (a notice's id is on the home
    page): SQLite's counters roll back with the savepoint, PostgreSQL's
    sequences do not, so there they are set back to follow the rows."""
    if connection.vendor != "postgresql":
        return
    models = [m for m in apps.get_models(include_auto_created=True) if m._meta.managed]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


def in_a_world(change, look):
    """`change()`, then `look()`, in a savepoint that is then rolled back."""
    _restart_sequences()
    shared._kept.clear()
    cache.clear()
    mail.outbox = []
    with transaction.atomic():
        change()
        seen = look()
        transaction.set_rollback(True)
    return seen


def form_and_publish(school: School, seed: int, *, before_publishing=None) -> GroupRound:
    round_ = services.form_mix_it_up(school.term, 2, by=school.staff, seed=seed)
    if before_publishing:
        before_publishing(round_)
    return services.publish(round_, by=school.staff)


# --- What people see -------------------------------------------------------------

CSRF = re.compile(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[A-Za-z0-9]+')
PROFILE_LINK = re.compile(r'href="(/people/students/\d+/)"')


def page(client: Client, url: str) -> tuple[int, str]:
    response = client.get(url)
    return response.status_code, CSRF.sub(r"\1<csrf>", response.content.decode())


def student_pages(school: School, viewer: User, *, profile_of: User | None, full: bool) -> dict:
    """`viewer`'s home page and `profile_of`'s profile; with `full`, also
    their sessions, calendar, own profile and survey pages and every profile
    their home page links to."""
    client = school.clients[viewer.pk]
    urls = [reverse("home")]
    if profile_of is not None:
        urls.append(reverse("people:student_profile", args=[profile_of.pk]))
    if full:
        urls += [
            reverse("sessions:mine"),
            reverse("calendars:page"),
            reverse("people:my_profile"),
            reverse("people:student_profile", args=[viewer.pk]),
            reverse("groups:survey"),
        ]
    seen = {url: page(client, url) for url in urls}
    if full:
        for url in PROFILE_LINK.findall(seen[reverse("home")][1]):
            seen.setdefault(url, page(client, url))
    return seen


def shared_export(school: School, round_: GroupRound) -> tuple[bytes, list]:
    staff = school.clients[0]
    csv_bytes = staff.get(reverse("groups:export", args=[round_.pk, "csv"])).content
    xlsx = staff.get(reverse("groups:export", args=[round_.pk, "xlsx"])).content
    # An XLSX file stamps its own creation time: compare its cells.
    cells = [list(r) for r in openpyxl.load_workbook(io.BytesIO(xlsx)).active.values]
    return csv_bytes, cells


def feeds(school: School) -> dict[int, bytes]:
    anyone = Client()  # a feed's token is its key: no sign-in
    return {
        pk: anyone.get(reverse("calendars:feed", args=[token])).content
        for pk, token in school.feeds.items()
    }


def slack_texts(round_: GroupRound) -> list[str]:
    groups = DiscussionGroup.objects.filter(round=round_).prefetch_related(
        "members__student__student_profile"
    )
    return [slack.message_for(g, round_) for g in groups.order_by("number")]


def notices_and_emails(round_: GroupRound) -> tuple[list, list]:
    notices = list(
        Notification.objects.filter(key__startswith=f"groups_published:{round_.pk}:")
        .order_by("recipient_id", "key")
        .values_list("recipient_id", "key", "kind", "subject", "body", "url", "email_wanted")
    )
    send_pending()
    emails = sorted((m.to, m.subject, m.body) for m in mail.outbox)
    return notices, emails


def what_leaves(school: School, round_: GroupRound) -> dict:
    """Everything about the round that reaches people outside staff's screen."""
    return {
        "shared export": shared_export(school, round_),
        "feeds": feeds(school),
        "slack": slack_texts(round_),
        "notices and emails": notices_and_emails(round_),
    }


def assert_same_pages(a: dict, b: dict, viewers) -> None:
    for viewer in viewers:
        assert a[viewer.pk].keys() == b[viewer.pk].keys(), f"student {viewer.pk}"
        for url, seen in a[viewer.pk].items():
            other = b[viewer.pk][url]
            if seen != other:
                diff = difflib.unified_diff(
                    seen[1].splitlines(), other[1].splitlines(), lineterm="", n=1
                )
                pytest.fail(
                    f"{url} as student {viewer.pk}: {seen[0]} and {other[0]}\n"
                    + "\n".join(list(diff)[:20])
                )


# --- 1. Whether a student opted in -----------------------------------------------


@pytest.mark.parametrize("seed", OPT_IN_SEEDS)
def test_a_students_opt_in_changes_nothing_anyone_else_sees(seed):
    rng = random.Random(seed)
    # Every other school has seven choosing the topic, so a less-represented
    # group beside S's opt-in is common; the rest leave it to chance.
    choosers = 7 if seed % 2 else 0
    school = build_school(rng, size=(12, 16), opt_in_rate=rng.uniform(0.2, 0.5), choosers=choosers)
    # S never chose the less-represented topic; sometimes S is in Mod 4.
    s = rng.choice([x for x in school.students if x.pk not in school.choosers])
    others = [x for x in school.students if x != s]
    full = {x.pk for x in rng.sample(others, 3)}

    def opt_in(value: bool):
        return lambda: StudentProfile.objects.filter(user=s).update(less_represented_opt_in=value)

    def look():
        round_ = form_and_publish(school, seed)
        return {
            "placed": sorted(
                GroupMember.objects.filter(round=round_).values_list("student_id", "group__number")
            ),
            **what_leaves(school, round_),
            "pages": {
                x.pk: student_pages(school, x, profile_of=s, full=x.pk in full) for x in others
            },
        }

    world_a = in_a_world(opt_in(True), look)
    world_b = in_a_world(opt_in(False), look)

    for what in ("shared export", "feeds", "slack", "notices and emails"):
        assert world_a[what] == world_b[what], what
    assert_same_pages(world_a["pages"], world_b["pages"], others)
    assert world_a["placed"] == world_b["placed"]
    # The comparison can tell: S's own profile page shows the opt-in.
    own = reverse("people:student_profile", args=[s.pk])
    assert in_a_world(opt_in(True), lambda: page(school.clients[s.pk], own)) != in_a_world(
        opt_in(False), lambda: page(school.clients[s.pk], own)
    )


# --- 2. Which group is the less-represented one ----------------------------------


def make_ordinary(round_: GroupRound) -> list[int]:
    """The round's less-represented groups take an ordinary topic and are led
    as any group is (by their Mod 4 members); returns their members."""
    ordinary = MixItUpTopic.objects.filter(term=round_.term, kind="standard").first()
    members = []
    for group in round_.groups.filter(topic__kind="less_represented"):
        group.topic = ordinary
        group.save(update_fields=["topic"])
        services._reset_leaders(group)
        members += list(group.members.values_list("student_id", flat=True))
    return members


@pytest.mark.parametrize("seed", WHICH_GROUP_SEEDS)
def test_nothing_others_see_says_which_group_is_the_less_represented_one(seed):
    rng = random.Random(seed)
    # Seven choose the topic, two of them in Mod 4, and a quarter or more
    # are in Mod 4: the round has that group, and every group has a Mod 4
    # student whatever its topic.
    school = build_school(rng, size=(13, 16), opt_in_rate=0.1, choosers=7)
    full = {x.pk for x in rng.sample(school.students, 3)}
    members: list[int] = []

    def look(before_publishing=None):
        round_ = form_and_publish(school, seed, before_publishing=before_publishing)
        return {
            **what_leaves(school, round_),
            "pages": {
                x.pk: student_pages(school, x, profile_of=None, full=x.pk in full)
                for x in school.students
            },
        }

    as_formed = in_a_world(lambda: None, look)
    as_ordinary = in_a_world(
        lambda: None, lambda: look(before_publishing=lambda r: members.extend(make_ordinary(r)))
    )

    assert members, f"seed {seed}: the round has no less-represented group to hide"
    rows = list(csv.reader(io.StringIO(as_formed["shared export"][0].decode("utf-8-sig"))))
    assert len(rows) - 1 == Enrollment.objects.filter(term=school.term).count()
    assert sorted(r[2] for r in rows[1:]) == sorted(x.display_name for x in school.students)
    for what in ("shared export", "feeds", "slack", "notices and emails"):
        assert as_formed[what] == as_ordinary[what], what
    outside = [x for x in school.students if x.pk not in members]
    assert_same_pages(as_formed["pages"], as_ordinary["pages"], outside)
    # The comparison can tell: the group's members see their topic at home.
    home = reverse("home")
    assert all(as_formed["pages"][m][home] != as_ordinary["pages"][m][home] for m in members)
