import datetime
import io
import logging
import re
import uuid
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import OperationalError
from django.test import Client, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import PageViewRestriction

from booking import services
from booking.models import AppointmentRequest, BookingPage, BookingReasonForTopic
from booking.privacy import PatientDataLogFilter
from recooperate.models import ClinicSettings
from tests.factories import booking_form_data, make_article, make_topic, publish

pytestmark = pytest.mark.django_db

# Distinctive values a visitor types, to look for where they must not be.
SECRET_DETAILS = "Sharp pain under the left kneecap since the Brooklyn Half"
SECRET_NAME = "Xanthippe"
SECRET_EMAIL = "xanthippe.q@example.org"


REQUIRED_FIELDS = ["first_name", "last_name", "email", "phone", "reason", "consent_to_contact", "privacy_acknowledged"]


def html_of(response):
    return response.content.decode()


def required_answers_only(page, **overrides):
    """The POST of a visitor who answers the seven required questions and skips the rest."""
    data = booking_form_data(page)
    return {**{name: data[name] for name in [*REQUIRED_FIELDS, "form_key"]}, **overrides}


def thank_you_url(appointment_request):
    return f"/book/thanks/{appointment_request.reference}/"


def test_the_form_is_served_with_labels_autocomplete_and_no_caching(client, booking_page):
    response = client.get("/book/")
    html = html_of(response)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert (
        '<label class="field__label" for="id_first_name">First name <span class="field__marker">(required)</span>'
        in html
    )
    for autocomplete in ("given-name", "family-name", "email", "tel"):
        assert f'autocomplete="{autocomplete}"' in html
    assert '<legend class="field__label">What brings you in?' in html
    assert "(optional)" in html
    # One for each of the seven required questions; the intro says which they are in words.
    assert html.count('<span class="field__marker">(required)</span>') == len(REQUIRED_FIELDS)
    assert "Only the questions marked (required) need an answer" in html
    assert "It takes about three minutes" not in html
    assert 'name="form_key" value="' in html
    assert 'class="error-summary"' not in html
    # The honeypot is out of sight and out of the accessibility tree.
    assert '<div class="booking-form__extra" aria-hidden="true">' in html
    # No script (JSON-LD is data, not a program) and no third-party requests.
    assert not re.findall(r"<script(?![^>]*application/ld\+json)", html)
    assert not re.search(r'(src|href)="https?://(?!testserver)', html)


@pytest.fixture
def clinic_phone(db):
    clinic = ClinicSettings.load()
    clinic.phone = "(212) 555-0147"
    clinic.save()
    return clinic.phone


def test_every_text_of_the_form_is_the_editors(client, booking_page, clinic_phone):
    """Headings, hints, the button and the error summary's texts: each changed in the page shows on the form."""
    for name in BookingPage.FORM_TEXT_FIELDS:
        setattr(booking_page, name, f"Edited {name.replace('_', ' ')} text")
    publish(booking_page)
    on_errors_only = {"error_heading", "error_summary_intro", "error_prefix", "error_call_text"}
    html = html_of(client.get("/book/"))
    for name in BookingPage.FORM_TEXT_FIELDS:
        assert (f"Edited {name.replace('_', ' ')} text" in html) == (name not in on_errors_only), name
    assert '<span class="field__marker">Edited required marker text</span>' in html and "(required)</span>" not in html
    assert "Edited optional marker text</span>" in html and "(optional)" not in html
    errors = html_of(client.post("/book/", required_answers_only(booking_page, email="not an address")))
    assert "Edited error heading text" in errors and "Your request has not been sent yet" not in errors
    assert "<p>Edited error summary intro text</p>" in errors and "Please check:" not in errors
    assert "<title>Edited error prefix text " in errors
    assert '<span class="visually-hidden">Edited error prefix text </span>' in errors and "Error: " not in errors
    assert 'Edited error call text text <a href="tel:+12125550147">' in errors


def test_every_text_of_the_thank_you_page_is_the_editors(client, booking_page, clinic_phone):
    for name in BookingPage.THANK_YOU_TEXT_FIELDS:
        setattr(booking_page, name, f"Edited {name.replace('_', ' ')}")
    publish(booking_page)
    response = client.post("/book/", booking_form_data(booking_page), follow=True)
    html = html_of(response)
    assert AppointmentRequest.objects.get().reference in html
    for name in BookingPage.THANK_YOU_TEXT_FIELDS:
        assert f"Edited {name.replace('_', ' ')}" in html, name
    assert "Your reference" not in html and "Back to the home page" not in html


def test_the_call_back_questions_come_first_then_the_optional_ones_then_consent(client, booking_page):
    html = html_of(client.get("/book/"))
    order = [
        '<h2 id="section-you">',
        'name="first_name"',
        'name="phone"',
        'name="preferred_contact"',
        'name="reason"',
        '<h2 id="section-optional">Optional: help us prepare for your visit</h2>',
        'name="body_area"',
        'name="reason_details"',
        'name="patient_type"',
        'name="payment"',
        'name="has_referral"',
        'name="preferred_times"',
        'name="preferred_date_1"',
        'name="consent_to_contact"',
        'name="privacy_acknowledged"',
        'id="booking-submit"',
    ]
    positions = [html.index(marker) for marker in order]
    assert positions == sorted(positions)
    optional_section = html[html.index('id="section-optional"') : html.index('id="section-privacy"')]
    assert "(required)" not in optional_section
    # Each radio question is still a fieldset with a legend, and an optional one starts with nothing ticked.
    assert optional_section.count("<fieldset") == optional_section.count("<legend")
    assert "checked" not in optional_section
    assert "If you do not choose, we will call or email you." in html
    assert "by the method I chose, or by phone or email if I chose none." in html


def test_a_request_with_only_the_required_answers_is_stored_and_thanked(
    client, booking_page, django_capture_on_commit_callbacks, booking_queue
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/book/", required_answers_only(booking_page))
    appointment_request = AppointmentRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == thank_you_url(appointment_request)
    assert client.get(response["Location"]).status_code == 200
    assert (appointment_request.first_name, appointment_request.reason) == ("Maya", "lingering_pain")
    skipped = ["preferred_contact", "patient_type", "body_area", "payment", "has_referral", "reason_details"]
    assert [getattr(appointment_request, name) for name in skipped] == [""] * len(skipped)
    assert appointment_request.preferred_times == [] and appointment_request.preferred_dates == []
    assert appointment_request.consent_to_contact is True
    # Its mail goes out like any other's.
    assert booking_queue() == 1
    assert [message.to for message in mail.outbox] == [["team@recooperatept.com"], ["maya.okafor@example.com"]]


def test_optional_answers_are_kept_when_a_required_one_is_missing(client, booking_page):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    data = booking_form_data(
        booking_page, phone="", payment="self_pay", has_referral="not_sure", preferred_date_2=tomorrow
    )
    html = html_of(client.post("/book/", data))
    assert '<a href="#id_phone">Enter your phone number.</a>' in html
    assert len(re.findall(r'<li><a href="#', html)) == 1
    for name, value in [("payment", "self_pay"), ("has_referral", "not_sure"), ("body_area", "knee")]:
        assert re.search(rf'<input type="radio" name="{name}" value="{value}"[^>]*checked', html)
    assert re.search(rf'name="preferred_date_2" value="{tomorrow}"', html)
    assert not AppointmentRequest.objects.exists()


def test_each_form_gets_its_own_one_time_key(client, booking_page):
    keys = {re.search(r'name="form_key" value="([^"]+)"', html_of(client.get("/book/"))).group(1) for _ in range(3)}
    assert len(keys) == 3


def test_coming_from_an_article_records_it_and_preselects_a_fitting_reason(client, booking_page, blog):
    topic = make_topic("Chronic pain")
    booking_page.reason_topics = [BookingReasonForTopic(topic=topic, reason="lingering_pain")]
    publish(booking_page)
    article = make_article(blog, title="Why pain lingers", topics=[topic])

    html = html_of(client.get(f"/book/?from={article.pk}"))
    assert f'name="source" value="{article.pk}"' in html
    assert re.search(r'<input type="radio" name="reason" value="lingering_pain" id="id_reason_1" checked>', html)

    data = booking_form_data(booking_page, source=str(article.pk))
    response = client.post("/book/", data)
    appointment_request = AppointmentRequest.objects.get()
    assert response.status_code == 302
    assert appointment_request.source_page.specific == article


@pytest.mark.parametrize("value", ["abc", "-5", "99999999", "", "1e3", "%00", "9" * 40])
def test_an_unknown_or_bogus_source_is_ignored(client, booking_page, value):
    response = client.get(f"/book/?from={value}")
    assert response.status_code == 200
    assert 'name="source" value=""' in html_of(response) or 'name="source" id="id_source"' in html_of(response)
    assert "checked" not in html_of(response)


def test_an_unpublished_page_is_not_recorded_as_the_source(client, booking_page, blog):
    draft = make_article(blog, live=False)
    client.post("/book/", booking_form_data(booking_page, source=str(draft.pk)))
    assert AppointmentRequest.objects.get().source_page is None


def test_a_private_page_is_neither_recorded_as_the_source_nor_suggests_a_reason(client, booking_page, blog):
    topic = make_topic("Chronic pain")
    booking_page.reason_topics = [BookingReasonForTopic(topic=topic, reason="lingering_pain")]
    publish(booking_page)
    article = make_article(blog, title="Why pain lingers", topics=[topic])
    PageViewRestriction.objects.create(page=blog, restriction_type=PageViewRestriction.LOGIN)

    html = html_of(client.get(f"/book/?from={article.pk}"))
    assert f'name="source" value="{article.pk}"' not in html
    assert "checked" not in html
    client.post("/book/", booking_form_data(booking_page, source=str(article.pk)))
    assert AppointmentRequest.objects.get().source_page is None


def test_a_valid_request_redirects_to_a_thank_you_page_with_its_reference(
    client, booking_page, django_capture_on_commit_callbacks
):
    data = booking_form_data(booking_page, first_name=SECRET_NAME, email=SECRET_EMAIL, reason_details=SECRET_DETAILS)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/book/", data)
    appointment_request = AppointmentRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == thank_you_url(appointment_request)
    assert "no-store" in response["Cache-Control"]
    assert appointment_request.first_name == SECRET_NAME
    assert appointment_request.privacy_notice_version == booking_page.privacy_version
    assert appointment_request.status == "new"
    assert DBTaskResult.objects.filter(backend_name="booking").count() == 1

    thanks = client.get(response["Location"])
    html = html_of(thanks)
    assert thanks.status_code == 200
    assert "no-store" in thanks["Cache-Control"]
    assert appointment_request.reference in html
    assert "We will contact you within one working day." in html
    assert '<meta name="robots" content="noindex">' in html
    for value in (SECRET_NAME, SECRET_EMAIL, "kneecap", "Knee", "insurance"):
        assert value not in html


def test_an_unknown_reference_has_no_thank_you_page(client, booking_page):
    assert client.get("/book/thanks/RC-AAAA-AAAA/").status_code == 404
    assert client.get("/book/thanks/<script>/").status_code == 404


def test_the_same_form_sent_twice_stores_one_request_and_shows_the_same_page(client, booking_page):
    data = booking_form_data(booking_page)
    first = client.post("/book/", data)
    second = client.post("/book/", {**data, "first_name": "Changed"})
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert AppointmentRequest.objects.count() == 1
    assert AppointmentRequest.objects.get().first_name == "Maya"


@override_settings(BOOKING_FORM_MAX_AGE_SECONDS=3600)
def test_a_used_form_sent_again_after_its_key_expired_still_finds_its_request(client, booking_page):
    key = uuid.uuid4()
    client.post("/book/", booking_form_data(booking_page, key=key, seconds_ago=60))
    response = client.post("/book/", booking_form_data(booking_page, key=key, seconds_ago=7200))
    assert response.status_code == 302
    assert AppointmentRequest.objects.count() == 1


def test_invalid_input_is_explained_beside_each_field_and_what_was_typed_is_kept(client, booking_page):
    data = booking_form_data(
        booking_page,
        first_name="Maya\nBcc: victim@example.com",
        phone="555-12",
        email="not-an-email",
        reason="",
        reason_details=SECRET_DETAILS,
        website="",
    )
    response = client.post("/book/", data)
    html = html_of(response)
    assert response.status_code == 200
    assert not AppointmentRequest.objects.exists()
    assert "<title>Error: " in html
    assert 'class="error-summary" role="alert"' in html
    # Each summary link points at an element on the page.
    anchors = re.findall(r'<li><a href="#([^"]+)">', html)
    assert anchors and all(f'id="{anchor}"' in html for anchor in anchors)
    assert '<a href="#id_phone">Enter a complete phone number' in html
    # The message sits beside the field, and the field points at it.
    assert 'id="id_phone_error"' in html
    assert re.search(
        r'<input type="tel" name="phone" value="555-12"[^>]*aria-invalid="true"[^>]*aria-describedby="id_phone_helptext id_phone_error"',
        html,
    )
    assert SECRET_DETAILS in html  # kept for the visitor to send again
    assert 'value="not-an-email"' in html
    assert 'value="mon-morning"' in html and re.search(r'value="mon-morning"[^>]*checked', html)


def test_a_preferred_time_sent_thousands_of_times_is_stored_once(client, booking_page):
    response = client.post("/book/", booking_form_data(booking_page, preferred_times=["tue-evening"] * 5000))
    assert response.status_code == 302
    assert AppointmentRequest.objects.get().preferred_times == ["tue-evening"]


def test_the_honeypot_is_never_echoed_back(client, booking_page):
    response = client.post("/book/", booking_form_data(booking_page, website="http://spam.example", first_name=""))
    assert response.status_code == 200
    assert "spam.example" not in html_of(response)


@pytest.mark.parametrize(
    "bad_key, message",
    [
        ({"form_key": "forged-key"}, "We could not check this form"),
        ({"seconds_ago": 7200}, "This form was open for a long time"),
    ],
    ids=["forged", "expired"],
)
@override_settings(BOOKING_FORM_MAX_AGE_SECONDS=3600, BOOKING_MIN_SECONDS=60)
def test_a_bad_form_key_is_explained_and_the_request_sent_again_is_stored_as_genuine(
    client, booking_page, django_capture_on_commit_callbacks, bad_key, message
):
    """The visitor has already filled the form, so sending it straight back is not "too fast" (spam)."""
    data = booking_form_data(booking_page, first_name="Zoë", **bad_key)
    response = client.post("/book/", data)
    html = html_of(response)
    assert response.status_code == 200
    assert f'<a href="#booking-submit">{message}' in html
    assert 'value="Zoë"' in html
    new_key = re.search(r'name="form_key" value="([^"]+)"', html).group(1)
    assert new_key != data["form_key"]
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/book/", {**data, "form_key": new_key}).status_code == 302
    appointment_request = AppointmentRequest.objects.get()
    assert (appointment_request.status, appointment_request.spam_reason) == ("new", "")
    assert appointment_request.notification_status == "pending"
    assert DBTaskResult.objects.filter(backend_name="booking").count() == 1


def test_a_form_that_fails_for_another_reason_keeps_its_key(client, booking_page):
    data = booking_form_data(booking_page, first_name="")
    html = html_of(client.post("/book/", data))
    assert f'name="form_key" value="{data["form_key"]}"' in html


def test_a_bot_filling_the_honeypot_gets_a_normal_thank_you_and_no_mail_is_sent(
    client, booking_page, django_capture_on_commit_callbacks, booking_queue
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/book/", booking_form_data(booking_page, website="http://cheap-pills.example"))
    appointment_request = AppointmentRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == thank_you_url(appointment_request)
    assert client.get(response["Location"]).status_code == 200
    assert appointment_request.status == "spam"
    assert appointment_request.spam_reason == "honeypot"
    assert booking_queue() == 0
    assert services.appointment_requests_notify_pending(force=True) == {"sent": 0, "failed": 0}
    assert mail.outbox == []


@override_settings(BOOKING_MIN_SECONDS=5)
def test_a_form_sent_within_seconds_of_being_shown_is_kept_as_spam(client, booking_page):
    response = client.post("/book/", booking_form_data(booking_page, seconds_ago=1))
    assert response.status_code == 302
    appointment_request = AppointmentRequest.objects.get()
    assert (appointment_request.status, appointment_request.spam_reason) == ("spam", "too_fast")
    assert appointment_request.notification_status == "skipped"


@override_settings(BOOKING_RATE_LIMIT_PER_IP=2, BOOKING_RATE_LIMIT_PER_EMAIL=0)
def test_too_many_requests_from_one_address_are_refused_with_a_clear_message(client, booking_page):
    for n in range(2):
        assert client.post("/book/", booking_form_data(booking_page, email=f"p{n}@example.com")).status_code == 302
    response = client.post("/book/", booking_form_data(booking_page, email="p3@example.com", first_name="Zoë"))
    html = html_of(response)
    assert response.status_code == 429
    assert "several requests from you in the last hour" in html
    assert 'value="Zoë"' in html
    assert AppointmentRequest.objects.count() == 2


@override_settings(BOOKING_RATE_LIMIT_PER_IP=1)
def test_rotating_x_forwarded_for_does_not_escape_the_per_address_limit(client, booking_page):
    """With no trusted proxy (the default) the header is the client's own words, and ignored."""
    post = lambda n: client.post(  # noqa: E731
        "/book/", booking_form_data(booking_page, email=f"q{n}@example.com"), HTTP_X_FORWARDED_FOR=f"198.51.100.{n}"
    )
    assert post(1).status_code == 302
    assert post(2).status_code == 429
    assert AppointmentRequest.objects.count() == 1


@override_settings(BOOKING_RATE_LIMIT_PER_IP=1, TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_limit_uses_the_address_the_proxy_saw(client, booking_page):
    post = lambda ip, n, forged="1.1.1.1": client.post(  # noqa: E731
        "/book/", booking_form_data(booking_page, email=f"q{n}@example.com"), HTTP_X_FORWARDED_FOR=f"{forged}, {ip}"
    )
    assert post("203.0.113.1", 1).status_code == 302
    assert post("203.0.113.2", 2).status_code == 302
    # What the client wrote before the proxy's entry changes nothing.
    assert post("203.0.113.1", 3, forged="9.9.9.9").status_code == 429


@override_settings(BOOKING_RATE_LIMIT_PER_EMAIL=1, BOOKING_RATE_LIMIT_PER_IP=0)
@pytest.mark.parametrize(
    "again", ["Maya.Okafor+2@Example.com", "MAYA.OKAFOR@EXAMPLE.COM", "maya.okafor+x+y@example.com"]
)
def test_letter_case_and_plus_tags_do_not_escape_the_per_email_limit(client, booking_page, again):
    assert client.post("/book/", booking_form_data(booking_page, email="maya.okafor@example.com")).status_code == 302
    response = client.post("/book/", booking_form_data(booking_page, email=again))
    assert response.status_code == 429
    assert AppointmentRequest.objects.count() == 1


@override_settings(BOOKING_RATE_LIMIT_PER_EMAIL=1, BOOKING_RATE_LIMIT_PER_IP=0)
def test_gmail_dots_do_not_escape_the_per_email_limit_but_other_domains_dots_count(client, booking_page):
    assert client.post("/book/", booking_form_data(booking_page, email="maya.okafor@gmail.com")).status_code == 302
    assert client.post("/book/", booking_form_data(booking_page, email="mayaokafor@googlemail.com")).status_code == 429
    assert client.post("/book/", booking_form_data(booking_page, email="maya.okafor@example.com")).status_code == 302
    assert client.post("/book/", booking_form_data(booking_page, email="mayaokafor@example.com")).status_code == 302


@override_settings(BOOKING_THANK_YOU_LOOKUPS_PER_IP=3)
def test_thank_you_lookups_are_limited_per_address(client, booking_page, clinic_phone):
    response = client.post("/book/", booking_form_data(booking_page))
    thanks_url = response["Location"]
    assert client.get(thanks_url).status_code == 200
    assert client.get("/book/thanks/RC-AAAA-AAAA/").status_code == 404
    assert client.get("/book/thanks/RC-BBBB-BBBB/").status_code == 404
    limited = client.get(thanks_url)
    assert limited.status_code == 429
    html = html_of(limited)
    assert "Please try again later" in html
    assert AppointmentRequest.objects.get().reference not in html
    # Its texts are the booking page's.
    for name in BookingPage.LIMITED_TEXT_FIELDS:
        setattr(booking_page, name, f"Edited {name.replace('_', ' ')}")
    publish(booking_page)
    html = html_of(client.get(thanks_url))
    for name in BookingPage.LIMITED_TEXT_FIELDS:
        assert f"Edited {name.replace('_', ' ')}" in html, name
    assert "<title>Edited limited heading | " in html and "Please try again later" not in html
    # Another address is not affected.
    assert client.get(thanks_url, REMOTE_ADDR="198.51.100.40").status_code == 200


def test_names_that_grow_when_stored_get_a_clear_message_not_a_server_error(client, booking_page):
    """U+FB2C is stored as three code points and U+0958 as two: 40 and 60 of them are 120 each."""
    first_name, last_name = "\ufb2c" * 40, "\u0958" * 60
    response = client.post("/book/", booking_form_data(booking_page, first_name=first_name, last_name=last_name))
    html = html_of(response)
    assert response.status_code == 200
    assert '<a href="#id_first_name">Your first name must be 100 characters or fewer.' in html
    assert '<a href="#id_last_name">Your last name must be 100 characters or fewer.' in html
    assert f'value="{first_name}"' in html and f'value="{last_name}"' in html
    assert not AppointmentRequest.objects.exists()


def test_data_the_form_missed_but_the_model_refuses_is_explained_and_what_was_typed_is_kept(client, booking_page):
    refusal = ValidationError({"last_name": ["Ensure this value has at most 100 characters (it has 120)."]})
    with mock.patch.object(services, "appointment_request_create", side_effect=refusal):
        response = client.post("/book/", booking_form_data(booking_page, reason_details=SECRET_DETAILS))
    html = html_of(response)
    assert response.status_code == 200
    assert 'class="error-summary" role="alert"' in html
    assert "We could not save your request as written." in html
    assert '<a href="#id_last_name">Check this answer' in html
    assert SECRET_DETAILS in html
    # The same key: nothing was stored, so sending the corrected form is not a duplicate.
    assert 'name="form_key" value="' in html


def test_a_busy_database_keeps_what_the_visitor_typed(client, booking_page):
    with mock.patch.object(services, "appointment_request_create", side_effect=OperationalError("database is locked")):
        response = client.post("/book/", booking_form_data(booking_page, reason_details=SECRET_DETAILS))
    assert response.status_code == 503
    assert "We could not save your request just now" in html_of(response)
    assert SECRET_DETAILS in html_of(response)


@override_settings(BOOKING_FORM_MAX_AGE_SECONDS=3600, BOOKING_RATE_LIMIT_PER_IP=1, BOOKING_RATE_LIMIT_PER_EMAIL=0)
def test_each_form_not_sent_message_says_what_editors_wrote(client, booking_page):
    edited = {name: f"Edited {name} text." for name in BookingPage.NOT_SENT_TEXT_FIELDS}
    for name, text in edited.items():
        setattr(booking_page, name, text)
    booking_page.save_revision().publish()
    post = lambda **overrides: html_of(client.post("/book/", booking_form_data(booking_page, **overrides)))  # noqa: E731

    assert edited["form_key_invalid_message"] in post(form_key="forged-key")
    assert edited["form_key_expired_message"] in post(seconds_ago=7200)
    with mock.patch.object(services, "appointment_request_create", side_effect=OperationalError("database is locked")):
        assert edited["database_busy_message"] in post()
    refusal = ValidationError({"last_name": ["Too long."]})
    with mock.patch.object(services, "appointment_request_create", side_effect=refusal):
        html = post()
    assert edited["not_saved_message"] in html and edited["check_answer_message"] in html
    assert client.post("/book/", booking_form_data(booking_page)).status_code == 302
    assert edited["rate_limited_message"] in post(email="second@example.com")


@override_settings(EMAIL_BACKEND="tests.booking.mail_backends.ExplodingBackend")
def test_the_visitor_never_waits_on_the_mail_server(client, booking_page, django_capture_on_commit_callbacks):
    """Even with a mail server that fails on contact, the POST stores the request and redirects."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/book/", booking_form_data(booking_page))
    assert response.status_code == 302
    assert AppointmentRequest.objects.get().notification_status == "pending"


def test_mail_that_fails_after_the_visit_is_sent_once_the_server_is_back(
    client, booking_page, django_capture_on_commit_callbacks, booking_queue
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/book/", booking_form_data(booking_page))
    with override_settings(EMAIL_BACKEND="tests.booking.mail_backends.DownBackend"):
        assert booking_queue() == 1
    appointment_request = AppointmentRequest.objects.get()
    assert appointment_request.notification_status == "failed"
    assert services.appointment_requests_notify_pending(force=True) == {"sent": 1, "failed": 0}
    assert [message.subject for message in mail.outbox] == [
        f"New appointment request {appointment_request.reference}",
        f"Your appointment request to ReCOOPERate PT ({appointment_request.reference})",
    ]


def test_other_methods_are_refused(client, booking_page):
    assert client.put("/book/").status_code == 405
    assert client.delete("/book/").status_code == 405


def test_a_missing_csrf_token_gets_a_friendly_403(booking_page):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/book/", booking_form_data(booking_page))
    html = html_of(response)
    assert response.status_code == 403
    assert "no-store" in response["Cache-Control"]
    assert "<h1>Your form was not sent</h1>" in html
    assert 'class="site-header"' in html  # the site's own look, not Django's bare page
    assert "Maya" not in html
    assert not AppointmentRequest.objects.exists()


def test_the_form_not_sent_page_says_what_editors_wrote(booking_page, clinic_phone):
    clinic = ClinicSettings.load()
    clinic.form_refused_heading = "We could not take that form"
    clinic.form_refused_lead = "Forms are only accepted from this site."
    clinic.form_refused_text = "<ul><li>Reload the form and send it again.</li></ul>"
    clinic.form_refused_call_text = "Or phone us:"
    clinic.form_refused_home_link = "Home"
    clinic.full_clean()
    clinic.save()
    html = html_of(Client(enforce_csrf_checks=True).post("/book/", booking_form_data(booking_page)))
    assert "<title>We could not take that form | " in html and "<h1>We could not take that form</h1>" in html
    assert '<p class="lead">Forms are only accepted from this site.</p>' in html
    assert "<li>Reload the form and send it again.</li>" in html and "Back button" not in html
    assert 'Or phone us: <a href="tel:+12125550147">' in html
    assert '<a class="button" href="/">Home</a>' in html and "Your form was not sent" not in html


def test_the_form_works_with_its_csrf_token(booking_page):
    client = Client(enforce_csrf_checks=True)
    html = html_of(client.get("/book/"))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    form_key = re.search(r'name="form_key" value="([^"]+)"', html).group(1)
    data = booking_form_data(booking_page, csrfmiddlewaretoken=token)
    data["form_key"] = form_key
    with override_settings(BOOKING_MIN_SECONDS=0):
        assert client.post("/book/", data).status_code == 302


def test_the_book_now_link_on_an_article_leads_to_a_saved_request(client, booking_page, blog, superuser):
    """The journey the issue asks for: article, BOOK NOW, form, thank-you page, admin."""
    article = make_article(blog, title="5 Signs You Might Need Running-Specific Physical Therapy")
    article_html = html_of(client.get(article.url))
    link = f"/book/?from={article.pk}"
    assert f'href="{link}"' in article_html

    form_html = html_of(client.get(link))
    form_key = re.search(r'name="form_key" value="([^"]+)"', form_html).group(1)
    data = booking_form_data(booking_page, source=str(article.pk))
    data["form_key"] = form_key
    with override_settings(BOOKING_MIN_SECONDS=0):
        response = client.post("/book/", data, follow=True)
    assert response.status_code == 200
    appointment_request = AppointmentRequest.objects.get()
    assert appointment_request.reference in html_of(response)
    assert appointment_request.source_page_id == article.pk

    client.force_login(superuser)
    listing = html_of(client.get("/admin/booking/requests/"))
    assert appointment_request.reference in listing
    assert "5 Signs You Might Need Running-Specific Physical Therapy" in listing


# Never leaked: error reports and logs


@pytest.fixture
def exploding_service():
    """The service fails with an exception that quotes what the visitor typed, as real bugs do."""

    def explode(*, data, **kwargs):
        raise ValueError(f"could not store {data['first_name']} <{data['email']}>: {data['reason_details']}")

    with mock.patch.object(services, "appointment_request_create", side_effect=explode):
        yield


@override_settings(ADMINS=[("Ops", "ops@example.com")])
def test_an_error_report_mail_carries_no_patient_data(booking_page, exploding_service):
    client = Client(raise_request_exception=False)
    data = booking_form_data(booking_page, first_name=SECRET_NAME, email=SECRET_EMAIL, reason_details=SECRET_DETAILS)
    response = client.post("/book/", data)
    assert response.status_code == 500
    [report] = [message for message in mail.outbox if message.to == ["ops@example.com"]]
    text = report.subject + report.body + "".join(str(alternative[0]) for alternative in report.alternatives)
    assert "ValueError" in text and "/book/" in text  # still useful to a developer
    for value in (SECRET_NAME, SECRET_EMAIL, "kneecap", "2125550147", "555-0147"):
        assert value not in text


def test_the_log_carries_no_patient_data(booking_page, exploding_service):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(PatientDataLogFilter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        client = Client(raise_request_exception=False)
        data = booking_form_data(
            booking_page, first_name=SECRET_NAME, email=SECRET_EMAIL, reason_details=SECRET_DETAILS
        )
        assert client.post("/book/", data).status_code == 500
    finally:
        logger.removeHandler(handler)
    text = stream.getvalue()
    assert "Internal Server Error: /book/" in text
    assert "ValueError" in text and "withheld" in text
    for value in (SECRET_NAME, SECRET_EMAIL, "kneecap"):
        assert value not in text


def test_every_log_handler_in_the_settings_filters_patient_data(settings):
    for name, handler in settings.LOGGING["handlers"].items():
        assert "patient_data" in handler.get("filters", []), name
    assert settings.LOGGING["filters"]["patient_data"]["()"] == "booking.privacy.PatientDataLogFilter"


def test_editors_reword_any_question_and_its_hint(client, booking_page):
    booking_page.question_texts = [
        ("question", {"question": "payment", "label": "Who pays for your visits?", "help_text": "Ask us if unsure."}),
        (
            "question",
            {
                "question": "phone",
                "label": "",
                "help_text": "Your mobile is best.",
                "required_message": "Give a number.",
            },
        ),
        # A message for an optional question has nothing to say: the question can be left empty.
        ("question", {"question": "body_area", "label": "", "help_text": "", "required_message": "Choose one."}),
    ]
    publish(booking_page)
    html = html_of(client.get("/book/"))
    assert "Who pays for your visits?" in html and "How will you pay?" not in html
    assert "Ask us if unsure." in html
    # An empty label keeps the form's own; the hint alone changes.
    assert '<label class="field__label" for="id_phone">Phone <span' in html
    assert "Your mobile is best." in html and "A US number, or start with + and the country code." not in html
    # The same wording when the form comes back with a mistake.
    errors = html_of(client.post("/book/", booking_form_data(booking_page, phone="", body_area="")))
    assert "Who pays for your visits?" in errors and "Your mobile is best." in errors
    assert '<li><a href="#id_phone">Give a number.</a></li>' in errors and "Enter your phone number." not in errors
    assert "Choose one." not in errors


def test_editors_reword_answers_and_requests_keep_the_same_answer(client, booking_page):
    booking_page.question_texts = [
        ("answer", {"answer": "payment:self_pay", "label": "I pay for my visits myself"}),
        ("answer", {"answer": "reason:other", "label": "Something else entirely"}),
        ("answer", {"answer": "preferred_times:mon-morning", "label": "Early, before work"}),
    ]
    publish(booking_page)
    html = html_of(client.get("/book/"))
    assert '<label for="id_payment_1">I pay for my visits myself</label>' in html and ">Self-pay<" not in html
    assert ">Something else entirely</label>" in html and ">Something else</label>" not in html
    assert '<label for="id_preferred_times_0_0">Early, before work</label>' in html
    assert '<label for="id_preferred_times_0_1">Afternoon</label>' in html  # the others keep their words

    answers = {"payment": "self_pay", "reason": "other", "preferred_times": ["mon-morning"]}
    assert client.post("/book/", booking_form_data(booking_page, **answers)).status_code == 302
    stored = AppointmentRequest.objects.get()
    assert (stored.payment, stored.reason, stored.preferred_times) == ("self_pay", "other", ["mon-morning"])
    assert stored.get_payment_display() == "Self-pay"  # staff read the answer as before


def test_editors_name_the_days_of_the_time_grid_and_requests_keep_the_same_times(client, booking_page):
    booking_page.question_texts = [("day", {"day": "mon", "label": "Mon."}), ("day", {"day": "sat", "label": "Sat."})]
    publish(booking_page)
    html = html_of(client.get("/book/"))
    days = re.findall(r'<fieldset class="time-grid__day">\s*<legend>([^<]*)</legend>', html)
    assert days == ["Mon.", "Tuesday", "Wednesday", "Thursday", "Friday", "Sat."]  # the others keep their names

    # The names stay when the form comes back with a mistake, and the times are stored as before.
    errors = html_of(client.post("/book/", booking_form_data(booking_page, email="", preferred_times=["mon-morning"])))
    assert "<legend>Mon.</legend>" in errors and "<legend>Monday</legend>" not in errors
    assert client.post("/book/", booking_form_data(booking_page, preferred_times=["sat-morning"])).status_code == 302
    stored = AppointmentRequest.objects.get()
    assert stored.preferred_times == ["sat-morning"] and stored.preferred_times_text == "Saturday morning"


def test_the_days_editors_may_rename_are_those_of_the_time_grid():
    from booking.blocks import day_choices
    from booking.forms import BookingForm

    grid = [day for day, _boxes in BookingForm().preferred_time_groups()]
    assert [name for _day, name in day_choices()] == grid


def test_editors_word_the_message_for_answers_the_form_cannot_accept(client, booking_page):
    messages = {
        "email": "Check the email address: it looks like name@example.com.",
        "phone": "Check the number and its area code.",
        "preferred_date_1": "Pick a day from today on, within a year.",
    }
    booking_page.question_texts = [
        ("question", {"question": name, "label": "", "help_text": "", "wrong_answer_message": message})
        for name, message in messages.items()
    ]
    publish(booking_page)
    wrong = {"email": "maya@", "phone": "12", "preferred_date_1": "2000-01-01"}
    errors = html_of(client.post("/book/", booking_form_data(booking_page, **wrong)))
    for name, message in messages.items():
        assert f'<li><a href="#id_{name}">{message}</a></li>' in errors, name
    for own in ("Enter an email address like", "Enter a complete phone number", "Choose a date from today onwards"):
        assert own not in errors
    assert not AppointmentRequest.objects.exists()

    # "Left empty" keeps its own message: the editors' words are for answers given but not accepted.
    errors = html_of(client.post("/book/", booking_form_data(booking_page, email="")))
    assert "Enter your email address." in errors and messages["email"] not in errors


def test_the_answers_editors_may_reword_are_those_visitors_see():
    from booking.blocks import answer_choices

    groups = dict(answer_choices())
    assert dict(groups["How will you pay?"])["payment:self_pay"] == "Self-pay"
    assert dict(groups["When could you usually come in?"])["preferred_times:mon-morning"] == "Monday morning"
    assert all(value.partition(":")[2] for answers in groups.values() for value, _label in answers)  # no "skip"
    assert not {"Email", "Phone"} & set(groups)  # questions without answers to choose


def test_the_questions_editors_may_reword_are_those_visitors_see():
    from booking.blocks import question_choices

    names = [name for name, _label in question_choices()]
    assert names[:4] == ["first_name", "last_name", "email", "phone"]
    assert "payment" in names and "privacy_acknowledged" in names
    assert not {"website", "form_key", "source"} & set(names)  # the honeypot and hidden fields
    assert dict(question_choices())["payment"] == "How will you pay?"
