"""Bad input, everywhere: every form a staff member, a student and a volunteer
can reach is filled with what Hypothesis makes of tests/security/strategies.py
(long and empty strings, control characters and NUL, markup, odd Unicode,
bytes that are not UTF-8, junk files, text where numbers, dates and ids go,
lists and missing fields). What must hold:

- no request gives a server error (status 500 or an exception);
- stored text comes back escaped on every page of every role, and no stored
  address becomes a `javascript:` link;
- export cells a spreadsheet would run as a formula are neutralised.

The forms are found, not listed: each role's pages are crawled from their
home page by the links they show, and every <form> and hx-post on them is
fuzzed. A new form is therefore fuzzed as soon as a page links to it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote_from_bytes, urlencode, urljoin, urlsplit

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import resolve
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from PIL import Image

from careerdev.demo.schedule import seed_demo_schedule
from careerdev.graduation import services as graduation
from careerdev.groups.models import (
    DiscussionGroup,
    GroupMember,
    GroupRound,
    MixItUpTopic,
    RoundKind,
    RoundStatus,
)
from careerdev.interviews import services as interviews
from careerdev.interviews.models import InterviewKind, Track
from careerdev.jobsearch.models import Decision
from careerdev.reviews import services as reviews
from careerdev.spreadsheets import FORMULA_STARTS
from tests import factories
from tests.jobsearch import factories as jobs

from . import strategies as bad

pytestmark = pytest.mark.django_db

# A form fuzzed with every example; the whole file stays near a minute.
FUZZ = settings(
    max_examples=15,
    deadline=None,
    database=None,
    # No shrinking: one example is a request to every form, and a failure
    # already names the form and what was sent.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
# Never submitted: signing out would end the crawl's session.
NOT_FUZZED = {"logout"}


# --- Finding the forms -------------------------------------------------------------


@dataclass
class Field:
    name: str
    kind: str  # the input's type, "select" or "textarea"
    values: list[str] = field(default_factory=list)  # what the page offers


@dataclass
class Form:
    page: str
    method: str
    action: str
    multipart: bool
    fields: dict[str, Field] = field(default_factory=dict)

    @property
    def key(self) -> tuple:
        """Forms that differ only in the object they act on are one form."""
        return (self.method, resolve(urlsplit(self.action).path).view_name, *sorted(self.fields))


class PageParser(HTMLParser):
    """The links of a page, and its forms with their fields and offered values."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.links: list[str] = []
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: Field | None = None
        self.textarea: Field | None = None

    def url(self, href: str) -> str:
        parts = urlsplit(urljoin(self.page, href))
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def add(self, form: Form, name: str, kind: str, value: str | None) -> Field:
        f = form.fields.setdefault(name, Field(name, kind))
        if value is not None:
            f.values.append(value)
        return f

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "option":
            if self.select is not None:
                self.select.values.append(a.get("value", ""))
            return
        if tag == "a" and a.get("href", "").startswith(("/", "?")):
            self.links.append(self.url(a["href"]))
        if tag == "form":
            post = a.get("method", "").lower() == "post" or "hx-post" in a
            action = self.url(a.get("hx-post") or a.get("action") or "")
            self.form = Form(
                self.page, "post" if post else "get", action, "multipart" in a.get("enctype", "")
            )
            self.forms.append(self.form)
        elif "hx-post" in a:  # an htmx control outside a form posts itself
            form = Form(self.page, "post", self.url(a["hx-post"]), False)
            if a.get("name"):
                self.add(form, a["name"], tag, a.get("value"))
            self.forms.append(form)
        if self.form is None or not a.get("name") or a["name"] == "csrfmiddlewaretoken":
            return
        if tag in ("input", "button"):
            default = "text" if tag == "input" else "submit"
            self.add(self.form, a["name"], a.get("type", default).lower(), a.get("value"))
        elif tag == "select":
            self.select = self.add(self.form, a["name"], "select", None)
        elif tag == "textarea":
            self.textarea = self.add(self.form, a["name"], "textarea", "")

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea.values[-1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


@dataclass
class Crawl:
    pages: list[str]  # HTML pages
    exports: list[str]  # CSV and XLSX downloads
    forms: list[Form]


def crawl(client: Client, limit: int = 120) -> Crawl:
    """Every page reachable by links from the home page, and their forms,
    one per kind (see Form.key)."""
    seen: set[str] = set()
    queue, pages, exports, forms = ["/"], [], [], {}
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen or url.startswith(("/static/", "/admin/")):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code in (301, 302):
            queue.append(urljoin(url, response["Location"]))
            continue
        kind = response.get("Content-Type", "")
        if response.status_code != 200:
            continue
        if "csv" in kind or "spreadsheetml" in kind:
            exports.append(url)
            continue
        if "text/html" not in kind:
            continue
        view = resolve(urlsplit(url).path).view_name
        if sum(resolve(urlsplit(p).path).view_name == view for p in pages) < 2:
            pages.append(url)
        parser = PageParser(url)
        parser.feed(response.content.decode())
        for form in parser.forms:
            if resolve(urlsplit(form.action).path).url_name not in NOT_FUZZED:
                forms.setdefault(form.key, form)
        queue.extend(link for link in parser.links if link not in seen)
    return Crawl(pages, exports, list(forms.values()))


# --- The world ---------------------------------------------------------------------


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(buffer, "PNG")
    return buffer.getvalue()


PNG = _png()
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class World:
    clients: dict[str, Client]
    crawls: dict[str, Crawl]


@pytest.fixture
def world(small_school) -> World:
    """The small school with something in every part, so that detail pages
    and their forms exist: sessions, review slots and a booking, a student's
    job search with a signed offer and an early-graduation request, a
    volunteer's interview window with a booking, a published group round."""
    s = small_school
    seed_demo_schedule(s.term)
    slots = [factories.review_slot(s.term, s.staff) for _ in range(2)]
    reviews.book_slot(s.student_a, slots[0].pk)
    company = jobs.company(s.student_a, name="Pinecrest")
    application = jobs.application(s.student_a, company, steps=3)
    jobs.offer(application, decision=Decision.ACCEPTED, decided_on=jobs.DAY)
    jobs.application(s.student_a, steps=1)
    graduation.request_early_graduation(s.student_a, s.term, "Plan", "https://example.com/p")
    week = interviews.interview_week(s.term)
    window = interviews.add_window(
        s.term,
        s.volunteer,
        day=week.starts_on,
        start_time=dt.time(9),
        end_time=dt.time(11),
        kind=InterviewKind.BOTH,
        track=Track.ANY,
    )
    interviews.book_slot(s.student_b, s.term, window.slots.order_by("starts_at")[0].pk)
    round_ = GroupRound.objects.create(
        term=s.term,
        kind=RoundKind.MIX_IT_UP,
        week=2,
        status=RoundStatus.PUBLISHED,
        published_at=timezone.now(),
    )
    topic = MixItUpTopic.objects.create(term=s.term, name="Networking")
    group = DiscussionGroup.objects.create(round=round_, number=1, topic=topic)
    for student in (s.student_a, s.student_b):
        GroupMember.objects.create(round=round_, group=group, student=student, is_leader=False)

    people = {"staff": s.staff, "student": s.student_a, "volunteer": s.volunteer}
    clients = {role: Client() for role in people}
    for role, user in people.items():
        clients[role].force_login(user)
    return World(clients, {role: crawl(c) for role, c in clients.items()})


# --- Filling forms badly ----------------------------------------------------------

VALID = {
    "date": "2026-12-09",
    "time": "10:00",
    "number": "3",
    "email": "ana.able@example.edu",
    "url": "https://example.com/ana",
}
# How a field is filled: as the page offers, badly, not at all, or twice.
MODES = ["valid", "valid", "bad", "bad", "bad", "missing", "twice"]


def valid_value(f: Field) -> str:
    offered = [v for v in f.values if v]
    if offered:
        return offered[0]
    return VALID.get(f.kind, "Hello")


def valid_file(f: Field) -> SimpleUploadedFile:
    if "resume" in f.name:
        return SimpleUploadedFile("resume.pdf", PDF, "application/pdf")
    if any(word in f.name for word in ("photo", "screenshot", "image")):
        return SimpleUploadedFile("photo.png", PNG, "image/png")
    return SimpleUploadedFile("roster.csv", b"email,first_name\n", "text/csv")


@dataclass
class Submission:
    form: Form
    data: dict[str, list]
    raw: bytes | None  # a urlencoded body with bytes that are not UTF-8
    htmx: bool


@st.composite
def submissions(draw, form: Form) -> Submission:
    data: dict[str, list] = {}
    for f in form.fields.values():
        mode = draw(st.sampled_from(MODES))
        if mode == "missing":
            continue
        if f.kind == "file":
            made = (
                valid_file(f)
                if mode == "valid"
                else SimpleUploadedFile(*draw(bad.upload()), "application/octet-stream")
            )
            data[f.name] = [made]
            continue
        value = valid_value(f) if mode == "valid" else draw(bad.bad_value())
        data[f.name] = [value, draw(bad.bad_value())] if mode == "twice" else [value]
    raw = None
    if not form.multipart and form.method == "post" and data and draw(st.integers(0, 7)) == 0:
        name = draw(st.sampled_from(sorted(data)))
        pairs = [(k, v) for k, vs in data.items() if k != name for v in vs]
        body = urlencode(pairs).encode()
        raw = body + b"&" + quote_from_bytes(name.encode()).encode() + b"="
        raw += quote_from_bytes(b"ok" + draw(bad.raw_bytes) + b"ok").encode()
    return Submission(form, data, raw, draw(st.booleans()))


def submit(client: Client, s: Submission):
    headers = {"HX-Request": "true"} if s.htmx else {}
    if s.form.method == "get":
        return client.get(urlsplit(s.form.action).path, s.data, headers=headers)
    if s.raw is not None:
        kind = "application/x-www-form-urlencoded"
        return client.post(s.form.action, s.raw, content_type=kind, headers=headers)
    if s.form.multipart:
        return client.post(s.form.action, s.data, headers=headers)
    body = urlencode([(k, v) for k, vs in s.data.items() for v in vs])
    kind = "application/x-www-form-urlencoded"
    return client.post(s.form.action, body, content_type=kind, headers=headers)


# --- What must hold -----------------------------------------------------------------

RAW_MARKUP = re.compile(r"<script>alert\(|<img src=x onerror|<svg/onload", re.IGNORECASE)
SCRIPT_LINK = re.compile(r"""(href|src|action)\s*=\s*["']?\s*(javascript|data):""", re.IGNORECASE)


def assert_escaped(where: str, html: str) -> None:
    markup = RAW_MARKUP.search(html)
    assert markup is None, f"{where} prints markup as it came: …{html[markup.start() - 80 :][:200]}"
    link = SCRIPT_LINK.search(html)
    assert link is None, f"{where} makes a script link: …{html[link.start() - 80 :][:200]}"


def export_cells(response) -> list[str]:
    if "spreadsheetml" in response["Content-Type"]:
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        return [v for row in sheet.iter_rows(values_only=True) for v in row if isinstance(v, str)]
    text = response.content.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def assert_neutralised(where: str, cells: list[str]) -> None:
    formulas = [c for c in cells if c.startswith(FORMULA_STARTS)]
    assert not formulas, f"{where} has cells a spreadsheet would run: {formulas[:3]}"


def check_every_page(world: World) -> None:
    """Every role's pages and exports, after the fuzzed submissions."""
    for role, found in world.crawls.items():
        client = world.clients[role]
        for url in found.pages:
            response = client.get(url)
            assert response.status_code < 500, f"{role} GET {url}"
            if "text/html" in response.get("Content-Type", ""):
                assert_escaped(f"{role} GET {url}", response.content.decode())
        for url in found.exports:
            response = client.get(url)
            assert response.status_code == 200, f"{role} GET {url}"
            assert_neutralised(f"{role} GET {url}", export_cells(response))


def test_the_crawl_finds_the_forms_of_every_role(world):
    """The fuzzing below is only as good as the forms it finds."""
    found = {role: {f.key[1] for f in c.forms} for role, c in world.crawls.items()}
    assert {
        "people:invite",
        "roster:upload",
        "school:setup",
        "groups:topics",
        "reviews:publish_run",
        "sessions:add",
        "deliverables:setup",
    } <= found["staff"]
    assert {
        "people:my_profile",
        "portfolios:mine",
        "portfolios:project_new",
        "jobsearch:application_new",
        "jobsearch:companies",
        "jobsearch:contacts",
        "selfevaluation:mine",
    } <= found["student"]
    assert {"interviews:add_window", "interviews:set_cap"} <= found["volunteer"]
    assert world.crawls["staff"].exports, "the staff crawl reaches no export"


@FUZZ
@given(data=st.data())
def test_bad_input_in_any_form_gives_no_server_error(world, data):
    with transaction.atomic():
        for role, found in world.crawls.items():
            for form in found.forms:
                submission = data.draw(submissions(form))
                where = f"{role} {form.method.upper()} {form.action}"
                try:
                    response = submit(world.clients[role], submission)
                except Exception as error:  # a server error, as the test client raises it
                    raise AssertionError(f"{where} failed with {submission!r:.3000}") from error
                assert response.status_code < 500, f"{where} gave {response.status_code}"
                if "text/html" in response.get("Content-Type", ""):
                    assert_escaped(where, response.content.decode())
        # Each example starts again from the same world.
        transaction.set_rollback(True)


TEXT_KINDS = {"text", "textarea", "search", "email", "url"}


@settings(FUZZ, max_examples=4)
@given(data=st.data())
def test_stored_text_is_shown_escaped_on_every_page_and_export(world, data):
    """Every text field of every form gets markup, a script link or a formula
    (the rest filled as the page offers); then every page and export of every
    role is read back."""
    stored = st.sampled_from([*bad.MARKUP, bad.SCRIPT_LINK, *bad.FORMULAS])
    with transaction.atomic():
        for role, found in world.crawls.items():
            for form in found.forms:
                if form.method != "post":
                    continue
                filled = {}
                for f in form.fields.values():
                    if f.kind == "file":
                        filled[f.name] = [valid_file(f)]
                    elif f.kind in TEXT_KINDS:
                        filled[f.name] = [data.draw(stored)]
                    else:
                        filled[f.name] = [valid_value(f)]
                submit(world.clients[role], Submission(form, filled, None, False))
        check_every_page(world)
        transaction.set_rollback(True)
