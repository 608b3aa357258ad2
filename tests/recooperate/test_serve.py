"""`manage.py serve` (what `make serve` starts): the production settings, gunicorn and the workers, as a
server runs them, on a scratch database. Checked over HTTP only, as a proxy in front would talk to it."""

import http.client
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.migrated import copy_migrated_database
from tests.recooperate.test_dev_processes import (
    HOST,
    START_TIMEOUT,
    STOP_TIMEOUT,
    free_port,
    processes_of,
    wait_until,
)

ROOT = Path(__file__).resolve().parents[2]
PATIENT = "Zephyrine Quillfeather"
PASSWORD = "serve-test-password"
SET_UP = f"""
from django.contrib.auth import get_user_model
from tests.factories import make_appointment_request
get_user_model().objects.create_superuser("admin", "admin@example.com", {PASSWORD!r})
make_appointment_request(first_name="Zephyrine", last_name="Quillfeather")
"""


def production_env(scratch, **extra):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "WAGTAIL", "BOOKING_", "GUNICORN_"))}
    return {
        **clean,
        "DJANGO_SETTINGS_MODULE": "recooperate.settings.production",
        "DJANGO_SECRET_KEY": "tests-only-not-secret-" * 3,
        "DJANGO_FIELD_ENCRYPTION_KEYS": "dGVzdHMtb25seS1ub3Qtc2VjcmV0LWtleS0zMmJ5dGU=",
        "WAGTAILADMIN_BASE_URL": "https://recooperatept.example",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,recooperatept.example",
        "DJANGO_SQLITE_PATH": str(scratch / "db.sqlite3"),
        "DJANGO_CACHE_DIR": str(scratch / "cache"),
        "DJANGO_MEDIA_ROOT": str(scratch / "media"),
        "DJANGO_STATIC_ROOT": str(scratch / "static"),
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DJANGO_SERVE_MEDIA": "1",
        "DJANGO_TRUST_X_FORWARDED_PROTO": "1",
        "GUNICORN_WORKERS": "2",
        "PYTHONUNBUFFERED": "1",
        **extra,
    }


def manage(env, *args):
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return done


def request(port, path, *, method="GET", https=True, headers=None, body=None):
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        sent = {"Host": "127.0.0.1", **({"X-Forwarded-Proto": "https"} if https else {}), **(headers or {})}
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read(), response.headers.get_all("Set-Cookie")
    finally:
        connection.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    scratch = tmp_path_factory.mktemp("serve")
    env = production_env(scratch)
    copy_migrated_database(tmp_path_factory, Path(env["DJANGO_SQLITE_PATH"]))
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "load_demo_content", "--no-admin")
    manage(env, "shell", "-c", SET_UP)
    port = free_port()
    output = scratch / "serve.log"
    with output.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "serve", f"{HOST}:{port}"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    def answers():
        try:
            return request(port, "/")[0] == 200
        except OSError:
            return False

    try:
        wait_until(lambda: answers() or process.poll() is not None, START_TIMEOUT, output.read_text)
        assert process.poll() is None, output.read_text()
        yield port, output, env
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=STOP_TIMEOUT)
        finally:
            for pid in processes_of(env):
                os.kill(pid, signal.SIGKILL)


def test_serve_runs_gunicorn_the_task_workers_and_the_scheduler(served):
    port, output, env = served
    commands = {Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode() for pid in processes_of(env)}
    assert any("gunicorn" in command and f"--bind {HOST}:{port}" in command for command in commands)
    assert any(command.rstrip().endswith("manage.py db_worker") for command in commands)
    assert any("db_worker --backend booking" in command for command in commands)
    assert any("run_scheduler" in command for command in commands)


def test_plain_http_is_redirected_and_a_forwarded_https_request_is_answered_as_production(served):
    port, _output, _env = served
    status, headers, _body, _cookies = request(port, "/blog/", https=False)
    assert status == 301
    assert headers["Location"] == "https://127.0.0.1/blog/"

    status, headers, body, _cookies = request(port, "/blog/")
    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]
    # Canonical links say https, as the proxy's visitors see the site.
    assert re.search(rb'<link rel="canonical" href="https://[^"]+/blog/">', body)
    # Static files come hashed from WhiteNoise, cacheable for a year.
    stylesheet = re.search(rb'href="(/static/css/[^"]+\.[0-9a-f]{12}\.css)"', body).group(1).decode()
    status, headers, _body, _cookies = request(port, stylesheet)
    assert status == 200 and "max-age=315360000" in headers["Cache-Control"]


def test_uploaded_images_are_served_but_documents_only_through_wagtails_view(served):
    port, _output, env = served
    _status, _headers, body, _cookies = request(port, "/blog/5-signs-you-might-need-running-specific-physical-therapy/")
    image = re.search(rb'src="(/media/images/[^"]+)"', body).group(1).decode()
    status, headers, _body, _cookies = request(port, image)
    assert status == 200 and headers["Content-Type"].startswith("image/")

    documents = Path(env["DJANGO_MEDIA_ROOT"]) / "documents"
    documents.mkdir(parents=True, exist_ok=True)
    (documents / "intake-form.pdf").write_bytes(b"%PDF-1.4 private")
    assert request(port, "/media/documents/intake-form.pdf")[0] == 404


def test_a_staff_search_for_a_patient_leaves_no_trace_in_the_access_log(served):
    port, output, _env = served
    _status, _headers, body, cookies = request(port, "/admin/login/")
    csrf_cookie = next(c.split(";")[0] for c in cookies if c.startswith("csrftoken="))
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = f"csrfmiddlewaretoken={token}&username=admin&password={PASSWORD}&next=/admin/"
    status, _headers, _body, cookies = request(
        port,
        "/admin/login/",
        method="POST",
        body=form,
        headers={
            "Cookie": csrf_cookie,
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": "https://127.0.0.1/admin/login/",
        },
    )
    assert status == 302
    session = next(c.split(";")[0] for c in cookies if c.startswith("sessionid="))
    query = "?q=Zephyrine+Quillfeather"
    status, _headers, body, _cookies = request(
        port,
        f"/admin/booking/requests/{query}",
        headers={"Cookie": session, "Referer": f"https://127.0.0.1/admin/booking/requests/{query}"},
    )
    assert status == 200
    assert b"Quillfeather" in body  # the search found the patient...

    def logged():
        return "/admin/booking/requests/" in output.read_text()

    wait_until(logged, 10, output.read_text)
    log = output.read_text()
    assert "Zephyrine" not in log and "Quillfeather" not in log  # ...and the log never heard of them
    assert '"GET /admin/booking/requests/ HTTP/1.1" 200' in log
