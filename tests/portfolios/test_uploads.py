"""Uploads are judged by their content: real images are resized and
stripped of metadata; anything else is refused next to its field and
nothing is stored."""

import io
import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from careerdev.portfolios.models import Portfolio, PortfolioProject
from careerdev.portfolios.uploads import PHOTO_MAX_SIDE, SCREENSHOT_MAX_SIDE

from .conftest import stored_files
from .factories import PDF_BYTES, png_bytes
from .factories import portfolio as make_portfolio

pytestmark = pytest.mark.django_db

DETAILS = {
    "title": "Front-end developer",
    "about": "Hello.",
    "email": "ben@example.com",
    "github": "",
    "linkedin": "",
}


def post_details(client, **files):
    return client.post(reverse("portfolios:mine"), {**DETAILS, **files})


def jpeg_with_exif(size=(1000, 600)) -> bytes:
    image = Image.new("RGB", size, "navy")
    exif = Image.Exif()
    exif[0x010F] = "SnoopCam"  # Make
    exif[0x0131] = "secret-software"  # Software
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def test_a_real_png_is_accepted_resized_and_stored(client, small_school, media_root):
    client.force_login(small_school.student_b)
    big = png_bytes((2400, 1800))
    response = post_details(client, photo=SimpleUploadedFile("me.png", big, "image/png"))
    assert response.status_code == 302
    portfolio = Portfolio.objects.get(student=small_school.student_b)
    assert portfolio.photo.name.startswith("portfolios/")
    [stored] = stored_files(media_root)
    with Image.open(stored) as image:
        assert max(image.size) == PHOTO_MAX_SIDE
        assert image.size == (800, 600)


def test_exif_is_stripped_from_a_photo(client, small_school, media_root):
    client.force_login(small_school.student_b)
    photo = SimpleUploadedFile("me.jpg", jpeg_with_exif(), "image/jpeg")
    assert post_details(client, photo=photo).status_code == 302
    [stored] = stored_files(media_root)
    raw = stored.read_bytes()
    assert b"SnoopCam" not in raw and b"secret-software" not in raw
    with Image.open(stored) as image:
        assert not image.getexif()
        assert image.format == "JPEG"


def test_a_text_file_named_png_is_refused_and_nothing_is_stored(client, small_school, media_root):
    client.force_login(small_school.student_b)
    fake = SimpleUploadedFile("me.png", b"just some words, not a picture", "image/png")
    response = post_details(client, photo=fake)
    assert response.status_code == 200
    assert "not an image" in response.context["form"].errors["photo"][0]
    assert "not an image" in response.content.decode()
    assert not Portfolio.objects.exists()
    assert stored_files(media_root) == []


def test_a_huge_image_in_pixels_is_refused(client, small_school, media_root):
    # 10,000 × 10,000 one-bit pixels: a tiny file that would decode to 100 megapixels.
    buffer = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(buffer, format="PNG")
    assert len(buffer.getvalue()) < 1_000_000
    client.force_login(small_school.student_b)
    photo = SimpleUploadedFile("bomb.png", buffer.getvalue(), "image/png")
    response = post_details(client, photo=photo)
    assert response.status_code == 200
    assert "10000×10000 pixels" in response.context["form"].errors["photo"][0]
    assert not Portfolio.objects.exists()
    assert stored_files(media_root) == []


def test_a_huge_image_in_bytes_is_refused(client, small_school, media_root, settings):
    settings.PORTFOLIO_IMAGE_MAX_BYTES = 10_000
    client.force_login(small_school.student_b)
    noisy = Image.frombytes("RGB", (200, 200), random.Random(4).randbytes(200 * 200 * 3))
    buffer = io.BytesIO()
    noisy.save(buffer, format="PNG")
    assert len(buffer.getvalue()) > 10_000
    response = post_details(client, photo=SimpleUploadedFile("big.png", buffer.getvalue()))
    assert "the largest accepted is" in response.context["form"].errors["photo"][0]
    assert stored_files(media_root) == []


def test_a_resume_that_is_not_a_pdf_is_refused(client, small_school, media_root):
    client.force_login(small_school.student_b)
    not_pdf = SimpleUploadedFile("cv.pdf", png_bytes(), "application/pdf")
    response = post_details(client, resume=not_pdf)
    assert response.status_code == 200
    assert "must be a PDF" in response.context["form"].errors["resume"][0]
    assert not Portfolio.objects.exists()
    assert stored_files(media_root) == []


def test_a_pdf_resume_is_accepted_whatever_its_name(client, small_school, media_root):
    client.force_login(small_school.student_b)
    pdf = SimpleUploadedFile("my resume.bin", PDF_BYTES, "application/octet-stream")
    assert post_details(client, resume=pdf).status_code == 302
    [stored] = stored_files(media_root)
    assert stored.name == "resume.pdf"
    assert stored.read_bytes() == PDF_BYTES


def test_an_oversized_resume_is_refused(client, small_school, media_root, settings):
    settings.PORTFOLIO_RESUME_MAX_BYTES = 100
    client.force_login(small_school.student_b)
    pdf = SimpleUploadedFile("cv.pdf", PDF_BYTES + b"x" * 200, "application/pdf")
    response = post_details(client, resume=pdf)
    assert "the largest accepted is" in response.context["form"].errors["resume"][0]
    assert stored_files(media_root) == []


def test_a_bad_screenshot_refuses_the_whole_project(client, small_school, media_root):
    client.force_login(small_school.student_b)
    response = client.post(
        reverse("portfolios:project_new"),
        {
            "title": "Ledger",
            "description": "",
            "repository_url": "",
            "live_url": "",
            "screenshot": SimpleUploadedFile("shot.png", b"<svg></svg>", "image/png"),
        },
    )
    assert response.status_code == 200
    assert "not an image" in response.context["form"].errors["screenshot"][0]
    assert not PortfolioProject.objects.exists()
    assert stored_files(media_root) == []


def test_a_screenshot_is_resized(client, small_school, media_root):
    client.force_login(small_school.student_b)
    client.post(
        reverse("portfolios:project_new"),
        {
            "title": "Ledger",
            "screenshot": SimpleUploadedFile("shot.png", png_bytes((3200, 1000)), "image/png"),
        },
    )
    [stored] = stored_files(media_root)
    with Image.open(stored) as image:
        assert image.size == (SCREENSHOT_MAX_SIDE, 500)


def test_replacing_a_photo_deletes_the_old_file(
    client, small_school, media_root, django_capture_on_commit_callbacks
):
    portfolio = make_portfolio(small_school.student_b, projects=0)
    old = media_root / portfolio.photo.name
    assert old.exists()
    client.force_login(small_school.student_b)
    new = SimpleUploadedFile("new.png", png_bytes(color="red"), "image/png")
    with django_capture_on_commit_callbacks(execute=True):
        assert post_details(client, photo=new).status_code == 302
    portfolio.refresh_from_db()
    assert (media_root / portfolio.photo.name).exists()
    assert not old.exists()
    # The résumé was not replaced: still there.
    assert (media_root / portfolio.resume.name).exists()


def test_an_extreme_decompression_bomb_is_refused(client, small_school, media_root):
    buffer = io.BytesIO()
    Image.new("1", (20_000, 10_000)).save(buffer, format="PNG")
    client.force_login(small_school.student_b)
    response = post_details(client, photo=SimpleUploadedFile("bomb.png", buffer.getvalue()))
    assert "too many pixels" in response.context["form"].errors["photo"][0]
    assert stored_files(media_root) == []
