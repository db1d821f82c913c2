"""The staff pages: upload, preview, confirm; and who may use them."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from careerdev.people.models import User
from careerdev.roster.models import RosterUpload
from careerdev.roster.parsing import parse_roster
from careerdev.school.models import Cohort, Enrollment
from tests import factories

from .files import csv_bytes, student_rows, table_counts, xlsx_bytes

pytestmark = pytest.mark.django_db


def upload_file(client, small_school, data: bytes, name: str = "roster.csv", term=None):
    return client.post(
        reverse("roster:upload"),
        {"file": SimpleUploadedFile(name, data), "term": (term or small_school.term).pk},
    )


def test_staff_upload_preview_confirm_imports_the_students(client, small_school):
    client.force_login(small_school.staff)
    page = client.get(reverse("roster:upload"))
    assert page.status_code == 200
    assert page.context["form"]["term"].initial == small_school.term
    body = page.content.decode()
    assert reverse("roster:sample") in body and "Slack handle" in body

    data = csv_bytes(
        *student_rows(3, cohort="2409-BE"),
        [small_school.student_a.email, "Ana", "Able", "BE", "2405-BE", 4],
    )
    response = upload_file(client, small_school, data)
    roster_upload = RosterUpload.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("roster:preview", args=[roster_upload.pk])
    assert bytes(roster_upload.content) == data
    assert (roster_upload.uploaded_by, roster_upload.term) == (
        small_school.staff,
        small_school.term,
    )

    before = table_counts()
    page = client.get(response.url)
    body = page.content.decode()
    preview = page.context["preview"]
    assert preview.counts == {"new": 3, "updated": 0, "unchanged": 1}
    assert "<mark>2409-BE</mark>" in body
    assert reverse("roster:confirm", args=[roster_upload.pk]) in body
    assert table_counts() == before  # a preview writes nothing

    response = client.post(reverse("roster:confirm", args=[roster_upload.pk]), follow=True)
    assert response.redirect_chain[-1][0] == (
        f"{reverse('school:term_overview')}?term={small_school.term.pk}"
    )
    body = response.content.decode()
    assert "Imported roster.csv into Winter 2026: 3 new students, 0 updated, 1 unchanged" in body
    assert Enrollment.objects.filter(term=small_school.term, cohort__code="2409-BE").count() == 3
    roster_upload.refresh_from_db()
    assert roster_upload.imported_at is not None


def test_confirm_imports_the_previewed_bytes_once(client, small_school):
    client.force_login(small_school.staff)
    upload_file(client, small_school, csv_bytes(*student_rows(2)))
    roster_upload = RosterUpload.objects.get()
    confirm = reverse("roster:confirm", args=[roster_upload.pk])
    client.post(confirm)
    after_first = table_counts()
    response = client.post(confirm, follow=True)
    assert "was already imported" in response.content.decode()
    assert table_counts() == after_first
    page = client.get(reverse("roster:preview", args=[roster_upload.pk]))
    assert confirm not in page.content.decode()


def test_xlsx_upload_is_previewed(client, small_school):
    client.force_login(small_school.staff)
    upload_file(client, small_school, xlsx_bytes(*student_rows(2)), "roster.xlsx")
    page = client.get(reverse("roster:preview", args=[RosterUpload.objects.get().pk]))
    assert page.context["preview"].counts["new"] == 2


def test_preview_with_errors_lists_them_and_has_no_confirm_button(client, small_school):
    client.force_login(small_school.staff)
    data = csv_bytes(
        ["ana@", "Ana", "Able", "BE", "2405-BE", "4"],
        ["ben@example.edu", "Ben", "Baker", "DS", "2405-DS", "2"],
        ["cy@example.edu", "Cy", "Cole", "BE", "2409-BE", "1"],
        header=["email", "first name", "last name", "program", "cohort", "module"],
    )
    upload_file(client, small_school, data)
    roster_upload = RosterUpload.objects.get()
    page = client.get(reverse("roster:preview", args=[roster_upload.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "2 problems: nothing can be imported" in body
    assert "<td>2</td><td>email</td><td>&#x27;ana@&#x27; is not a valid email address</td>" in body
    assert "<td>3</td><td>program</td>" in body
    assert reverse("roster:confirm", args=[roster_upload.pk]) not in body
    assert "<button" not in body.split("<main")[1]

    # A confirm posted anyway imports nothing.
    before = table_counts()
    response = client.post(reverse("roster:confirm", args=[roster_upload.pk]))
    assert response.status_code == 200 and response.context["preview"].errors
    assert table_counts() == before
    assert not Cohort.objects.filter(code="2409-BE").exists()


def test_a_pdf_upload_is_explained(client, small_school):
    client.force_login(small_school.staff)
    upload_file(client, small_school, b"%PDF-1.5\n...", "roster.pdf")
    page = client.get(reverse("roster:preview", args=[RosterUpload.objects.get().pk]))
    assert "“roster.pdf” is a PDF document. Upload the roster as CSV or XLSX." in (
        page.content.decode()
    )


def test_an_oversized_upload_is_refused_by_the_form(client, small_school, settings):
    settings.ROSTER_MAX_BYTES = 100
    client.force_login(small_school.staff)
    response = upload_file(client, small_school, csv_bytes(*student_rows(5)))
    assert response.status_code == 200
    assert "the largest roster accepted is 100" in response.content.decode()
    assert not RosterUpload.objects.exists()


def test_term_must_be_one_of_the_schools(client, small_school):
    client.force_login(small_school.staff)
    other_term = factories.term(factories.school())
    response = upload_file(client, small_school, csv_bytes(*student_rows(1)), term=other_term)
    assert response.status_code == 200 and response.context["form"].errors["term"]
    assert not RosterUpload.objects.exists()


@pytest.mark.parametrize("who", ["student_a", "volunteer"])
def test_students_and_volunteers_get_403_on_every_roster_page(client, small_school, who):
    roster_upload = RosterUpload.objects.create(
        school=small_school.school, term=small_school.term, filename="r.csv", content=b"x"
    )
    client.force_login(getattr(small_school, who))
    for method, url in [
        ("get", reverse("roster:upload")),
        ("post", reverse("roster:upload")),
        ("get", reverse("roster:sample")),
        ("get", reverse("roster:preview", args=[roster_upload.pk])),
        ("post", reverse("roster:confirm", args=[roster_upload.pk])),
    ]:
        assert getattr(client, method)(url).status_code == 403, url


def test_anonymous_visitors_are_sent_to_sign_in(client, small_school):
    response = client.get(reverse("roster:upload"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_another_schools_upload_is_not_found(client, small_school):
    other = factories.school()
    roster_upload = RosterUpload.objects.create(
        school=other, term=factories.term(other), filename="r.csv", content=csv_bytes()
    )
    client.force_login(small_school.staff)
    assert client.get(reverse("roster:preview", args=[roster_upload.pk])).status_code == 404
    assert client.post(reverse("roster:confirm", args=[roster_upload.pk])).status_code == 404


def test_confirm_needs_post(client, small_school):
    roster_upload = RosterUpload.objects.create(
        school=small_school.school, term=small_school.term, filename="r.csv", content=b"x"
    )
    client.force_login(small_school.staff)
    assert client.get(reverse("roster:confirm", args=[roster_upload.pk])).status_code == 405


def test_sample_csv_imports_cleanly_with_the_schools_programs(client, small_school):
    client.force_login(small_school.staff)
    response = client.get(reverse("roster:sample"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    data = response.content
    header = next(csv.reader(io.StringIO(data.decode())))
    assert header[:3] == ["email", "first name", "last name"] and len(header) == 12
    parsed = parse_roster(data, "roster-sample.csv")
    assert parsed.errors == [] and len(parsed.rows) == 3
    upload_file(client, small_school, data)
    page = client.get(reverse("roster:preview", args=[RosterUpload.objects.get().pk]))
    assert page.context["preview"].ok


def test_upload_page_without_terms_points_to_setup(client):
    school = factories.school()
    client.force_login(factories.staff(school))
    body = client.get(reverse("roster:upload")).content.decode()
    assert reverse("school:setup") in body and 'type="file"' not in body


def test_old_uploads_are_forgotten(client, small_school):
    import datetime as dt

    from django.utils import timezone

    old = RosterUpload.objects.create(
        school=small_school.school,
        term=small_school.term,
        filename="old.csv",
        content=b"x",
        created_at=timezone.now() - dt.timedelta(days=31),
    )
    client.force_login(small_school.staff)
    upload_file(client, small_school, csv_bytes(*student_rows(1)))
    assert not RosterUpload.objects.filter(pk=old.pk).exists()
    assert RosterUpload.objects.count() == 1
    assert User.objects.filter(email="new0@example.edu").count() == 0
