"""Checks on what visitors type, shared by the booking form and the model's full_clean()."""

import re
import unicodedata

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Clinics here call US numbers; a number without a country code is read as one.
DEFAULT_PHONE_REGION = "US"
# What people type in phone numbers, plus an extension ("x12", "ext. 12").
PHONE_CHARACTERS = re.compile(r"^\+?[\d\s().\-/]+((ext\.?|x|#)\s*\d{1,6})?$", re.IGNORECASE)
STORED_PHONE = re.compile(r"^\+[1-9]\d{6,14}( ext\. \d{1,6})?$")
LINE_BREAKS = {"\n", "\r", "\t"}
# Markup and formula characters: typed into a name field only to attack something.
NOT_IN_NAMES = set("<>{}=\\")
# Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069):
# they make text display in an order other than the one it is stored in, so a name
# in the admin or the CSV export can read as something else. No name or note needs
# one; the joiners (U+200C, U+200D) and the marks (U+200E, U+200F) are not among them.
DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
DIRECTION_CONTROLS_MESSAGE = _(
    "Remove the hidden characters that change the direction of the text: typing it again usually does."
)


def _control_characters(value, allowed=frozenset()):
    # Cc is C0/C1 controls (NUL, ESC, newline...); Zl and Zp are Unicode line and
    # paragraph separators. Other format characters (Cf) stay: joiners are part of
    # how names are written in Persian, Hindi and other scripts.
    return [ch for ch in value if ch not in allowed and unicodedata.category(ch) in {"Cc", "Zl", "Zp"}]


def _reject_direction_controls(value):
    if not DIRECTION_CONTROLS.isdisjoint(value):
        raise ValidationError(DIRECTION_CONTROLS_MESSAGE, code="direction_controls")


def validate_single_line(value):
    """Reject control characters, line breaks and text-direction overrides: a name or address is one line.

    This is also what stops "Name\\nBcc: someone@example.com" from ever reaching a
    mail header.
    """
    if _control_characters(value):
        raise ValidationError(
            _("Use only letters, numbers, spaces and punctuation, on one line."), code="control_characters"
        )
    _reject_direction_controls(value)


def validate_multi_line(value):
    """Reject control characters other than line breaks and tabs, and text-direction overrides."""
    if _control_characters(value, allowed=LINE_BREAKS):
        raise ValidationError(_("Remove the special (control) characters from this text."), code="control_characters")
    _reject_direction_controls(value)


def validate_name(value):
    """Names in any script. Only what no name needs is refused, each with its own message."""
    validate_single_line(value)
    if "@" in value:
        raise ValidationError(
            _("Enter your name here; your email address goes in the email field."), code="email_in_name"
        )
    if any(ch in NOT_IN_NAMES for ch in value):
        raise ValidationError(_("A name cannot contain < > { } = or \\."), code="name_characters")
    if not any(unicodedata.category(ch).startswith("L") for ch in value):
        raise ValidationError(_("Enter a name that contains letters."), code="no_letters")


def normalise_phone(value):
    """Parse a US or international number into E.164 (with " ext. N" if given); ValidationError if it is not one."""
    value = value.strip()
    validate_single_line(value)
    if not PHONE_CHARACTERS.match(value):
        raise ValidationError(
            _("Enter a phone number using digits, for example (212) 555-0147 or +44 20 7946 0958."),
            code="phone_characters",
        )
    try:
        number = phonenumbers.parse(value, DEFAULT_PHONE_REGION)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _(
                "Enter a complete phone number, for example (212) 555-0147. "
                "For a number outside the US, start with + and the country code."
            ),
            code="invalid_phone",
        )
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return f"{e164} ext. {number.extension}" if number.extension else e164


def validate_stored_phone(value):
    if not STORED_PHONE.match(value):
        raise ValidationError(_("Store phone numbers in E.164 form, such as +12125550147."), code="invalid_phone")


def format_phone(value):
    """A stored number as staff read it: national form for US numbers, international otherwise."""
    number_part, _sep, extension = value.partition(" ext. ")
    try:
        number = phonenumbers.parse(number_part, None)
    except phonenumbers.NumberParseException:
        return value
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 1
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    formatted = phonenumbers.format_number(number, style)
    return f"{formatted} ext. {extension}" if extension else formatted
