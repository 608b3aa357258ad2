import datetime
import logging
import socket
import uuid
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from booking import services
from booking.models import AppointmentRequest, AppointmentRequestEvent, BookingRateLimitHit
from tests.factories import appointment_request_data, make_appointment_request

pytestmark = pytest.mark.django_db

Notification = AppointmentRequest.Notification
Status = AppointmentRequest.Status
# What a patient typed, none of which may appear in mail, logs or the queue.
PATIENT_DATA = ["Maya", "Okafor", "maya.okafor@example.com", "2125550147", "555-0147", "Left knee", "knee", "Knee"]


def create(**kwargs):
    kwargs.setdefault("data", appointment_request_data())
    kwargs.setdefault("form_key", uuid.uuid4())
    kwargs.setdefault("privacy_notice_version", "2025-09:abcd1234")
    return services.appointment_request_create(**kwargs)


def assert_no_patient_data(text):
    for value in PATIENT_DATA:
        assert value not in text, f"{value!r} leaked"


# Storing


def test_a_request_is_stored_with_its_history_and_its_mail_queued_only_after_commit(
    django_capture_on_commit_callbacks, booking_page
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        appointment_request, created = create(source_page=booking_page.get_parent(), client_ip="203.0.113.9")
        # Nothing is queued, let alone sent, until the request is safely committed.
        assert not DBTaskResult.objects.exists()
    assert created
    assert appointment_request.status == Status.NEW
    assert appointment_request.notification_status == Notification.PENDING
    assert appointment_request.reference.startswith("RC-") and len(appointment_request.reference) == 12
    assert appointment_request.privacy_notice_version == "2025-09:abcd1234"
    assert list(appointment_request.events.values_list("kind", "to_status")) == [("received", "new")]
    assert len(callbacks) == 1
    callbacks[0]()
    queued = DBTaskResult.objects.get()
    assert queued.backend_name == "booking"
    # The queue holds the row's id only: nothing a patient typed.
    assert queued.args_kwargs == {"args": [appointment_request.pk], "kwargs": {}}
    assert mail.outbox == []


def test_the_same_form_key_stores_one_request():
    key = uuid.uuid4()
    first, created_first = create(form_key=key)
    second, created_second = create(form_key=key, data=appointment_request_data(first_name="Someone"))
    assert (created_first, created_second) == (True, False)
    assert first.pk == second.pk
    assert AppointmentRequest.objects.count() == 1


def test_a_parallel_post_that_loses_the_race_returns_the_winners_request():
    """Two POSTs of one form both pass the first check; the database's unique key settles it."""
    key = uuid.uuid4()
    winner, _created = create(form_key=key)
    real_filter = AppointmentRequest.objects.filter
    misses = {"left": 2}

    def blind_filter(*args, **kwargs):
        # The loser checked before the winner committed: it saw nothing, twice.
        if kwargs.get("form_key") == key and misses["left"]:
            misses["left"] -= 1
            return AppointmentRequest.objects.none()
        return real_filter(*args, **kwargs)

    with mock.patch.object(AppointmentRequest.objects, "filter", side_effect=blind_filter):
        loser, created = create(form_key=key)
    assert not created
    assert loser.pk == winner.pk
    assert AppointmentRequest.objects.count() == 1


def test_invalid_data_never_reaches_the_table():
    with pytest.raises(ValidationError):
        create(data=appointment_request_data(preferred_times=["sun-midnight"]))
    with pytest.raises(ValidationError):
        create(data=appointment_request_data(phone="not a phone"))
    with pytest.raises(ValidationError):
        create(data=appointment_request_data(last_name="Oka\u202erofa"))
    assert not AppointmentRequest.objects.exists()


def test_spam_is_kept_but_never_mailed_about(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        appointment_request, _created = create(spam_reason=AppointmentRequest.SpamReason.HONEYPOT)
    assert callbacks == []
    assert appointment_request.status == Status.SPAM
    assert appointment_request.notification_status == Notification.SKIPPED
    assert not DBTaskResult.objects.exists()
    assert services.appointment_request_notify(appointment_request_id=appointment_request.pk, force=True) == "not_due"
    assert mail.outbox == []


def test_a_queue_that_refuses_the_task_leaves_the_request_pending(caplog):
    appointment_request, _created = create()
    broken_queue = mock.Mock(**{"enqueue.side_effect": RuntimeError("database is locked")})
    with mock.patch("booking.tasks.send_appointment_request_notifications", broken_queue):
        services.appointment_request_notification_enqueue(appointment_request_id=appointment_request.pk)
    appointment_request.refresh_from_db()
    assert appointment_request.notification_status == Notification.PENDING
    assert "send_pending_notifications will send it" in caplog.text
    assert services.appointment_requests_notify_pending() == {"sent": 1, "failed": 0}


# Rate limits


@override_settings(BOOKING_RATE_LIMIT_PER_IP=2, BOOKING_RATE_LIMIT_PER_EMAIL=0)
def test_the_per_ip_limit_counts_within_the_window():
    now = timezone.now()
    create(client_ip="203.0.113.9", data=appointment_request_data(email="a@example.com"), now=now)
    create(client_ip="203.0.113.9", data=appointment_request_data(email="b@example.com"), now=now)
    with pytest.raises(services.RateLimitExceeded) as raised:
        create(client_ip="203.0.113.9", data=appointment_request_data(email="c@example.com"), now=now)
    assert raised.value.scope == "ip"
    # Another address is not affected, and an hour later the first may send again.
    create(client_ip="198.51.100.7", data=appointment_request_data(email="d@example.com"), now=now)
    create(
        client_ip="203.0.113.9",
        data=appointment_request_data(email="e@example.com"),
        now=now + datetime.timedelta(hours=1, seconds=1),
    )
    assert AppointmentRequest.objects.count() == 4


@override_settings(BOOKING_RATE_LIMIT_PER_IP=0, BOOKING_RATE_LIMIT_PER_EMAIL=1)
def test_the_per_email_limit_ignores_case_and_spaces():
    create(client_ip="203.0.113.1", data=appointment_request_data(email="Maya.Okafor@example.com"))
    with pytest.raises(services.RateLimitExceeded) as raised:
        create(client_ip="203.0.113.2", data=appointment_request_data(email="maya.okafor@EXAMPLE.com"))
    assert raised.value.scope == "email"
    assert AppointmentRequest.objects.count() == 1


@override_settings(BOOKING_RATE_LIMIT_PER_IP=0, BOOKING_RATE_LIMIT_PER_EMAIL=0)
def test_zero_switches_the_limits_off():
    for _ in range(30):
        create(client_ip="203.0.113.9")
    assert AppointmentRequest.objects.count() == 30
    assert not BookingRateLimitHit.objects.exists()


@override_settings(BOOKING_RATE_LIMIT_PER_IP=5, BOOKING_RATE_LIMIT_PER_EMAIL=5)
def test_the_rate_limit_table_holds_no_address():
    create(client_ip="203.0.113.9")
    stored = " ".join(BookingRateLimitHit.objects.values_list("key_digest", flat=True))
    assert BookingRateLimitHit.objects.count() == 2
    assert "203.0.113.9" not in stored
    assert "maya" not in stored.lower()


# Mail


def test_the_staff_notification_and_acknowledgement_carry_no_health_data(booking_page):
    appointment_request, _created = create()
    assert services.appointment_request_notify(appointment_request_id=appointment_request.pk) == "sent"
    staff, patient = mail.outbox
    reference = appointment_request.reference

    assert staff.subject == f"New appointment request {reference}"
    assert staff.to == ["team@recooperatept.com"]
    assert f"http://testserver/admin/booking/requests/inspect/{appointment_request.pk}/" in staff.body
    assert_no_patient_data(staff.subject + staff.body)

    assert patient.to == ["maya.okafor@example.com"]
    assert reference in patient.subject and reference in patient.body
    assert_no_patient_data(patient.subject + patient.body.replace("maya.okafor@example.com", ""))
    for health_word in ("pain", "injury", "insurance", "referral"):
        assert health_word not in patient.body.lower()

    appointment_request.refresh_from_db()
    assert appointment_request.notification_status == Notification.SENT
    assert appointment_request.notification_attempts == 1
    assert appointment_request.staff_notified_at and appointment_request.patient_acknowledged_at


def test_mail_about_a_request_with_only_the_required_answers_is_sent(booking_page, request_with_only_required_answers):
    appointment_request = request_with_only_required_answers
    assert services.appointment_request_notify(appointment_request_id=appointment_request.pk) == "sent"
    staff, patient = mail.outbox
    assert f"/admin/booking/requests/inspect/{appointment_request.pk}/" in staff.body
    # No contact method chosen: the promise is phone or email, not "the method you chose" alone.
    assert "or by phone or email if you did not choose one" in patient.body
    assert appointment_request.reference in patient.body


def test_the_acknowledgement_says_what_editors_wrote(booking_page):
    from recooperate.models import ClinicSettings

    booking_page.acknowledgement_subject = "{clinic}: request {reference} received"
    booking_page.acknowledgement_text = "We will call you within two working days. Ref {reference}. {phone}"
    booking_page.full_clean()
    booking_page.save_revision().publish()
    appointment_request, _created = create()
    services.appointment_request_notify(appointment_request_id=appointment_request.pk)
    _staff, patient = mail.outbox
    reference, phone = appointment_request.reference, ClinicSettings.load().phone
    assert patient.subject == f"{ClinicSettings.load().clinic_name}: request {reference} received"
    assert patient.body == f"We will call you within two working days. Ref {reference}. {phone}"


@pytest.mark.parametrize("field", ["acknowledgement_subject", "acknowledgement_text"])
def test_a_mistyped_placeholder_in_the_acknowledgement_is_refused_when_saved(booking_page, field):
    setattr(booking_page, field, "Request {refrence}")
    with pytest.raises(ValidationError) as raised:
        booking_page.full_clean()
    assert field in raised.value.message_dict


@override_settings(BOOKING_NOTIFICATION_EMAIL="")
def test_without_an_address_setting_staff_mail_goes_to_the_clinic_email_or_waits():
    from recooperate.models import ClinicSettings

    appointment_request, _created = create()
    assert services.appointment_request_notify(appointment_request_id=appointment_request.pk) == "failed"
    appointment_request.refresh_from_db()
    assert appointment_request.notification_last_error == "NoNotificationAddress"
    clinic = ClinicSettings.load()
    clinic.email = "hello@recooperatept.com"
    clinic.save()
    assert services.appointment_request_notify(appointment_request_id=appointment_request.pk, force=True) == "sent"
    assert mail.outbox[0].to == ["hello@recooperatept.com"]


@pytest.mark.parametrize(
    "backend", ["tests.booking.mail_backends.RefusingBackend", "tests.booking.mail_backends.DownBackend"]
)
def test_a_failing_mail_server_keeps_the_request_and_the_retry_sends_it(backend, caplog):
    appointment_request, _created = create()
    caplog.set_level(logging.INFO)
    with override_settings(EMAIL_BACKEND=backend):
        assert services.appointment_request_notify(appointment_request_id=appointment_request.pk) == "failed"
    appointment_request.refresh_from_db()
    assert appointment_request.notification_status == Notification.FAILED
    assert appointment_request.notification_attempts == 1
    assert appointment_request.notification_last_error in {"SMTPRecipientsRefused", "ConnectionRefusedError"}
    assert appointment_request.notification_next_attempt_at > appointment_request.notification_last_attempt_at
    assert appointment_request.reference in caplog.text
    assert_no_patient_data(caplog.text + appointment_request.notification_last_error)

    # Not due yet: the worker waits before trying again...
    assert services.appointment_request_notify(appointment_request_id=appointment_request.pk) == "not_due"
    # ...and once it is due, the server is back and the mail goes out.
    later = appointment_request.notification_next_attempt_at + datetime.timedelta(seconds=1)
    assert services.appointment_requests_notify_pending(now=later) == {"sent": 1, "failed": 0}
    assert [message.subject.split(" ")[0] for message in mail.outbox] == ["New", "Your"]
    appointment_request.refresh_from_db()
    assert appointment_request.notification_status == Notification.SENT
    assert appointment_request.notification_attempts == 2


@override_settings(EMAIL_BACKEND="tests.booking.mail_backends.PatientRefusedBackend")
def test_a_retry_does_not_send_the_staff_notification_twice():
    appointment_request, _created = create()
    assert services.appointment_request_notify(appointment_request_id=appointment_request.pk) == "failed"
    assert [message.to for message in mail.outbox] == [["team@recooperatept.com"]]
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        assert services.appointment_request_notify(appointment_request_id=appointment_request.pk, force=True) == "sent"
    assert [message.to for message in mail.outbox] == [["team@recooperatept.com"], ["maya.okafor@example.com"]]


@pytest.fixture
def silent_smtp_server():
    """A socket that accepts connections and never says a word: a hanging mail server."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    yield server.getsockname()[1]
    server.close()


def test_a_hanging_mail_server_is_given_up_on_after_email_timeout_and_retried(silent_smtp_server, booking_queue):
    appointment_request, _created = create()
    services.appointment_request_notification_enqueue(appointment_request_id=appointment_request.pk)
    hanging = override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=silent_smtp_server,
        EMAIL_TIMEOUT=1,
    )
    with hanging:
        assert booking_queue() == 1
    appointment_request.refresh_from_db()
    assert appointment_request.notification_status == Notification.FAILED
    assert appointment_request.notification_last_error in {"TimeoutError", "SMTPServerDisconnected", "timeout"}
    # The worker queued its own next attempt for when it is due.
    retry = DBTaskResult.objects.filter(status="READY").get()
    assert retry.run_after == appointment_request.notification_next_attempt_at
    # The server comes back; the operator does not wait for the retry.
    assert services.appointment_requests_notify_pending(force=True) == {"sent": 1, "failed": 0}
    assert len(mail.outbox) == 2


@override_settings(EMAIL_BACKEND="tests.booking.mail_backends.DownBackend", BOOKING_NOTIFICATION_MAX_ATTEMPTS=2)
def test_automatic_retries_stop_after_the_limit_but_force_still_sends():
    appointment_request, _created = create()
    far_future = timezone.now() + datetime.timedelta(days=1)
    assert services.appointment_request_notify(appointment_request_id=appointment_request.pk) == "failed"
    assert services.appointment_requests_notify_pending(now=far_future) == {"sent": 0, "failed": 1}
    appointment_request.refresh_from_db()
    assert appointment_request.notification_attempts == 2
    assert appointment_request.notification_next_attempt_at is None
    assert services.appointment_requests_notify_pending(now=far_future) == {"sent": 0, "failed": 0}
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        assert services.appointment_requests_notify_pending(force=True) == {"sent": 1, "failed": 0}


def test_a_request_being_sent_by_another_worker_is_left_alone_until_it_looks_abandoned():
    appointment_request, _created = create()
    now = timezone.now()
    AppointmentRequest.objects.filter(pk=appointment_request.pk).update(
        notification_status=Notification.SENDING, notification_last_attempt_at=now
    )
    assert services.appointment_request_notify(appointment_request_id=appointment_request.pk, now=now) == "not_due"
    assert mail.outbox == []
    later = now + datetime.timedelta(minutes=16)
    assert services.appointment_request_notify(appointment_request_id=appointment_request.pk, now=later) == "sent"


def test_the_retry_delay_grows_and_is_capped_at_an_hour():
    delays = [services.retry_delay(attempts) for attempts in (1, 2, 3, 7, 8, 30)]
    assert delays[:3] == [datetime.timedelta(minutes=1), datetime.timedelta(minutes=2), datetime.timedelta(minutes=4)]
    assert delays[3:] == [datetime.timedelta(hours=1)] * 3


# Staff updates


def test_status_changes_and_notes_are_recorded_with_who_and_when(booking_staff):
    appointment_request = make_appointment_request()
    services.appointment_request_update(
        appointment_request=appointment_request, status=Status.CONTACTED, note="Left a voicemail", user=booking_staff
    )
    services.appointment_request_update(
        appointment_request=appointment_request, status=Status.CONTACTED, note="Called back", user=booking_staff
    )
    appointment_request.refresh_from_db()
    assert appointment_request.status == Status.CONTACTED
    assert appointment_request.status_changed_at is not None
    events = list(appointment_request.events.values_list("kind", "from_status", "to_status", "note", "user__username"))
    assert events == [
        ("received", "", "new", "", None),
        ("status", "new", "contacted", "Left a voicemail", "reception"),
        ("note", "", "", "Called back", "reception"),
    ]
    assert all(event.created_at for event in appointment_request.events.all())


def test_marking_a_request_as_spam_stops_its_pending_mail(booking_staff):
    appointment_request = make_appointment_request()
    services.appointment_request_update(appointment_request=appointment_request, status=Status.SPAM, user=booking_staff)
    appointment_request.refresh_from_db()
    assert appointment_request.notification_status == Notification.SKIPPED
    assert services.appointment_requests_notify_pending(force=True) == {"sent": 0, "failed": 0}


def test_moving_a_request_out_of_spam_sends_its_mail_after_commit(
    booking_staff, django_capture_on_commit_callbacks, booking_queue
):
    """A genuine request caught as spam is mailed about once staff say it is genuine."""
    appointment_request, _created = create(spam_reason=AppointmentRequest.SpamReason.TOO_FAST)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.appointment_request_update(
            appointment_request=appointment_request, status=Status.NEW, user=booking_staff
        )
        assert not DBTaskResult.objects.exists()
    appointment_request.refresh_from_db()
    assert appointment_request.notification_status == Notification.PENDING
    for callback in callbacks:
        callback()
    assert booking_queue() == 1
    appointment_request.refresh_from_db()
    assert appointment_request.notification_status == Notification.SENT
    assert [message.subject for message in mail.outbox] == [
        f"New appointment request {appointment_request.reference}",
        f"Your appointment request to ReCOOPERate PT ({appointment_request.reference})",
    ]


def test_a_request_mailed_before_it_was_marked_as_spam_is_not_mailed_again(
    booking_staff, django_capture_on_commit_callbacks, booking_queue
):
    appointment_request, _created = create()
    assert services.appointment_request_notify(appointment_request_id=appointment_request.pk) == "sent"
    services.appointment_request_update(appointment_request=appointment_request, status=Status.SPAM, user=booking_staff)
    with django_capture_on_commit_callbacks(execute=True):
        services.appointment_request_update(
            appointment_request=appointment_request, status=Status.CONTACTED, user=booking_staff
        )
    appointment_request.refresh_from_db()
    assert appointment_request.notification_status == Notification.SENT
    booking_queue()
    assert len(mail.outbox) == 2


def test_an_unknown_status_is_refused(booking_staff):
    with pytest.raises(ValueError):
        services.appointment_request_update(
            appointment_request=make_appointment_request(), status="lost", user=booking_staff
        )


# Retention


def test_purge_anonymises_old_closed_and_spam_requests_only(booking_staff):
    now = timezone.now()
    old = now - datetime.timedelta(days=200)
    closed_old = make_appointment_request(status=Status.CLOSED, created_at=old)
    spam_old = make_appointment_request(created_at=old, spam_reason="honeypot")
    new_old = make_appointment_request(status=Status.NEW, created_at=old)
    closed_recently = make_appointment_request(created_at=old)
    services.appointment_request_update(
        appointment_request=closed_recently, status=Status.CLOSED, note="Booked for Tuesday, knee", user=booking_staff
    )
    services.appointment_request_update(appointment_request=closed_old, status=Status.CLOSED, note="Knee pain")
    AppointmentRequest.objects.filter(pk=closed_old.pk).update(status_changed_at=old)
    BookingRateLimitHit.objects.create(scope="ip", key_digest="x" * 64, created_at=old)

    assert services.appointment_requests_purge(older_than_days=180, now=now) == 2

    for kept in (new_old, closed_recently):
        kept.refresh_from_db()
        assert kept.first_name == "Maya" and kept.anonymised_at is None
    for purged in (closed_old, spam_old):
        purged.refresh_from_db()
        assert purged.anonymised_at == now
        assert (purged.first_name, purged.last_name, purged.email, purged.phone, purged.reason_details) == (
            "",
            "",
            "",
            "",
            "",
        )
        assert purged.preferred_times == [] and purged.preferred_dates == []
        # What the report counts survives.
        assert purged.reference and purged.reason and purged.created_at == old
        assert not purged.events.exclude(note="").exists()
        assert purged.events.filter(kind=AppointmentRequestEvent.Kind.ANONYMISED).count() == 1
    assert closed_recently.events.filter(note__contains="knee").exists()
    assert not BookingRateLimitHit.objects.filter(key_digest="x" * 64).exists()
    # Running it again changes nothing.
    assert services.appointment_requests_purge(older_than_days=180, now=now) == 0
