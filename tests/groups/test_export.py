"""Exporting a round: the shared sheet has one row per student of the round,
every one of them, with group and room and nothing that tells who opted in
(no topic, no leader); staff's confidential sheet has topics and leaders and
says it is confidential. CSV and XLSX, safe to open in a spreadsheet."""

import csv
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from careerdev.groups.export import (
    CONFIDENTIAL_HEADINGS,
    CONFIDENTIAL_NOTICE,
    SHARED_HEADINGS,
    export_filename,
    export_rows,
    neutralise,
)
from careerdev.groups.models import (
    DiscussionGroup,
    GroupMember,
    GroupRound,
    MixItUpTopic,
    RoundKind,
    RoundStatus,
    TopicKind,
)
from tests import factories

pytestmark = pytest.mark.django_db


def mix_it_up_round(small_school, groups, *, week=2):
    """A published Mix It Up round: `groups` is a list of (topic, [(student, leads)])."""
    round_ = GroupRound.objects.create(
        term=small_school.term,
        kind=RoundKind.MIX_IT_UP,
        week=week,
        status=RoundStatus.PUBLISHED,
        published_at=timezone.now(),
    )
    for number, (topic, members) in enumerate(groups, start=1):
        group = DiscussionGroup.objects.create(round=round_, number=number, topic=topic)
        for student, leads in members:
            GroupMember.objects.create(round=round_, group=group, student=student, is_leader=leads)
    return round_


def topic(small_school, name="Networking", kind=TopicKind.STANDARD):
    return MixItUpTopic.objects.get_or_create(term=small_school.term, name=name, kind=kind)[0]


def read_csv(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def read_xlsx(content: bytes) -> list[list]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]


def download(client, round_, fmt):
    response = client.get(reverse("groups:export", args=[round_.pk, fmt]))
    assert response.status_code == 200, response.status_code
    return response


@pytest.fixture
def round_(small_school):
    s = small_school
    s.student_b.student_profile.pronouns = "he/him"
    s.student_b.student_profile.slack_handle = "ben.b"
    s.student_b.student_profile.save()
    return mix_it_up_round(
        s,
        [
            (topic(s, "Interviewing"), [(s.other_cohort_student, False)]),
            (topic(s, "Networking"), [(s.student_b, True)]),
        ],
    )


def test_csv_has_one_row_per_student_ordered_by_group(client, small_school, round_):
    client.force_login(small_school.staff)
    response = download(client, round_, "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"] == 'attachment; filename="mix-it-up-week-2-winter-2026.csv"'
    )
    rows = read_csv(response.content)
    assert rows[0] == list(SHARED_HEADINGS)
    assert rows[1:] == [
        ["1", "1", "Cy Cole", "", "FE", "2407-FE", "2", ""],
        ["2", "2", "Ben Baker", "he/him", "BE", "2405-BE", "4", "ben.b"],
    ]


def test_xlsx_has_the_same_rows(client, small_school, round_):
    client.force_login(small_school.staff)
    response = download(client, round_, "xlsx")
    assert response["Content-Disposition"].endswith('filename="mix-it-up-week-2-winter-2026.xlsx"')
    rows = read_xlsx(response.content)
    assert rows[0] == list(SHARED_HEADINGS)
    assert rows[1:] == [
        [1, 1, "Cy Cole", "", "FE", "2407-FE", 2, ""],
        [2, 2, "Ben Baker", "he/him", "BE", "2405-BE", 4, "ben.b"],
    ]


def test_the_shared_sheet_has_no_topic_and_no_leader_column():
    assert not {"Topic", "Leader", "Leads"} & set(SHARED_HEADINGS)


def test_homeroom_rows_have_the_same_columns(client, small_school):
    s = small_school
    round_ = GroupRound.objects.create(term=s.term, kind=RoundKind.HOMEROOM)
    group = DiscussionGroup.objects.create(round=round_, number=1, cohort=s.be)
    for student in (s.student_b, s.student_a):
        GroupMember.objects.create(round=round_, group=group, student=student)
    client.force_login(s.staff)
    response = download(client, round_, "csv")
    assert response["Content-Disposition"].endswith('filename="homeroom-winter-2026.csv"')
    rows = read_csv(response.content)
    assert rows[0] == list(SHARED_HEADINGS)
    assert [r[2] for r in rows[1:]] == ["Ana Able", "Ben Baker"]


def test_filename_names_the_week_and_term(small_school):
    round_ = GroupRound(term=small_school.term, kind=RoundKind.MIX_IT_UP, week=4)
    assert export_filename(round_, "xlsx") == "mix-it-up-week-4-winter-2026.xlsx"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@here", "'@here"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Ana", "Ana"),
        ("", ""),
        (4, 4),
    ],
)
def test_neutralise_prefixes_formula_starts(value, expected):
    assert neutralise(value) == expected


def test_formulas_are_neutralised_in_csv_and_xlsx(client, small_school):
    s = small_school
    sneaky = factories.student(
        s.school,
        first_name='=HYPERLINK("http://evil.example","click")',
        last_name="",
        profile={"slack_handle": "@here", "pronouns": "+1"},
    )
    factories.enroll(sneaky, s.term, s.be, module=3)
    round_ = mix_it_up_round(s, [(topic(s, "=cmd|' /C calc'!A0"), [(sneaky, False)])])
    client.force_login(s.staff)
    for name in ("groups:export", "groups:export_confidential"):
        for fmt, reader in (("csv", read_csv), ("xlsx", read_xlsx)):
            response = client.get(reverse(name, args=[round_.pk, fmt]))
            rows = reader(response.content)
            headings = next(i for i, row in enumerate(rows) if row[0] == "Group")
            cells = dict(zip(rows[headings], rows[headings + 1], strict=False))
            assert cells["Name"] == '\'=HYPERLINK("http://evil.example","click")', (name, fmt)
            assert cells["Pronouns"] == "'+1", (name, fmt)
            assert cells["Slack handle"] == "'@here", (name, fmt)
            if name == "groups:export_confidential":
                assert cells["Topic"] == "'=cmd|' /C calc'!A0", fmt
            if fmt == "xlsx":
                # openpyxl would have stored a formula had a cell not been neutralised.
                workbook = openpyxl.load_workbook(io.BytesIO(response.content))
                assert all(c.data_type != "f" for row in workbook.active.iter_rows() for c in row)


@pytest.fixture
def round_with_the_restricted_group(small_school):
    """Ana opted in and is in the less-represented group; Ben leads Networking."""
    s = small_school
    private = topic(s, "Identifying as less represented in tech", TopicKind.LESS_REPRESENTED)
    return mix_it_up_round(
        s, [(topic(s), [(s.student_b, True)]), (private, [(s.student_a, False)])]
    )


def test_the_shared_sheet_lists_everyone_and_never_says_who_opted_in(
    client, small_school, round_with_the_restricted_group
):
    """Leaving the less-represented group out would name its members by their
    absence; a topic or leader column would name them outright."""
    s = small_school
    client.force_login(s.staff)
    for fmt, reader in (("csv", read_csv), ("xlsx", read_xlsx)):
        rows = reader(download(client, round_with_the_restricted_group, fmt).content)
        cells = [str(c).lower() for row in rows for c in row]
        text = " ".join(cells)
        assert "less represented" not in text and "networking" not in text, fmt
        assert not {"yes", "no", "true", "false"} & set(cells), fmt
        assert rows[0] == list(SHARED_HEADINGS), fmt
        assert [(str(r[0]), r[2]) for r in rows[1:]] == [("1", "Ben Baker"), ("2", "Ana Able")]


def test_the_confidential_sheet_has_topics_and_leaders_and_says_it_is_confidential(
    client, small_school, round_with_the_restricted_group
):
    round_ = round_with_the_restricted_group
    client.force_login(small_school.staff)
    response = client.get(reverse("groups:export_confidential", args=[round_.pk, "csv"]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="confidential-staff-only-mix-it-up-week-2-winter-2026.csv"'
    )
    assert "no-store" in response["Cache-Control"]
    rows = read_csv(response.content)
    assert rows[0] == [CONFIDENTIAL_NOTICE]
    assert rows[0][0].startswith("CONFIDENTIAL — staff only, do not share")
    assert rows[1] == list(CONFIDENTIAL_HEADINGS)
    restricted = "Identifying as less represented in tech"
    assert rows[2:] == [
        ["1", "1", "Networking", "yes", "Ben Baker", "", "BE", "2405-BE", "4", ""],
        ["2", "2", restricted, "no", "Ana Able", "", "BE", "2405-BE", "4", ""],
    ]
    response = client.get(reverse("groups:export_confidential", args=[round_.pk, "xlsx"]))
    assert response["Content-Disposition"].endswith(
        'filename="confidential-staff-only-mix-it-up-week-2-winter-2026.xlsx"'
    )
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.active.title == "CONFIDENTIAL Mix It Up week 2"
    assert read_xlsx(response.content)[0][0] == CONFIDENTIAL_NOTICE


def test_the_round_page_labels_the_confidential_export(
    client, small_school, round_with_the_restricted_group
):
    round_ = round_with_the_restricted_group
    client.force_login(small_school.staff)
    body = client.get(reverse("groups:round", args=[round_.pk])).content.decode()
    confidential = reverse("groups:export_confidential", args=[round_.pk, "csv"])
    label = body.index("Confidential — staff only, do not share")
    assert label < body.index(confidential)
    assert body.index(reverse("groups:export", args=[round_.pk, "csv"])) < label


def test_export_query_count_does_not_grow_with_students(
    small_school, django_assert_max_num_queries
):
    def build(n):
        s = small_school
        round_ = GroupRound.objects.create(term=s.term, kind=RoundKind.HOMEROOM)
        group = DiscussionGroup.objects.create(round=round_, number=1, cohort=s.be)
        for _ in range(n):
            student = factories.student(s.school, profile={"pronouns": "they/them"})
            factories.enroll(student, s.term, s.be, module=4)
            GroupMember.objects.create(round=round_, group=group, student=student)
        return round_

    small = build(3)
    with django_assert_max_num_queries(2):
        assert len(export_rows(small)) == 3
    small.delete()
    big = build(30)
    with django_assert_max_num_queries(2):
        assert len(export_rows(big)) == 30


def test_export_page_queries_are_constant(client, small_school):
    s = small_school
    client.force_login(s.staff)
    counts = []
    for n in (3, 30):
        GroupRound.objects.all().delete()
        round_ = GroupRound.objects.create(term=s.term, kind=RoundKind.HOMEROOM)
        group = DiscussionGroup.objects.create(round=round_, number=1, cohort=s.be)
        for _ in range(n):
            student = factories.student(s.school)
            factories.enroll(student, s.term, s.be, module=4)
            GroupMember.objects.create(round=round_, group=group, student=student)
        with CaptureQueriesContext(connection) as queries:
            download(client, round_, "xlsx")
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("name", ["groups:export", "groups:export_confidential"])
def test_students_may_not_export(client, small_school, round_, name):
    client.force_login(small_school.student_a)
    response = client.get(reverse(name, args=[round_.pk, "csv"]))
    assert response.status_code == 403


@pytest.mark.parametrize("name", ["groups:export", "groups:export_confidential"])
def test_another_schools_round_is_not_found(client, small_school, round_, name):
    client.force_login(factories.staff(factories.school()))
    response = client.get(reverse(name, args=[round_.pk, "csv"]))
    assert response.status_code == 404


def test_an_unknown_format_is_not_found(client, small_school, round_):
    client.force_login(small_school.staff)
    for path in ("export.pdf", "export-confidential.pdf"):
        response = client.get(f"/groups/rounds/{round_.pk}/{path}")
        assert response.status_code == 404
