"""One migrated SQLite database per test run, copied wherever a test needs a fresh one.

Applying this project's 240-odd migrations (Wagtail's and ours) takes about 20 s of CPU, and the
suite needs a fresh database in each pytest-xdist worker and for every site a test starts in a
process of its own (the browser tests' server, `manage.py serve`, `manage.py rundev`, the backup
journey). The first of them to ask runs `manage.py migrate` once, into a folder every worker of the
run shares; the others wait for it, then copy the file in milliseconds, as Django's own parallel
test runner copies its test database for each worker. The file is made by each test run from this
checkout's migrations, so it can never lag behind them. On PostgreSQL (DJANGO_DATABASE_URL) tests
migrate their databases as before.
"""

import fcntl
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE_NAME = "migrated.sqlite3"


def shared_folder(tmp_path_factory) -> Path:
    """A folder this test run's processes share: pytest-xdist's recipe, the parent of each worker's temporary folder."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def migrated_database(tmp_path_factory) -> Path:
    """The run's migrated database file, made on the first call (under a lock, whichever worker asks first)."""
    folder = shared_folder(tmp_path_factory)
    template = folder / TEMPLATE_NAME
    with open(folder / "migrated.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, also if this process dies
        if not template.exists():
            partial = folder / "migrating.sqlite3"
            partial.unlink(missing_ok=True)
            # The test settings, on a file: exactly what pytest-django's in-memory database got before.
            env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "WAGTAIL"))}
            env.update(DJANGO_SETTINGS_MODULE="recooperate.settings.test", DJANGO_SQLITE_PATH=str(partial))
            done = subprocess.run(
                [sys.executable, "manage.py", "migrate", "--run-syncdb", "--noinput", "-v0"],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=600,
            )
            if done.returncode:
                raise RuntimeError(f"manage.py migrate failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
            # One self-contained file: what is still in the write-ahead log goes into it, and the log goes.
            database = sqlite3.connect(partial)
            try:
                database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                database.execute("PRAGMA journal_mode=DELETE")
            finally:
                database.close()
            partial.rename(template)  # atomic: no process ever copies half a file
    return template


def copy_migrated_database(tmp_path_factory, destination: Path) -> Path:
    """A fresh migrated database at ``destination`` (a SQLite file path)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(migrated_database(tmp_path_factory), destination)
    return destination


def load_into(connection, template: Path):
    """Copy ``template`` into a Django SQLite connection's database, as Django's parallel runner fills each worker's."""
    source = sqlite3.connect(template)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
