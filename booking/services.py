"""Writes with side effects for appointment requests.

A request is stored, in one transaction, before anything is mailed; its mail
goes out after commit from a queue and leaves its trace on the row
(``notification_*``), so a mail server that is down, refusing or hanging costs
a retry, never a request.
"""

import datetime
import functools
import hashlib
import hmac
import logging

from django.conf import settings
from django.core import mail
from django.core.cache import caches
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from . import notifications
from .models import AppointmentRequest, AppointmentRequestEvent, BookingRateLimitHit, generate_reference

logger = logging.getLogger(__name__)

Status = AppointmentRequest.Status
Notification = AppointmentRequest.Notification
# Longest wait between two attempts at the same request's mail.
MAX_RETRY_DELAY = datetime.timedelta(hours=1)


class RateLimitExceeded(Exception):
    """Too many requests from one IP address or for one email address within the window."""

    def __init__(self, scope):
        super().__init__(scope)
        self.scope = scope


def normalise_email_for_limit(email):
    """One mailbox, however it is spelled: letter case and a "+tag" do not make a new address.

    Gmail also ignores dots in the local part, so they are dropped for its domains.
    Only for counting requests: the address a patient typed is stored as typed.
    """
    local, _at, domain = email.strip().lower().rpartition("@")
    if not local:
        return domain
    local = local.split("+", 1)[0]
    if domain in ("gmail.com", "googlemail.com"):
        local, domain = local.replace(".", ""), "gmail.com"
    return f"{local}@{domain}"


def _limit_digest(scope, value):
    # A keyed hash: the table can count repeats without holding anyone's address.
    if scope == BookingRateLimitHit.Scope.EMAIL:
        value = normalise_email_for_limit(value)
    message = f"{scope}:{value.strip().lower()}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def thank_you_lookup_allowed(*, client_ip):
    """Count one thank-you page lookup from this address; False once the window's limit is used up.

    Each reference has a page of its own, so without a limit a script could try
    references until one answers. Counted in the shared cache, not the database:
    a lookup is a read, and a visitor must never wait on the write lock for one.
    """
    limit = settings.BOOKING_THANK_YOU_LOOKUPS_PER_IP
    if not limit or not client_ip:
        return True
    key = "booking:thank-you:" + _limit_digest("thank-you", client_ip)
    cache = caches["default"]
    cache.add(key, 0, timeout=settings.BOOKING_RATE_LIMIT_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=settings.BOOKING_RATE_LIMIT_WINDOW_SECONDS)
        count = 1
    return count <= limit


def _limits(*, client_ip, email):
    return [
        (BookingRateLimitHit.Scope.IP, client_ip, settings.BOOKING_RATE_LIMIT_PER_IP),
        (BookingRateLimitHit.Scope.EMAIL, email, settings.BOOKING_RATE_LIMIT_PER_EMAIL),
    ]


def _rate_limit_record(*, client_ip, email, now):
    """Count this attempt, or raise RateLimitExceeded if one of the limits is already reached.

    Runs inside the request's transaction; on SQLite that transaction holds the
    write lock from its start (IMMEDIATE), so two attempts cannot both slip under a limit.
    Three statements for both limits: drop their expired hits, count the rest, add this one.
    """
    window_start = now - datetime.timedelta(seconds=settings.BOOKING_RATE_LIMIT_WINDOW_SECONDS)
    limits = {
        scope: (_limit_digest(scope, value), limit)
        for scope, value, limit in _limits(client_ip=client_ip, email=email)
        if limit and value
    }
    if not limits:
        return
    keys = Q()
    for scope, (digest, _limit) in limits.items():
        keys |= Q(scope=scope, key_digest=digest)
    hits = BookingRateLimitHit.objects.filter(keys)
    # These keys' expired hits are no use to anyone; drop them while we are here.
    hits.filter(created_at__lt=window_start).delete()
    counts = hits.aggregate(
        **{scope: Count("pk", filter=Q(scope=scope, key_digest=digest)) for scope, (digest, _limit) in limits.items()}
    )
    for scope, (_digest, limit) in limits.items():
        if counts[scope] >= limit:
            raise RateLimitExceeded(scope)
    BookingRateLimitHit.objects.bulk_create(
        BookingRateLimitHit(scope=scope, key_digest=digest, created_at=now)
        for scope, (digest, _limit) in limits.items()
    )


def appointment_request_for_form_key(form_key):
    """The request the form with this key (its UUID) already stored, or None; None for no key.

    The one answer to "was this form sent before?": the booking view asks it
    before reading the form (a double click, or Back and Send again, shows the
    first request's thank-you page), and appointment_request_create() asks it
    inside its transaction and after losing a race, so that one form never
    stores two requests. Only the reference is read (what a thank-you page
    needs); any other field loads when first used.
    """
    if form_key is None:
        return None
    return AppointmentRequest.objects.filter(form_key=form_key).only("reference").order_by().first()


@transaction.atomic
def _appointment_request_insert(*, data, form_key, privacy_notice_version, source_page, client_ip, spam_reason, now):
    # Asked again inside the transaction: a parallel POST of the same form may just have committed.
    existing = appointment_request_for_form_key(form_key)
    if existing is not None:
        return existing, False
    _rate_limit_record(client_ip=client_ip, email=data.get("email", ""), now=now)
    is_spam = bool(spam_reason)
    appointment_request = AppointmentRequest(
        **data,
        reference=generate_reference(),
        form_key=form_key,
        created_at=now,
        privacy_notice_version=privacy_notice_version,
        source_page=source_page,
        status=Status.SPAM if is_spam else Status.NEW,
        spam_reason=spam_reason,
        # Spam is kept for review but never mailed about.
        notification_status=Notification.SKIPPED if is_spam else Notification.PENDING,
    )
    # Uniqueness is the database's job (see the IntegrityError below); the rest is checked here.
    appointment_request.full_clean(validate_unique=False)
    appointment_request.save(force_insert=True)
    AppointmentRequestEvent.objects.create(
        appointment_request=appointment_request,
        kind=AppointmentRequestEvent.Kind.RECEIVED,
        to_status=appointment_request.status,
        created_at=now,
    )
    if not is_spam:
        transaction.on_commit(
            functools.partial(appointment_request_notification_enqueue, appointment_request_id=appointment_request.pk),
            robust=True,
        )
    return appointment_request, True


def appointment_request_create(
    *, data, form_key, privacy_notice_version, source_page=None, client_ip="", spam_reason="", now=None
):
    """Store a visitor's request, or find the one this same form already stored.

    ``data`` holds the AppointmentRequest field values (BookingForm.request_data()).
    Returns ``(appointment_request, created)``. The mail is queued after commit,
    never for spam. Raises RateLimitExceeded, or ValidationError for data the
    form should not have let through.
    """
    now = now or timezone.now()
    # "Sent before?" is asked inside the insert's transaction, where no parallel POST can slip past.
    for _attempt in range(3):
        try:
            return _appointment_request_insert(
                data=data,
                form_key=form_key,
                privacy_notice_version=privacy_notice_version,
                source_page=source_page,
                client_ip=client_ip,
                spam_reason=spam_reason,
                now=now,
            )
        except IntegrityError:
            # Either a parallel POST of the same form won (return its request),
            # or, once in a trillion, the random reference was taken (try another).
            existing = appointment_request_for_form_key(form_key)
            if existing is not None:
                return existing, False
    raise IntegrityError("Could not store the appointment request after three attempts.")


def appointment_request_notification_enqueue(*, appointment_request_id):
    """Queue the request's mail. If the queue cannot take it, the row stays "pending" for send_pending_notifications."""
    from .tasks import send_appointment_request_notifications

    try:
        send_appointment_request_notifications.enqueue(appointment_request_id)
    except Exception:
        logger.warning(
            "Could not queue mail for appointment request id=%s; send_pending_notifications will send it.",
            appointment_request_id,
            exc_info=True,
        )


def retry_delay(attempts):
    """How long to wait after the given number of failed attempts: 1, 2, 4... minutes, at most an hour."""
    return min(datetime.timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_RETRY_DELAY)


def appointment_request_notify(*, appointment_request_id, force=False, now=None):
    """Send whichever of the staff notification and the patient's acknowledgement has not gone out.

    Returns "sent", "failed" or "not_due" (already sent, spam, anonymised,
    waiting for its next attempt, or being sent by another worker). ``force``
    ignores the wait and the attempt limit.

    Deliberately not one transaction: the claim, each sent mail and the outcome
    are committed on their own, so no database lock is held while the mail
    server is slow, and a mail that went out is never sent twice.
    """
    now = now or timezone.now()
    claimed = (
        AppointmentRequest.objects.filter(pk=appointment_request_id)
        .notification_due(now=now, force=force)
        .update(
            notification_status=Notification.SENDING,
            notification_last_attempt_at=now,
            notification_attempts=F("notification_attempts") + 1,
        )
    )
    if not claimed:
        return "not_due"
    appointment_request = AppointmentRequest.objects.get(pk=appointment_request_id)
    rows = AppointmentRequest.objects.filter(pk=appointment_request_id)
    try:
        with mail.get_connection() as connection:
            if appointment_request.staff_notified_at is None:
                notifications.staff_notification(appointment_request, connection=connection).send()
                rows.update(staff_notified_at=timezone.now())
            if appointment_request.patient_acknowledged_at is None:
                notifications.patient_acknowledgement(appointment_request, connection=connection).send()
                rows.update(patient_acknowledged_at=timezone.now())
    except Exception as error:  # noqa: BLE001 (any failure leaves the request to be retried)
        attempts = appointment_request.notification_attempts
        gave_up = attempts >= settings.BOOKING_NOTIFICATION_MAX_ATTEMPTS
        rows.update(
            notification_status=Notification.FAILED,
            # The class name only: an SMTP error's message can quote the patient's address.
            notification_last_error=type(error).__name__[:200],
            notification_next_attempt_at=None if gave_up else now + retry_delay(attempts),
        )
        logger.warning(
            "Mail for appointment request %s failed (%s), attempt %d%s.",
            appointment_request.reference,
            type(error).__name__,
            attempts,
            "; no more automatic retries" if gave_up else "; will retry",
        )
        return "failed"
    rows.update(notification_status=Notification.SENT, notification_last_error="", notification_next_attempt_at=None)
    return "sent"


def appointment_requests_notify_pending(*, force=False, now=None):
    """Try every request whose mail is due; returns {"sent": n, "failed": n}."""
    now = now or timezone.now()
    ids = list(
        AppointmentRequest.objects.notification_due(now=now, force=force).order_by("pk").values_list("pk", flat=True)
    )
    outcomes = {"sent": 0, "failed": 0}
    for pk in ids:
        outcome = appointment_request_notify(appointment_request_id=pk, force=force, now=now)
        if outcome in outcomes:
            outcomes[outcome] += 1
    return outcomes


@transaction.atomic
def appointment_request_update(*, appointment_request, status, note="", user=None):
    """Change a request's status and/or add a note; each is recorded with who and when.

    Moving a request into spam stops its pending mail; moving it out queues
    that mail after commit, as a new request's is.
    """
    current = AppointmentRequest.objects.select_for_update().get(pk=appointment_request.pk)
    now = timezone.now()
    note = note.strip()
    if status not in Status.values:
        raise ValueError(f"Unknown status {status!r}")
    if status != current.status:
        AppointmentRequestEvent.objects.create(
            appointment_request=current,
            kind=AppointmentRequestEvent.Kind.STATUS,
            from_status=current.status,
            to_status=status,
            note=note,
            user=user,
            created_at=now,
        )
        leaves_spam = current.status == Status.SPAM and status != Status.SPAM
        current.status = status
        current.status_changed_at = now
        fields = ["status", "status_changed_at"]
        if status == Status.SPAM and current.notification_status in (Notification.PENDING, Notification.FAILED):
            current.notification_status = Notification.SKIPPED
            fields.append("notification_status")
        # Staff say it is genuine after all, so it gets the mail spam never gets, with
        # a fresh set of attempts. What already went out is not sent again (the row
        # says so), and an anonymised request has no one left to mail.
        mail_now = leaves_spam and current.notification_status == Notification.SKIPPED and not current.is_anonymised
        if mail_now:
            current.notification_status = Notification.PENDING
            current.notification_attempts = 0
            current.notification_next_attempt_at = None
            fields += ["notification_status", "notification_attempts", "notification_next_attempt_at"]
        current.save(update_fields=fields)
        if mail_now:
            transaction.on_commit(
                functools.partial(appointment_request_notification_enqueue, appointment_request_id=current.pk),
                robust=True,
            )
    elif note:
        AppointmentRequestEvent.objects.create(
            appointment_request=current, kind=AppointmentRequestEvent.Kind.NOTE, note=note, user=user, created_at=now
        )
    return current


@transaction.atomic
def appointment_requests_purge(*, older_than_days, now=None):
    """Anonymise closed and spam requests older than the given number of days; returns how many.

    Age counts from the last status change (a request closed yesterday is kept
    for the full period). What identifies the patient, or was written in free
    text, is blanked, staff notes included; the reference, status, reason, dates
    and source article stay, so the report still adds up.
    """
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=older_than_days)
    to_purge = AppointmentRequest.objects.filter(
        Q(status_changed_at__lt=cutoff) | Q(status_changed_at__isnull=True, created_at__lt=cutoff),
        status__in=[Status.CLOSED, Status.SPAM],
        anonymised_at__isnull=True,
    )
    ids = list(to_purge.values_list("pk", flat=True))
    if ids:
        AppointmentRequest.objects.filter(pk__in=ids).update(
            first_name="",
            last_name="",
            email="",
            phone="",
            reason_details="",
            preferred_times=[],
            preferred_dates=[],
            anonymised_at=now,
        )
        AppointmentRequestEvent.objects.filter(appointment_request__in=ids).exclude(note="").update(note="")
        AppointmentRequestEvent.objects.bulk_create(
            AppointmentRequestEvent(
                appointment_request_id=pk, kind=AppointmentRequestEvent.Kind.ANONYMISED, created_at=now
            )
            for pk in ids
        )
    # Rate-limit counts outlive their window only until the next purge.
    window_start = now - datetime.timedelta(seconds=settings.BOOKING_RATE_LIMIT_WINDOW_SECONDS)
    BookingRateLimitHit.objects.filter(created_at__lt=window_start).delete()
    return len(ids)


def appointment_requests_access_record(*, appointment_request_ids, kind, user, now=None):
    """Record in each request's history that ``user`` read its health details now (viewed or exported)."""
    return AppointmentRequestEvent.objects.record_access(
        kind=kind, user=user, appointment_request_ids=appointment_request_ids, now=now
    )
