"""Backups of the database and the media files, and bringing one back (``manage.py backup`` and ``restore``).

One archive, ``recooperate-<UTC time>.tar.gz``, holds:

- ``database.sqlite3``: a copy made with SQLite's online backup API from a connection of its own. It
  copies every page inside one read transaction, so it is one consistent moment while the site keeps
  writing (WAL lets writers go on meanwhile). Copying the file instead misses what is still in the
  ``-wal`` file and can catch a page half-written.
  Or ``database.pgdump``: ``pg_dump --format=custom`` of the very snapshot the row counts were taken in.
- ``media/...``: every file under the default storage's folder, when that storage is this machine's disk.
  Files come after the database: one uploaded meanwhile is there without its row, which does no harm.
- ``manifest.json``, last so that it can hold every other member's sha256: when, which engine, the
  software's versions, the migrations applied, every table's row count.

Archives hold patients' health data: each is mode 0600 in a 0700 folder, and is written under a
temporary name and renamed, so a half-written archive is never taken for a backup.
"""

import contextlib
import dataclasses
import datetime
import gzip
import hashlib
import importlib.metadata
import io
import json
import os
import platform
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from wagtail.models import Site

from . import pagecache

# Raised when a future change to the layout means older code must not read the archive.
FORMAT = 1
MANIFEST = "manifest.json"
MANIFEST_FIELDS = {"format", "created_at", "engine", "database", "versions", "migrations", "counts", "media", "files"}
MEDIA_PREFIX = "media/"
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
ARCHIVE_NAME = re.compile(r"^recooperate-(?P<time>\d{8}T\d{6}Z)(?:-(?P<n>\d+))?\.tar\.gz$")
# As long as the site's own connections wait for a lock (settings: "timeout").
SQLITE_TIMEOUT = 20
CHUNK = 1024 * 1024
# A media file is read into memory (or a private temporary file past this size) before it goes into the
# archive, so that one replaced while it is read cannot leave a member shorter than its header says.
SPOOL_SIZE = 16 * 1024 * 1024


class BackupError(Exception):
    """Something the operator can act on: the commands show its message, never a traceback."""


@dataclasses.dataclass
class Backup:
    path: Path
    manifest: dict
    # Archives deleted by ``keep``, oldest first.
    deleted: list


@dataclasses.dataclass
class RestorePlan:
    """What a restore is about to replace, for the operator to confirm."""

    manifest: dict
    database: str
    media_root: Path | None
    warnings: list


@dataclasses.dataclass
class Restore:
    manifest: dict
    # Rows per model in the restored database.
    counts: dict
    # How many media files were written, or None when media were not restored (see notes).
    media_files: int | None
    notes: list


def default_backup_dir():
    """Where archives go without --output."""
    return Path(settings.BACKUP_DIR)


def backup_create(*, output_dir, keep=None, database=DEFAULT_DB_ALIAS, now=None):
    """Write one archive of ``database`` and the media files into ``output_dir``.

    With ``keep``, the archives beyond the newest ``keep`` in that folder are then deleted;
    never when this backup failed.
    """
    if keep is not None and keep < 1:
        raise BackupError("--keep must be at least 1: the archive just written is one of them.")
    connection = connections[database]
    engine = _engine(connection)
    output_dir = Path(output_dir).resolve()
    _refuse_public_folder(output_dir)
    now = (now or timezone.now()).astimezone(datetime.UTC)
    output_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    member = DATABASE_MEMBERS[engine]
    # The database copy waits here, in the archive's own folder: private, and on a disk with room for it.
    with tempfile.TemporaryDirectory(dir=output_dir, prefix=".staging-") as staging:
        staging = Path(staging)
        if engine == "sqlite":
            state = _sqlite_copy(connection, staging / member)
        else:
            state = _postgresql_dump(connection, staging / member)
        # mkstemp creates the file with mode 0600, before a byte of data is in it.
        fd, partial = tempfile.mkstemp(dir=output_dir, prefix=".recooperate-", suffix=".partial")
        try:
            with os.fdopen(fd, "wb") as file:
                with tarfile.open(fileobj=file, mode="w:gz", compresslevel=6) as tar:
                    checksums = {member: _add_file(tar, member, staging / member)}
                    media = _add_media(tar, checksums, staging)
                    manifest = {
                        "format": FORMAT,
                        "created_at": now.isoformat(),
                        "engine": engine,
                        "database": member,
                        "versions": _versions(),
                        "migrations": state["migrations"],
                        "counts": state["counts"],
                        "media": media,
                        "files": checksums,
                    }
                    _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=2).encode())
                file.flush()
                os.fsync(file.fileno())
            path = _unused_archive_name(output_dir, now)
            os.replace(partial, path)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
    _fsync_folder(output_dir)
    deleted = backups_prune(output_dir=output_dir, keep=keep) if keep else []
    return Backup(path=path, manifest=manifest, deleted=deleted)


def backups_prune(*, output_dir, keep):
    """Delete the archives in ``output_dir`` beyond the newest ``keep``; return the deleted paths."""
    archives = []
    for path in Path(output_dir).iterdir():
        match = ARCHIVE_NAME.match(path.name)
        if match and path.is_file():
            archives.append(((match["time"], int(match["n"] or 1)), path))
    archives.sort()
    deleted = [path for _, path in archives[: max(len(archives) - keep, 0)]]
    for path in deleted:
        path.unlink()
    return deleted


def backup_verify(*, archive):
    """Return the archive's manifest once every member matches its checksum; raise BackupError if not."""
    path = Path(archive)
    if not path.is_file():
        raise BackupError(f"No backup archive at {path}.")
    manifest = None
    checksums = {}
    with _reading(path) as tar:
        for member in tar:
            if member.name == MANIFEST and member.isfile():
                manifest = _parse_manifest(path, tar.extractfile(member).read())
            elif member.isfile() and _is_known_member(member.name):
                checksums[member.name] = _sha256(tar.extractfile(member))
            else:
                raise BackupError(f"{path} is not a backup archive: it holds {member.name!r}.")
    if manifest is None:
        raise BackupError(f"{path} has no {MANIFEST}: it is not a backup archive, or it was cut short.")
    expected = manifest["files"]
    damaged = sorted(name for name in expected.keys() | checksums.keys() if expected.get(name) != checksums.get(name))
    if damaged:
        shown = ", ".join(damaged[:5]) + (f" and {len(damaged) - 5} more" if len(damaged) > 5 else "")
        raise BackupError(f"{path} is damaged: what it holds does not match its manifest's checksums ({shown}).")
    if manifest["database"] not in checksums:
        raise BackupError(f"{path} holds no database.")
    return manifest


def backup_restore(*, archive, database=DEFAULT_DB_ALIAS, confirm=None):
    """Replace ``database`` and the media files with the archive's, after checking every checksum.

    ``confirm(plan)`` is called with a RestorePlan once the archive is known to be sound and
    before anything changes; it raises to stop. Media files the archive lacks are left in place.
    """
    manifest = backup_verify(archive=archive)
    connection = connections[database]
    engine = _engine(connection)
    if manifest["engine"] != engine:
        raise BackupError(
            f"The archive holds a {ENGINE_NAMES[manifest['engine']]} database, and this site's database is "
            f"{ENGINE_NAMES[engine]}. Restore it into a {ENGINE_NAMES[manifest['engine']]} database "
            f"(to move data between engines, use dumpdata and loaddata)."
        )
    if engine == "sqlite" and connection.is_in_memory_db():
        raise BackupError("This site's database is in memory: there is no file to restore into.")
    media_root = _media_root()
    plan = RestorePlan(
        manifest=manifest,
        database=_describe_database(connection),
        media_root=media_root if manifest["media"]["included"] else None,
        warnings=_unknown_migrations(manifest),
    )
    if confirm is not None:
        confirm(plan)

    notes = []
    target = Path(connection.settings_dict["NAME"]).resolve() if engine == "sqlite" else None
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
    # Beside the SQLite file (private to whoever runs the site, and with room for it); else the temp folder.
    with tempfile.TemporaryDirectory(dir=target.parent if target else None, prefix=".restore-") as staging:
        staged = Path(staging) / manifest["database"]
        media_files = _extract(Path(archive), manifest, staged, plan.media_root)
        # No connection of ours may hold the database open while it is replaced.
        connections.close_all()
        if target is not None:
            _sqlite_restore(staged, target)
        else:
            _postgresql_restore(connection, staged)

    counts = _live_counts(connection)
    differ = sorted(
        f"{label}: {counts[label]} (archive: {count})"
        for label, count in manifest["counts"].items()
        if label in counts and counts[label] != count
    )
    if differ:
        raise BackupError("The restored database does not match the archive's row counts: " + "; ".join(differ))
    if not manifest["media"]["included"]:
        notes.append("The archive holds no media files: they were kept by the media storage, not on disk.")
    elif media_root is None:
        notes.append(
            f"Media files not restored: this site keeps them in {_storage_name()}, not on disk. "
            "The archive's media/ folder holds them."
        )
    pending = _pending_migrations(connection)
    if pending:
        notes.append(f"{len(pending)} migration(s) to apply: run manage.py migrate.")
    # Pages cached before the restore show the data that was replaced.
    pagecache.invalidate_all()
    Site.clear_site_root_paths_cache()
    return Restore(manifest=manifest, counts=counts, media_files=media_files, notes=notes)


def postgresql_command(program, settings_dict, *arguments):
    """``program``'s command line and environment for the database in ``settings_dict``.

    Every connection detail goes in the environment, the password above all: a command line
    is visible to every user of the machine (``ps``).
    """
    options = settings_dict.get("OPTIONS") or {}
    variables = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
        "PGSERVICE": options.get("service"),
        "PGPASSFILE": options.get("passfile"),
        "PGSSLMODE": options.get("sslmode"),
        "PGSSLROOTCERT": options.get("sslrootcert"),
        "PGSSLCERT": options.get("sslcert"),
        "PGSSLKEY": options.get("sslkey"),
    }
    env = {**os.environ, **{name: str(value) for name, value in variables.items() if value}}
    return [program, *arguments], env


# SQLite


def _sqlite_copy(connection, copy_path):
    if connection.is_in_memory_db():
        raise BackupError("This site's database is in memory: there is no file to back up.")
    live = Path(connection.settings_dict["NAME"]).resolve()
    if not live.is_file():
        raise BackupError(f"No SQLite database at {live}.")
    source = copy = None
    try:
        # Read-only, so that a mistake here can never write to the live database.
        source = sqlite3.connect(f"{live.as_uri()}?mode=ro", uri=True, timeout=SQLITE_TIMEOUT)
        copy = sqlite3.connect(copy_path)
        # Every page in one step: one read transaction, so one moment of the database.
        source.backup(copy)
        # A file that stands alone: the copy carries the live database's WAL mode, whose readers need
        # -wal and -shm files beside it.
        copy.execute("PRAGMA journal_mode=DELETE")
        (check,) = copy.execute("PRAGMA quick_check").fetchone()
        if check != "ok":
            raise BackupError(f"The copy of {live} fails SQLite's quick_check: {check}")
        cursor = copy.cursor()
        tables = {name for (name,) in cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return _database_state(cursor, tables, quote=lambda name: '"{}"'.format(name.replace('"', '""')))
    except sqlite3.Error as exc:
        raise BackupError(f"Could not copy the SQLite database {live}: {exc}") from exc
    finally:
        for sqlite_connection in (source, copy):
            if sqlite_connection is not None:
                sqlite_connection.close()


def _sqlite_restore(staged, target):
    source = destination = None
    try:
        source = sqlite3.connect(f"{staged.as_uri()}?mode=ro", uri=True)
        destination = sqlite3.connect(target, timeout=SQLITE_TIMEOUT)
        # Into the database rather than over its file: SQLite takes the locks and writes through the
        # live WAL, so a process that still has it open reads the restored data, not a torn file.
        source.backup(destination)
    except sqlite3.Error as exc:
        raise BackupError(f"Could not restore into {target}: {exc}") from exc
    finally:
        for sqlite_connection in (source, destination):
            if sqlite_connection is not None:
                sqlite_connection.close()


# PostgreSQL


def _postgresql_dump(connection, dump_path):
    pg_dump = _program("pg_dump")
    with transaction.atomic(using=connection.alias):
        with connection.cursor() as cursor:
            # pg_dump joins this transaction's snapshot: the counts and the dump are the same moment.
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            (snapshot,) = cursor.fetchone()
            tables = set(connection.introspection.table_names(cursor))
            state = _database_state(cursor, tables, quote=connection.ops.quote_name)
        argv, env = postgresql_command(pg_dump, connection.settings_dict, "--format=custom", f"--snapshot={snapshot}")
        _run([*argv, f"--file={dump_path}"], env)
    return state


def _postgresql_restore(connection, dump_path):
    pg_restore = _program("pg_restore")
    argv, env = postgresql_command(
        pg_restore,
        connection.settings_dict,
        "--clean",
        "--if-exists",
        # Objects belong to whoever restores them, and no GRANT names a role this server may lack.
        "--no-owner",
        "--no-privileges",
        # All or nothing: a failure halfway leaves the database as it was.
        "--single-transaction",
        f"--dbname={_postgresql_dbname(connection.settings_dict)}",
        str(dump_path),
    )
    _run(argv, env)


def _postgresql_dbname(settings_dict):
    """pg_restore's --dbname: the database's name, or a connection string naming the service that says it."""
    if settings_dict.get("NAME"):
        return settings_dict["NAME"]
    return f"service={(settings_dict.get('OPTIONS') or {}).get('service', '')}"


def _program(name):
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not installed. It comes with PostgreSQL's client tools (e.g. apt install "
            f"postgresql-client), of the server's major version or newer."
        )
    return path


def _run(argv, env):
    try:
        completed = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise BackupError(f"Could not run {argv[0]}: {exc}") from exc
    if completed.returncode != 0:
        raise BackupError(
            f"{Path(argv[0]).name} failed (exit status {completed.returncode}): {completed.stderr.strip()}"
        )


# What the manifest records


def _engine(connection):
    if connection.vendor not in DATABASE_MEMBERS:
        raise BackupError(f"Backups cover SQLite and PostgreSQL; this site's database is {connection.display_name}.")
    return connection.vendor


def _model_tables():
    """(label, table) for every table that Django's models keep rows in, many-to-many tables included."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.managed and not meta.proxy and not meta.swapped:
            tables.setdefault(meta.db_table, meta.label)
    return sorted((label, table) for table, label in tables.items())


def _database_state(cursor, tables, *, quote):
    counts = {}
    for label, table in _model_tables():
        if table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
            counts[label] = cursor.fetchone()[0]
    migrations = {}
    if "django_migrations" in tables:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
        for app, name in cursor.fetchall():
            migrations.setdefault(app, []).append(name)
    return {"counts": counts, "migrations": migrations}


def _live_counts(connection):
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        return _database_state(cursor, tables, quote=connection.ops.quote_name)["counts"]


def _versions():
    versions = {"python": platform.python_version()}
    for package in ("recooperate", "django", "wagtail"):
        try:
            versions[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            versions[package] = None
    return versions


def _unknown_migrations(manifest):
    """Migrations the archived database has and this code lacks: a backup from a newer version, most likely."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [
        f"{app}.{name}" for app, names in manifest["migrations"].items() for name in names if (app, name) not in known
    ]
    if not unknown:
        return []
    shown = ", ".join(unknown[:3]) + (f" and {len(unknown) - 3} more" if len(unknown) > 3 else "")
    return [
        f"The archive's database has migrations this code does not know ({shown}); it was made by "
        f"recooperate {manifest['versions'].get('recooperate')}. Run that version against it if the site fails."
    ]


def _pending_migrations(connection):
    executor = MigrationExecutor(connection)
    return executor.migration_plan(executor.loader.graph.leaf_nodes())


def _describe_database(connection):
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"the SQLite database {settings_dict['NAME']}"
    host = settings_dict.get("HOST") or "localhost"
    return f"the PostgreSQL database {settings_dict['NAME']} on {host}"


# Media files


def _storage_name():
    return type(storages["default"]).__name__


def _media_root():
    """The default storage's folder, or None when that storage is not this machine's disk (S3, memory)."""
    storage = storages["default"]
    return Path(storage.location) if isinstance(storage, FileSystemStorage) else None


def _refuse_public_folder(output_dir):
    media_root = _media_root()
    for name, folder in (("MEDIA_ROOT", media_root), ("STATIC_ROOT", settings.STATIC_ROOT)):
        if folder is not None and output_dir.is_relative_to(Path(folder).resolve()):
            raise BackupError(f"{output_dir} is inside {name} ({folder}): the site would serve the archives to anyone.")


def _add_media(tar, checksums, staging):
    media_root = _media_root()
    if media_root is None:
        return {
            "included": False,
            "why": (
                f"the media storage is {_storage_name()}, not this machine's disk; "
                "they are kept, and versioned, where that storage keeps them (an S3 bucket's versioning)"
            ),
        }
    count = 0
    for folder, subfolders, files in os.walk(media_root):
        subfolders.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if path.is_symlink() or not path.is_file():
                continue
            arcname = MEDIA_PREFIX + path.relative_to(media_root).as_posix()
            try:
                checksums[arcname] = _add_changing_file(tar, arcname, path, staging)
            except FileNotFoundError:
                continue  # deleted since the walk found it (an editor deleted an image)
            count += 1
    return {"included": True, "files": count}


def _add_file(tar, arcname, path):
    """Add a file nobody else writes to (the database copy)."""
    with open(path, "rb") as file:
        checksum = _sha256(file)
        info = tar.gettarinfo(fileobj=file, arcname=arcname)
        info.mode = 0o600
        file.seek(0)
        tar.addfile(info, file)
    return checksum


def _add_changing_file(tar, arcname, path, staging):
    """Add a file the site may replace meanwhile: what was read goes in, with its own size and checksum."""
    digest = hashlib.sha256()
    with open(path, "rb") as file, tempfile.SpooledTemporaryFile(max_size=SPOOL_SIZE, dir=staging) as spool:
        for chunk in iter(lambda: file.read(CHUNK), b""):
            digest.update(chunk)
            spool.write(chunk)
        info = tarfile.TarInfo(arcname)
        stat = os.fstat(file.fileno())
        info.size = spool.tell()
        info.mtime = stat.st_mtime
        info.mode = stat.st_mode & 0o777
        spool.seek(0)
        tar.addfile(info, spool)
    return digest.hexdigest()


def _add_bytes(tar, arcname, data):
    info = tarfile.TarInfo(arcname)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


# Reading archives


@contextlib.contextmanager
def _reading(path):
    """The archive open for reading, with every sign of damage turned into a BackupError."""
    try:
        with tarfile.open(path, "r:gz") as tar:
            yield tar
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile, UnicodeDecodeError) as exc:
        raise BackupError(f"{path} is damaged or is not a backup archive ({exc}).") from exc


def _parse_manifest(path, data):
    try:
        manifest = json.loads(data)
        fields_ok = isinstance(manifest, dict) and MANIFEST_FIELDS <= manifest.keys()
    except ValueError:
        fields_ok = False
    if not fields_ok:
        raise BackupError(f"{path} has an unreadable {MANIFEST}.")
    if manifest.get("format") != FORMAT:
        raise BackupError(
            f"{path} is in backup format {manifest.get('format')!r}; this version of the site reads format {FORMAT}."
        )
    if (
        manifest.get("engine") not in DATABASE_MEMBERS
        or manifest.get("database") != DATABASE_MEMBERS[manifest["engine"]]
    ):
        raise BackupError(f"{path} has a {MANIFEST} naming no database this site knows.")
    return manifest


def _is_known_member(name):
    if name in DATABASE_MEMBERS.values():
        return True
    return name.startswith(MEDIA_PREFIX) and _media_path(name) is not None


def _media_path(name):
    """The path under the media folder for an archive member, or None if it would lead outside it."""
    relative = PurePosixPath(name[len(MEDIA_PREFIX) :])
    if not relative.parts or relative.is_absolute() or ".." in relative.parts:
        return None
    return relative


def _sha256(file):
    digest = hashlib.sha256()
    for chunk in iter(lambda: file.read(CHUNK), b""):
        digest.update(chunk)
    return digest.hexdigest()


def _extract(archive, manifest, staged_database, media_root):
    """Write the database to ``staged_database`` and the media files into ``media_root`` (None: skip them).

    Every member is checked against the manifest again as it is written: the archive may have
    changed since it was verified.
    """
    written = 0
    with _reading(archive) as tar:
        for member in tar:
            checksum = manifest["files"].get(member.name)
            if member.name == MANIFEST:
                continue
            if checksum is None or not member.isfile() or not _is_known_member(member.name):
                raise BackupError(f"{archive} changed since it was checked ({member.name!r}): restore stopped.")
            if member.name == manifest["database"]:
                _write_checked(tar.extractfile(member), staged_database, checksum, 0o600)
            elif media_root is not None:
                target = media_root.joinpath(*_media_path(member.name).parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                _write_checked(tar.extractfile(member), target, checksum, member.mode & 0o777)
                written += 1
    return written if media_root is not None else None


def _write_checked(source, target, checksum, mode):
    """Write ``source`` to ``target`` through a temporary file, renamed only once its checksum matches."""
    digest = hashlib.sha256()
    fd, partial = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".partial")
    try:
        with os.fdopen(fd, "wb") as file:
            for chunk in iter(lambda: source.read(CHUNK), b""):
                digest.update(chunk)
                file.write(chunk)
        if digest.hexdigest() != checksum:
            raise BackupError(f"{target.name} changed in the archive since it was checked: restore stopped.")
        os.chmod(partial, mode)
        os.replace(partial, target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def _unused_archive_name(output_dir, now):
    stem = f"recooperate-{now:%Y%m%dT%H%M%SZ}"
    path = output_dir / f"{stem}.tar.gz"
    n = 1
    while path.exists():
        n += 1
        path = output_dir / f"{stem}-{n}.tar.gz"
    return path


def _fsync_folder(folder):
    """Make the rename itself durable: a crash right after a backup must not lose the archive's name."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
