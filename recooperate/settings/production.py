from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import FIELD_ENCRYPTION_KEYS, TASKS, env, env_bool, env_int, require_secret_key

DEBUG = False
require_secret_key()
if not FIELD_ENCRYPTION_KEYS:
    raise ImproperlyConfigured("Set DJANGO_FIELD_ENCRYPTION_KEYS: patients' health details are encrypted with it.")

# Staff notification links and the admin's own links are built from it; a
# forgotten value would silently point staff at localhost.
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL")
if not WAGTAILADMIN_BASE_URL:
    raise ImproperlyConfigured("Set WAGTAILADMIN_BASE_URL to the site's public address, e.g. https://recooperatept.com")

# Production sits behind a proxy (see SECURE_PROXY_SSL_HEADER): by REMOTE_ADDR
# every visitor would be the proxy, and the per-IP booking limit site-wide.
BOOKING_CLIENT_IP_HEADER = env("BOOKING_CLIENT_IP_HEADER", "HTTP_X_FORWARDED_FOR")

# Wagtail's and the blog's background work (search and reference indexes,
# renditions of new images, CDN purges) goes to the database queue too, so an
# editor's publish never waits for it: run `manage.py db_worker` beside
# `manage.py db_worker --backend booking`.
TASKS = {**TASKS, "default": {"BACKEND": env("DJANGO_TASK_BACKEND", "django_tasks_db.DatabaseBackend")}}

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed file names let browsers cache CSS and images for a year.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
