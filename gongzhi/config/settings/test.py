"""Test settings: fresh random keys per run, fast hashing, SMTP on loopback."""

import base64
import secrets

from .base import *  # noqa: F403

SECRET_KEY = secrets.token_urlsafe(50)
GONGZHI_FIELD_KEY = base64.b64encode(secrets.token_bytes(32)).decode()
GONGZHI_INDEX_KEY = base64.b64encode(secrets.token_bytes(32)).decode()
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests start a real SMTP server on loopback and point EMAIL_PORT at it.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

DATA_DIR = Path(tempfile.mkdtemp(prefix="gongzhi-test-"))
MEDIA_ROOT = DATA_DIR / "media"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "progress": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "progress"),
    },
    "idempotency": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "idempotency"},
    # One process: a local cache is shared by every request of the test run (tests/conftest.py empties it).
    "shared": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shared"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Serve static files from the finders (no collectstatic in tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT = None  # type: ignore[assignment]
