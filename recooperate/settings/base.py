"""Settings shared by every environment.

Everything that differs between a laptop and production is read from the
environment here, so ``production.py`` only tightens defaults and never adds a
setting that development lacks.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .keys import dev_encryption_key, dev_secret_key  # noqa: F401 (used by dev.py)

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {value!r}") from exc


def env_list(name, default=()):
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "recooperate",
    "blog",
    "booking",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # The database queue behind the "booking" task backend (see TASKS).
    "django_tasks_db",
    # Login lockout (see AXES_* below).
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "recooperate.security.SecurityHeadersMiddleware",
    # Serves collected static files with far-future cache headers, so no
    # separate web server is needed for CSS and images.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the page cache, so a cached page gets the policy for its path too.
    "recooperate.security.ContentSecurityPolicyMiddleware",
    # Whole pages for anonymous visitors; right after static files, so a hit
    # skips sessions, CSRF and routing (see recooperate/pagecache.py).
    "recooperate.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check, so PUT or DELETE on a page is a 405, not a "form expired" 403.
    "recooperate.security.PageMethodsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it answers a locked-out login with the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "recooperate.urls"
WSGI_APPLICATION = "recooperate.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite by default (the embedded database `make run` uses). IMMEDIATE
# transactions take the write lock when a transaction starts, so writers queue
# on the busy timeout instead of failing mid-transaction with "database is
# locked"; WAL lets visitors read while a booking is written. Measured with
# tests/load/booking_load.py: 200 concurrent booking POSTs, 0 lost (141 lost
# with Django's defaults).
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": env("DJANGO_SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
        # Reusing a connection saves reopening the file and replaying the PRAGMAs below on
        # every request (about a third of a warm article's CPU time).
        "CONN_MAX_AGE": env_int("DJANGO_CONN_MAX_AGE", 600),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": ("PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA busy_timeout=20000;"),
        },
    }
}

# DJANGO_DATABASE_URL, when set, replaces the SQLite default: for production,
# postgres://user:password@host:5432/name (psycopg 3). Connections are kept for
# ten minutes and checked before reuse, as above.
DATABASE_URL = env("DJANGO_DATABASE_URL")
if DATABASE_URL:
    import dj_database_url

    DATABASES["default"] = dj_database_url.parse(
        DATABASE_URL, conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 600), conn_health_checks=True
    )
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        DATABASES["default"]["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA busy_timeout=20000;",
        }

AUTH_USER_MODEL = "recooperate.User"
# django-axes first: it refuses a locked-out login before the password is checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesBackend", "django.contrib.auth.backends.ModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
# The clinic is in New York: dates editors pick and visitors read are local.
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
# Whether Django itself serves MEDIA_ROOT under MEDIA_URL (recooperate/urls.py). Development
# always does; production only when set, for a single server with nothing else in front.
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", False)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Media on S3-compatible object storage (AWS, Cloudflare R2, MinIO...) when a bucket
# is named; credentials come from boto3's own AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY. Images are linked directly from the bucket (or its CDN
# domain), so the bucket serves images/ and original_images/ publicly; documents
# stay private (no public ACL) and are streamed through Wagtail's document view.
S3_BUCKET = env("DJANGO_S3_BUCKET")
S3_CUSTOM_DOMAIN = env("DJANGO_S3_CUSTOM_DOMAIN")


def s3_media_storage(bucket, endpoint_url, region, custom_domain):
    """The media storage on an S3-compatible bucket (tests/recooperate/test_s3_media.py uses it too)."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url,
            "region_name": region,
            "custom_domain": custom_domain,
            "default_acl": None,
            # An upload never replaces another file of the same name.
            "file_overwrite": False,
            # With a public CDN domain, image URLs are plain and cacheable; without one,
            # they are signed for an hour.
            "querystring_auth": not custom_domain,
        },
    }


if S3_BUCKET:
    STORAGES["default"] = s3_media_storage(
        S3_BUCKET, env("DJANGO_S3_ENDPOINT_URL"), env("DJANGO_S3_REGION"), S3_CUSTOM_DOMAIN
    )
# Where images are served from besides the site itself (the Content-Security-Policy allows them).
if S3_CUSTOM_DOMAIN:
    _media_origin = f"https://{S3_CUSTOM_DOMAIN}"
elif S3_BUCKET and env("DJANGO_S3_ENDPOINT_URL"):
    _media_origin = env("DJANGO_S3_ENDPOINT_URL").rstrip("/")
elif S3_BUCKET:
    _media_origin = f"https://{S3_BUCKET}.s3.amazonaws.com"
else:
    _media_origin = None
MEDIA_ORIGINS = env_list("DJANGO_MEDIA_ORIGINS", [_media_origin] if _media_origin else [])
# Documents go through Wagtail's view (permissions, privacy collections), never a
# direct link to the file.
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# Two caches shared by every process on the machine (files under
# DJANGO_CACHE_DIR) or by every server (Redis, when REDIS_URL is set; Django's
# own backend, `pip install redis`): "pages" holds whole pages and must be
# shared, since a write in one process (an editor's publish, the scheduler)
# must invalidate what the others serve; "default" holds Wagtail's site root
# paths, which Wagtail clears itself.
CACHE_DIR = Path(env("DJANGO_CACHE_DIR", str(BASE_DIR / ".cache")))
REDIS_URL = env("REDIS_URL")
SHARED_CACHE_ALIASES = ("default", "pages")
if REDIS_URL:
    CACHES = {
        alias: {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": alias}
        for alias in SHARED_CACHE_ALIASES
    }
else:
    CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(CACHE_DIR / alias),
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
        for alias in SHARED_CACHE_ALIASES
    }
# Wagtail's rendition cache, in each process's memory: Wagtail 8.0 writes every
# rendition it reads from this cache back to it on each use (its find/get pair
# marks only prefetched ones as already cached), which in memory costs
# microseconds and in files or Redis most of a page's time. Keys name the
# image's file hash and focal point, so a replaced file or a moved focal point
# is a new key and nothing here can point at an old image; after purging
# renditions by hand (wagtail_update_image_renditions), restart the workers.
CACHES["renditions"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "renditions",
    "OPTIONS": {"MAX_ENTRIES": 10_000},
}

# The page cache (recooperate/pagecache.py).
PAGE_CACHE_ENABLED = env_bool("DJANGO_PAGE_CACHE", True)
PAGE_CACHE_ALIAS = "pages"
# A safety net: any write through the ORM invalidates at once; this bounds
# how long a write that sends no signal (raw SQL, QuerySet.update) can hide.
PAGE_CACHE_SECONDS = env_int("DJANGO_PAGE_CACHE_MINUTES", 10) * 60
# How long a CDN may keep a public page (s-maxage). Raise it only with the
# frontend-cache purge below configured, which purges every page on each change.
PAGE_CACHE_CDN_SECONDS = env_int("DJANGO_CDN_MAX_AGE", 0)
# The only query parameters pages read; the cache key ignores every other one.
PAGE_CACHE_QUERY_PARAMS = ("page", "topic")
# Models that no public page shows: writing them leaves the page cache alone.
# Everything else, including models added later, invalidates it.
PAGE_CACHE_IGNORED_MODELS = [
    "sessions.Session",
    "booking.AppointmentRequest",
    "booking.AppointmentRequestEvent",
    "booking.BookingRateLimitHit",
    "django_tasks_database.DBTaskResult",  # the django-tasks-db package's app label
    # The admin's "who else is editing" pings, every few seconds while a page is open.
    "wagtailadmin.EditingSession",
    "wagtailusers.UserProfile",
    # Sizes of an image made while rendering a page: a consequence of a view, not a change.
    "recooperate.CustomRendition",
    "axes.AccessAttempt",
    "axes.AccessFailureLog",
    "axes.AccessLog",
]

# Wagtail's frontend-cache purge, for a CDN or Varnish in front of the site:
# DJANGO_FRONTEND_CACHE_URL (an HTTP purge endpoint such as Varnish's), or
# DJANGO_CLOUDFLARE_BEARER_TOKEN with DJANGO_CLOUDFLARE_ZONE_ID.
WAGTAILFRONTENDCACHE = {}
if env("DJANGO_FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE["default"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env("DJANGO_FRONTEND_CACHE_URL"),
    }
if env("DJANGO_CLOUDFLARE_BEARER_TOKEN"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env("DJANGO_CLOUDFLARE_BEARER_TOKEN"),
        "ZONEID": env("DJANGO_CLOUDFLARE_ZONE_ID"),
    }
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = env("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
# A hanging mail server must never hold a worker (or a visitor) for long.
EMAIL_TIMEOUT = env_int("DJANGO_EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", "ReCOOPERate PT <hello@recooperatept.com>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks. "default" keeps running the blog's tasks in-process, as
# before. "booking" queues appointment-request mail in the database, so a
# visitor's response never waits on the mail server and a failed send is
# retried: `manage.py db_worker --backend booking` (`make run` starts it).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "booking": {"BACKEND": env("BOOKING_TASK_BACKEND", "django_tasks_db.DatabaseBackend")},
}

# Booking (appointment requests). Each limit counts per rolling window; 0
# switches it off, so a load test can lift them through the environment.
BOOKING_RATE_LIMIT_PER_IP = env_int("BOOKING_RATE_LIMIT_PER_IP", 10)
BOOKING_RATE_LIMIT_PER_EMAIL = env_int("BOOKING_RATE_LIMIT_PER_EMAIL", 5)
BOOKING_RATE_LIMIT_WINDOW_SECONDS = env_int("BOOKING_RATE_LIMIT_WINDOW_SECONDS", 60 * 60)
# Faster than this from showing the form to sending it is a bot's pace.
BOOKING_MIN_SECONDS = env_int("BOOKING_MIN_SECONDS", 3)
BOOKING_FORM_MAX_AGE_SECONDS = env_int("BOOKING_FORM_MAX_AGE_SECONDS", 2 * 24 * 60 * 60)
# Closed and spam requests older than this are anonymised by `purge_requests`.
BOOKING_RETENTION_DAYS = env_int("BOOKING_RETENTION_DAYS", 180)
# Where staff notifications go; empty means the email in Clinic settings.
BOOKING_NOTIFICATION_EMAIL = env("BOOKING_NOTIFICATION_EMAIL", "")
BOOKING_NOTIFICATION_MAX_ATTEMPTS = env_int("BOOKING_NOTIFICATION_MAX_ATTEMPTS", 24)
# Thank-you pages looked up per address per window: references cannot be guessed by trying.
BOOKING_THANK_YOU_LOOKUPS_PER_IP = env_int("BOOKING_THANK_YOU_LOOKUPS_PER_IP", 30)

# Where `manage.py backup` writes its archives (recooperate/backups.py). Not under MEDIA_ROOT or
# STATIC_ROOT (the command refuses both); copy the archives off the machine.
BACKUP_DIR = Path(env("DJANGO_BACKUP_DIR", str(BASE_DIR / "backups")))

# Fernet keys (comma-separated) for the free-text health details of appointment
# requests (booking/crypto.py): the first encrypts, every one decrypts, so a new key
# goes first and the old one stays until `manage.py rotate_encryption_key` has run.
# Generate one with: python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"
FIELD_ENCRYPTION_KEYS = env_list("DJANGO_FIELD_ENCRYPTION_KEYS")

# Patients' details never reach error reports: POST data is always withheld
# and booking views' local variables and exception messages are too.
DEFAULT_EXCEPTION_REPORTER = "booking.privacy.PatientDataExceptionReporter"
DEFAULT_EXCEPTION_REPORTER_FILTER = "booking.privacy.PatientDataExceptionReporterFilter"
# A friendly page (with the clinic's phone number) when a form's CSRF check fails.
CSRF_FAILURE_VIEW = "booking.views.csrf_failure"

# Proxies in front of the site that append to X-Forwarded-For (0: visitors connect
# to gunicorn directly and REMOTE_ADDR is theirs). The booking limits and the login
# lockout read the client's address through recooperate.security.client_ip; a higher
# count than the real one lets a client choose its own address.
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)
# Behind a proxy that terminates TLS and sets X-Forwarded-Proto: only then, since a
# client reaching the site directly could send that header itself.
if env_bool("DJANGO_TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Login lockout (django-axes) on Wagtail's and Django's admin login: five wrong
# passwords for one username from one address lock that pair for an hour. An admin
# unlocks at once with `manage.py axes_reset_username <username>` (or axes_reset).
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = env_int("DJANGO_LOGIN_LOCKOUT_MINUTES", 60) / 60  # hours
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "recooperate.security.client_ip"
AXES_LOCKOUT_TEMPLATE = "recooperate/login_locked.html"
AXES_USERNAME_FORM_FIELD = "username"
# Staff sign in again after a working day; a stolen session cookie is worth hours, not weeks.
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_HOURS", 10) * 60 * 60

# Security headers. The public site loads nothing from another origin and nothing
# inline (no script at all, for visitors); Wagtail's admin needs inline styles and
# blob:/data: images, and gets its own policy (recooperate/security.py).
ADMIN_URL_PREFIXES = ("/admin/", "/django-admin/")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        # 'self' for the Wagtail userbar editors see on the public site; visitors get no script.
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", *MEDIA_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "manifest-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
    },
}
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        # Wagtail 8's date pickers and inline panels still initialise from inline <script>s
        # whose text varies (ids, options), so neither hashes nor nonces can list them.
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *MEDIA_ORIGINS],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        # The page preview panel frames the admin's own preview view.
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), midi=(), payment=(), usb=()"
)
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Wagtail
WAGTAIL_SITE_NAME = "ReCOOPERate PT"
# A visitor who reaches a page behind a login or a password sees it in the site's layout (and
# nothing of the page itself: templates/recooperate/password_required.html).
WAGTAIL_FRONTEND_LOGIN_TEMPLATE = "recooperate/frontend_login.html"
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "recooperate/password_required.html"
# No Gravatar: staff avatars would be fetched from a third party, telling it who uses the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "recooperate.CustomImage"
WAGTAILIMAGES_IMAGE_FORM_BASE = "recooperate.image_form.ImageForm"
# Uploads: photos up to 10 MB and 40 megapixels (a 7,700 x 5,200 camera image). The
# pixel count is read from the file's header before anything is decoded, so a small
# file that would unpack into gigabytes (a decompression bomb) is refused. Raster
# formats only: an SVG can carry script.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("DJANGO_IMAGE_MAX_UPLOAD_MB", 10) * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("DJANGO_IMAGE_MAX_MEGAPIXELS", 40) * 1_000_000
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
# Wagtail's database backend, with queries made safe for SQLite FTS5 (see recooperate/search.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "recooperate.search"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_I18N_ENABLED = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Keeps exception messages raised while handling patients' data out of the log.
    "filters": {
        "patient_data": {"()": "booking.privacy.PatientDataLogFilter"},
        "no_query_strings": {"()": "recooperate.access_log.QueryStringFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["patient_data"]},
        # The development server's access log, as Django formats it, minus query strings.
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["no_query_strings", "patient_data"],
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "filters": ["require_debug_false", "patient_data"],
        },
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Replaces Django's default "django" logger, whose own console handler
        # would print every error a second time, unfiltered.
        "django": {"handlers": ["console", "mail_admins"], "level": "INFO", "propagate": False},
        # One line per background task and per page edit drowns out what matters.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
}


def require_secret_key():
    if not SECRET_KEY:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY in the environment.")
