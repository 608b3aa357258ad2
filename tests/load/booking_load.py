"""Load test for the booking form: many simultaneous POSTs to gunicorn on SQLite.

Not part of the test suite (pytest only collects test_*.py). Run it from the
repository root:

    .venv/bin/python tests/load/booking_load.py            # 200 POSTs at once
    .venv/bin/python tests/load/booking_load.py --sqlite-defaults   # the same with Django's default SQLite options

It builds a scratch site (SQLite file, static and media folders in a temporary
directory, the demo content), starts gunicorn on 127.0.0.1 on a free port with
the production settings and the booking limits lifted through the environment
(BOOKING_RATE_LIMIT_PER_IP=0, BOOKING_RATE_LIMIT_PER_EMAIL=0,
BOOKING_MIN_SECONDS=0), opens one booking form per simulated visitor, then
sends every form at the same moment. It prints how many were sent, how many
requests were saved and how many POSTs failed; then it sends one form many
times at once, which must store exactly one request. Everything stays on the
loopback interface, the run is bounded in time, and gunicorn is stopped at the
end.
"""

import argparse
import http.client
import os
import re
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
HOST = "127.0.0.1"
SEED_SLUG = "5-signs-you-might-need-running-specific-physical-therapy"


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def scratch_environment(scratch, port, sqlite_defaults):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "recooperate.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_SQLITE_PATH": str(scratch / "load.sqlite3"),
        "DJANGO_STATIC_ROOT": str(scratch / "static"),
        "DJANGO_MEDIA_ROOT": str(scratch / "media"),
        "DJANGO_CACHE_DIR": str(scratch / "cache"),
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DJANGO_LOG_LEVEL": "WARNING",
        "WAGTAILADMIN_BASE_URL": f"http://{HOST}:{port}",
        "BOOKING_RATE_LIMIT_PER_IP": "0",
        "BOOKING_RATE_LIMIT_PER_EMAIL": "0",
        "BOOKING_MIN_SECONDS": "0",
    }
    if sqlite_defaults:
        # A settings module that drops the project's SQLite options, to show what they are for.
        (scratch / "load_settings_defaults.py").write_text(
            "from recooperate.settings.production import *  # noqa\nDATABASES['default']['OPTIONS'] = {}\n"
        )
        env["DJANGO_SETTINGS_MODULE"] = "load_settings_defaults"
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(scratch), env.get("PYTHONPATH", "")]))
    return env


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def wait_until_serving(port, process, deadline):
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn exited before it was ready; see its log")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", "/book/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("gunicorn did not answer in time")


def open_form(port, source_id):
    """GET the form as a new visitor: returns the cookie, CSRF token and one-time form key."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    connection.request("GET", f"/book/?from={source_id}")
    response = connection.getresponse()
    html = response.read().decode()
    cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie", "")).group(1)
    return {
        "cookie": f"csrftoken={cookie}",
        "csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1),
        "form_key": re.search(r'name="form_key" value="([^"]+)"', html).group(1),
        "source": re.search(r'name="source" value="(\d*)"', html).group(1),
    }


def form_body(form, n):
    fields = [
        ("csrfmiddlewaretoken", form["csrfmiddlewaretoken"]),
        ("form_key", form["form_key"]),
        ("source", form["source"]),
        ("first_name", "Load"),
        ("last_name", f"Tester {n}"),
        ("email", f"load{n}@example.com"),
        ("phone", "(212) 555-0147"),
        ("preferred_contact", "email"),
        ("patient_type", "new"),
        ("reason", "recurring_injury"),
        ("reason_details", "Load test"),
        ("body_area", "knee"),
        ("payment", "self_pay"),
        ("has_referral", "no"),
        ("preferred_times", "mon-morning"),
        ("preferred_times", "thu-evening"),
        ("consent_to_contact", "on"),
        ("privacy_acknowledged", "on"),
        ("website", ""),
    ]
    return urllib.parse.urlencode(fields)


def fire(port, posts, timeout):
    """Send every (form, body) at the same moment; returns one (status or error, location, seconds) each."""
    results = [None] * len(posts)
    barrier = threading.Barrier(len(posts))

    def send(index, form, body):
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
            barrier.wait(timeout=timeout)
            started = time.monotonic()
            connection.request(
                "POST",
                "/book/",
                body=body,
                headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": form["cookie"]},
            )
            response = connection.getresponse()
            response.read()
            results[index] = (response.status, response.getheader("Location"), time.monotonic() - started)
        except Exception as error:  # noqa: BLE001 (every failure is counted and reported)
            results[index] = (type(error).__name__, None, None)

    threads = [threading.Thread(target=send, args=(i, form, body), daemon=True) for i, (form, body) in enumerate(posts)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + timeout + 5
    for thread in threads:
        thread.join(max(0, deadline - time.monotonic()))
    return [result or ("no answer", None, None) for result in results]


def count_rows(db_path, table):
    with sqlite3.connect(db_path, timeout=30) as connection:
        return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: S608 (fixed names)


def summarise(results):
    statuses = {}
    for status, _location, _seconds in results:
        statuses[status] = statuses.get(status, 0) + 1
    times = sorted(seconds for _status, _location, seconds in results if seconds is not None)
    latency = ""
    if times:
        latency = (
            f"median {times[len(times) // 2]:.2f}s, 95th percentile {times[int(len(times) * 0.95) - 1]:.2f}s, "
            f"slowest {times[-1]:.2f}s"
        )
    return statuses, latency


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=200, help="simultaneous POSTs (default 200, at most 500)")
    parser.add_argument("--duplicates", type=int, default=20, help="simultaneous POSTs of one form (default 20)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes (default 4)")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker (default 4)")
    parser.add_argument("--timeout", type=float, default=60, help="seconds each POST may take (default 60)")
    parser.add_argument("--sqlite-defaults", action="store_true", help="drop the project's SQLite OPTIONS to compare")
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory and print its path")
    args = parser.parse_args()
    posts = max(1, min(args.posts, 500))

    scratch = Path(tempfile.mkdtemp(prefix="booking-load-"))
    port = free_port()
    env = scratch_environment(scratch, port, args.sqlite_defaults)
    db_path = env["DJANGO_SQLITE_PATH"]
    print(f"Scratch site in {scratch}; building it (migrate, collectstatic, demo content)...", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "load_demo_content", "--no-admin")
    with sqlite3.connect(db_path) as connection:
        source_id = connection.execute("SELECT id FROM wagtailcore_page WHERE slug = ?", (SEED_SLUG,)).fetchone()[0]

    log = scratch / "gunicorn.log"
    command = [
        str(Path(PYTHON).with_name("gunicorn")),
        "recooperate.wsgi",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(args.workers),
        "--threads",
        str(args.threads),
        "--timeout",
        "60",
        "--backlog",
        "1024",
        "--error-logfile",
        str(log),
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_serving(port, server, time.monotonic() + 60)
        print(
            f"gunicorn (pid {server.pid}) on http://{HOST}:{port}/ with {args.workers} workers x {args.threads} threads",
            flush=True,
        )
        database = (
            "Django's default SQLite options"
            if args.sqlite_defaults
            else "the project's SQLite options (IMMEDIATE, WAL, timeout)"
        )
        print(f"Database: {database}")
        print("Limits lifted: BOOKING_RATE_LIMIT_PER_IP=0 BOOKING_RATE_LIMIT_PER_EMAIL=0 BOOKING_MIN_SECONDS=0")

        print(f"Opening {posts} forms, one per visitor...", flush=True)
        forms = [open_form(port, source_id) for _ in range(posts)]
        before = count_rows(db_path, "booking_appointmentrequest")
        print(f"Sending {posts} forms at once...", flush=True)
        results = fire(port, [(form, form_body(form, n)) for n, form in enumerate(forms)], args.timeout)
        saved = count_rows(db_path, "booking_appointmentrequest") - before
        statuses, latency = summarise(results)
        errors = posts - statuses.get(302, 0)
        queued = count_rows(db_path, "django_tasks_database_dbtaskresult")
        print()
        print(f"sent:   {posts}")
        print(f"saved:  {saved}")
        print(f"errors: {errors}")
        print(f"responses: {statuses}; mail queued for {queued} requests")
        print(f"response times: {latency}")

        if args.duplicates > 1:
            form = open_form(port, source_id)
            body = form_body(form, 10_000)
            before = count_rows(db_path, "booking_appointmentrequest")
            duplicate_results = fire(port, [(form, body)] * args.duplicates, args.timeout)
            stored = count_rows(db_path, "booking_appointmentrequest") - before
            locations = {location for _status, location, _seconds in duplicate_results}
            statuses, _latency = summarise(duplicate_results)
            print()
            print(
                f"one form sent {args.duplicates} times at once: stored {stored}, responses {statuses}, "
                f"{len(locations)} distinct thank-you page(s)"
            )
        ok = saved == posts and errors == 0
        return 0 if ok else 1
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        if args.keep:
            print(f"\nKept {scratch} (gunicorn log: {log})")
        else:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
