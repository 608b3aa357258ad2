"""The MDN HTTP Observatory's grade for the main public pages and the admin, on the production stack.

    make observatory        (Node's npm, and openssl, needed; see README)

Builds a scratch copy of the demo site, serves it with gunicorn and the
production settings twice over the same database: over TLS (a certificate made
for the run and trusted by the scan, as a TLS-terminating proxy would present a real one) and over
plain HTTP (which must redirect to HTTPS), and runs the Observatory's own
tests and grading (@mdn/mdn-http-observatory, tests/perf/observatory.mjs) on
each path. Everything listens on 127.0.0.1 and is stopped at the end.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
HOST = "127.0.0.1"
PATHS = {
    "home": "/",
    "article": "/blog/5-signs-you-might-need-running-specific-physical-therapy/",
    "blog": "/blog/",
    "booking form": "/book/",
    "admin sign-in": "/admin/login/",
}


def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def environment(scratch, https_port):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "WAGTAIL", "BOOKING_", "GUNICORN_"))}
    return {
        **clean,
        "DJANGO_SETTINGS_MODULE": "recooperate.settings.production",
        "DJANGO_SECRET_KEY": Fernet.generate_key().decode() * 2,
        "DJANGO_FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "WAGTAILADMIN_BASE_URL": f"https://localhost:{https_port}",
        "DJANGO_ALLOWED_HOSTS": "localhost,127.0.0.1",
        "DJANGO_SECURE_SSL_HOST": f"localhost:{https_port}",
        "DJANGO_SQLITE_PATH": str(scratch / "site.sqlite3"),
        "DJANGO_MEDIA_ROOT": str(scratch / "media"),
        "DJANGO_STATIC_ROOT": str(scratch / "static"),
        "DJANGO_CACHE_DIR": str(scratch / "cache"),
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DJANGO_LOG_LEVEL": "WARNING",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_ACCESS_LOG": str(scratch / "access.log"),
    }


def manage(env, *args):
    subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], cwd=ROOT, env=env, check=True, capture_output=True)


def gunicorn(env, port, log, *tls):
    return subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "-c", str(ROOT / "recooperate" / "gunicorn.conf.py")]
        + ["--bind", f"{HOST}:{port}", *tls, "recooperate.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def wait_for(url, process):
    import ssl

    context = ssl._create_unverified_context()  # the self-signed certificate made above
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn exited early (code {process.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=2, context=context):
                return
        except OSError:
            time.sleep(0.25)
    sys.exit(f"{url} did not answer within 60 s")


def observatory(http_port, https_port, path, certificate):
    done = subprocess.run(
        ["node", str(ROOT / "tests" / "perf" / "observatory.mjs"), "localhost", str(http_port), str(https_port), path],
        cwd=ROOT,
        # The scan trusts this run's certificate, as browsers trust a real one: an untrusted
        # certificate would cost the HTTPS redirect and HSTS their points.
        env={**os.environ, "NODE_EXTRA_CA_CERTS": str(certificate)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    if done.returncode:
        sys.exit(f"The Observatory scan of {path} failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout)


def main():
    if not (ROOT / "node_modules" / "@mdn" / "mdn-http-observatory").exists():
        sys.exit("The Observatory is not installed: run `npm ci --ignore-scripts` (make observatory does).")
    scratch = Path(tempfile.mkdtemp(prefix="recooperate-observatory-"))
    http_port, https_port = free_port(), free_port()
    env = environment(scratch, https_port)
    servers = []
    try:
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost"]
            + ["-addext", "subjectAltName=DNS:localhost"]
            + ["-keyout", str(scratch / "key.pem"), "-out", str(scratch / "cert.pem")],
            check=True,
            capture_output=True,
        )
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        manage(env, "load_demo_content", "--no-admin")
        with open(scratch / "server.log", "wb") as log:
            tls = ["--certfile", str(scratch / "cert.pem"), "--keyfile", str(scratch / "key.pem")]
            servers.append(gunicorn(env, https_port, log, *tls))
            servers.append(gunicorn(env, http_port, log))
        wait_for(f"https://{HOST}:{https_port}/", servers[0])
        wait_for(f"http://{HOST}:{http_port}/admin/login/", servers[1])
        print(f"{'page':<15}{'grade':>7}{'score':>7}   tests not passed")
        for label, path in PATHS.items():
            result = observatory(http_port, https_port, path, scratch / "cert.pem")
            failed = [f"{name} ({test['result']})" for name, test in result["tests"].items() if not test["pass"]]
            print(f"{label:<15}{result['grade']:>7}{result['score']:>7}   {', '.join(failed) or '-'}")
        print("(MDN HTTP Observatory's tests and grading, @mdn/mdn-http-observatory; production settings, gunicorn)")
    finally:
        for server in servers:
            server.send_signal(signal.SIGTERM)
        for server in servers:
            server.wait(timeout=30)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
