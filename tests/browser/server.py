"""The site as a visitor meets it: `manage.py rundev` in its own process, on a scratch database.

The browser tests drive this server only through HTTP, as people do; nothing
in-process touches its database. It runs with DEBUG off and the page cache on,
so what a test sees is what production serves, and it can be stopped and
started again on the same database (the restart journey).
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Screenshots, page weights and what a failed journey saw (CI keeps this folder).
ARTIFACTS = Path(os.environ.get("BROWSER_ARTIFACTS", ROOT / "test-artifacts"))
PASSWORD = "browser-test-password"
# username -> group ("" for a superuser)
USERS = {"admin": "", "editor": "Editors", "manager": "Site managers", "reception": "Booking staff"}

CREATE_USERS = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
User = get_user_model()
for username, group in {users!r}.items():
    if User.objects.filter(username=username).exists():
        continue
    if group:
        user = User.objects.create_user(username, f"{{username}}@example.com", {password!r})
        user.groups.add(Group.objects.get(name=group))
    else:
        User.objects.create_superuser(username, f"{{username}}@example.com", {password!r})
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SiteServer:
    def __init__(self, scratch: Path):
        self.scratch = scratch
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None
        self.log = scratch / "server.log"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "recooperate.settings.dev",
            "DJANGO_DEBUG": "0",
            "DJANGO_SQLITE_PATH": str(scratch / "db.sqlite3"),
            "DJANGO_MEDIA_ROOT": str(scratch / "media"),
            "DJANGO_CACHE_DIR": str(scratch / "cache"),
            "DJANGO_STATIC_ROOT": str(scratch / "static"),
            "WAGTAILADMIN_BASE_URL": self.url,
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "PYTHONUNBUFFERED": "1",
        }

    def manage(self, *args):
        done = subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args], env=self.env, cwd=ROOT, capture_output=True, text=True
        )
        if done.returncode:
            raise RuntimeError(f"manage.py {args[0]} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")

    def set_up(self, migrated_database: Callable[[], Path] | None = None):
        """What `make run` does before serving: migrate, collect static files, load the demo; plus test users.

        With ``migrated_database`` (returning the test run's, tests/migrated.py), a copy of it stands in
        for migrating. Static files come first: they need no database, so they are collected while
        another worker may still be building that one.
        """
        self.manage("collectstatic", "--noinput")
        if migrated_database:
            shutil.copyfile(migrated_database(), self.env["DJANGO_SQLITE_PATH"])
        else:
            self.manage("migrate", "--noinput")
        self.manage("load_demo_content", "--no-admin")
        self.manage("shell", "-c", CREATE_USERS.format(users=USERS, password=PASSWORD))

    def start(self):
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                # As `make run` serves, without its code reloader: nothing edits code during a test, and
                # its file watcher would keep a tenth of a core busy for the whole browser run.
                [sys.executable, str(ROOT / "manage.py"), "rundev", f"127.0.0.1:{self.port}", "--noreload"],
                env=self.env,
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"The site server exited; see {self.log}:\n{self.log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(self.url + "/", timeout=2):
                    return
            except OSError:
                time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"The site server did not answer within 60 s; see {self.log}")

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGINT)  # as Ctrl-C: rundev stops its children too
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
