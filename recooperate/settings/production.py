from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import FIELD_ENCRYPTION_KEYS, STORAGES, TASKS, env, env_bool, env_int, require_secret_key

DEBUG = False
require_secret_key()
if not FIELD_ENCRYPTION_KEYS:
    raise ImproperlyConfigured("Set DJANGO_FIELD_ENCRYPTION_KEYS: patients' health details are encrypted with it.")

# Staff notification links and the admin's own links are built from it; a
# forgotten value would silently point staff at localhost.
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL")
if not WAGTAILADMIN_BASE_URL:
    raise ImproperlyConfigured("Set WAGTAILADMIN_BASE_URL to the site's public address, e.g. https://recooperatept.com")


# Wagtail's and the blog's background work (search and reference indexes,
# renditions of new images, CDN purges) goes to the database queue too, so an
# editor's publish never waits for it: run `manage.py db_worker` beside
# `manage.py db_worker --backend booking`.
TASKS = {**TASKS, "default": {"BACKEND": env("DJANGO_TASK_BACKEND", "django_tasks_db.DatabaseBackend")}}

STORAGES = {
    **STORAGES,
    # Hashed file names let browsers cache CSS and images for a year.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
# Where that redirect goes when it is not this host on port 443 (for example a local TLS port).
SECURE_SSL_HOST = env("DJANGO_SECURE_SSL_HOST")
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Not on the browsers' preload list: it is hard to leave, and holds every future
# subdomain to HTTPS too. A deliberate choice, so its deploy check is silenced; to
# opt in, set this True and submit the domain at hstspreload.org.
SECURE_HSTS_PRELOAD = False
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
