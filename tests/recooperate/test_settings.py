"""Settings that protect production: loaded in a fresh interpreter, as a server would load them."""

import json
import logging
import logging.config
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "recooperate.settings.production",
    "DJANGO_SECRET_KEY": "x" * 50,
    "DJANGO_FIELD_ENCRYPTION_KEYS": "dGVzdHMtb25seS1ub3Qtc2VjcmV0LWtleS0zMmJ5dGU=",
    "WAGTAILADMIN_BASE_URL": "https://recooperatept.example",
}
PROBE = (
    "import json; from django.conf import settings as s; "
    "print(json.dumps({'debug': s.DEBUG, 'proxies': s.TRUSTED_PROXY_COUNT, 'proxy_ssl': getattr(s, 'SECURE_PROXY_SSL_HEADER', None), "
    "'default_tasks': s.TASKS['default']['BACKEND'], 'booking_tasks': s.TASKS['booking']['BACKEND'], "
    "'hsts': s.SECURE_HSTS_SECONDS, 'admin_url': s.WAGTAILADMIN_BASE_URL}))"
)


def load_settings(env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "WAGTAIL", "BOOKING_"))}
    return subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=120
    )


def test_production_settings_queue_background_work_and_trust_no_header_unless_told():
    result = load_settings(PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded == {
        "debug": False,
        "proxies": 0,
        "proxy_ssl": None,
        "default_tasks": "django_tasks_db.DatabaseBackend",
        "booking_tasks": "django_tasks_db.DatabaseBackend",
        "hsts": 31536000,
        "admin_url": "https://recooperatept.example",
    }


def test_behind_a_tls_proxy_the_forwarded_scheme_and_address_are_trusted_when_configured():
    result = load_settings({**PRODUCTION_ENV, "DJANGO_TRUST_X_FORWARDED_PROTO": "1", "DJANGO_TRUSTED_PROXY_COUNT": "1"})
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["proxies"] == 1
    assert loaded["proxy_ssl"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_production_refuses_to_start_without_its_public_address_or_secret_keys():
    for missing in ("WAGTAILADMIN_BASE_URL", "DJANGO_SECRET_KEY", "DJANGO_FIELD_ENCRYPTION_KEYS"):
        env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
        result = load_settings(env)
        assert result.returncode != 0
        assert missing in result.stderr


def test_django_errors_are_logged_once_through_the_patient_data_filter():
    logging.config.dictConfig(settings.LOGGING)
    django_logger = logging.getLogger("django")
    assert django_logger.propagate is False
    assert {type(h).__name__ for h in django_logger.handlers} == {"StreamHandler", "AdminEmailHandler"}
    for handler in django_logger.handlers:
        assert any(type(f).__name__ == "PatientDataLogFilter" for f in handler.filters), handler


def test_the_deploy_checklist_passes_with_production_settings():
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "WAGTAIL", "BOOKING_"))}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**clean, **PRODUCTION_ENV, "DJANGO_SECRET_KEY": "a-long-random-production-secret-" * 3},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_s3_media_storage_is_used_and_allowed_by_the_policy_when_a_bucket_is_named():
    probe = (
        "import json; from django.conf import settings as s; "
        "print(json.dumps({'storage': s.STORAGES['default'], 'img': s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']}))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "WAGTAIL", "BOOKING_"))}
    env = {**clean, **PRODUCTION_ENV, "DJANGO_S3_BUCKET": "clinic-media", "DJANGO_S3_CUSTOM_DOMAIN": "media.example"}
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["storage"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert loaded["storage"]["OPTIONS"]["bucket_name"] == "clinic-media"
    assert loaded["storage"]["OPTIONS"]["default_acl"] is None
    assert loaded["img"] == ["'self'", "https://media.example"]


def test_a_database_url_selects_postgresql():
    probe = "import json; from django.conf import settings as s; print(json.dumps(s.DATABASES['default']))"
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "WAGTAIL", "BOOKING_"))}
    env = {**clean, **PRODUCTION_ENV, "DJANGO_DATABASE_URL": "postgres://clinic:s3cret@db.internal:5432/recooperate"}
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    database = json.loads(result.stdout)
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["HOST"], database["USER"]) == ("recooperate", "db.internal", "clinic")
    assert database["CONN_HEALTH_CHECKS"] is True
