"""Document-review fixtures: the small school with a few slots held by its staff."""

import datetime as dt

import pytest
from django.utils import timezone

from tests import factories


@pytest.fixture
def now():
    return timezone.now().replace(microsecond=0)


@pytest.fixture
def slots(small_school, now):
    """Three free slots, two, three and four days ahead."""
    return [
        factories.review_slot(
            small_school.term, small_school.staff, starts_at=now + dt.timedelta(days=d)
        )
        for d in (2, 3, 4)
    ]
