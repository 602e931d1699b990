import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
    "searches": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "searches"},
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploads go to disk, as in production, where Wagtail's document view sends them from (an in-memory
# storage gives paths too, to files that are not there); each run has a folder of its own, which
# tests/conftest.py removes after it.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="kooperativa-test-media-"))
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# Two test runs against one node (two checkouts side by side) need prefixes of their own.
SEARCH_INDEX_PREFIX = os.environ.get("TEST_SEARCH_INDEX_PREFIX", "test-kooperativa")
SEARCH_INDEX_REFRESH_INTERVAL = "100ms"
WHITENOISE_AUTOREFRESH = True  # no collectstatic in tests; files are found where they are
