import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS
from django.db import Error as DatabaseError

from recooperate.backups import ENGINE_NAMES, BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Replace the database and the media files with those in an archive written by `manage.py backup`, "
        "after checking every file in it against its manifest. Stop the site and its workers first."
    )
    # As dbshell: a configuration error elsewhere in the site must not stand between it and its data.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="A recooperate-<time>.tar.gz archive.")
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="Replace the database without asking (for scripts).",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: default).")

    def handle(self, *args, archive, interactive, database, **options):
        try:
            restored = backup_restore(
                archive=archive, database=database, confirm=self.confirm if interactive else self.describe
            )
        except (BackupError, DatabaseError, OSError) as exc:
            raise CommandError(f"Restore failed: {exc}") from exc
        self.stdout.write("Rows now in the database, per model:")
        for label, count in sorted(restored.counts.items()):
            if count:
                self.stdout.write(f"  {label}: {count}")
        if restored.media_files is not None:
            self.stdout.write(f"Media files restored: {restored.media_files}.")
        for note in restored.notes:
            self.stdout.write(self.style.WARNING(note))
        self.stdout.write(self.style.SUCCESS(f"Restored the backup made {restored.manifest['created_at']}."))

    def describe(self, plan):
        manifest = plan.manifest
        self.stdout.write(
            f"Archive: {ENGINE_NAMES[manifest['engine']]} database and "
            f"{manifest['media'].get('files', 0)} media files, made {manifest['created_at']} "
            f"by recooperate {manifest['versions'].get('recooperate')}; every checksum matches."
        )
        replaced = plan.database + (f" and the files under {plan.media_root}" if plan.media_root else "")
        self.stdout.write(f"This replaces {replaced}.")
        for warning in plan.warnings:
            self.stdout.write(self.style.WARNING(warning))

    def confirm(self, plan):
        """Describe what will be replaced and ask at a terminal; a script must say --no-input."""
        self.describe(plan)
        if sys.stdin is None or not sys.stdin.isatty():
            raise CommandError("Nothing was changed: no terminal to ask on. To restore, run again with --no-input.")
        if input("Type 'yes' to replace them: ").strip().lower() != "yes":
            raise CommandError("Nothing was changed.")
