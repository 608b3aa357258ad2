"""The two mails a request causes, built so that neither carries health information.

The staff notification names only the reference and links to the admin, where
signing in (with the booking permission) is needed to read anything. The
patient's acknowledgement repeats the reference and what happens next, and
nothing of what they wrote: mail is neither private nor certain to reach the
person whose address was typed.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from recooperate.models import ClinicSettings
from recooperate.validators import fill

from .models import BookingPage


class NoNotificationAddress(Exception):
    """Neither BOOKING_NOTIFICATION_EMAIL nor the clinic's email is set."""


def staff_address():
    address = settings.BOOKING_NOTIFICATION_EMAIL or ClinicSettings.load().email
    if not address:
        raise NoNotificationAddress("Set BOOKING_NOTIFICATION_EMAIL or the email in Clinic settings.")
    return address


def admin_url(appointment_request):
    path = reverse("appointment_requests:inspect", args=[appointment_request.pk])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def staff_notification(appointment_request, *, connection=None):
    """ "New appointment request <reference>" with a link to the admin, and nothing else."""
    clinic = ClinicSettings.load()
    body = render_to_string(
        "booking/email/staff_notification.txt",
        {"reference": appointment_request.reference, "admin_url": admin_url(appointment_request), "clinic": clinic},
    )
    return EmailMessage(
        subject=f"New appointment request {appointment_request.reference}",
        body=body,
        to=[staff_address()],
        connection=connection,
    )


def patient_acknowledgement(appointment_request, *, connection=None):
    """Thanks, the reference and what happens next, in the booking page's words; no name, no reason, no health details."""
    clinic = ClinicSettings.load()
    page = BookingPage.objects.first() or BookingPage()  # the texts' defaults if the page was deleted
    values = {"clinic": clinic.clinic_name, "reference": appointment_request.reference}
    return EmailMessage(
        subject=fill(page.acknowledgement_subject, **values),
        body=fill(page.acknowledgement_text, **values, phone=clinic.phone),
        to=[appointment_request.email],
        reply_to=[clinic.email] if clinic.email else None,
        connection=connection,
    )
