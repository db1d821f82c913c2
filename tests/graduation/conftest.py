"""Early graduation test data: a student with a signed offer, a complete
portfolio (stored in a temporary MEDIA_ROOT) and attendance taken with the
sessions app's own services."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerdev.jobsearch.models import Decision
from careerdev.sessions import services as session_services
from tests.jobsearch import factories as jf
from tests.sessions import factories as sf


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> Path:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return root


def signed_offer(student, **kw):
    application = jf.application(student, title=kw.pop("title", "Junior developer"))
    kw.setdefault("decision", Decision.ACCEPTED)
    kw.setdefault("decided_on", jf.DAY)
    return jf.offer(application, **kw)


def take_attendance(term, student, present: int, of: int) -> None:
    """`of` sessions in weeks 1–3 for everyone, `student` present at the first `present`."""
    for i in range(of):
        s = sf.session(term, week=1 + i % 3, weekday=i % 5)
        session_services.record_attendance(s, [student.pk] if i < present else [])
