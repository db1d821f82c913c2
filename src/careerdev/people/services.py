"""Every write about people: one function per use case, each in a transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from careerdev.mail import send_after_commit

from .models import Invitation, Role, StudentProfile, User, VolunteerProfile, normalize_email


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def ensure_profile(user: User) -> None:
    """Students and volunteers always have their profile row."""
    if user.role == Role.STUDENT:
        StudentProfile.objects.get_or_create(user=user)
    elif user.role == Role.VOLUNTEER:
        VolunteerProfile.objects.get_or_create(user=user)


def _new_invitation(user: User, invited_by: User, base_url: str) -> EmailMessage:
    """Void the person's earlier unused invitations, make a new one, and
    return the email that carries its link (sent by the caller on commit)."""
    now = timezone.now()
    Invitation.objects.filter(user=user, accepted_at__isnull=True).update(expires_at=now)
    token = secrets.token_urlsafe(32)
    Invitation.objects.create(
        user=user,
        invited_by=invited_by,
        token_hash=hash_token(token),
        created_at=now,
        expires_at=now + dt.timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    link = base_url.rstrip("/") + reverse("people:accept_invitation", args=[token])
    school_name = invited_by.school.name if invited_by.school else "careerdev"
    return EmailMessage(
        subject=f"{school_name}: your careerdev invitation",
        body=(
            f"Hello {user.first_name},\n\n"
            f"{invited_by.display_name} has invited you to careerdev, where {school_name} "
            f"runs its professional-development programme.\n\n"
            f"Set your password here (the link works for "
            f"{settings.INVITATION_VALID_DAYS} days):\n{link}\n"
        ),
        to=[user.email],
    )


INVITATION_REDO = "Invite them again: the earlier link was never sent."


@transaction.atomic
def invite_person(
    *,
    invited_by: User,
    email: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    base_url: str,
) -> User:
    """Invite someone to the inviter's school by email.

    A person already known by that email (say, from a roster import) is
    invited as they are; their role cannot be changed by an invitation.
    Earlier unused invitations for them stop working.
    """
    email = normalize_email(email)
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email, role=role, first_name=first_name, last_name=last_name, school=invited_by.school
        )
    elif user.role != role:
        raise ValidationError(
            f"{email} is already registered as {user.get_role_display().lower()}, not {role}."
        )
    elif user.school_id != invited_by.school_id and not invited_by.is_superuser:
        raise ValidationError(f"{email} belongs to another school.")
    elif user.has_usable_password():
        raise ValidationError(f"{email} already has an account; they can reset their password.")
    ensure_profile(user)
    send_after_commit(
        [_new_invitation(user, invited_by, base_url)],
        school_id=user.school_id,
        redo=INVITATION_REDO,
    )
    return user


@transaction.atomic
def invite_students_without_account(
    *, invited_by: User, students: Iterable[User], base_url: str
) -> int:
    """Invite every one of `students` who has never set a password (for
    example, a cohort just imported from the roster). Returns how many."""
    pending = [s for s in students if not s.has_usable_password() and s.is_active]
    send_after_commit(
        [_new_invitation(s, invited_by, base_url) for s in pending],
        school_id=invited_by.school_id,
        redo=INVITATION_REDO,
    )
    return len(pending)


def find_invitation(token: str) -> Invitation | None:
    """The usable invitation for `token`, or None if unknown, used or expired."""
    invitation = (
        Invitation.objects.select_related("user").filter(token_hash=hash_token(token)).first()
    )
    if invitation is None or not invitation.is_usable():
        return None
    return invitation


@transaction.atomic
def accept_invitation(invitation: Invitation, password: str) -> User:
    """Set the person's password and mark the invitation used."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable():
        raise ValidationError("This invitation has expired or was already used.")
    user = invitation.user
    user.set_password(password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return user


@transaction.atomic
def update_student_profile(student: User, **fields) -> StudentProfile:
    """The student's own edit of their profile, private opt-in included."""
    profile, _ = StudentProfile.objects.select_for_update().get_or_create(user=student)
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    return profile
