"""What a visitor sees while the mail server is down, and what happens when it comes back.

Not part of the test suite. From the repository root:

    .venv/bin/python tests/load/booking_mail_outage.py

For each outage (a port that refuses connections, and a server that accepts
and never answers) it builds a scratch site, serves it with gunicorn on
127.0.0.1 with the production settings and SMTP pointed at the outage, sends a
booking and times the response, then runs the sender as the worker would
(it fails and schedules a retry), then "brings the server back" as a small
SMTP sink on the same port and runs the sender again. It prints, per outage:
the response time, the request's mail status after the failed attempt, and how
many mails the sink received. Loopback only; bounded in time.
"""

import http.client
import secrets
import shutil
import socketserver
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from booking_load import (  # noqa: E402 (the sibling script's helpers)
    HOST,
    PYTHON,
    ROOT,
    SEED_SLUG,
    form_body,
    free_port,
    manage,
    open_form,
    scratch_environment,
    wait_until_serving,
)

EMAIL_TIMEOUT = 3


class HangingServer(socketserver.ThreadingTCPServer):
    """Accepts connections and never says a word, like a mail server that has hung."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port):
        class Handler(socketserver.BaseRequestHandler):
            def handle(self):
                time.sleep(EMAIL_TIMEOUT * 4)

        super().__init__((HOST, port), Handler)


class SmtpSink(socketserver.ThreadingTCPServer):
    """Just enough SMTP to accept mail: the server "coming back"."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port):
        self.received = 0
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            def reply(self, line):
                self.wfile.write(line.encode() + b"\r\n")

            def handle(self):
                self.reply("220 sink ready")
                while line := self.rfile.readline():
                    command = line.decode(errors="replace").strip().upper()
                    if command.startswith(("HELO", "EHLO")):
                        self.reply("250 sink")
                    elif command == "DATA":
                        self.reply("354 go ahead")
                        while self.rfile.readline() not in (b".\r\n", b""):
                            pass
                        sink.received += 1
                        self.reply("250 queued")
                    elif command == "QUIT":
                        self.reply("221 bye")
                        return
                    else:
                        self.reply("250 ok")

        super().__init__((HOST, port), Handler)


def serve_in_background(server):
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def mail_status(db_path):
    with sqlite3.connect(db_path, timeout=30) as connection:
        return connection.execute(
            "SELECT notification_status, notification_attempts FROM booking_appointmentrequest ORDER BY id DESC LIMIT 1"
        ).fetchone()


def run(outage):
    scratch = Path(tempfile.mkdtemp(prefix="booking-mail-"))
    port, smtp_port = free_port(), free_port()
    env = scratch_environment(scratch, port, sqlite_defaults=False)
    env.update(
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        DJANGO_EMAIL_HOST=HOST,
        DJANGO_EMAIL_PORT=str(smtp_port),
        DJANGO_EMAIL_TIMEOUT=str(EMAIL_TIMEOUT),
        BOOKING_NOTIFICATION_EMAIL="team@example.com",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
    )
    db_path = env["DJANGO_SQLITE_PATH"]
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "load_demo_content", "--no-admin")
    with sqlite3.connect(db_path) as connection:
        source_id = connection.execute("SELECT id FROM wagtailcore_page WHERE slug = ?", (SEED_SLUG,)).fetchone()[0]

    hanging = serve_in_background(HangingServer(smtp_port)) if outage == "hanging" else None
    gunicorn = [
        str(Path(PYTHON).with_name("gunicorn")),
        "recooperate.wsgi",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        "2",
    ]
    server = subprocess.Popen(gunicorn, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_serving(port, server, time.monotonic() + 60)
        form = open_form(port, source_id)
        connection = http.client.HTTPConnection(HOST, port, timeout=30)
        started = time.monotonic()
        connection.request(
            "POST",
            "/book/",
            body=form_body(form, 1),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": form["cookie"]},
        )
        response = connection.getresponse()
        response.read()
        seconds = time.monotonic() - started
        thanks = http.client.HTTPConnection(HOST, port, timeout=30)
        thanks.request("GET", response.getheader("Location"))
        thanks_status = thanks.getresponse().status

        started = time.monotonic()
        subprocess.run(
            [PYTHON, "manage.py", "send_pending_notifications"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=120,
        )
        attempt_seconds = time.monotonic() - started
        after_failure = mail_status(db_path)

        if hanging is not None:
            hanging.shutdown()
            hanging.server_close()
        sink = serve_in_background(SmtpSink(smtp_port))
        subprocess.run(
            [PYTHON, "manage.py", "send_pending_notifications", "--force"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=120,
        )
        after_recovery = mail_status(db_path)
        sink.shutdown()
        sink.server_close()
        print(
            f"{outage:8} POST answered {response.status} in {seconds:.2f}s, thank-you page {thanks_status}; "
            f"send attempt took {attempt_seconds:.1f}s -> mail {after_failure[0]} (attempt {after_failure[1]}); "
            f"server back -> mail {after_recovery[0]}, sink received {sink.received} mails"
        )
        return response.status == 302 and seconds < 1 and after_recovery[0] == "sent" and sink.received == 2
    finally:
        server.terminate()
        server.wait(timeout=15)
        shutil.rmtree(scratch, ignore_errors=True)


def main():
    results = [run("refusing"), run("hanging")]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
