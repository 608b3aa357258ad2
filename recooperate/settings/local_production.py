"""The production settings on this machine, for `make serve`: production as it runs behind a proxy,
with what only a real deployment has filled in from local defaults.

Each default applies only when the variable is unset: the per-checkout secret and
encryption keys `make run` uses, plain HTTP served rather than redirected (there is no
TLS here), X-Forwarded-Proto trusted (so a request carrying `X-Forwarded-Proto: https`
is answered exactly as production answers it), and uploaded images served by Django.
Set before production.py reads the environment; every process `manage.py serve`
starts (gunicorn, the workers) loads this module again and gets the same values.
"""

import os
from pathlib import Path

from .keys import dev_encryption_key, dev_secret_key

_BASE_DIR = Path(__file__).resolve().parents[2]
for _name, _value in {
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    "DJANGO_TRUST_X_FORWARDED_PROTO": "1",
    "DJANGO_SERVE_MEDIA": "1",
    "WAGTAILADMIN_BASE_URL": "http://127.0.0.1:8000",
}.items():
    os.environ.setdefault(_name, _value)
if not os.environ.get("DJANGO_SECRET_KEY"):
    os.environ["DJANGO_SECRET_KEY"] = dev_secret_key(_BASE_DIR / ".secret_key")
if not os.environ.get("DJANGO_FIELD_ENCRYPTION_KEYS"):
    os.environ["DJANGO_FIELD_ENCRYPTION_KEYS"] = dev_encryption_key(_BASE_DIR / ".encryption_key")

from .production import *  # noqa: E402, F403
