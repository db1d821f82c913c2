"""The test suite: fast hashing, mail kept in memory unless a test starts a
real SMTP server, and the database from DATABASE_URL (PostgreSQL) or SQLite."""

from .base import *  # noqa: F403
from .base import DATABASES, MIDDLEWARE

SECRET_KEY = "test-only-not-secret"  # noqa: S105  # nosec B105  # tests only
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATABASES["default"]["CONN_MAX_AGE"] = 0
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
LOGGING = {"version": 1, "disable_existing_loggers": False}

# Static files come from the app folders here (runserver and the live test
# server serve them); WhiteNoise serves the collected files in production.
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise")]
