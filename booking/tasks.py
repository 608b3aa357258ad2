"""Background work for the booking app, run by the "booking" task backend's worker."""

from django_tasks import task

from . import services
from .models import AppointmentRequest


@task(backend="booking")
def send_appointment_request_notifications(appointment_request_id):
    """Send a request's mail; after a failure, queue the next attempt for when it is due.

    Failures are recorded on the request, never raised: the queue's own result
    rows would keep the exception's message, which can quote an address.
    """
    outcome = services.appointment_request_notify(appointment_request_id=appointment_request_id)
    if outcome == "failed":
        next_attempt_at = (
            AppointmentRequest.objects.filter(pk=appointment_request_id)
            .values_list("notification_next_attempt_at", flat=True)
            .first()
        )
        backend = send_appointment_request_notifications.get_backend()
        if next_attempt_at is not None and backend.supports_defer:
            send_appointment_request_notifications.using(run_after=next_attempt_at).enqueue(appointment_request_id)
    return outcome
