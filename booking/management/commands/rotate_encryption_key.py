"""Re-encrypt every encrypted field (see booking/crypto.py) with the first key in FIELD_ENCRYPTION_KEYS.

To change the key (because one may have leaked, or as a routine):

1. Generate a key::

       python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"

2. Put it FIRST in DJANGO_FIELD_ENCRYPTION_KEYS, keeping the old key(s) after it,
   comma-separated: ``DJANGO_FIELD_ENCRYPTION_KEYS=<new>,<old>``. New text is then
   encrypted with the new key and old rows are still read with the old one.
3. Restart the site and its workers, so that every process has the new list.
4. Run ``manage.py rotate_encryption_key``. It re-encrypts every stored value
   with the new key, in batches, and says how many. If it reports values that no
   key opens, find the key they need before going on.
5. Remove the old key from DJANGO_FIELD_ENCRYPTION_KEYS and restart again.

Backups made before step 4 still need the old key: keep it, somewhere other
than the database, for as long as those backups are kept.
"""

import argparse

from cryptography.fernet import InvalidToken
from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, DjangoHelpFormatter
from django.db import models, transaction
from django.db.models import ExpressionWrapper, F, Value

from booking import crypto
from booking.crypto import EncryptedTextField


def encrypted_fields():
    """(model, field) for every EncryptedTextField of every installed model."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, EncryptedTextField):
                yield model, field


def rotate_field(model, field, *, batch_size):
    """Re-encrypt one field's stored values with the first key; returns (rotated, unreadable pks)."""
    # Read and written as plain text columns: the field's own conversions would decrypt and encrypt again.
    stored = ExpressionWrapper(F(field.attname), output_field=models.TextField())
    rows = model._base_manager.order_by("pk")
    rotated = 0
    unreadable = []
    last_pk = None
    while True:
        # Each batch is read and rewritten under lock, so a concurrent edit (say, a purge
        # blanking the text) is never overwritten with the old value.
        with transaction.atomic():
            batch = rows if last_pk is None else rows.filter(pk__gt=last_pk)
            batch = list(batch.select_for_update().values_list("pk", stored)[:batch_size])
            if not batch:
                break
            last_pk = batch[-1][0]
            for pk, value in batch:
                if not value:
                    continue
                try:
                    new_value = crypto.rotate(value)
                except InvalidToken:
                    unreadable.append(pk)
                    continue
                model._base_manager.filter(pk=pk).update(
                    **{field.attname: Value(new_value, output_field=models.TextField())}
                )
                rotated += 1
    return rotated, unreadable


class HelpFormatter(DjangoHelpFormatter, argparse.RawDescriptionHelpFormatter):
    """Django's order of options, with the steps above kept on their own lines."""


class Command(BaseCommand):
    help = __doc__

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = HelpFormatter
        return parser

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, default=500, help="Rows read and rewritten per transaction (default 500)."
        )

    def handle(self, *args, batch_size, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        failed = False
        for model, field in encrypted_fields():
            rotated, unreadable = rotate_field(model, field, batch_size=batch_size)
            self.stdout.write(f"{field}: re-encrypted {rotated} value(s) with the first key.")
            if unreadable:
                failed = True
                ids = ", ".join(map(str, unreadable))
                self.stderr.write(f"{field}: no key opens the value(s) of id {ids}; they were left as they are.")
        if failed:
            raise CommandError(
                "Some values could not be decrypted: keep every old key in DJANGO_FIELD_ENCRYPTION_KEYS until "
                "the key they need is found and this command reports none."
            )
