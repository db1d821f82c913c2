"""The access matrix: every URL pattern of the project, GET by every kind of
visitor, checked against the one declared table (tests/security/access_table.py).

URL arguments name records that belong to somebody else than the visitor
(tests/security/world.py, `url_kwargs`), so a page that forgets to ask
`careerdev.policies` shows up as an "ok" where the table says "not_found".
For URLs that only take POST, each visitor who must not act also POSTs and
must be refused with nothing changed in the database. No response to anyone
but its owner and staff may show Ana's private less-represented-in-tech
opt-in, nor the less-represented Mix It Up group she is in, nor any
student's private words to someone who may not read them. Ana's portfolio is
published: its pages must show its public parts to everyone and nothing of
her opt-in to anyone.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection, transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from careerdev.school.models import Term

from . import access_table as table
from .world import (
    PUBLIC_PORTFOLIO_URLS,
    World,
    build_world,
    post_data,
    shown_when_ok,
    url_kwargs,
    variants,
)

# --- The walk -------------------------------------------------------------------


def walk(patterns=None, prefix: str = "", namespace: str = ""):
    """(name, route, argument names) for every URL pattern, includes followed;
    the admin's patterns are left out (declared once as table.SKIPPED)."""
    for p in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            if route in table.SKIPPED:
                continue
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from walk(p.url_patterns, route, ns)
        elif isinstance(p, URLPattern):
            name = f"{namespace}{p.name}" if p.name else f"<unnamed {route}>"
            yield name, route, tuple(p.pattern.regex.groupindex)


PATTERNS = sorted(walk())
NAMES = [name for name, _, _ in PATTERNS]

# Visitors whose answers may carry Ana's opt-in, and her less-represented Mix
# It Up group: Ana herself and staff.
MAY_SEE_OPT_IN = {"student_a", "staff"}
# How Ana's opt-in renders where it is shown: the profile's private row with
# "Yes", or a ticked opt-in box on her profile form or the topic survey.
OPT_IN_MARKERS = [
    re.compile(
        r"Identifies as less represented in tech\s*<span[^>]*>private</span></dt>\s*<dd>Yes</dd>"
    ),
    re.compile(r'<input[^>]*name="(?:less_represented_opt_in|opt_in)"[^>]*\bchecked\b'),
]


def shows_opt_in(body: str) -> bool:
    return any(m.search(body) for m in OPT_IN_MARKERS)


# Who is in the less-represented Mix It Up group tells who opted in: only its
# members (Ana among the visitors) and staff may see it. It shows as the
# names of Ana's group-mates there (who share nothing else with any other
# visitor), or as the topic's name on a page that names Ana. (The topic is a
# choice on every student's survey, and has a prompt every school's staff
# edit: neither says who is in it.)
SURVEY_CHOICE = re.compile(r"<option\b[^>]*>[^<]*</option>")
# A round's shared export is a sheet staff send round: it lists everyone with
# no topic column, even for staff (careerdev.groups.export), so the topic is
# nowhere in it. (The confidential export has it, for staff only.)
NEVER_SHOW_RESTRICTED_TOPIC = {"groups:export"}


def shows_restricted_topic(world: World, body: str) -> bool:
    return world.restricted_topic.name in SURVEY_CHOICE.sub("", body)


def shows_restricted_group(world: World, body: str) -> bool:
    if any(mate.display_name in body for mate in world.mix_it_up_mates):
        return True
    return world.student_a.display_name in body and shows_restricted_topic(world, body)


# A published portfolio is everyone's, so none of its pages (world.py's
# PUBLIC_PORTFOLIO_URLS) may say anything of the opt-in, to anyone.
OPT_IN_WORDS = re.compile(r"less[\s-]+represented|opt(?:ed)?[\s_-]?in\b", re.IGNORECASE)


def private_text_shown(world: World, visitor: str, body: str) -> list[str]:
    """Ana's and Ben's private words (world.py) in `body` that `visitor` may not
    read: job search contents are their student's alone, plans, evidence,
    goals and feedback also their school's staff's, review notes staff's only."""
    user = visitor_user(world, visitor)
    shown = []
    for owned in world.owned.values():
        owner = user is not None and user.pk == owned.student.pk
        may = {"owner": owner, "owner_and_staff": owner or visitor == "staff"}
        may["staff"] = visitor == "staff"
        shown += [
            text
            for kind, texts in owned.private_text.items()
            if not may[kind]
            for text in texts
            if text in body
        ]
    return shown


# --- The school, built once for the module ---------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The rich school, built once and rolled back after the module; each test
    runs in a savepoint inside it (the `db` fixture), as Django's
    TestCase.setUpTestData does.

    The student home page prepares for "the next PD session": made week 2's
    whatever today is (as tests/groups' published_week_2 does), so the home
    page shows the world's Mix It Up groups on any day of the week."""
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        pytest.MonkeyPatch.context() as patch,
    ):
        patch.setattr(Term, "next_pd_week", lambda self, now: self.week(2))
        yield build_world()
        transaction.set_rollback(True)


def visitor_user(world: World, visitor: str):
    return {
        "anonymous": None,
        "student_a": world.student_a,
        "student_b": world.student_b,
        "other_cohort": world.other_cohort_student,
        "volunteer": world.volunteer,
        "staff": world.staff,
        "other_school_staff": world.other_school_staff,
    }[visitor]


def victim_of(world: World, visitor: str):
    """Whose records the URL names: Ben's for Ana, Ana's (the opted-in one)
    for everyone else."""
    return world.student_b if visitor == "student_a" else world.student_a


@pytest.fixture(scope="module")
def session_keys(world) -> dict[str, str]:
    """Each visitor signed in once for the module (their sessions live in the
    module's transaction): a test starts from a fresh client holding only the
    session cookie, so nothing else carries over from the test before."""
    keys = {}
    for visitor in table.VISITORS:
        user = visitor_user(world, visitor)
        if user is not None:
            client = Client()
            client.force_login(user)
            keys[visitor] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return keys


@pytest.fixture
def client_for(session_keys):
    def signed_in(visitor: str) -> Client:
        client = Client()
        if visitor in session_keys:
            client.cookies[settings.SESSION_COOKIE_NAME] = session_keys[visitor]
        return client

    return signed_in


def url_for(world: World, name: str, visitor: str, argument_names, variant: str = "") -> str:
    victim = victim_of(world, visitor)
    kwargs = url_kwargs(name, world, victim, variant) if argument_names else {}
    missing = set(argument_names) - set(kwargs)
    if missing:
        pytest.fail(
            f"URL {name!r} takes {sorted(missing)}: say which record to name in "
            "tests/security/world.py url_kwargs()."
        )
    return reverse(name, kwargs=kwargs)


def outcome(response) -> str:
    """The answer as the table says it: "ok", "login", "redirect:<url name>", …"""
    if response.status_code == 302:
        path = urlsplit(response["Location"]).path
        if path == resolve_url(settings.LOGIN_URL):
            return table.LOGIN
        return table.to(resolve(path).view_name)
    return table.BY_STATUS.get(response.status_code, f"status {response.status_code}")


def content_of(response) -> bytes:
    if getattr(response, "streaming", False):
        # Read to the end, the test client then closes the file. (Closing it
        # here would fire request_finished, which closes the database
        # connection of the module's transaction.)
        return b"".join(response.streaming_content)
    return response.content


def body_of(response) -> str:
    return content_of(response).decode("utf-8", errors="replace")


def expected(name: str, visitor: str) -> str:
    entry = table.ACCESS.get(name)
    if entry is None:
        pytest.fail(
            f"URL {name!r} has no entry in tests/security/access_table.py: declare what "
            "each visitor gets there (see docs/security.md, 'Access matrix')."
        )
    return entry.get_outcome(visitor)


# --- The checks -----------------------------------------------------------------


def case_id(name: str, variant: str, visitor: str) -> str:
    return f"{name}[{variant}]-{visitor}" if variant else f"{name}-{visitor}"


GET_CASES = [
    pytest.param(name, variant, args, visitor, id=case_id(name, variant, visitor))
    for name, _, args in PATTERNS
    for variant in variants(name)
    for visitor in table.VISITORS
]


def assert_nothing_private(world: World, name: str, visitor: str, url: str, body: str) -> None:
    where = f"{url} ({name}) as {visitor}"
    if visitor not in MAY_SEE_OPT_IN:
        assert not shows_opt_in(body), f"{where} shows Ana's opt-in"
        assert not shows_restricted_group(world, body), f"{where} shows the less-represented group"
    if name in NEVER_SHOW_RESTRICTED_TOPIC:
        assert not shows_restricted_topic(world, body), f"{where} shows the less-represented group"
    if name in PUBLIC_PORTFOLIO_URLS:
        assert not OPT_IN_WORDS.search(body), f"{where}, a public page, speaks of the opt-in"
    leaked = private_text_shown(world, visitor, body)
    assert not leaked, f"{where} shows {leaked}"


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "variant", "argument_names", "visitor"), GET_CASES)
def test_get(world, client_for, name, variant, argument_names, visitor):
    want = expected(name, visitor)
    url = url_for(world, name, visitor, argument_names, variant)
    response = client_for(visitor).get(url)
    got = outcome(response)
    assert got == want, f"GET {url} ({name}) as {visitor}: expected {want}, got {got}"
    content = content_of(response)
    if got == table.OK:
        missing = [
            part if len(part) < 80 else f"<{len(part)} bytes stored>"
            for part in shown_when_ok(name, world, victim_of(world, visitor))
            if part not in content
        ]
        assert not missing, f"GET {url} ({name}) as {visitor} does not show {missing}"
    assert_nothing_private(world, name, visitor, url, content.decode("utf-8", errors="replace"))


POST_CASES = [
    pytest.param(name, variant, visitor, id=case_id(name, variant, visitor))
    for name, entry in sorted(table.ACCESS.items())
    if entry.post_only
    for variant in variants(name)
    for visitor in table.VISITORS
    if entry.get_post_outcome(visitor) in table.REFUSALS
]


def database_state() -> list:
    """Every row of every table but the sessions': equal before and after a
    request means the request wrote nothing. (Plain SQL: the ORM's row
    building would be most of the matrix's time.)"""
    state = []
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            if model is Session or model._meta.proxy or not model._meta.managed:
                continue
            table, pk = (
                connection.ops.quote_name(n) for n in (model._meta.db_table, model._meta.pk.column)
            )
            cursor.execute(f"SELECT * FROM {table} ORDER BY {pk}")  # noqa: S608 (our own table names)
            state.append((model._meta.label, cursor.fetchall()))
    return state


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "variant", "visitor"), POST_CASES)
def test_refused_post_changes_nothing(world, client_for, name, variant, visitor):
    want = table.ACCESS[name].get_post_outcome(visitor)
    argument_names = next(args for n, _, args in PATTERNS if n == name)
    victim = victim_of(world, visitor)
    url = url_for(world, name, visitor, argument_names, variant)
    client = client_for(visitor)
    before = database_state()
    response = client.post(url, post_data(name, world, victim))
    got = outcome(response)
    assert got == want, f"POST {url} ({name}) as {visitor}: expected {want}, got {got}"
    assert database_state() == before, f"POST {url} ({name}) as {visitor} changed the database"
    assert_nothing_private(world, name, visitor, url, body_of(response))


def test_every_table_entry_names_a_url():
    """A URL that is gone leaves no stale entry behind."""
    stale = sorted(set(table.ACCESS) - set(NAMES))
    assert not stale, f"tests/security/access_table.py declares URLs that do not exist: {stale}"


def test_admin_is_the_one_skipped_include():
    walked_routes = {route for _, route, _ in PATTERNS}
    assert not any(r.startswith(tuple(table.SKIPPED)) for r in walked_routes)
    assert set(table.SKIPPED) == {"admin/"}


@pytest.mark.django_db
def test_the_opt_in_marker_is_what_its_owner_and_staff_see(world, client_for):
    """The absence checks above can fail: Ana's own pages and staff's view of
    her profile do show her opt-in by these markers."""
    ana = world.student_a
    profile = reverse("people:student_profile", args=[ana.pk])
    for visitor, url in [
        ("student_a", reverse("people:my_profile")),
        ("student_a", reverse("groups:survey")),
        ("student_a", profile),
        ("staff", profile),
    ]:
        response = client_for(visitor).get(url)
        assert response.status_code == 200
        assert shows_opt_in(body_of(response)), f"{url} as {visitor} does not show the opt-in"
    # Ben shares Ana's Homeroom, so he sees her public profile, but not the opt-in.
    response = client_for("student_b").get(profile)
    assert response.status_code == 200 and "Ana" in body_of(response)
    assert not shows_opt_in(body_of(response))


@pytest.mark.django_db
def test_the_private_words_are_where_their_readers_see_them(world, client_for):
    """The private-text checks above can fail: each kind of private word is on
    a page its readers open."""
    ana = world.of(world.student_a)
    pages = [
        ("student_a", reverse("jobsearch:companies"), ana.private_text["owner"][0]),
        ("student_a", reverse("jobsearch:contacts"), ana.private_text["owner"][1]),
        (
            "staff",
            reverse("graduation:detail", args=[ana.graduation_request.pk]),
            ana.private_text["owner_and_staff"][0],
        ),
        (
            "staff",
            reverse("selfevaluation:of_student", args=[ana.student.pk]),
            ana.private_text["owner_and_staff"][1],
        ),
        ("student_a", reverse("repeats:mine"), ana.private_text["owner_and_staff"][2]),
        (
            "student_a",
            reverse("interviews:booking", args=[ana.interview_booking.pk]),
            ana.private_text["owner_and_staff"][3],
        ),
        ("staff", reverse("reviews:staff"), ana.private_text["staff"][0]),
    ]
    for visitor, url, text in pages:
        response = client_for(visitor).get(url)
        assert response.status_code == 200
        assert text in body_of(response), f"{url} as {visitor} does not show {text!r}"


@pytest.mark.django_db
def test_the_less_represented_group_is_where_its_members_and_staff_see_it(world, client_for):
    """The checks on the less-represented group above can fail: the engine put
    Ana and only others who opted in there, and her home page, staff's round
    page and staff's confidential export show it by the marker; Ben's home
    page shows his Mix It Up group and its topic, and the shared export lists
    everyone (Ana's group too) with no topic, so the walk did render groups
    where that one must not be."""
    from careerdev.groups.models import GroupMember

    members = set(
        GroupMember.objects.filter(
            round=world.mix_it_up, group__topic=world.restricted_topic
        ).values_list("student_id", flat=True)
    )
    assert members == {world.student_a.pk, *(m.pk for m in world.mix_it_up_mates)}
    round_page, export, confidential = (
        reverse(name, kwargs=url_kwargs(name, world, world.student_a, "mix_it_up"))
        for name in ("groups:round", "groups:export", "groups:export_confidential")
    )
    for visitor, url in [
        ("student_a", reverse("home")),
        ("staff", round_page),
        ("staff", confidential),
    ]:
        response = client_for(visitor).get(url)
        assert response.status_code == 200
        assert shows_restricted_group(world, body_of(response)), f"{url} as {visitor}"
    bens_group = GroupMember.objects.get(round=world.mix_it_up, student=world.student_b).group
    body = body_of(client_for("student_b").get(reverse("home")))
    assert "Mix It Up" in body and bens_group.topic.name in body
    assert not shows_restricted_topic(world, body)
    body = content_of(client_for("staff").get(export)).decode("utf-8-sig")
    for student in [world.student_a, world.student_b, *world.mix_it_up_mates]:
        assert student.display_name in body
    assert bens_group.topic.name not in body and not shows_restricted_topic(world, body)


@pytest.mark.django_db
def test_a_group_mate_sees_a_profile_never_its_opt_in(world, client_for):
    """Ana may open the public profile of her Mix It Up group-mate Dee, who
    opted in too: never Dee's opt-in (which staff do see); Ben shares no group
    with Dee and is not told she exists."""
    dee = world.mix_it_up_mates[0]
    url = reverse("people:student_profile", args=[dee.pk])
    response = client_for("student_a").get(url)
    assert response.status_code == 200 and dee.display_name in body_of(response)
    assert not shows_opt_in(body_of(response))
    assert shows_opt_in(body_of(client_for("staff").get(url)))
    assert client_for("student_b").get(url).status_code == 404
