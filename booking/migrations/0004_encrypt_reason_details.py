"""The free-text health details are encrypted at rest (booking/crypto.py).

The rows are encrypted first, while the field is still a plain TextField in
this migration's state, so the historical model reads and writes the column as
it is; then the field becomes an EncryptedTextField, which changes no column.
Backwards, the field is plain again first, then each row is decrypted; a row
that no key in FIELD_ENCRYPTION_KEYS opens stops the migration rather than be
left as a token nobody could read.
"""

from cryptography.fernet import InvalidToken
from django.db import migrations

import booking.crypto
import booking.validators

BATCH_SIZE = 500


def _convert(apps, convert):
    AppointmentRequest = apps.get_model("booking", "AppointmentRequest")
    rows = AppointmentRequest.objects.exclude(reason_details="").only("pk", "reason_details").order_by("pk")
    unreadable = []
    last_pk = 0
    # In batches by primary key, each read whole before it is written: no open cursor on a changing table.
    while batch := list(rows.filter(pk__gt=last_pk)[:BATCH_SIZE]):
        last_pk = batch[-1].pk
        converted = []
        for row in batch:
            try:
                row.reason_details = convert(row.reason_details)
            except InvalidToken:
                unreadable.append(row.pk)
                continue
            converted.append(row)
        AppointmentRequest.objects.bulk_update(converted, ["reason_details"])
    if unreadable:
        raise RuntimeError(
            "No key in FIELD_ENCRYPTION_KEYS decrypts the health details of appointment requests with id "
            f"{', '.join(map(str, unreadable))}: add the key they were encrypted with and migrate again."
        )


def encrypt_existing(apps, schema_editor):
    _convert(apps, booking.crypto.encrypt)


def decrypt_existing(apps, schema_editor):
    _convert(apps, booking.crypto.decrypt)


class Migration(migrations.Migration):
    dependencies = [
        ("booking", "0003_topic_from_recooperate"),
    ]

    operations = [
        migrations.RunPython(encrypt_existing, decrypt_existing),
        migrations.AlterField(
            model_name="appointmentrequest",
            name="reason_details",
            field=booking.crypto.EncryptedTextField(
                blank=True,
                max_length=1000,
                validators=[booking.validators.validate_multi_line],
                verbose_name="more about the reason",
            ),
        ),
    ]
