"""The free-text health details are encrypted at rest, still read and exported in the admin, and rotatable."""

import csv
import datetime
import importlib
import io
import logging

import openpyxl
import pytest
from cryptography.fernet import Fernet
from django.core import serializers
from django.core.exceptions import FieldError, ImproperlyConfigured, ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from booking import crypto, services
from booking.models import AppointmentRequest
from tests.factories import make_appointment_request

pytestmark = pytest.mark.django_db

DETAILS = "Sharp pain under the left kneecap since the marathon"
LIST = "/admin/booking/requests/"
OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()


def stored_value(appointment_request):
    """What the database file holds, read past the ORM."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT reason_details FROM {AppointmentRequest._meta.db_table} WHERE id = %s", [appointment_request.pk]
        )
        return cursor.fetchone()[0]


def fernet_plaintext(stored, key):
    assert stored.startswith(crypto.PREFIX)
    return Fernet(key).decrypt(stored.removeprefix(crypto.PREFIX).encode()).decode()


def body_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


# At rest


def test_the_database_holds_a_fernet_token_not_the_text(site_tree, settings):
    appointment_request = make_appointment_request(reason_details=DETAILS)
    stored = stored_value(appointment_request)
    assert DETAILS not in stored and "kneecap" not in stored
    assert fernet_plaintext(stored, settings.FIELD_ENCRYPTION_KEYS[0]) == DETAILS


def test_the_model_reads_back_the_text(site_tree):
    appointment_request = make_appointment_request(reason_details=DETAILS)
    assert AppointmentRequest.objects.get(pk=appointment_request.pk).reason_details == DETAILS
    assert list(AppointmentRequest.objects.values_list("reason_details", flat=True)) == [DETAILS]


def test_the_same_words_are_stored_differently_each_time(site_tree):
    """Otherwise two rows holding the same token would tell that two patients wrote the same."""
    first = make_appointment_request(reason_details=DETAILS)
    second = make_appointment_request(reason_details=DETAILS)
    assert stored_value(first) != stored_value(second)


def test_updates_through_a_queryset_are_encrypted_too(site_tree):
    appointment_request = make_appointment_request()
    AppointmentRequest.objects.filter(pk=appointment_request.pk).update(reason_details=DETAILS)
    assert DETAILS not in stored_value(appointment_request)
    appointment_request.refresh_from_db()
    assert appointment_request.reason_details == DETAILS


def test_the_purge_leaves_no_details_behind(site_tree):
    old = timezone.now() - datetime.timedelta(days=400)
    appointment_request = make_appointment_request(status="closed", reason_details=DETAILS, created_at=old)
    assert services.appointment_requests_purge(older_than_days=180) == 1
    assert stored_value(appointment_request) == ""
    appointment_request.refresh_from_db()
    assert appointment_request.reason_details == ""


def test_length_and_characters_are_checked_on_the_text_not_the_token(site_tree):
    appointment_request = make_appointment_request()
    appointment_request.reason_details = "Knee\x07"
    with pytest.raises(ValidationError) as error:
        appointment_request.full_clean()
    assert list(error.value.message_dict) == ["reason_details"]
    # A TextField's max_length is the form's to enforce; a 1,000-character text's token is far longer.
    form_field = AppointmentRequest._meta.get_field("reason_details").formfield()
    assert form_field.clean("k" * 1000) == "k" * 1000
    with pytest.raises(ValidationError):
        form_field.clean("k" * 1001)
    appointment_request.reason_details = "k" * 1000
    appointment_request.full_clean()
    appointment_request.save()
    assert len(stored_value(appointment_request)) > 1000


def test_the_database_refuses_to_search_the_details_rather_than_find_nothing(site_tree):
    make_appointment_request(reason_details=DETAILS)
    for lookup in ("reason_details", "reason_details__icontains", "reason_details__startswith"):
        with pytest.raises(FieldError):
            AppointmentRequest.objects.filter(**{lookup: DETAILS}).exists()
    assert AppointmentRequest.objects.filter(reason_details__isnull=False).count() == 1


def test_a_data_dump_holds_no_text_and_loads_back(site_tree):
    appointment_request = make_appointment_request(reason_details=DETAILS)
    dump = serializers.serialize("json", AppointmentRequest.objects.all())
    assert "kneecap" not in dump
    AppointmentRequest.objects.all().delete()
    for deserialized in serializers.deserialize("json", dump):
        deserialized.save()
    assert AppointmentRequest.objects.get(pk=appointment_request.pk).reason_details == DETAILS
    assert "kneecap" not in stored_value(appointment_request)


# Keys


def test_no_key_or_a_malformed_key_is_a_configuration_error_that_does_not_print_the_key(settings):
    settings.FIELD_ENCRYPTION_KEYS = []
    with pytest.raises(ImproperlyConfigured):
        crypto.encrypt("x")
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY, "not-a-key-at-all"]
    with pytest.raises(ImproperlyConfigured) as error:
        crypto.encrypt("x")
    assert "Key 2" in str(error.value) and "not-a-key-at-all" not in str(error.value)


def test_a_value_no_key_opens_shows_a_placeholder_and_logs_without_the_text(
    client, booking_staff, site_tree, settings, caplog
):
    settings.FIELD_ENCRYPTION_KEYS = [OLD_KEY]
    appointment_request = make_appointment_request(first_name="Xanthippe", reason_details=DETAILS)
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]  # the old key was dropped too soon
    client.force_login(booking_staff)

    with caplog.at_level(logging.WARNING, logger="booking.crypto"):
        response = client.get(f"{LIST}inspect/{appointment_request.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Xanthippe" in html and "Cannot be read" in html
    assert "booking.AppointmentRequest.reason_details" in caplog.text
    assert "kneecap" not in caplog.text and stored_value(appointment_request) not in caplog.text

    export = client.get(LIST + "?export=csv&health_details=1")
    assert export.status_code == 200
    assert "Cannot be read" in body_of(export).decode()


def test_saving_a_value_no_key_opens_keeps_what_was_stored(site_tree, settings):
    """A missing key must never turn into lost details: the token is written back untouched."""
    settings.FIELD_ENCRYPTION_KEYS = [OLD_KEY]
    appointment_request = make_appointment_request(reason_details=DETAILS)
    token = stored_value(appointment_request)
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]
    unreadable = AppointmentRequest.objects.get(pk=appointment_request.pk)
    assert isinstance(unreadable.reason_details, crypto.UnreadableText)
    unreadable.full_clean()
    unreadable.save()
    assert stored_value(appointment_request) == token
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]  # the key is found again
    assert AppointmentRequest.objects.get(pk=appointment_request.pk).reason_details == DETAILS


# Rotation


def rotate(**kwargs):
    out = io.StringIO()
    call_command("rotate_encryption_key", stdout=out, stderr=io.StringIO(), **kwargs)
    return out.getvalue()


def test_rotation_re_encrypts_every_row_so_the_old_key_can_go(site_tree, settings):
    settings.FIELD_ENCRYPTION_KEYS = [OLD_KEY]
    texts = [f"Knee pain, request {number}" for number in range(5)]
    requests = [make_appointment_request(reason_details=text) for text in texts]
    empty = make_appointment_request(reason_details="")

    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    # New text is encrypted with the new key straight away; old rows are still read.
    assert [AppointmentRequest.objects.get(pk=r.pk).reason_details for r in requests] == texts
    output = rotate(batch_size=2)
    assert "booking.AppointmentRequest.reason_details: re-encrypted 5 value(s)" in output

    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]
    assert [AppointmentRequest.objects.get(pk=r.pk).reason_details for r in requests] == texts
    assert [fernet_plaintext(stored_value(r), NEW_KEY) for r in requests] == texts
    assert stored_value(empty) == ""


def test_rotation_stops_short_of_removing_a_key_that_is_still_needed(site_tree, settings):
    settings.FIELD_ENCRYPTION_KEYS = [OLD_KEY]
    lost = make_appointment_request(reason_details=DETAILS)
    token = stored_value(lost)
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]
    kept = make_appointment_request(reason_details="Hamstring")

    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("rotate_encryption_key", stdout=io.StringIO(), stderr=err)
    assert f"id {lost.pk}" in err.getvalue()
    assert stored_value(lost) == token  # left for the right key
    assert AppointmentRequest.objects.get(pk=kept.pk).reason_details == "Hamstring"


# The migration


def migration_apps(target):
    """The models as they were at a booking migration (without running anything)."""
    return MigrationExecutor(connection).loader.project_state(("booking", target)).apps


def test_the_migration_encrypts_existing_rows_and_its_reverse_decrypts_them(site_tree, settings):
    migration = importlib.import_module("booking.migrations.0004_encrypt_reason_details")
    appointment_request = make_appointment_request()
    with connection.cursor() as cursor:  # a row as the previous release stored it
        cursor.execute(
            f"UPDATE {AppointmentRequest._meta.db_table} SET reason_details = %s WHERE id = %s",
            [DETAILS, appointment_request.pk],
        )
    before = migration_apps("0003_topic_from_recooperate")

    migration.encrypt_existing(before, None)
    assert fernet_plaintext(stored_value(appointment_request), settings.FIELD_ENCRYPTION_KEYS[0]) == DETAILS
    assert AppointmentRequest.objects.get(pk=appointment_request.pk).reason_details == DETAILS

    migration.decrypt_existing(before, None)
    assert stored_value(appointment_request) == DETAILS

    migration.encrypt_existing(before, None)
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]
    with pytest.raises(RuntimeError, match=f"id {appointment_request.pk}"):
        migration.decrypt_existing(before, None)


# The admin still shows the text to staff


def test_staff_read_and_export_the_text(client, booking_staff, site_tree):
    appointment_request = make_appointment_request(reason_details=DETAILS)
    client.force_login(booking_staff)

    assert DETAILS in client.get(f"{LIST}inspect/{appointment_request.pk}/").content.decode()

    rows = list(csv.reader(io.StringIO(body_of(client.get(LIST + "?export=csv&health_details=1")).decode())))
    assert rows[1][rows[0].index("More about the reason (free text)")] == DETAILS

    workbook = openpyxl.load_workbook(io.BytesIO(body_of(client.get(LIST + "?export=xlsx&health_details=1"))))
    assert DETAILS in list(workbook.active.iter_rows(values_only=True))[1]
