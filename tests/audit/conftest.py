"""The groups tests' student body, for the audit of forming and moving."""

from tests.groups.conftest import student_body  # noqa: F401
