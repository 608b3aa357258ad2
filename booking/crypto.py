"""Encryption at rest for free text that may hold health information.

A copied database file or backup must not expose what patients wrote, so such
text is stored as a Fernet token (AES with an HMAC, from the ``cryptography``
package) under a key that lives in the environment, never in the database:
``settings.FIELD_ENCRYPTION_KEYS``. The first key encrypts; every key decrypts,
so a new key can go first while rows made under the old one are still read
(``manage.py rotate_encryption_key`` then re-encrypts them).

Stored values carry a ``fernet:`` prefix: it says what the column holds, keeps
an empty string empty (nothing to hide), and leaves room for another scheme.

The price: the database cannot compare or search the text (each encryption of
the same words differs), so these fields accept no lookups but ``isnull``.
"""

import functools
import logging

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

PREFIX = "fernet:"
UNREADABLE_MESSAGE = _(
    "[Cannot be read: stored under an encryption key this site does not have. "
    "The old key belongs in DJANGO_FIELD_ENCRYPTION_KEYS until rotate_encryption_key has run.]"
)


@functools.cache
def get_fernet():
    """The keys of ``settings.FIELD_ENCRYPTION_KEYS`` as one MultiFernet, built once per key list."""
    keys = getattr(settings, "FIELD_ENCRYPTION_KEYS", None)
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is empty: set DJANGO_FIELD_ENCRYPTION_KEYS.")
    fernets = []
    for position, key in enumerate(keys, start=1):
        try:
            fernets.append(Fernet(key))
        except (TypeError, ValueError) as error:
            # Which key, never the key itself: this message reaches logs.
            raise ImproperlyConfigured(
                f"Key {position} of FIELD_ENCRYPTION_KEYS is not a Fernet key (32 url-safe base64-encoded bytes)."
            ) from error
    return MultiFernet(fernets)


@receiver(setting_changed)
def forget_keys(*, setting, **kwargs):
    """Build the MultiFernet again when the keys change (``override_settings`` in tests)."""
    if setting == "FIELD_ENCRYPTION_KEYS":
        get_fernet.cache_clear()


def encrypt(text):
    """The stored form of ``text``: a prefixed Fernet token under the first key ("" stays "")."""
    if text == "":
        return ""
    return PREFIX + get_fernet().encrypt(text.encode()).decode("ascii")


def decrypt(stored):
    """The text inside a stored value. Raises InvalidToken if no key opens it or it is not a token."""
    if stored == "":
        return ""
    if not stored.startswith(PREFIX):
        raise InvalidToken
    return get_fernet().decrypt(stored.removeprefix(PREFIX).encode("ascii")).decode()


def rotate(stored):
    """The same text (and original timestamp) re-encrypted under the first key. Raises InvalidToken."""
    if stored == "":
        return ""
    if not stored.startswith(PREFIX):
        raise InvalidToken
    return PREFIX + get_fernet().rotate(stored.removeprefix(PREFIX).encode("ascii")).decode("ascii")


class UnreadableText(str):
    """Stands in for a stored value that no configured key decrypts.

    It reads as an explanation, so a page or an export that shows it still
    works; saving it writes back the stored value untouched, so a missing key
    never turns into lost data.
    """

    def __new__(cls, stored):
        text = super().__new__(cls, str(UNREADABLE_MESSAGE))
        text.stored = stored
        return text


class EncryptedTextField(models.TextField):
    """A TextField stored encrypted (see the module docstring); Python code sees plain text.

    ``max_length`` and validators apply to the plain text, as for any TextField.
    """

    description = _("Text (encrypted in the database)")

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        try:
            return decrypt(value)
        except InvalidToken:
            # Never the value: the point is that it may be someone's health details.
            logger.warning("A value of %s could not be decrypted with any key in FIELD_ENCRYPTION_KEYS.", self)
            return UnreadableText(value)

    def to_python(self, value):
        # Serialised data (dumpdata, see value_to_string) holds the stored form; a
        # form or code holds plain text, which cannot be a token under our keys.
        if isinstance(value, str) and value.startswith(PREFIX) and not isinstance(value, UnreadableText):
            try:
                return decrypt(value)
            except InvalidToken:
                return value
        return super().to_python(value)

    def get_prep_value(self, value):
        if value is None:
            return None
        if isinstance(value, UnreadableText):
            return value.stored
        return encrypt(str(value))

    def value_to_string(self, obj):
        # So that `manage.py dumpdata`, a backup too, holds no plain text either.
        value = self.value_from_object(obj)
        return None if value is None else self.get_prep_value(value)

    def get_lookup(self, lookup_name):
        # Compared with a fresh encryption, a stored value would never match: refuse
        # the lookup rather than quietly find nothing. "Is null" still means something.
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        return None

    def get_transform(self, name):
        return None
