"""Settings shared by every environment. Secrets and hosts come from the
environment (see docs/operations.md)."""

import datetime as dt
import os
from pathlib import Path

import dj_database_url

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# Where the SQLite database and uploaded files live by default: the working
# directory's `var/`, so a checkout keeps its data out of the source tree.
DATA_DIR = Path(os.environ.get("CAREERDEV_DATA_DIR", Path.cwd() / "var"))

SECRET_KEY = os.environ.get("CAREERDEV_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("CAREERDEV_ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "careerdev.people",
    "careerdev.school",
    "careerdev.roster",
    "careerdev.groups",
    "careerdev.home",
    "careerdev.reviews",
    "careerdev.portfolios",
    "careerdev.jobsearch",
    "careerdev.deliverables",
    "careerdev.selfevaluation",
    "careerdev.sessions",
    "careerdev.interviews",
    "careerdev.notifications",
    "careerdev.calendars",
    "careerdev.graduation",
    "careerdev.repeats",
    "careerdev.audit",
    "careerdev.demo",
    "careerdev.backups",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "careerdev.school.middleware.SchoolTimeZoneMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "careerdev.urls"
WSGI_APPLICATION = "careerdev.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "careerdev.school.context_processors.school",
            ],
            "builtins": ["careerdev.templatetags.policies"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'careerdev.sqlite3'}",
        conn_max_age=int(os.environ.get("CAREERDEV_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    # WAL lets the Wednesday readers go on while a staff member writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

# Each worker's own memory, for template fragments every student of a school
# shares (the home page's calendar), keyed by the school's data token. A
# deployment may point this at a shared cache; nothing depends on it.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 1000},
    }
}

AUTH_USER_MODEL = "people.User"
# The throttle comes first: a locked-out sign-in is refused before any password is checked.
AUTHENTICATION_BACKENDS = [
    "careerdev.people.auth.SignInThrottle",
    "careerdev.people.auth.EmailBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3

# Sign-in throttling (django-axes): five wrong passwords for one email from one
# address lock that pair out for 15 minutes; a right password before that
# clears the count. Locking the pair, not the account, means a stranger
# guessing elsewhere cannot lock a student out of their own laptop.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Tries during a lock do not restart it: the page's "15 minutes" stays true.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_USERNAME_CALLABLE = "careerdev.people.auth.sign_in_email"
AXES_LOCKOUT_CALLABLE = "careerdev.people.auth.sign_in_locked_out"
# The client's address is REMOTE_ADDR only: a header such as X-Forwarded-For
# can be made up by the client, and a new made-up address per guess would
# start a new count. Behind a proxy see docs/operations.md.
AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
# Stored times are UTC; each school's own zone is a field on School and is
# what pages and emails show.
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("CAREERDEV_STATIC_ROOT", DATA_DIR / "static"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("CAREERDEV_MEDIA_ROOT", DATA_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Links people paste without a scheme are taken as https (Django 6 default).
FORMS_URLFIELD_ASSUME_HTTPS = True

# Mail: SMTP settings from the environment; see docs/operations.md.
EMAIL_BACKEND = os.environ.get(
    "CAREERDEV_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("CAREERDEV_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("CAREERDEV_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("CAREERDEV_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("CAREERDEV_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("CAREERDEV_EMAIL_USE_TLS", "") in {"1", "true", "yes"}
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("CAREERDEV_FROM_EMAIL", "careerdev@localhost")

# Where careerdev is served, for the links in emails sent outside a request.
SITE_URL = os.environ.get("CAREERDEV_SITE_URL", "http://127.0.0.1:8000")

SLACK_BOT_TOKEN = os.environ.get("CAREERDEV_SLACK_BOT_TOKEN", "")
SLACK_BASE_URL = os.environ.get("CAREERDEV_SLACK_BASE_URL", "https://slack.com/api/")
# How long a staff invitation link stays valid.
INVITATION_VALID_DAYS = 14

# Uploads: rosters are small; a 5,000-student XLSX is well under this.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
ROSTER_MAX_BYTES = 10 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("CAREERDEV_LOG_LEVEL", "INFO")},
}
