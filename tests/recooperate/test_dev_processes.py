"""Background work runs without extra steps: the scheduler publishes what editors scheduled, and
`manage.py rundev` (what `make run` starts) keeps the web server, the mail worker and the scheduler
running together and stops them together."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from blog.models import ArticlePage
from tests.factories import make_article
from tests.migrated import copy_migrated_database

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
# Upper bounds for a slow machine, not expectations: each wait ends as soon as its condition holds.
START_TIMEOUT = 60
STOP_TIMEOUT = 30


# The scheduler


@pytest.mark.django_db
def test_scheduler_publishes_scheduled_articles_and_unpublishes_expired_ones(blog, client):
    past = timezone.now() - timedelta(minutes=5)
    scheduled = make_article(blog, live=False, title="Scheduled")
    # Where an editor's "go live at" leaves a page once that moment has passed (as Wagtail's own tests set it up).
    scheduled.go_live_at = past
    scheduled.save_revision(approved_go_live_at=past)
    expiring = make_article(blog, title="Expiring")
    ArticlePage.objects.filter(pk=expiring.pk).update(expire_at=past)
    assert client.get(scheduled.url).status_code == 404
    assert client.get(expiring.url).status_code == 200

    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("run_scheduler", "--once")

    scheduled.refresh_from_db()
    expiring.refresh_from_db()
    assert scheduled.live
    assert (expiring.live, expiring.expired) == (False, True)
    assert client.get(scheduled.url).status_code == 200
    assert client.get(expiring.url).status_code == 404


@pytest.mark.django_db
def test_scheduler_keeps_going_after_a_failed_run_and_stops_on_sigterm(caplog):
    calls = []

    def publish_scheduled(name):
        calls.append(name)
        if len(calls) == 1:
            raise RuntimeError("database is locked")
        if len(calls) == 2:
            os.kill(os.getpid(), signal.SIGTERM)  # handled by the command: this run ends, then the loop
            return
        pytest.fail("the scheduler ran again after SIGTERM")

    handler_before = signal.getsignal(signal.SIGTERM)
    with mock.patch("recooperate.management.commands.run_scheduler.call_command", publish_scheduled):
        call_command("run_scheduler", "--interval", "0")

    assert calls == ["publish_scheduled", "publish_scheduled"]
    assert "publish_scheduled failed" in caplog.text
    assert signal.getsignal(signal.SIGTERM) is handler_before


# rundev, as a real process tree


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def children(pid):
    """Direct children of ``pid``, read from /proc as `pgrep -P` does."""
    found = set()
    for path in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found.update(int(child) for child in path.read_text().split())
        except FileNotFoundError:
            pass  # the thread or the process has just ended
    return found


def command_line(pid):
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
    except FileNotFoundError:
        return ""


def is_running(proc):
    # A zombie (Z) has ended: only its exit code is left for its parent.
    return (proc / "stat").read_text().rpartition(")")[2].split()[0] not in ("Z", "X")


def processes_of(env):
    """Every running process started with ``env``'s scratch database: rundev, its children and theirs,
    even one whose parent has died."""
    marker = f"\0DJANGO_SQLITE_PATH={env['DJANGO_SQLITE_PATH']}\0".encode()
    found = set()
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if marker in b"\0" + (proc / "environ").read_bytes() and is_running(proc):
                found.add(int(proc.name))
        except OSError:
            pass  # ended meanwhile, or not ours to read
    return found


def wait_until(condition, timeout, message):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(message())
        time.sleep(0.2)


def answers_http(port):
    connection = http.client.HTTPConnection(HOST, port, timeout=5)
    try:
        connection.request("GET", "/admin/login/")
        return connection.getresponse().status > 0
    except OSError:
        return False
    finally:
        connection.close()


@pytest.fixture(scope="module")
def dev_environment(tmp_path_factory):
    """The development settings on a freshly migrated scratch database (tests/migrated.py), caches and media."""
    scratch = tmp_path_factory.mktemp("rundev")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "WAGTAIL", "BOOKING_"))}
    env = {
        **clean,
        "DJANGO_SETTINGS_MODULE": "recooperate.settings.dev",
        "DJANGO_SECRET_KEY": "tests-only-not-secret",
        "DJANGO_SQLITE_PATH": str(scratch / "db.sqlite3"),
        "DJANGO_CACHE_DIR": str(scratch / "cache"),
        "DJANGO_MEDIA_ROOT": str(scratch / "media"),
        "DJANGO_STATIC_ROOT": str(scratch / "static"),
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    copy_migrated_database(tmp_path_factory, scratch / "db.sqlite3")
    return env


@pytest.fixture
def rundev(dev_environment, tmp_path):
    """`manage.py rundev` on a free port, once it answers: the process, its port and its output file."""
    port = free_port()
    output = tmp_path / "rundev.log"
    with output.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "rundev", f"{HOST}:{port}"],
            cwd=ROOT,
            env=dev_environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until(
            lambda: answers_http(port) or process.poll() is not None,
            START_TIMEOUT,
            lambda: f"rundev did not answer on port {port}:\n{output.read_text()}",
        )
        assert process.poll() is None, output.read_text()
        yield process, port, output
    finally:
        # Whatever a failed test left behind.
        for pid in processes_of(dev_environment):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        process.wait(timeout=STOP_TIMEOUT)


def wait_until_all_stopped(env):
    wait_until(
        lambda: not processes_of(env),
        STOP_TIMEOUT,
        lambda: "still running: " + ", ".join(command_line(pid) for pid in processes_of(env)),
    )


def test_rundev_runs_server_mail_worker_and_scheduler_and_one_ctrl_c_stops_them_all(rundev, dev_environment):
    process, port, output = rundev
    commands = {" ".join(command_line(pid).split()[2:]) for pid in children(process.pid)}
    assert commands == {f"runserver {HOST}:{port}", "db_worker --backend booking", "run_scheduler"}

    process.send_signal(signal.SIGINT)

    assert process.wait(timeout=STOP_TIMEOUT) == 0, output.read_text()
    wait_until_all_stopped(dev_environment)


def test_rundev_reloads_code_unless_told_not_to():
    from recooperate.management.commands.rundev import Command

    parser = Command().create_parser("manage.py", "rundev")
    for argv, expected in (
        ([], ["runserver", "127.0.0.1:8000"]),
        (["--noreload"], ["runserver", "127.0.0.1:8000", "--noreload"]),
    ):
        options = vars(parser.parse_args(argv))
        web_server = Command().commands(options["addrport"], options)["web server"]
        assert web_server[2:] == expected


def test_rundev_stops_everything_and_fails_when_the_mail_worker_dies(rundev, dev_environment):
    process, _port, output = rundev
    (worker,) = (pid for pid in children(process.pid) if "db_worker" in command_line(pid))

    os.kill(worker, signal.SIGKILL)

    assert process.wait(timeout=STOP_TIMEOUT) != 0
    assert "The mail worker (manage.py db_worker --backend booking) was killed by SIGKILL" in output.read_text()
    wait_until_all_stopped(dev_environment)


def test_the_development_servers_access_log_leaves_out_query_strings(rundev):
    process, port, output = rundev
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    connection.request("GET", "/admin/booking/requests/?q=Zephyrine+Quillfeather")
    assert connection.getresponse().status == 302  # to the login page
    connection.close()
    wait_until(lambda: "/admin/booking/requests/" in output.read_text(), 10, output.read_text)
    log = output.read_text()
    assert '"GET /admin/booking/requests/?[…] HTTP/1.1" 302' in log
    assert "Zephyrine" not in log
