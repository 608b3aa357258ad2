"""The booking form visitors fill in, and the form staff use to move a request along."""

import datetime
import unicodedata

from django import forms
from django.conf import settings
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.choices import flatten_choices
from django.utils.translation import gettext_lazy as _

from . import validators
from .formkeys import FormKeyError, read_form_key
from .models import DAYS, PREFERRED_TIME_CHOICES, AppointmentRequest

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y"]
# How far ahead a preferred date may be: the clinic books a few months out at most.
MAX_DAYS_AHEAD = 365
CHOICE_ERROR = _("Choose one of the options shown.")
FORM_KEY_ERRORS = {
    "invalid": _(
        "We could not check this form, so it was not sent. Your answers are still here: "
        "please check them and send the form again."
    ),
    "expired": _(
        "This form was open for a long time, so it was not sent. Your answers are still here: "
        "please check them and send the form again."
    ),
}


def _text_errors(required, too_long):
    return {"required": required, "max_length": too_long}


def _choice_errors(required=None):
    """A radio question's messages; an optional question (no ``required`` message) can only be answered wrongly."""
    errors = {"invalid_choice": CHOICE_ERROR}
    if required:
        errors["required"] = required
    return errors


class PreferredDateField(forms.DateField):
    """A day the visitor could come in: today or later, in the clinic's time zone (America/New_York)."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    input_formats = DATE_INPUT_FORMATS
    default_error_messages = {"invalid": _("Enter a date such as 2025-09-30, or leave this empty.")}

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        today = timezone.localdate()
        if value < today:
            raise forms.ValidationError(_("Choose a date from today onwards."), code="past")
        if value > today + datetime.timedelta(days=MAX_DAYS_AHEAD):
            raise forms.ValidationError(_("Choose a date within the next twelve months."), code="too_far")


class PreferredTimesField(forms.MultipleChoiceField):
    """The weekly times a visitor ticked: each at most once, in the order the form lists them.

    A browser sends each ticked box once, but a hand-made POST can repeat one
    thousands of times, and every copy would be stored and shown to staff.
    """

    def to_python(self, value):
        # Repeats dropped first, so validation checks each value once, not once per copy.
        return list(dict.fromkeys(super().to_python(value)))

    def clean(self, value):
        chosen = set(super().clean(value))
        return [choice for choice, _label in flatten_choices(self.choices) if choice in chosen]


class NameField(forms.CharField):
    """A name as it is stored: composed Unicode (NFC), so "e" plus a combining diaeresis is "ë".

    Normalised before the length check, not after: composing can also make a
    name longer (U+FB2C becomes three code points, U+0958 two), and a name the
    form let through as typed would fail the model's limit as stored.
    """

    default_validators = [validators.validate_name]

    def to_python(self, value):
        return unicodedata.normalize("NFC", super().to_python(value))


class SingleLineEmailField(forms.EmailField):
    """An email address on one line: "maya@example.com\nBcc: ..." never reaches a mail header."""

    default_validators = [*forms.EmailField.default_validators, validators.validate_single_line]


class FreeTextField(forms.CharField):
    """Text in the visitor's own words: line breaks are fine, other control characters are not."""

    default_validators = [validators.validate_multi_line]


class OptionalRadioSelect(forms.RadioSelect):
    """The radio buttons of an optional question, the last of which ("Skip this question") takes an answer back.

    A ticked radio button cannot be unticked, so a patient who answers and then
    thinks better of it needs a button for "no answer": its value is the empty
    answer the model stores for a skipped question. It starts unticked, like
    the others: nothing is chosen for the patient.
    """

    def format_value(self, value):
        return [] if value is None else super().format_value(value)


#: What the "no answer" button says when the page gives no wording (BookingPage.skip_choice_label).
DEFAULT_SKIP_LABEL = _("Skip this question")


def _relabelled(choices, labels):
    """``choices`` (flat, or grouped as the time grid's are by day) with the labels in ``labels`` put in."""
    return [
        (value, _relabelled(label, labels)) if isinstance(label, (list, tuple)) else (value, labels.get(value, label))
        for value, label in choices
    ]


class BookingForm(forms.ModelForm):
    """An appointment request as a visitor sends it.

    The questions are AppointmentRequest's fields, checked against the model's
    rules; Meta holds only what visitors see differently (wording, messages,
    radio buttons). Only what staff need to call back is required (the name,
    email, phone and reason) and the two consent boxes: every other question
    may be skipped, and is still checked when answered. Besides the fields
    people see, the form carries the signed one-time key (``form_key``), the
    page the visitor came from (``source``) and a honeypot (``website``) that
    people never see and bots fill in.
    """

    # The server explains every mistake in one summary; browsers' own bubbles would pre-empt it.
    use_required_attribute = False

    # The model stores a list; visitors tick the times the clinic offers, or none.
    preferred_times = PreferredTimesField(
        label=_("When could you usually come in?"),
        choices=PREFERRED_TIME_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": CHOICE_ERROR, "invalid_list": CHOICE_ERROR},
    )
    # The model stores a list of up to three dates; visitors get a box for each.
    preferred_date_1 = PreferredDateField(label=_("First choice of date"), required=False)
    preferred_date_2 = PreferredDateField(label=_("Second choice of date"), required=False)
    preferred_date_3 = PreferredDateField(label=_("Third choice of date"), required=False)
    # Required here, unlike a model BooleanField's form field: no request without it.
    # The contact method is optional, so the consent covers both cases.
    consent_to_contact = forms.BooleanField(
        label=_("You may contact me about this request by the method I chose, or by phone or email if I chose none."),
        error_messages={"required": _("Tick this box so that we may contact you about your request.")},
    )
    privacy_acknowledged = forms.BooleanField(
        label=_("I have read the privacy notice above."),
        error_messages={"required": _("Tick this box to confirm you have read the privacy notice.")},
    )
    # The honeypot: hidden from people (and from screen readers), filled in by bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False, strip=False)
    form_key = forms.CharField(widget=forms.HiddenInput, required=False)
    source = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20)

    date_fields = ("preferred_date_1", "preferred_date_2", "preferred_date_3")
    honeypot_field = "website"

    class Meta:
        model = AppointmentRequest
        # In the order the page shows them and the error summary lists them: first what staff need to
        # call back, then the optional questions, then consent. The dates and the privacy box are the form's own.
        fields = [
            "first_name",
            "last_name",
            "email",
            "phone",
            "preferred_contact",
            "reason",
            "body_area",
            "reason_details",
            "patient_type",
            "payment",
            "has_referral",
            "preferred_times",
            "preferred_date_1",
            "preferred_date_2",
            "preferred_date_3",
            "consent_to_contact",
            "privacy_acknowledged",
        ]
        # These also run the model's validators as each answer is read (the model check comes only once the
        # form is clean), so that an answer with two problems, such as too long and a control character, shows both.
        field_classes = {
            "first_name": NameField,
            "last_name": NameField,
            "email": SingleLineEmailField,
            "reason_details": FreeTextField,
        }
        # First name, Last name, Email and Phone are the model's verbose names already.
        labels = {
            "preferred_contact": _("How should we contact you?"),
            "patient_type": _("Have you been to the clinic before?"),
            "reason": _("What brings you in?"),
            "reason_details": _("Anything else we should know?"),
            "body_area": _("Where does it bother you?"),
            "payment": _("How will you pay?"),
            "has_referral": _("Do you have a referral from a physician?"),
        }
        help_texts = {
            "phone": _("A US number, or start with + and the country code."),
            "preferred_contact": _("If you do not choose, we will call or email you."),
            "reason_details": _("A sentence or two is plenty: we will ask the rest when we call."),
            "has_referral": _("You do not need one to book: New York lets you see a physical therapist directly."),
        }
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name", "spellcheck": "false"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name", "spellcheck": "false"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
            "preferred_contact": OptionalRadioSelect,
            "patient_type": OptionalRadioSelect,
            "reason": forms.RadioSelect,
            "reason_details": forms.Textarea(attrs={"rows": 4}),
            "body_area": OptionalRadioSelect,
            "payment": OptionalRadioSelect,
            "has_referral": OptionalRadioSelect,
        }
        error_messages = {
            "first_name": _text_errors(
                _("Enter your first name."), _("Your first name must be 100 characters or fewer.")
            ),
            "last_name": _text_errors(_("Enter your last name."), _("Your last name must be 100 characters or fewer.")),
            "email": {
                **_text_errors(
                    _("Enter your email address."), _("Your email address must be 254 characters or fewer.")
                ),
                "invalid": _("Enter an email address like name@example.com."),
            },
            "phone": _text_errors(
                _("Enter your phone number."), _("Your phone number must be 40 characters or fewer.")
            ),
            "preferred_contact": _choice_errors(),
            "patient_type": _choice_errors(),
            "reason": _choice_errors(_("Choose the reason closest to yours.")),
            "reason_details": {"max_length": _("Keep this to 1,000 characters or fewer (it has %(show_value)d).")},
            "body_area": _choice_errors(),
            "payment": _choice_errors(),
            "has_referral": _choice_errors(),
        }

    def __init__(
        self,
        *args,
        skip_label=DEFAULT_SKIP_LABEL,
        question_texts=None,
        answer_labels=None,
        day_labels=None,
        key_errors=None,
        **kwargs,
    ):
        """The booking page's wording: ``skip_label`` names the last radio button of each optional question;
        ``question_texts`` maps a question's name to (label, hint, message when left empty, message when not
        accepted), each empty to keep the form's own; ``answer_labels`` maps a question's name to {answer:
        label} for the answers reworded; ``day_labels`` maps a day of the time grid ("mon") to its name;
        ``key_errors`` maps a one-time key's failure ("invalid", "expired") to its message."""
        super().__init__(*args, **kwargs)
        self.day_labels = {day: label for day, label in (day_labels or {}).items() if label}
        self.key_errors = {**FORM_KEY_ERRORS, **{reason: text for reason, text in (key_errors or {}).items() if text}}
        self.wrong_answer_messages = {}
        for name, (label, help_text, required_message, wrong_answer_message) in (question_texts or {}).items():
            field = self.fields.get(name)
            if field is None:  # a question since removed from the form is ignored, not an error
                continue
            field.label = label or field.label
            field.help_text = help_text or field.help_text
            if required_message and field.required:
                field.error_messages = {**field.error_messages, "required": required_message}
            if wrong_answer_message:
                self.wrong_answer_messages[name] = wrong_answer_message
        for name, labels in (answer_labels or {}).items():
            field = self.fields.get(name)
            if getattr(field, "choices", None):  # an answer since removed from the form is ignored, too
                field.choices = _relabelled(field.choices, labels)
        for field in self.fields.values():
            if isinstance(field.widget, forms.RadioSelect):
                # No "---------" first: an optional question is skipped by ticking none, or its last button.
                field.choices = [(value, label) for value, label in field.choices if value != ""]
                if isinstance(field.widget, OptionalRadioSelect):
                    field.choices = [*field.choices, ("", skip_label)]
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        # Whatever a bot puts in the honeypot marks the request as spam (spam_reason); it must never be
        # a field error instead (a NUL character was one), which nobody sees and which would drop the request.
        self.fields["website"].validators = []

    def add_error(self, field, error):
        # Every message of a field's own checks passes here (Django's _clean_fields): where editors wrote
        # one for answers that cannot be accepted, it stands in for all but "left empty".
        message = self.wrong_answer_messages.get(field)
        if message and isinstance(error, forms.ValidationError) and not hasattr(error, "error_dict"):
            if all(item.code != "required" for item in error.error_list):
                error = forms.ValidationError(message, code="not_accepted")
        super().add_error(field, error)

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def clean_phone(self):
        return validators.normalise_phone(self.cleaned_data["phone"])

    def clean_form_key(self):
        try:
            return read_form_key(self.cleaned_data["form_key"])
        except FormKeyError as error:
            raise forms.ValidationError(self.key_errors[error.reason], code=error.reason) from None

    def clean_source(self):
        value = self.cleaned_data["source"]
        return int(value) if value.isascii() and value.isdigit() and len(value) < 19 else None

    def clean(self):
        cleaned_data = super().clean()
        dates = list(dict.fromkeys(cleaned_data[name] for name in self.date_fields if cleaned_data.get(name)))
        # Set before the form checks the model, so the model's own rules for the list apply to it too.
        self.instance.preferred_dates = [value.isoformat() for value in dates]
        return cleaned_data

    @property
    def key_error(self):
        """True when the one-time key failed, so the form must be shown again with a fresh one."""
        return "form_key" in self.errors

    @property
    def spam_reason(self):
        """Why a valid submission looks like a bot's, or ""."""
        if self.data.get(self.honeypot_field):
            return AppointmentRequest.SpamReason.HONEYPOT
        form_key = getattr(self, "cleaned_data", {}).get("form_key")
        if form_key and form_key.age_seconds < settings.BOOKING_MIN_SECONDS:
            return AppointmentRequest.SpamReason.TOO_FAST
        return ""

    def request_data(self):
        """The visitor's answers as AppointmentRequest field values, for services.appointment_request_create()."""
        return model_to_dict(self.instance, fields=[*self.Meta.fields, "preferred_dates"])

    def preferred_time_groups(self):
        """(day, checkboxes) for each day, so the template can give each day its own fieldset."""
        boxes = {box.data["value"]: box for box in self["preferred_times"]}
        return [
            (self.day_labels.get(day, name), [boxes[value] for value, _label in slots])
            for (day, name), (_name, slots) in zip(DAYS, PREFERRED_TIME_CHOICES, strict=True)
        ]

    def error_summary(self):
        """(anchor, message) for each error, in the order the fields appear; anchor may be ""."""
        items = []
        for message in self.non_field_errors():
            items.append(("", message))
        for name, field in self.fields.items():
            if name not in self.errors or name == self.honeypot_field:
                continue
            bound = self[name]
            if name == "form_key":
                anchor = "booking-submit"
            elif isinstance(field.widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
                anchor = bound.subwidgets[0].id_for_label
            else:
                anchor = bound.auto_id
            for message in self.errors[name]:
                items.append((anchor, message))
        return items


class AppointmentRequestUpdateForm(forms.ModelForm):
    """What staff change on a request: its status, with an optional note; both are recorded."""

    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        validators=[validators.validate_multi_line],
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded in the request's history with your name and the time."),
    )

    class Meta:
        model = AppointmentRequest
        fields = ["status"]

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("status") == self.instance.status and not cleaned_data.get("note"):
            raise forms.ValidationError(_("Change the status or write a note."), code="no_change")
        return cleaned_data
