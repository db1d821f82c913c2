"""Reads about people that pages need."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from .models import Role, User


def student_with_profile(pk: int) -> User:
    return get_object_or_404(
        User.objects.select_related("student_profile", "school"), pk=pk, role=Role.STUDENT
    )
