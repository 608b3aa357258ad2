import datetime
import time

import pytest
from django.test import override_settings
from django.utils import timezone

from booking.formkeys import issue_form_key
from booking.forms import AppointmentRequestUpdateForm, BookingForm
from booking.models import PREFERRED_TIME_CHOICES, AppointmentRequest
from tests.factories import booking_form_data


class FakePage:
    privacy_version = "1:abcd1234"


REQUIRED_FIELDS = ["first_name", "last_name", "email", "phone", "reason", "consent_to_contact", "privacy_acknowledged"]
OPTIONAL_CHOICE_FIELDS = ["preferred_contact", "patient_type", "body_area", "payment", "has_referral"]


def make_form(**overrides):
    return BookingForm(booking_form_data(FakePage(), **overrides))


def required_answers_only(**overrides):
    """What a visitor sends who answers the required questions and skips every other one."""
    data = booking_form_data(FakePage())
    kept = {name: data[name] for name in [*REQUIRED_FIELDS, "form_key"]}
    return BookingForm({**kept, **overrides})


def errors_for(form, field):
    form.is_valid()
    return [str(message) for message in form.errors.get(field, [])]


def test_a_complete_request_is_valid_and_maps_onto_the_model():
    form = make_form()
    assert form.is_valid(), form.errors
    data = form.request_data()
    assert data["phone"] == "+12125550147"
    assert data["preferred_times"] == ["mon-morning", "wed-evening"]
    assert data["preferred_dates"] == []
    assert set(data) <= {field.name for field in AppointmentRequest._meta.get_fields()}


def test_a_valid_form_records_the_privacy_version_it_showed():
    form = make_form()
    assert form.is_valid(), form.errors
    assert form.cleaned_data["form_key"].privacy_version == "1:abcd1234"


@pytest.mark.parametrize(
    "first_name, last_name",
    [
        ("Zoë", "Ångström"),
        ("李", "小龙"),
        ("Nguyễn", "Thị Minh Khai"),
        ("أحمد", "الفارسي"),
        ("میر\u200cحسین", "موسوی"),  # a zero-width non-joiner, as Persian writes it
        ("Siobhán", "O’Brien"),
        ("Jean-Luc", "d'Artagnan"),
        ("Þór", "Guðmundsdóttir"),
        ("J.", "Doe Jr."),
        ("Александра", "Иванова"),
    ],
)
def test_names_in_any_script_are_accepted(first_name, last_name):
    form = make_form(first_name=first_name, last_name=last_name)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["first_name"] == first_name


def test_names_are_stored_in_composed_unicode_form():
    form = make_form(first_name="Zoe\u0308")  # e + combining diaeresis
    assert form.is_valid(), form.errors
    assert form.cleaned_data["first_name"] == "Zoë"


@pytest.mark.parametrize(
    "field, value",
    [
        ("first_name", "Maya\nBcc: victim@example.com"),
        ("last_name", "Okafor\r\nBcc: victim@example.com"),
        ("first_name", "Ma\x00ya"),
        ("first_name", "Ma\x1bya"),
        ("last_name", "Oka\u2028for"),
    ],
)
def test_control_characters_and_header_injection_in_names_are_refused(field, value):
    errors = errors_for(make_form(**{field: value}), field)
    assert errors
    assert errors[0] == "Use only letters, numbers, spaces and punctuation, on one line."


@pytest.mark.parametrize(
    "value", ["maya@example.com\nBcc: victim@example.com", "maya@example.com\r\nCc: x@example.com", "maya@exa mple.com"]
)
def test_header_injection_in_the_email_is_refused(value):
    assert errors_for(make_form(email=value), "email")


def test_an_email_address_in_the_name_field_gets_its_own_message():
    assert errors_for(make_form(first_name="maya@example.com"), "first_name") == [
        "Enter your name here; your email address goes in the email field."
    ]


@pytest.mark.parametrize("value", ["=cmd|' /C calc'!A0", "<script>", "{{7*7}}"])
def test_markup_and_formulas_are_not_names(value):
    assert errors_for(make_form(last_name=value), "last_name")


@pytest.mark.parametrize(
    "field, length, message",
    [
        ("first_name", 101, "Your first name must be 100 characters or fewer."),
        ("last_name", 101, "Your last name must be 100 characters or fewer."),
        ("reason_details", 1001, "Keep this to 1,000 characters or fewer (it has 1001)."),
    ],
)
def test_over_long_input_gets_a_clear_message(field, length, message):
    assert errors_for(make_form(**{field: "a" * length}), field) == [message]


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("first_name", "\ufb2c" * 34, "Your first name must be 100 characters or fewer."),
        ("last_name", "\u0958" * 51, "Your last name must be 100 characters or fewer."),
    ],
    ids=["first_name", "last_name"],
)
def test_name_length_is_checked_as_stored_after_normalising(field, value, message):
    """Some characters decompose when normalised: 34 of U+FB2C are 102 code points once stored."""
    assert errors_for(make_form(**{field: value}), field) == [message]


def test_over_long_email_is_refused():
    assert errors_for(make_form(email="a" * 250 + "@example.com"), "email")


def test_the_free_text_keeps_line_breaks_but_not_other_control_characters():
    assert make_form(reason_details="Knee.\nAfter 10k.\tSometimes.").is_valid()
    assert errors_for(make_form(reason_details="Knee\x07"), "reason_details") == [
        "Remove the special (control) characters from this text."
    ]


@pytest.mark.parametrize(
    "value, stored",
    [
        ("(212) 555-0147", "+12125550147"),
        ("212.555.0147", "+12125550147"),
        ("+1 212 555 0147", "+12125550147"),
        ("1-212-555-0147", "+12125550147"),
        ("+44 20 7946 0958", "+442079460958"),
        ("+33 1 23 45 67 89", "+33123456789"),
        ("+86 138 0013 8000", "+8613800138000"),
        ("(212) 555-0147 ext. 12", "+12125550147 ext. 12"),
        ("212-555-0147 x7", "+12125550147 ext. 7"),
    ],
)
def test_us_and_international_phone_numbers_are_normalised(value, stored):
    form = make_form(phone=value)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == stored


@pytest.mark.parametrize(
    "value",
    [
        "12",
        "555-1234",
        "2125550147000000",
        "+1 (000) 000-0000",
        "call me",
        "1-800-FLOWERS",
        "+44 12",
        "212\n555 0147",
        "++1 212",
    ],
)
def test_malformed_phone_numbers_are_refused_with_an_example(value):
    errors = errors_for(make_form(phone=value), "phone")
    assert errors
    assert any("(212) 555-0147" in message or "one line" in message for message in errors)


@pytest.mark.parametrize("field", ["reason", *OPTIONAL_CHOICE_FIELDS])
def test_choices_that_are_not_offered_are_refused(field):
    assert errors_for(make_form(**{field: "hacked"}), field) == ["Choose one of the options shown."]


@pytest.mark.parametrize("field", OPTIONAL_CHOICE_FIELDS)
def test_a_skipped_question_still_refuses_an_answer_it_does_not_offer(field):
    """Optional is not unchecked: with every other optional question skipped, a forged answer is still refused."""
    assert errors_for(required_answers_only(**{field: "hacked"}), field) == ["Choose one of the options shown."]


@pytest.mark.parametrize("field", ["reason", *OPTIONAL_CHOICE_FIELDS])
def test_each_question_offers_the_models_answers_and_an_optional_one_a_way_back(field):
    """No "---------" first and nothing ticked; an optional question ends with a button that takes an answer back."""
    bound = BookingForm(skip_label="No answer")[field]
    model_choices = list(AppointmentRequest._meta.get_field(field).choices)
    skip = [] if field == "reason" else [("", "No answer")]
    assert [(option.data["value"], option.choice_label) for option in bound] == model_choices + skip
    assert "---------" not in str(bound)
    assert "checked" not in str(bound)


@pytest.mark.parametrize("field", OPTIONAL_CHOICE_FIELDS)
def test_an_answer_taken_back_is_stored_as_skipped_and_shown_ticked_when_the_form_returns(field):
    form = make_form(**{field: ""})
    assert form.is_valid(), form.errors
    assert form.cleaned_data[field] == ""
    # Sent back with a mistake elsewhere, the form shows the patient's "skip" still ticked, and nothing else.
    returned = make_form(**{field: "", "phone": ""})
    assert not returned.is_valid()
    ticked = [option.data["value"] for option in returned[field] if option.data["selected"]]
    assert ticked == [""]


def test_the_form_asks_exactly_seven_required_questions():
    """What staff need to call back, and consent; the client's limit is seven."""
    required = [name for name, field in BookingForm().fields.items() if field.required]
    assert required == REQUIRED_FIELDS


def test_the_required_answers_alone_make_a_valid_request_with_the_rest_blank():
    form = required_answers_only()
    assert form.is_valid(), form.errors
    data = form.request_data()
    assert {name: data[name] for name in OPTIONAL_CHOICE_FIELDS} == dict.fromkeys(OPTIONAL_CHOICE_FIELDS, "")
    assert data["reason_details"] == ""
    assert data["preferred_times"] == [] and data["preferred_dates"] == []
    assert data["reason"] == "lingering_pain"


def test_required_questions_each_say_what_is_missing():
    form = BookingForm({"form_key": issue_form_key(privacy_version="1", issued_at=time.time() - 60)})
    assert not form.is_valid()
    assert form.errors == {
        "first_name": ["Enter your first name."],
        "last_name": ["Enter your last name."],
        "email": ["Enter your email address."],
        "phone": ["Enter your phone number."],
        "reason": ["Choose the reason closest to yours."],
        "consent_to_contact": ["Tick this box so that we may contact you about your request."],
        "privacy_acknowledged": ["Tick this box to confirm you have read the privacy notice."],
    }


def test_neither_weekly_times_nor_dates_are_needed():
    form = make_form(preferred_times=[])
    assert form.is_valid(), form.errors
    assert form.request_data()["preferred_times"] == [] and form.request_data()["preferred_dates"] == []


def test_a_date_instead_of_weekly_times_is_enough():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    form = make_form(
        preferred_times=[], preferred_date_2=tomorrow.isoformat(), preferred_date_3=tomorrow.strftime("%m/%d/%Y")
    )
    assert form.is_valid(), form.errors
    assert form.request_data()["preferred_dates"] == [tomorrow.isoformat()]


@pytest.mark.parametrize("build", [make_form, required_answers_only], ids=["all answered", "only required"])
@pytest.mark.parametrize("field", ["preferred_date_1", "preferred_date_2", "preferred_date_3"])
def test_past_far_future_and_malformed_dates_are_refused(build, field):
    today = timezone.localdate()
    assert errors_for(build(**{field: (today - datetime.timedelta(days=1)).isoformat()}), field) == [
        "Choose a date from today onwards."
    ]
    assert errors_for(build(**{field: (today + datetime.timedelta(days=400)).isoformat()}), field) == [
        "Choose a date within the next twelve months."
    ]
    assert errors_for(build(**{field: "31/31/2025"}), field) == [
        "Enter a date such as 2025-09-30, or leave this empty."
    ]


@pytest.mark.parametrize("build", [make_form, required_answers_only], ids=["all answered", "only required"])
@pytest.mark.parametrize("value", ["sun-morning", "sat-evening", ""])
def test_preferred_times_are_only_those_the_clinic_offers(build, value):
    assert errors_for(build(preferred_times=[value]), "preferred_times") == ["Choose one of the options shown."]


def test_the_same_date_given_twice_is_kept_once():
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    form = required_answers_only(preferred_date_1=tomorrow, preferred_date_3=tomorrow)
    assert form.is_valid(), form.errors
    assert form.request_data()["preferred_dates"] == [tomorrow]


def test_each_preferred_time_is_kept_once_in_the_order_the_form_lists_them():
    form = make_form(preferred_times=["wed-evening"] + ["mon-morning"] * 5000 + ["wed-evening"])
    assert form.is_valid(), form.errors
    assert form.request_data()["preferred_times"] == ["mon-morning", "wed-evening"]


def test_preferred_times_can_never_outnumber_the_choices():
    every_slot = [value for _day, slots in PREFERRED_TIME_CHOICES for value, _label in slots]
    form = make_form(preferred_times=every_slot * 3)
    assert form.is_valid(), form.errors
    assert form.request_data()["preferred_times"] == every_slot


# Direction overrides, embeddings and isolates: they make "Okafor" display as something else.
DIRECTION_CONTROLS = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
DIRECTION_MESSAGE = "Remove the hidden characters that change the direction of the text: typing it again usually does."


@pytest.mark.parametrize("character", DIRECTION_CONTROLS, ids=[f"U+{ord(ch):04X}" for ch in DIRECTION_CONTROLS])
@pytest.mark.parametrize("field", ["first_name", "last_name", "reason_details"])
def test_text_direction_controls_are_refused_with_a_clear_message(field, character):
    assert errors_for(make_form(**{field: f"Oka{character}rofa"}), field) == [DIRECTION_MESSAGE]


@pytest.mark.parametrize(
    "first_name", ["میر\u200cحسین", "क्\u200dष", "ශ්\u200dරී"], ids=["ZWNJ Persian", "ZWJ Devanagari", "ZWJ Sinhala"]
)
def test_joiners_that_scripts_need_are_still_accepted(first_name):
    form = make_form(first_name=first_name)
    assert form.is_valid(), form.errors


def test_staff_notes_refuse_text_direction_controls_too():
    form = AppointmentRequestUpdateForm(
        data={"status": "new", "note": "Call \u202eback"}, instance=AppointmentRequest(status="new")
    )
    assert form.errors["note"] == [DIRECTION_MESSAGE]


@pytest.mark.parametrize("form_key", ["", "forged", "eyJrIjoiMSJ9:1abc:def", "x" * 1000])
def test_a_missing_or_forged_form_key_is_refused(form_key):
    errors = errors_for(make_form(form_key=form_key), "form_key")
    assert errors and "We could not check this form" in errors[0]


def test_a_form_key_signed_for_another_purpose_is_refused():
    from django.core import signing

    forged = signing.dumps({"k": "0" * 32, "t": time.time() - 60, "v": "1"}, salt="another-salt")
    assert "We could not check this form" in errors_for(make_form(form_key=forged), "form_key")[0]


@override_settings(BOOKING_FORM_MAX_AGE_SECONDS=3600)
def test_an_expired_form_key_is_refused_but_keeps_the_answers():
    form = make_form(seconds_ago=3601)
    assert "This form was open for a long time" in errors_for(form, "form_key")[0]
    assert form.key_error
    assert form["first_name"].value() == "Maya"


@override_settings(BOOKING_MIN_SECONDS=3)
def test_a_form_sent_faster_than_a_person_could_is_flagged_as_spam():
    fast = make_form(seconds_ago=1)
    assert fast.is_valid()
    assert fast.spam_reason == AppointmentRequest.SpamReason.TOO_FAST
    human = make_form(seconds_ago=30)
    assert human.is_valid()
    assert human.spam_reason == ""


@override_settings(BOOKING_MIN_SECONDS=0)
def test_the_minimum_time_can_be_switched_off():
    form = make_form(seconds_ago=0)
    assert form.is_valid()
    assert form.spam_reason == ""


@pytest.mark.parametrize("website", ["http://spam.example", "\x00", "x" * 5000])
def test_a_filled_honeypot_is_flagged_as_spam(website):
    # Never a field error (a NUL character was one): nobody would see it, and the request would be dropped.
    form = make_form(website=website)
    assert form.is_valid(), form.errors
    assert form.spam_reason == AppointmentRequest.SpamReason.HONEYPOT


def test_the_error_summary_links_to_each_field_and_leaves_out_the_honeypot():
    form = make_form(first_name="", reason="", preferred_times=["nope"], form_key="forged", website="x" * 10)
    form.is_valid()
    anchors = dict((message, anchor) for anchor, message in form.error_summary())
    assert anchors["Enter your first name."] == "id_first_name"
    assert anchors["Choose the reason closest to yours."] == "id_reason_0"
    assert anchors["Choose one of the options shown."] == "id_preferred_times_0_0"
    assert any(anchor == "booking-submit" for anchor in anchors.values())
    assert len(form.error_summary()) == 4


def test_the_source_field_keeps_only_a_page_id():
    assert make_form(source="42").is_valid()
    for value in ("", "abc", "-1", "1e9", "٣"):
        form = make_form(source=value)
        assert form.is_valid(), (value, form.errors)
        assert form.cleaned_data["source"] is None


@pytest.mark.parametrize(
    "form",
    [
        pytest.param(lambda: BookingForm(), id="empty"),
        pytest.param(lambda: make_form(), id="answered"),
        pytest.param(lambda: make_form(reason="hacked", email="not an email"), id="with-errors"),
    ],
)
def test_each_radio_button_and_checkbox_is_written_as_django_writes_it(form):
    """The booking page builds its options' <input>s itself (choice_input): the same HTML as Django's templates."""
    from booking.templatetags.booking_tags import choice_input

    form = form()
    form.is_valid()
    options = [option for field in form if field.use_fieldset for option in field]
    assert len(options) > 40  # every choice question's options, the times of day included
    assert any("checked" in option.tag() for option in options) == form.is_bound
    for option in options:
        assert choice_input(option) == option.tag().strip()
