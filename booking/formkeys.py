"""The one-time key each rendered booking form carries.

The key is signed, so a visitor cannot forge one, and says three things: a
random id (the same form sent twice stores one request), when the form was
shown (a bot sends it faster than a person can read it) and which privacy
notice it showed (recorded as the version the visitor accepted).
"""

import dataclasses
import time
import uuid

from django.conf import settings
from django.core import signing

SALT = "booking.form-key"


@dataclasses.dataclass(frozen=True)
class FormKey:
    key: uuid.UUID
    issued_at: float
    privacy_version: str

    @property
    def age_seconds(self):
        return time.time() - self.issued_at


class FormKeyError(Exception):
    """The key is missing, forged or too old."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def issue_form_key(*, privacy_version, issued_at=None, key=None):
    """A fresh signed key for a form being shown now (or at ``issued_at``, for tests)."""
    payload = {
        "k": (key or uuid.uuid4()).hex,
        "t": round(time.time() if issued_at is None else issued_at, 3),
        "v": privacy_version,
    }
    return signing.dumps(payload, salt=SALT, compress=False)


def read_form_key(value, *, now=None, check_age=True):
    """The FormKey a form sent back; FormKeyError("invalid"|"expired") if it cannot be trusted.

    ``check_age=False`` only checks the signature: enough to find the request a
    form already stored, however long ago it was shown.
    """
    if not value or len(value) > 500:
        raise FormKeyError("invalid")
    try:
        payload = signing.loads(value, salt=SALT)
        form_key = FormKey(
            key=uuid.UUID(hex=payload["k"]),
            issued_at=float(payload["t"]),
            privacy_version=str(payload["v"])[:64],
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError, AttributeError):
        raise FormKeyError("invalid") from None
    if not check_age:
        return form_key
    now = time.time() if now is None else now
    age = now - form_key.issued_at
    # A key "from the future" was not issued by this site (or clocks moved a lot).
    if age > settings.BOOKING_FORM_MAX_AGE_SECONDS or age < -300:
        raise FormKeyError("expired")
    return form_key


def form_key_id(value):
    """The id inside a key this site signed, however long ago; None for anything else.

    Enough to find the request a form already stored
    (services.appointment_request_for_form_key), even once the form is too old to send.
    """
    try:
        return read_form_key(value, check_age=False).key
    except FormKeyError:
        return None
