"""Checking what students upload, by content rather than by name.

Images are opened with Pillow, refused if they are not a picture or are too
large (in bytes or in pixels: a small file can decode to gigabytes), turned
upright, shrunk, and saved afresh — which drops EXIF and every other
metadata chunk (camera, GPS). Résumés must be PDFs: the bytes start with
`%PDF-`, whatever the file is called.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageOps, UnidentifiedImageError

# Defaults; a deployment may change them in settings.
IMAGE_MAX_BYTES = 8 * 1024 * 1024
IMAGE_MAX_PIXELS = 40_000_000
RESUME_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MAX_SIDE = 800
SCREENSHOT_MAX_SIDE = 1600
ACCEPTED_IMAGE_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}


@dataclass(frozen=True)
class StoredImage:
    """A checked, resized image ready to store."""

    content: ContentFile
    width: int
    height: int


def _limit(name: str, default: int) -> int:
    return int(getattr(settings, f"PORTFOLIO_{name}", default))


def checked_image(upload, *, max_side: int, what: str = "image") -> StoredImage:
    """The upload as a clean PNG or JPEG no larger than `max_side` on either
    side; ValidationError with a message for the person otherwise."""
    max_bytes = _limit("IMAGE_MAX_BYTES", IMAGE_MAX_BYTES)
    max_pixels = _limit("IMAGE_MAX_PIXELS", IMAGE_MAX_PIXELS)
    if upload.size > max_bytes:
        raise ValidationError(
            f"The {what} is {filesizeformat(upload.size)}; the largest accepted is "
            f"{filesizeformat(max_bytes)}."
        )
    not_an_image = ValidationError(
        f"This file is not an image careerdev can read. Upload a PNG, JPEG, GIF or WebP {what}."
    )
    too_many_pixels = ValidationError(
        f"The {what} has too many pixels; the largest accepted is "
        f"{max_pixels // 1_000_000} megapixels."
    )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Our own pixel limit below is the stricter one; Pillow still
            # refuses the most extreme decompression bombs on opening.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                if image.format not in ACCEPTED_IMAGE_FORMATS:
                    raise not_an_image
                width, height = image.size
                if width * height > max_pixels:
                    raise ValidationError(
                        f"The {what} is {width}×{height} pixels; the largest accepted is "
                        f"{max_pixels // 1_000_000} megapixels."
                    )
                image.load()
                upright = ImageOps.exif_transpose(image)
    except ValidationError:
        raise
    except Image.DecompressionBombError as error:
        raise too_many_pixels from error
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
    ) as error:
        raise not_an_image from error
    finally:
        upload.seek(0)

    upright.thumbnail((max_side, max_side))
    has_alpha = upright.mode in {"RGBA", "LA", "PA"} or (
        upright.mode == "P" and "transparency" in upright.info
    )
    buffer = io.BytesIO()
    if has_alpha:
        upright.convert("RGBA").save(buffer, format="PNG", optimize=True)
        name = f"{what}.png"
    else:
        upright.convert("RGB").save(buffer, format="JPEG", quality=85, optimize=True)
        name = f"{what}.jpg"
    return StoredImage(ContentFile(buffer.getvalue(), name=name), upright.width, upright.height)


def checked_resume(upload) -> ContentFile:
    """The upload if it is a PDF of an accepted size; ValidationError otherwise."""
    max_bytes = _limit("RESUME_MAX_BYTES", RESUME_MAX_BYTES)
    if upload.size > max_bytes:
        raise ValidationError(
            f"The résumé is {filesizeformat(upload.size)}; the largest accepted is "
            f"{filesizeformat(max_bytes)}."
        )
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    if not content.startswith(b"%PDF-"):
        raise ValidationError("The résumé must be a PDF. Export it from your editor as PDF.")
    return ContentFile(content, name="resume.pdf")


def content_type_of(name: str) -> str:
    """What a stored file is: careerdev wrote it, so its extension is ours."""
    lowered = name.lower()
    if lowered.endswith(".png"):
        return "image/png"
    if lowered.endswith((".jpg", ".jpeg")):
        return "image/jpeg"
    if lowered.endswith(".pdf"):
        return "application/pdf"
    return "application/octet-stream"
