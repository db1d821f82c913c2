"""Settings for the server `bench/load.py` starts: production's, except what
loopback HTTP and seeded accounts need. Not for any real deployment."""

from careerdev.settings.production import *  # noqa: F403

# Plain HTTP on 127.0.0.1: cookies marked Secure would never come back, and a
# redirect to https has nothing to answer it.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# Seeded accounts only. PBKDF2 at Django's 1,000,000 iterations takes about
# 0.45 s of CPU per sign-in on the 2-core bench machine, so 50 sign-ins would
# be 20 s of CPU — the rush would measure hashing, not pages. (It cannot be
# the fallback hasher only: Django re-hashes with the first one on sign-in.)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Hashed names as in production, without production's gzip and Brotli copies:
# the rush asks no static file (browsers keep them: WhiteNoise gives hashed
# names ten years' max-age, immutable), and compressing them took 17 s of every run.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
