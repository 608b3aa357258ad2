"""The real mail worker, end to end: the one test that commits, alone in its file.

It commits for real (the worker opens its own exclusive transaction, which
cannot nest in a test's), so the tables are emptied after it, and with them
what the migrations made (Wagtail's root page, the staff groups). pytest-django
runs such tests after all others; on several workers (make test) each test file
is a unit of work, and tests/conftest.py keeps this file last.
"""

import pytest
from django.core import mail
from django.core.management import call_command

from booking.models import AppointmentRequest
from tests.factories import booking_form_data


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_sends_a_visitors_request(client, settings):
    """End to end with the real worker: the POST commits, the queue holds it, `db_worker` sends it."""
    from tests.factories import make_site_tree

    settings.BOOKING_NOTIFICATION_EMAIL = "team@recooperatept.com"
    page = make_site_tree()["book"]
    assert client.post("/book/", booking_form_data(page)).status_code == 302
    assert mail.outbox == []
    call_command("db_worker", "--backend", "booking", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0")
    appointment_request = AppointmentRequest.objects.get()
    assert appointment_request.notification_status == "sent"
    assert [message.to for message in mail.outbox] == [["team@recooperatept.com"], ["maya.okafor@example.com"]]
