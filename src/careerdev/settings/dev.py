"""Local development: debug pages, mail printed to the console."""

import os

from .base import *  # noqa: F403
from .base import MIDDLEWARE

DEBUG = True
SECRET_KEY = os.environ.get("CAREERDEV_SECRET_KEY") or "dev-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = os.environ.get(
    "CAREERDEV_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Static files come from the app folders here (runserver and the live test
# server serve them); WhiteNoise serves the collected files in production.
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise")]
