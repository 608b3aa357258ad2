"""`manage.py backup` copies the database and the media files while the site takes appointment requests,
and `manage.py restore` brings every request stored before the backup into a fresh database.

The site runs as its own process on a database of its own, of the engine the suite runs on: a scratch
SQLite file (SQLite's online backup API), or, under `make test-postgres`, a new database on the same
PostgreSQL server (pg_dump and pg_restore). It posts booking forms one after another and prints each
reference once stored, while the test backs up.
"""

import io
import os
import queue
import re
import sqlite3
import subprocess
import sys
import tarfile
import threading
import time
import types
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections

from tests.migrated import copy_migrated_database

ROOT = Path(__file__).resolve().parents[2]
# Upper bounds for a slow machine, not expectations: each wait ends as soon as its line arrives.
START_TIMEOUT = 180
LINE_TIMEOUT = 60
# Requests stored before the backup starts: the ones it must hold.
REQUESTS_BEFORE_BACKUP = 10
# Between two requests: a request writes about 17 pages, and at this pace the WAL stays under SQLite's
# 1,000 pages, so the requests before the backup are still in the WAL when it copies.
PAUSE = 0.2
TEST_ENCRYPTION_KEY = "dGVzdHMtb25seS1ub3Qtc2VjcmV0LWtleS0zMmJ5dGU="
# The suite's PostgreSQL server (make test-postgres), or None on SQLite (the default run).
POSTGRES_URL = (
    os.environ.get("DJANGO_DATABASE_URL", "") if "postgres" in os.environ.get("DJANGO_DATABASE_URL", "") else None
)


def serve_booking_requests(stop_file):
    """The running site, in a process of its own: migrate, build the site, upload an image, then post one
    booking form after another until ``stop_file`` exists. Prints ``ready <image file>``, then
    ``<reference> <monotonic time>`` for each request once it is stored."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from tests.factories import booking_form_data, make_image, make_site_tree

    call_command("migrate", verbosity=0)
    book = make_site_tree()["book"]
    image = make_image(title="Knee X-ray")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            # Everything so far into the database file, and an empty WAL: the requests below stay in the WAL
            # (SQLite moves it into the file every 1,000 pages), where a copy of the file alone would miss them.
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print("ready", image.file.name, flush=True)
    client = Client()
    n = 0
    while not Path(stop_file).exists():
        n += 1
        response = client.post("/book/", booking_form_data(book, email=f"visitor{n}@example.com"))
        if response.status_code != 302:
            sys.exit(f"the booking form answered {response.status_code}")
        reference = response["Location"].rstrip("/").rsplit("/", 1)[1]
        print(reference, time.monotonic(), flush=True)
        time.sleep(PAUSE)


def site_environment(folder, database_url=None):
    """The development settings with DEBUG off, media and caches under ``folder``, and a database of its own:
    ``database_url`` (PostgreSQL), else a SQLite file in ``folder``."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "WAGTAIL", "BOOKING_"))}
    database = {"DJANGO_DATABASE_URL": database_url} if database_url else {}
    return {
        **clean,
        **database,
        "DJANGO_SETTINGS_MODULE": "recooperate.settings.dev",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "tests-only-not-secret",
        "DJANGO_FIELD_ENCRYPTION_KEYS": TEST_ENCRYPTION_KEY,
        "DJANGO_SQLITE_PATH": str(folder / "db.sqlite3"),
        "DJANGO_MEDIA_ROOT": str(folder / "media"),
        "DJANGO_CACHE_DIR": str(folder / "cache"),
        "DJANGO_STATIC_ROOT": str(folder / "static"),
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DJANGO_LOG_LEVEL": "WARNING",
        "BOOKING_RATE_LIMIT_PER_IP": "0",
        "BOOKING_RATE_LIMIT_PER_EMAIL": "0",
    }


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def lines_of(process):
    """The process's output lines as they come, read by a thread; None once it has ended."""
    lines = queue.Queue()

    def read():
        for line in process.stdout:
            lines.put(line.strip())
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    return lines


@pytest.fixture(scope="module")
def databases():
    """{"site": URL, "restored": URL}: two new, empty databases on the suite's PostgreSQL server, dropped
    afterwards; on SQLite, Nones (each site makes its own file)."""
    if POSTGRES_URL is None:
        yield {"site": None, "restored": None}
        return
    import psycopg

    server = POSTGRES_URL.rsplit("/", 1)[0]
    names = {role: f"backup_test_{role}_{os.getpid()}" for role in ("site", "restored")}
    with psycopg.connect(server + "/postgres", autocommit=True) as admin:
        for name in names.values():
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
    yield {role: f"{server}/{name}" for role, name in names.items()}
    with psycopg.connect(server + "/postgres", autocommit=True) as admin:
        for name in names.values():
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def query(env, sql, params=()):
    """Rows of ``sql`` on the database ``env`` names (its own SQLite file, or its PostgreSQL database)."""
    if env.get("DJANGO_DATABASE_URL"):
        import psycopg

        with psycopg.connect(env["DJANGO_DATABASE_URL"]) as database:
            return database.execute(sql.replace("?", "%s"), params).fetchall()
    database = sqlite3.connect(env["DJANGO_SQLITE_PATH"])
    try:
        return database.execute(sql, params).fetchall()
    finally:
        database.close()


@pytest.fixture(scope="module")
def backed_up_site(tmp_path_factory, databases):
    """A site that took appointment requests before and during `manage.py backup --keep 2`."""
    scratch = tmp_path_factory.mktemp("backup")
    (scratch / "site").mkdir()
    env = site_environment(scratch / "site", databases["site"])
    if databases["site"] is None:  # SQLite: start from the run's migrated file; the site's migrate finds nothing to do
        copy_migrated_database(tmp_path_factory, Path(env["DJANGO_SQLITE_PATH"]))
    backups = scratch / "backups"
    backups.mkdir(mode=0o700)
    # Two older archives (only their names matter to --keep) and a file that is no archive.
    for name in ("recooperate-20200101T000000Z.tar.gz", "recooperate-20210101T000000Z.tar.gz", "notes.txt"):
        (backups / name).write_text("old")
    stop_file = scratch / "stop"
    log = scratch / "site.log"
    with log.open("w") as stderr:
        site = subprocess.Popen(
            [sys.executable, "-c", f"import {__name__} as t; t.serve_booking_requests({str(stop_file)!r})"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )
    lines = lines_of(site)

    def next_line(timeout):
        try:
            line = lines.get(timeout=timeout)
        except queue.Empty:
            pytest.fail(f"the site said nothing for {timeout} s:\n{log.read_text()}")
        if line is None:
            pytest.fail(f"the site stopped:\n{log.read_text()}")
        return line

    try:
        ready = next_line(START_TIMEOUT)
        assert ready.startswith("ready "), ready
        before = [next_line(LINE_TIMEOUT).split()[0] for _ in range(REQUESTS_BEFORE_BACKUP)]
        started = time.monotonic()
        backup = manage(env, "backup", "--output", str(backups), "--keep", "2")
        finished = time.monotonic()
        stop_file.touch()
        written = {}  # reference: when it was stored
        while (line := lines.get(timeout=LINE_TIMEOUT)) is not None:
            reference, when = line.split()
            written[reference] = float(when)
        assert site.wait(timeout=LINE_TIMEOUT) == 0, log.read_text()
    finally:
        if site.poll() is None:
            site.kill()
            site.wait()
    assert backup.returncode == 0, backup.stderr
    return types.SimpleNamespace(
        env=env,
        backups=backups,
        backup_output=backup.stdout,
        archives=sorted(backups.glob("recooperate-2*.tar.gz")),
        image_name=ready.split()[1],
        media_root=Path(env["DJANGO_MEDIA_ROOT"]),
        before=before,
        during=[reference for reference, when in written.items() if started < when < finished],
        all=set(before) | written.keys(),
        scratch=scratch,
        restore_database=databases["restored"],
    )


@pytest.fixture(scope="module")
def archive(backed_up_site):
    return backed_up_site.archives[-1]


def test_backup_writes_one_private_timestamped_archive_and_keeps_the_newest(backed_up_site, archive):
    assert re.fullmatch(r"recooperate-\d{8}T\d{6}Z\.tar\.gz", archive.name)
    assert archive.stat().st_mode & 0o777 == 0o600
    assert backed_up_site.backups.stat().st_mode & 0o777 == 0o700
    # --keep 2: the oldest archive went, the newer one and the file that is no archive stayed.
    assert sorted(path.name for path in backed_up_site.backups.iterdir()) == [
        "notes.txt",
        "recooperate-20210101T000000Z.tar.gz",
        archive.name,
    ]
    assert "Deleted the older archive recooperate-20200101T000000Z.tar.gz." in backed_up_site.backup_output
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert names[0] == ("database.pgdump" if POSTGRES_URL else "database.sqlite3")
    assert names[-1] == "manifest.json"
    assert f"media/{backed_up_site.image_name}" in names


def test_restore_into_a_fresh_database_finds_every_request_stored_before_the_backup(backed_up_site, archive):
    """The backup ran while requests kept arriving; the restored copy is one consistent moment."""
    assert backed_up_site.during, "no request was stored while the backup ran: the test proves nothing"
    fresh = backed_up_site.scratch / "restored"
    env = site_environment(fresh, backed_up_site.restore_database)

    restore = manage(env, "restore", str(archive), "--no-input")

    assert restore.returncode == 0, restore.stderr
    if not POSTGRES_URL:
        assert query(env, "PRAGMA integrity_check") == [("ok",)]
    restored = {reference for (reference,) in query(env, "SELECT reference FROM booking_appointmentrequest")}
    assert set(backed_up_site.before) <= restored <= backed_up_site.all
    assert f"booking.AppointmentRequest: {len(restored)}" in restore.stdout
    # A request and its "received" event are written in one transaction: both are there, or neither.
    [(without_event,)] = query(
        env,
        "SELECT COUNT(*) FROM booking_appointmentrequest r WHERE NOT EXISTS "
        "(SELECT 1 FROM booking_appointmentrequestevent e WHERE e.appointment_request_id = r.id)",
    )
    assert without_event == 0
    # The uploaded image: its row and its file.
    image_name = backed_up_site.image_name
    assert query(env, "SELECT title FROM recooperate_customimage WHERE file = ?", [image_name]) == [("Knee X-ray",)]
    assert (fresh / "media" / image_name).read_bytes() == (backed_up_site.media_root / image_name).read_bytes()


@pytest.fixture
def untouchable_database(monkeypatch, tmp_path):
    """Point the default database at one that must never appear (a SQLite file, or a PostgreSQL database
    name): a restore that gets past its checks fails the test instead of replacing pytest's database, or
    yours. Returns a function that says whether it appeared."""
    if connections["default"].vendor == "sqlite":
        target = tmp_path / "must-not-exist.sqlite3"
        monkeypatch.setitem(connections["default"].settings_dict, "NAME", str(target))
        return target.exists
    name = f"must_not_exist_{os.getpid()}"
    monkeypatch.setitem(connections["default"].settings_dict, "NAME", name)
    server = {"DJANGO_DATABASE_URL": POSTGRES_URL.rsplit("/", 1)[0] + "/postgres"}
    return lambda: bool(query(server, "SELECT 1 FROM pg_database WHERE datname = ?", [name]))


def damaged_copy(archive, folder):
    """The archive with one byte of the database changed, its manifest left as it was."""
    damaged = folder / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source:
            data = source.extractfile(member).read()
            if member.name.startswith("database."):
                data = data[:100] + bytes([data[100] ^ 1]) + data[101:]
            target.addfile(member, io.BytesIO(data))
    return damaged


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda archive, folder: folder / "missing.tar.gz", "No backup archive at"),
        (lambda archive, folder: folder / "notes.tar.gz", "is damaged or is not a backup archive"),
        (lambda archive, folder: folder / "cut.tar.gz", "is damaged or is not a backup archive"),
        (damaged_copy, r"does not match its manifest's checksums \(database\.(sqlite3|pgdump)\)"),
    ],
    ids=["missing", "not-an-archive", "cut-short", "changed-byte"],
)
def test_a_missing_or_damaged_archive_is_refused_with_a_clear_error(
    archive, tmp_path, untouchable_database, make, message
):
    (tmp_path / "notes.tar.gz").write_text("Not a backup.")
    (tmp_path / "cut.tar.gz").write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])

    with pytest.raises(CommandError, match=message):
        call_command("restore", str(make(archive, tmp_path)), "--no-input")

    assert not untouchable_database()


class Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        (io.StringIO("yes\n"), "no terminal to ask on. To restore, run again with --no-input"),
        (Terminal("no\n"), "Nothing was changed"),
    ],
    ids=["no-terminal", "answered-no"],
)
def test_restore_replaces_nothing_unless_confirmed(archive, monkeypatch, untouchable_database, stdin, message):
    monkeypatch.setattr(sys, "stdin", stdin)
    out = io.StringIO()

    with pytest.raises(CommandError, match=message):
        call_command("restore", str(archive), stdout=out)

    assert "every checksum matches" in out.getvalue()
    name = connections["default"].settings_dict["NAME"]  # the untouchable one
    assert re.search(rf"This replaces the (SQLite|PostgreSQL) database {re.escape(str(name))}\b", out.getvalue())
    assert not untouchable_database()


def test_keep_must_leave_at_least_the_new_archive(tmp_path):
    with pytest.raises(CommandError, match="--keep must be at least 1"):
        call_command("backup", "--output", str(tmp_path), "--keep", "0")
    assert list(tmp_path.iterdir()) == []


def test_the_postgresql_password_goes_in_the_environment_never_on_the_command_line():
    """Any user of the machine can read a command line (ps); pg_dump reads PGPASSWORD instead."""
    # Imported here: the site process imports this module before Django is set up.
    from recooperate.backups import postgresql_command

    settings_dict = {
        "NAME": "clinic",
        "USER": "site",
        "PASSWORD": "s3cret-pw",
        "HOST": "db.internal",
        "PORT": 5432,
        "OPTIONS": {"sslmode": "require"},
    }

    argv, env = postgresql_command("pg_dump", settings_dict, "--format=custom")

    assert not any("s3cret-pw" in argument for argument in argv)
    assert (env["PGPASSWORD"], env["PGUSER"], env["PGHOST"], env["PGPORT"]) == (
        "s3cret-pw",
        "site",
        "db.internal",
        "5432",
    )
    assert (env["PGDATABASE"], env["PGSSLMODE"]) == ("clinic", "require")
