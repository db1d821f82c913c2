"""Production: everything secret or site-specific comes from the environment,
and `manage.py check --deploy` is clean (see docs/operations.md)."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY

if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "Set CAREERDEV_SECRET_KEY to a random string of at least 50 characters."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("CAREERDEV_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = int(os.environ.get("CAREERDEV_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = [
    o for o in os.environ.get("CAREERDEV_CSRF_TRUSTED_ORIGINS", "").split(",") if o
]
