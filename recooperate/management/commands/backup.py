from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS
from django.db import Error as DatabaseError

from recooperate.backups import ENGINE_NAMES, BackupError, backup_create, default_backup_dir


class Command(BaseCommand):
    help = (
        "Write one archive holding a consistent copy of the database, taken while the site runs, and the media "
        "files: recooperate-<UTC time>.tar.gz, readable only by its owner. `manage.py restore` brings it back."
    )
    # As dbshell: a configuration error elsewhere in the site must not stand between it and its data.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            metavar="DIR",
            help="Folder for the archive (default: the BACKUP_DIR setting, DJANGO_BACKUP_DIR).",
        )
        parser.add_argument(
            "--keep",
            type=int,
            metavar="N",
            help="Then delete the folder's older archives, keeping the newest N (this one included).",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: default).")

    def handle(self, *args, output, keep, database, **options):
        output = output or default_backup_dir()
        try:
            backup = backup_create(output_dir=output, keep=keep, database=database)
        except (BackupError, DatabaseError, OSError) as exc:
            raise CommandError(f"Backup failed: {exc}") from exc
        if options["verbosity"] == 0:
            return  # cron mails what a job prints: at -v 0, only a failure
        manifest = backup.manifest
        media = manifest["media"]
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"Database ({ENGINE_NAMES[manifest['engine']]}): {rows} rows in {len(manifest['counts'])} tables."
        )
        if media["included"]:
            self.stdout.write(f"Media: {media['files']} files.")
        else:
            self.stdout.write(self.style.WARNING(f"Media files not included: {media['why']}."))
        for path in backup.deleted:
            self.stdout.write(f"Deleted the older archive {path.name}.")
        size = backup.path.stat().st_size
        self.stdout.write(self.style.SUCCESS(f"Backup written: {backup.path} ({size / 1_000_000:.1f} MB)."))
