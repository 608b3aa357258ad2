"""Who opened a request's health details, or exported them, and when: recorded and shown on the request."""

import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from booking import services
from booking.models import AppointmentRequestEvent
from recooperate import pagecache
from tests.factories import make_appointment_request

pytestmark = pytest.mark.django_db

LIST = "/admin/booking/requests/"
Kind = AppointmentRequestEvent.Kind


def detail_url(appointment_request):
    return f"{LIST}inspect/{appointment_request.pk}/"


def body_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def access_events(kind):
    return AppointmentRequestEvent.objects.filter(kind=kind).order_by("appointment_request_id")


def test_opening_a_request_records_who_and_when_and_the_page_shows_it(client, booking_staff, site_tree):
    appointment_request = make_appointment_request()
    client.force_login(booking_staff)
    before = timezone.now()

    html = client.get(detail_url(appointment_request)).content.decode()

    event = access_events(Kind.VIEWED).get()
    assert (event.appointment_request, event.user) == (appointment_request, booking_staff)
    assert before <= event.created_at <= timezone.now()
    # The visit that was just recorded is already in the history, with its reader.
    history = html[html.index('id="history-heading"') :]
    assert "Details viewed" in history and "reception" in history
    client.get(detail_url(appointment_request))
    assert access_events(Kind.VIEWED).count() == 2


def test_an_export_with_health_details_records_each_request_it_holds(client, booking_staff, site_tree):
    first, second = make_appointment_request(), make_appointment_request()
    left_out = make_appointment_request(status="scheduled")
    client.force_login(booking_staff)

    response = client.get(LIST + "?export=csv&health_details=1&status=new")
    assert first.reference in body_of(response).decode()

    events = list(access_events(Kind.EXPORTED))
    assert [(event.appointment_request_id, event.user) for event in events] == [
        (first.pk, booking_staff),
        (second.pk, booking_staff),
    ]
    assert not left_out.events.filter(kind=Kind.EXPORTED).exists()
    html = client.get(detail_url(first)).content.decode()
    assert "Exported with health details" in html[html.index('id="history-heading"') :]


def test_an_xlsx_export_with_health_details_is_recorded_too(client, superuser, site_tree):
    appointment_request = make_appointment_request()
    client.force_login(superuser)
    workbook = openpyxl.load_workbook(io.BytesIO(body_of(client.get(LIST + "?export=xlsx&health_details=1"))))
    assert list(workbook.active.iter_rows(values_only=True))[1][0] == appointment_request.reference
    assert [(event.appointment_request, event.user) for event in access_events(Kind.EXPORTED)] == [
        (appointment_request, superuser)
    ]


def test_a_large_export_is_recorded_in_one_insert(client, booking_staff, site_tree):
    for _ in range(12):
        make_appointment_request()
    client.force_login(booking_staff)
    with CaptureQueriesContext(connection) as queries:
        body_of(client.get(LIST + "?export=csv&health_details=1"))
    event_table = AppointmentRequestEvent._meta.db_table
    inserts = [query for query in queries if query["sql"].startswith(f'INSERT INTO "{event_table}"')]
    assert len(inserts) == 1
    assert access_events(Kind.EXPORTED).count() == 12


def test_the_list_and_an_export_without_health_details_record_nothing(client, booking_staff, site_tree):
    make_appointment_request()
    client.force_login(booking_staff)
    assert client.get(LIST).status_code == 200
    assert client.get(LIST + "?export=csv").status_code == 200
    assert client.get(LIST + "?export=xlsx").status_code == 200
    assert not AppointmentRequestEvent.objects.filter(kind__in=[Kind.VIEWED, Kind.EXPORTED]).exists()


def test_someone_refused_the_page_or_the_download_leaves_no_access_record(client, editor, site_tree):
    appointment_request = make_appointment_request()
    client.force_login(editor)
    assert client.get(detail_url(appointment_request)).status_code == 302
    assert client.get(LIST + "?export=csv&health_details=1").status_code == 302
    assert not AppointmentRequestEvent.objects.filter(kind__in=[Kind.VIEWED, Kind.EXPORTED]).exists()


def test_recording_access_leaves_the_page_cache_alone(
    client, booking_staff, site_tree, django_capture_on_commit_callbacks
):
    """Staff reading requests all day must not empty the cache of the public pages."""
    appointment_request = make_appointment_request()
    client.force_login(booking_staff)
    generation = pagecache.current_generation()
    with django_capture_on_commit_callbacks(execute=True):
        client.get(detail_url(appointment_request))
        client.get(LIST + "?export=csv&health_details=1")
    assert AppointmentRequestEvent.objects.filter(kind__in=[Kind.VIEWED, Kind.EXPORTED]).count() == 2
    assert pagecache.current_generation() == generation


def test_a_request_read_by_staff_is_still_anonymised_when_its_time_is_up(client, booking_staff, site_tree):
    old = timezone.now() - datetime.timedelta(days=400)
    appointment_request = make_appointment_request(status="closed", reason_details="Knee", created_at=old)
    client.force_login(booking_staff)
    client.get(detail_url(appointment_request))

    assert services.appointment_requests_purge(older_than_days=180) == 1

    appointment_request.refresh_from_db()
    assert appointment_request.is_anonymised and appointment_request.reason_details == ""
    # Who read it before stays on record; nothing of the patient's does.
    assert appointment_request.events.filter(kind=Kind.VIEWED, user=booking_staff).exists()
