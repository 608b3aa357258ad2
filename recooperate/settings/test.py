import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "tests-only-not-secret"  # noqa: S105
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# In-memory caches: each test process starts empty and leaves nothing on disk.
CACHES = {
    alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": f"test-{alias}"}
    for alias in ("default", "renditions", "pages")
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# A fixed key, for tests only (tests/booking/test_encryption.py rotates to others).
FIELD_ENCRYPTION_KEYS = ["dGVzdHMtb25seS1ub3Qtc2VjcmV0LWtleS0zMmJ5dGU="]
# The unit tests never serve collected files. Without a STATIC_ROOT, WhiteNoise does not look for one
# (and warn in every test that it is missing); the servers the tests start set DJANGO_STATIC_ROOT.
if "DJANGO_STATIC_ROOT" not in os.environ:
    STATIC_ROOT = None
