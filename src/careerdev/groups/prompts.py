"""Wednesday prompts: the Markdown staff edit and students read.

Keys name what a prompt is for: `homeroom:<module>:<week>`, `topic:<topic
name, lower case>` and `leader-directions`. Each school starts from the
defaults in careerdev.groups.default_prompts; once a prompt exists it is the
school's own and is never overwritten by the defaults again.

Bodies are rendered with python-markdown and then sanitised with nh3, so
whatever staff type, only a small set of harmless HTML reaches a page.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import markdown as markdown_lib
import nh3
from django.core.exceptions import ValidationError
from django.utils.safestring import SafeString, mark_safe

from careerdev.school.models import School

from . import default_prompts as defaults
from .default_prompts import (
    DEFAULT_TOPICS,
    LEADER_DIRECTIONS_KEY,
    homeroom_key,
    topic_key,
)
from .models import MixItUpTopic, Prompt

__all__ = [
    "DEFAULT_TOPICS",
    "LEADER_DIRECTIONS_KEY",
    "MAX_PROMPT_LENGTH",
    "PromptsOverview",
    "StudentWeekPrompts",
    "ensure_default_prompts",
    "homeroom_key",
    "prompt_for",
    "prompts_for_student_week",
    "prompts_overview",
    "render_markdown",
    "restore_default",
    "topic_key",
    "update_prompt",
]

# Long enough for any real prompt; short enough that a paste accident is caught.
MAX_PROMPT_LENGTH = 20_000
MODULES = range(1, 5)


# --- Rendering ---------------------------------------------------------------

_ALLOWED_TAGS = {
    "p",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "a",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "code",
    "pre",
    "br",
    "hr",
}
_ALLOWED_SCHEMES = {"http", "https", "mailto"}


def _keep_safe_href(tag: str, attribute: str, value: str) -> str | None:
    # nh3 already drops unknown schemes; this also drops relative and
    # scheme-less links, so a prompt can only point at a full address.
    if tag == "a" and attribute == "href":
        return value if urlsplit(value.strip()).scheme.lower() in _ALLOWED_SCHEMES else None
    return value


_cleaner = nh3.Cleaner(
    tags=_ALLOWED_TAGS,
    clean_content_tags={"script", "style"},
    attributes={"a": {"href"}},
    attribute_filter=_keep_safe_href,
    url_schemes=_ALLOWED_SCHEMES,
    url_relative="deny",
    link_rel="noopener noreferrer",
)


# Every student's home page shows the same few prompts, and the HTML depends
# on the text alone: each worker renders a text once (about 1 ms each time).
@functools.lru_cache(maxsize=512)
def render_markdown(text: str) -> SafeString:
    """Markdown to HTML, sanitised: only paragraphs, lists, emphasis, links
    (http, https, mailto), h2–h4, quotes, code and rules survive."""
    html = markdown_lib.markdown(text or "", extensions=["sane_lists"], output_format="html")
    return mark_safe(_cleaner.clean(html))  # noqa: S308  # nosec B308, B703  # sanitised by nh3 just above


# --- Writes ------------------------------------------------------------------


def _wanted_prompts(school: School) -> list[defaults.DefaultPrompt]:
    wanted = defaults.all_defaults()
    covered = {p.key for p in wanted}
    # PD weeks beyond the defaults' five, for schools with a longer calendar.
    for module in MODULES:
        for week in school.pd_weeks:
            key = homeroom_key(module, week)
            if key not in covered:
                wanted.append(
                    defaults.DefaultPrompt(
                        key,
                        defaults.homeroom_title(module, week),
                        defaults.generic_homeroom(module, week),
                    )
                )
                covered.add(key)
    # Topics staff added to a term get a prompt to edit too.
    names = MixItUpTopic.objects.filter(term__school=school).values_list("name", flat=True)
    for name in names:
        key = topic_key(name)
        if key not in covered and len(key) <= Prompt._meta.get_field("key").max_length:
            wanted.append(
                defaults.DefaultPrompt(
                    key, defaults.topic_title(name), defaults.generic_topic(name)
                )
            )
            covered.add(key)
    return wanted


def ensure_default_prompts(school: School) -> int:
    """Create the school's missing prompts from the defaults (and one for each
    topic its terms added); never touch one that exists. Returns how many
    were created."""
    existing = set(Prompt.objects.filter(school=school).values_list("key", flat=True))
    missing = [
        Prompt(school=school, key=p.key, title=p.title, body=p.body)
        for p in _wanted_prompts(school)
        if p.key not in existing
    ]
    if missing:
        # bulk_create is atomic on its own; the usual visit, with nothing
        # missing, opens no write transaction. ignore_conflicts: two staff
        # opening the page at once both try to seed.
        Prompt.objects.bulk_create(missing, ignore_conflicts=True)
    return len(missing)


def normalise_body(body: str) -> str:
    return (body or "").replace("\r\n", "\n").replace("\r", "\n")


def update_prompt(prompt: Prompt, *, body: str) -> Prompt:
    """Save new Markdown for `prompt`. Raises ValidationError (on "body") when
    it is too long; nothing is saved then."""
    body = normalise_body(body)
    if len(body) > MAX_PROMPT_LENGTH:
        raise ValidationError(
            {
                "body": f"A prompt can be at most {MAX_PROMPT_LENGTH:,} characters "
                f"(this one has {len(body):,})."
            }
        )
    prompt.body = body
    prompt.save(update_fields=["body", "updated_at"])
    return prompt


def restore_default(prompt: Prompt) -> Prompt | None:
    """Put the default text back; None when the prompt has no default."""
    default = defaults.default_for(prompt.key)
    if default is None:
        return None
    return update_prompt(prompt, body=default.body)


# --- Reads -------------------------------------------------------------------


def prompt_for(school: School, key: str) -> Prompt | None:
    return Prompt.objects.filter(school=school, key=key).first()


@dataclass
class StudentWeekPrompts:
    """What a student reads for one Wednesday."""

    homeroom: Prompt | None = None
    topic: Prompt | None = None
    leader_directions: Prompt | None = None


def prompts_for_student_week(
    school: School,
    *,
    module: int | None,
    week: int | None,
    topic_name: str | None = None,
    leads: bool = False,
) -> StudentWeekPrompts:
    """The Homeroom prompt for `module` and `week`, the Mix It Up prompt for
    `topic_name` (when the student has a Mix It Up group) and, for a leader,
    the leader directions — in one query. Missing prompts are None."""
    wanted: dict[str, str] = {}
    if module and week:
        wanted[homeroom_key(module, week)] = "homeroom"
    if topic_name:
        wanted[topic_key(topic_name)] = "topic"
    if leads:
        wanted[LEADER_DIRECTIONS_KEY] = "leader_directions"
    result = StudentWeekPrompts()
    if wanted:
        for prompt in Prompt.objects.filter(school=school, key__in=wanted):
            setattr(result, wanted[prompt.key], prompt)
    return result


@dataclass
class HomeroomModule:
    module: int
    prompts: list[Prompt] = field(default_factory=list)


@dataclass
class PromptsOverview:
    homeroom: list[HomeroomModule]
    topics: list[Prompt]
    leader_directions: Prompt | None
    other: list[Prompt]


def _homeroom_position(key: str) -> tuple[int, int] | None:
    parts = key.split(":")
    if len(parts) == 3 and parts[0] == "homeroom" and parts[1].isdigit() and parts[2].isdigit():
        return int(parts[1]), int(parts[2])
    return None


def prompts_overview(school: School) -> PromptsOverview:
    """The school's prompts grouped for the staff list: Homeroom by module and
    week, Mix It Up topics (defaults in their usual order, then the rest),
    the leader directions, and anything else."""
    modules: dict[int, HomeroomModule] = {}
    homeroom: list[tuple[tuple[int, int], Prompt]] = []
    topics: list[Prompt] = []
    leader = None
    other: list[Prompt] = []
    for prompt in Prompt.objects.filter(school=school).only("pk", "key", "title", "updated_at"):
        position = _homeroom_position(prompt.key)
        if position:
            homeroom.append((position, prompt))
        elif prompt.key.startswith("topic:"):
            topics.append(prompt)
        elif prompt.key == LEADER_DIRECTIONS_KEY:
            leader = prompt
        else:
            other.append(prompt)
    for (module, _week), prompt in sorted(homeroom, key=lambda item: item[0]):
        modules.setdefault(module, HomeroomModule(module)).prompts.append(prompt)
    default_order = {topic_key(name): i for i, (name, _) in enumerate(DEFAULT_TOPICS)}
    topics.sort(key=lambda p: (default_order.get(p.key, len(default_order)), p.title.lower()))
    return PromptsOverview(
        homeroom=list(modules.values()), topics=topics, leader_directions=leader, other=other
    )
