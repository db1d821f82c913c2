"""Every state-changing request needs the CSRF token: a POST without it, to
any URL the project serves, is refused with 403 before any view runs, and
changes nothing. No view is exempt."""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve

pytestmark = pytest.mark.django_db

# Views allowed to take a POST without the token, each with its reason. None:
# every POST comes from a page of ours with the token in it.
EXEMPT: dict[str, str] = {}


def patterns(resolver=None, prefix=""):
    """(route, pattern) for every URL pattern, includes walked."""
    for p in (resolver or get_resolver()).url_patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            yield from patterns(p, route)
        else:
            assert isinstance(p, URLPattern)
            yield route, p


def example_url(route: str) -> str:
    """A URL the route matches: ids 1, other parts the first thing they allow."""
    url = re.sub(r"<int:\w+>", "1", route)
    url = re.sub(r"<(?:str|slug|path|uuid):\w+>", "x", url)

    def group(match):
        first = match.group(2).split("|")[0]
        return "1" if first.startswith("[0-9]") or first.startswith(r"\d") else first

    url = re.sub(r"\(\?P<(\w+)>([^)]*)\)", group, url)
    url = url.replace("^", "").replace("$", "").replace("\\", "")
    return "/" + url


ROUTES = sorted({(route, example_url(route)) for route, _ in patterns()})


def snapshot() -> dict[str, list]:
    """Every row of every table."""
    return {m._meta.label: list(m.objects.order_by("pk").values()) for m in apps.get_models()}


@pytest.fixture
def clients(small_school):
    made = {"anonymous": Client(enforce_csrf_checks=True)}
    for role in ("staff", "student_a", "volunteer"):
        made[role] = Client(enforce_csrf_checks=True)
        made[role].force_login(getattr(small_school, role))
    return made


def test_every_route_has_an_example_url_that_reaches_it():
    for route, url in ROUTES:
        assert resolve(url.split("?")[0]), route


def test_a_post_without_the_csrf_token_is_refused_everywhere_and_changes_nothing(clients):
    before = snapshot()
    for who, client in clients.items():
        for route, url in ROUTES:
            response = client.post(url, {"name": "x", "email": "a@b.example", "username": "x"})
            assert response.status_code == 403, f"{who} POST {url} ({route})"
            assert b"CSRF verification failed" in response.content, f"{who} POST {url}"
    assert snapshot() == before


def test_the_same_post_with_the_token_gets_past_the_check(client, small_school):
    """The refusal above is the token's doing, not the page's."""
    client = Client(enforce_csrf_checks=True)
    page = client.get("/login/")
    token = page.cookies["csrftoken"].value
    response = client.post(
        "/login/",
        {"username": small_school.staff.email, "password": "wrong", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 200
    assert b"CSRF verification failed" not in response.content


def test_no_view_is_csrf_exempt():
    exempt = {route for route, p in patterns() if getattr(p.callback, "csrf_exempt", False)}
    assert exempt == set(EXEMPT)
