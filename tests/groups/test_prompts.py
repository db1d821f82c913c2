"""Wednesday prompts: the defaults, staff editing, and sanitised rendering."""

import re

import pytest
from django.template import Context, Template
from django.urls import reverse

from careerdev.groups import default_prompts
from careerdev.groups.models import MixItUpTopic, Prompt, TopicKind
from careerdev.groups.prompts import (
    DEFAULT_TOPICS,
    MAX_PROMPT_LENGTH,
    ensure_default_prompts,
    prompt_for,
    prompts_for_student_week,
    render_markdown,
    update_prompt,
)
from tests import factories

pytestmark = pytest.mark.django_db

DEFAULT_COUNT = 4 * 5 + len(DEFAULT_TOPICS) + 1


def test_defaults_cover_every_module_week_topic_and_the_leaders():
    keys = {p.key for p in default_prompts.all_defaults()}
    assert len(keys) == DEFAULT_COUNT
    assert {f"homeroom:{m}:{w}" for m in range(1, 5) for w in range(1, 6)} <= keys
    assert {f"topic:{name.lower()}" for name, _ in DEFAULT_TOPICS} <= keys
    assert "leader-directions" in keys
    assert DEFAULT_TOPICS[-1] == (
        "Identifying as less represented in tech",
        TopicKind.LESS_REPRESENTED,
    )
    assert ("Industry interest", TopicKind.INDUSTRY) in DEFAULT_TOPICS


def test_default_prompts_reflect_the_programme():
    by_key = {p.key: p for p in default_prompts.all_defaults()}
    assert by_key["homeroom:4:1"].title == "Mod 4 · Week 1 Homeroom"
    assert "make space, be present, make the time valuable" in by_key["homeroom:4:1"].body
    for module in range(1, 5):
        for week in (2, 4):
            assert "30 minutes" in by_key[f"homeroom:{module}:{week}"].body
        assert "60 minutes" in by_key[f"homeroom:{module}:1"].body
    week5 = by_key["homeroom:4:5"].body
    assert "document review" in week5 and "portfolio" in week5 and "5-step" in week5
    assert "open format" in by_key["topic:identifying as less represented in tech"].body
    leaders = by_key["leader-directions"].body
    assert "Slack" in leaders and "job-search experience" in leaders


def test_each_default_prompt_has_timings_and_three_to_five_questions():
    for prompt in default_prompts.all_defaults():
        if prompt.key == "leader-directions":
            continue
        questions = re.findall(r"^\d+\. ", prompt.body, flags=re.MULTILINE)
        assert 3 <= len(questions) <= 5, prompt.key
        if not prompt.key.endswith("less represented in tech"):
            assert "min —" in prompt.body, prompt.key
        assert len(prompt.body) < 2000, prompt.key
    # Nested lists render as nested lists (four-space indents in the source).
    html = render_markdown(default_prompts.HOMEROOM[(4, 5)])
    assert "work:<ul>" in html


def test_defaults_are_created_once(small_school, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        assert ensure_default_prompts(small_school.school) == DEFAULT_COUNT
    assert ensure_default_prompts(small_school.school) == 0
    assert Prompt.objects.filter(school=small_school.school).count() == DEFAULT_COUNT
    other = factories.school()
    assert ensure_default_prompts(other) == DEFAULT_COUNT


def test_an_edited_prompt_is_not_overwritten(small_school):
    ensure_default_prompts(small_school.school)
    prompt = prompt_for(small_school.school, "homeroom:4:1")
    update_prompt(prompt, body="Our own norms.\r\n")
    ensure_default_prompts(small_school.school)
    prompt.refresh_from_db()
    assert prompt.body == "Our own norms.\n"


def test_a_topic_staff_added_gets_a_prompt(small_school):
    MixItUpTopic.objects.create(term=small_school.term, name="Freelancing")
    ensure_default_prompts(small_school.school)
    prompt = prompt_for(small_school.school, "topic:freelancing")
    assert prompt.title == "Mix It Up · Freelancing" and "Freelancing" in prompt.body


def test_a_student_week_gets_homeroom_topic_and_leader_prompts(small_school):
    ensure_default_prompts(small_school.school)
    week = prompts_for_student_week(
        small_school.school, module=4, week=2, topic_name="Networking", leads=True
    )
    assert week.homeroom.key == "homeroom:4:2"
    assert week.topic.key == "topic:networking"
    assert week.leader_directions.key == "leader-directions"
    week = prompts_for_student_week(small_school.school, module=2, week=3)
    assert week.homeroom.key == "homeroom:2:3" and week.topic is None
    assert week.leader_directions is None


def test_markdown_keeps_lists_links_and_emphasis():
    html = render_markdown(
        "## Plan\n\n- **one**\n- *two*\n\n[Docs](https://example.org/a) and "
        "[mail](mailto:cd@example.edu)"
    )
    assert "<h2>Plan</h2>" in html
    assert "<li><strong>one</strong></li>" in html and "<em>two</em>" in html
    assert '<a href="https://example.org/a" rel="noopener noreferrer">Docs</a>' in html
    assert 'href="mailto:cd@example.edu"' in html


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>hello",
        '<img src="x" onerror="alert(1)">hello',
        "[click](javascript:alert(1)) hello",
        '<a href="JaVaScRiPt:alert(1)" onclick="alert(1)">hello</a>',
        '<a href="data:text/html;base64,PHNjcmlwdD4=">hello</a>',
        '<p style="background:url(javascript:alert(1))" onmouseover="alert(1)">hello</p>',
        '<iframe src="https://evil.example"></iframe>hello',
    ],
)
def test_markdown_removes_scripts_handlers_and_javascript_urls(source):
    html = render_markdown(source).lower()
    assert "hello" in html
    for bad in (
        "<script",
        "alert(",
        "onerror",
        "onclick",
        "onmouseover",
        "javascript:",
        "<img",
        "<iframe",
        "data:",
        "style=",
    ):
        assert bad not in html


def test_the_markdown_filter_renders_a_prompt_body():
    template = Template("{% load group_prompts %}{{ body|markdown }}")
    html = template.render(Context({"body": "*hi* <script>x()</script>"}))
    assert html.strip() == "<p><em>hi</em> </p>"


def test_staff_see_the_prompts_grouped_and_defaults_are_made(client, small_school):
    client.force_login(small_school.staff)
    page = client.get(reverse("groups:prompts"))
    assert page.status_code == 200
    overview = page.context["overview"]
    assert [m.module for m in overview.homeroom] == [1, 2, 3, 4]
    assert [p.title for p in overview.homeroom[3].prompts][0] == "Mod 4 · Week 1 Homeroom"
    assert [p.title for p in overview.topics][0] == "Mix It Up · Networking"
    assert overview.leader_directions.key == "leader-directions"
    body = page.content.decode()
    prompt = prompt_for(small_school.school, "homeroom:4:1")
    assert reverse("groups:prompt_edit", args=[prompt.pk]) in body


def test_staff_edit_a_prompt(client, small_school):
    ensure_default_prompts(small_school.school)
    prompt = prompt_for(small_school.school, "topic:networking")
    client.force_login(small_school.staff)
    page = client.get(reverse("groups:prompt_edit", args=[prompt.pk]))
    assert page.status_code == 200 and "Mix It Up: Networking" in page.content.decode()
    response = client.post(
        reverse("groups:prompt_edit", args=[prompt.pk]), {"body": "## New\r\n\r\nText"}
    )
    assert response.status_code == 302
    prompt.refresh_from_db()
    assert prompt.body == "## New\n\nText"

    response = client.post(reverse("groups:prompt_restore", args=[prompt.pk]))
    prompt.refresh_from_db()
    assert prompt.body == default_prompts.TOPICS["Networking"]


def test_a_too_long_prompt_is_refused_next_to_the_field(client, small_school):
    ensure_default_prompts(small_school.school)
    prompt = prompt_for(small_school.school, "homeroom:1:1")
    before = prompt.body
    client.force_login(small_school.staff)
    page = client.post(
        reverse("groups:prompt_edit", args=[prompt.pk]), {"body": "x" * (MAX_PROMPT_LENGTH + 1)}
    )
    assert page.status_code == 200
    assert page.context["form"].errors["body"]
    assert "at most 20000 characters" in page.content.decode()
    prompt.refresh_from_db()
    assert prompt.body == before


def test_update_prompt_refuses_a_too_long_body(small_school):
    from django.core.exceptions import ValidationError

    ensure_default_prompts(small_school.school)
    prompt = prompt_for(small_school.school, "homeroom:1:1")
    with pytest.raises(ValidationError):
        update_prompt(prompt, body="x" * (MAX_PROMPT_LENGTH + 1))
    prompt.refresh_from_db()
    assert prompt.body == default_prompts.HOMEROOM[(1, 1)]


def test_the_preview_renders_sanitised_html(client, small_school):
    client.force_login(small_school.staff)
    response = client.post(
        reverse("groups:prompt_preview"), {"body": "**bold** <script>alert(1)</script>"}
    )
    html = response.content.decode()
    assert "<strong>bold</strong>" in html and "<script" not in html


def test_students_may_not_see_or_edit_prompts(client, small_school):
    ensure_default_prompts(small_school.school)
    prompt = prompt_for(small_school.school, "homeroom:4:1")
    client.force_login(small_school.student_a)
    assert client.get(reverse("groups:prompts")).status_code == 403
    assert client.get(reverse("groups:prompt_edit", args=[prompt.pk])).status_code == 403
    assert (
        client.post(reverse("groups:prompt_edit", args=[prompt.pk]), {"body": "hacked"}).status_code
        == 403
    )
    assert client.post(reverse("groups:prompt_preview"), {"body": "x"}).status_code == 403
    prompt.refresh_from_db()
    assert prompt.body != "hacked"


def test_another_schools_prompt_is_not_found(client, small_school):
    ensure_default_prompts(small_school.school)
    prompt = prompt_for(small_school.school, "homeroom:4:1")
    other_staff = factories.staff(factories.school())
    client.force_login(other_staff)
    assert client.get(reverse("groups:prompt_edit", args=[prompt.pk])).status_code == 404
    assert (
        client.post(reverse("groups:prompt_edit", args=[prompt.pk]), {"body": "hacked"}).status_code
        == 404
    )
    assert client.post(reverse("groups:prompt_restore", args=[prompt.pk])).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client, small_school):
    response = client.get(reverse("groups:prompts"))
    assert response.status_code == 302 and reverse("login") in response.url
