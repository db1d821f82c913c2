"""The round page says how close the groups are to the best possible in words
staff can read: proven best, or at most so much better, never a bare figure."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _say(objective, bound):
    gap = None if bound is None else max(0.0, (objective - bound) / objective)
    report = {"objective": objective, "bound": bound, "gap_to_bound": gap}
    return " ".join(render_to_string("groups/_best_possible.html", {"report": report}).split())


def test_groups_at_the_bound_are_proven_best():
    assert "Proven best: no grouping within these rules scores better" in _say(134.0, 134.0)


def test_a_small_gap_says_how_much_better_is_possible_at_most():
    assert "At most 4% better is possible" in _say(100.0, 96.0)
    assert "rough" not in _say(100.0, 96.0)
    assert "At most 1% better is possible" in _say(1000.0, 999.0)


def test_a_loose_bound_says_it_is_rough():
    text = _say(140.0, 50.0)
    assert "At most 64% better is possible" in text and "rough" in text


def test_without_a_bound_nothing_is_said():
    assert _say(140.0, None) == ""


def test_the_round_page_shows_it_in_words(client, student_body):
    client.force_login(student_body.staff)
    response = client.post(
        reverse("groups:form_round"),
        {"kind": "mix_it_up", "week": "2", "term": student_body.term.pk},
        follow=True,
    )
    body = response.content.decode()
    assert "Best possible" in body
    assert "Gap to bound" not in body
    assert "Proven best" in body or "better is possible" in body
