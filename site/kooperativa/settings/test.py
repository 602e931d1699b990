import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# Two test runs against one node (two checkouts side by side) need prefixes of their own.
SEARCH_INDEX_PREFIX = os.environ.get("TEST_SEARCH_INDEX_PREFIX", "test-kooperativa")
SEARCH_INDEX_REFRESH_INTERVAL = "100ms"
WHITENOISE_AUTOREFRESH = True  # no collectstatic in tests; files are found where they are
