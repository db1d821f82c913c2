"""Sign-in by email, whatever its case, throttled by django-axes."""

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from django.contrib.auth.backends import ModelBackend
from django.shortcuts import render

from .models import User, normalize_email


class _ReadsTheUserWhole:
    """Every request reads its user; their school (its zone, its data token)
    and a student's profile (the name pages greet them by) come in the same
    query instead of two more."""

    def get_user(self, user_id):
        try:
            user = User._default_manager.select_related("school", "student_profile").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if user.is_active else None


class EmailBackend(_ReadsTheUserWhole, ModelBackend):
    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        email = email or username
        if not email or password is None:
            return None
        try:
            user = User.objects.get(email=normalize_email(email))
        except User.DoesNotExist:
            # Run the hasher anyway so timing does not reveal who has an account.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


class SignInThrottle(_ReadsTheUserWhole, AxesStandaloneBackend):
    """Refuses a sign-in from a locked-out email and address (settings AXES_*).

    Only sign-ins over the web are throttled: they are the ones that carry a
    request. A check without one (the shell, a management command, a test)
    has no address to count against and no attacker on the other end, so it
    goes straight to EmailBackend instead of failing as axes would."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def sign_in_email(request, credentials) -> str | None:
    """The email a sign-in attempt is counted against, as stored: `Ana@X.edu`
    and `ana@x.edu` are one account, so they share one count."""
    credentials = credentials or {}
    email = credentials.get("username") or credentials.get("email")
    if email is None and request is not None:
        email = request.POST.get("username")
    # The attempt log's column holds 255 characters; an email holds 254.
    return normalize_email(email)[:254] if email else None


def sign_in_locked_out(request, original_response=None, credentials=None):
    """The page a locked-out sign-in gets instead of the sign-in form: what
    happened and how long to wait, with 429 Too Many Requests."""
    cool_off = get_cool_off(request)
    context = {
        "email": sign_in_email(request, credentials),
        "minutes": round(cool_off.total_seconds() / 60) if cool_off else None,
    }
    return render(request, "registration/locked_out.html", context, status=429)
