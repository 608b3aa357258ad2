import datetime
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from tests.factories import make_appointment_request


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_send_pending_notifications_sends_what_is_waiting():
    make_appointment_request()
    make_appointment_request(spam_reason="honeypot")
    assert run("send_pending_notifications") == "Sent: 1. Failed (will retry): 0.\n"
    assert len(mail.outbox) == 2
    assert run("send_pending_notifications") == "Sent: 0. Failed (will retry): 0.\n"


@pytest.mark.django_db
def test_send_pending_notifications_exits_non_zero_while_the_mail_server_is_down():
    appointment_request = make_appointment_request()
    with override_settings(EMAIL_BACKEND="tests.booking.mail_backends.DownBackend"):
        with pytest.raises(SystemExit) as exit_info:
            run("send_pending_notifications")
    assert exit_info.value.code == 1
    # Waiting for its next attempt: a plain run leaves it, --force sends it now.
    assert run("send_pending_notifications") == "Sent: 0. Failed (will retry): 0.\n"
    assert run("send_pending_notifications", "--force") == "Sent: 1. Failed (will retry): 0.\n"
    appointment_request.refresh_from_db()
    assert appointment_request.notification_status == "sent"


@pytest.mark.django_db
@override_settings(BOOKING_RETENTION_DAYS=30)
def test_purge_requests_defaults_to_the_retention_setting():
    old = timezone.now() - datetime.timedelta(days=45)
    closed = make_appointment_request(status="closed", created_at=old)
    assert "Anonymised 1 appointment request(s)" in run("purge_requests")
    closed.refresh_from_db()
    assert closed.email == "" and closed.anonymised_at is not None


@pytest.mark.django_db
def test_purge_requests_takes_a_number_of_days():
    old = timezone.now() - datetime.timedelta(days=45)
    make_appointment_request(status="closed", created_at=old)
    assert "Anonymised 0" in run("purge_requests", "--older-than", "60")
    assert "Anonymised 1" in run("purge_requests", "--older-than", "40")
    with pytest.raises(CommandError):
        run("purge_requests", "--older-than", "0")
