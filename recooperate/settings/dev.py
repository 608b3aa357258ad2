from .base import *  # noqa: F403
from .base import BASE_DIR, FIELD_ENCRYPTION_KEYS, dev_encryption_key, dev_secret_key, env, env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = env("DJANGO_SECRET_KEY") or dev_secret_key(BASE_DIR / ".secret_key")
EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# The development server serves uploads itself, with DEBUG on or off.
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", True)
# A per-checkout key beside .secret_key, so `make run` works with no set-up.
FIELD_ENCRYPTION_KEYS = FIELD_ENCRYPTION_KEYS or [dev_encryption_key(BASE_DIR / ".encryption_key")]
