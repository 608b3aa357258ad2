import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from booking.models import (
    PREFERRED_TIME_LABELS,
    REFERENCE_ALPHABET,
    AppointmentRequest,
    BookingReasonForTopic,
    generate_reference,
)
from booking.validators import format_phone
from tests.factories import make_appointment_request, make_article, make_topic, publish


def test_references_are_short_unambiguous_and_random():
    references = {generate_reference() for _ in range(2000)}
    assert len(references) == 2000
    for reference in list(references)[:50]:
        prefix, first, second = reference.split("-")
        assert prefix == "RC" and len(first) == len(second) == 4
        assert set(first + second) <= set(REFERENCE_ALPHABET)
    assert not set("01ILOU") & set(REFERENCE_ALPHABET)


@pytest.mark.django_db
def test_a_request_prints_as_its_reference_only(site_tree):
    appointment_request = make_appointment_request(first_name="Xanthippe")
    assert str(appointment_request) == appointment_request.reference


@pytest.mark.django_db
def test_skipped_questions_are_valid_and_read_as_not_given(request_with_only_required_answers):
    appointment_request = request_with_only_required_answers
    appointment_request.full_clean()
    assert appointment_request.preferred_contact_text == "No preference: phone or email"
    texts = [
        appointment_request.patient_type_text,
        appointment_request.body_area_text,
        appointment_request.payment_text,
        appointment_request.has_referral_text,
        appointment_request.preferred_times_text,
        appointment_request.preferred_dates_text,
    ]
    assert texts == ["Not given"] * 6


@pytest.mark.django_db
def test_given_answers_read_as_their_labels(site_tree):
    appointment_request = make_appointment_request(preferred_contact="text", payment="self_pay")
    assert appointment_request.preferred_contact_text == "Text message"
    assert appointment_request.payment_text == "Self-pay"
    assert appointment_request.preferred_times_text == "Monday morning"


@pytest.mark.django_db
def test_times_removed_by_anonymising_are_not_called_skipped(site_tree):
    appointment_request = make_appointment_request(status="closed")
    AppointmentRequest.objects.filter(pk=appointment_request.pk).update(
        preferred_times=[], anonymised_at=timezone.now()
    )
    appointment_request.refresh_from_db()
    assert appointment_request.preferred_times_text == ""
    assert appointment_request.preferred_dates_text == ""


def test_model_validation_refuses_unknown_times_and_malformed_dates():
    appointment_request = AppointmentRequest(preferred_times=["mon-midnight"], preferred_dates=["2025-02-30"])
    with pytest.raises(ValidationError) as raised:
        appointment_request.clean()
    assert set(raised.value.message_dict) == {"preferred_times", "preferred_dates"}
    AppointmentRequest(preferred_times=["mon-morning"], preferred_dates=["2030-01-02"]).clean()


def test_four_preferred_dates_are_too_many():
    with pytest.raises(ValidationError):
        AppointmentRequest(preferred_times=[], preferred_dates=["2030-01-02"] * 4).clean()


def test_the_clinic_offers_monday_to_saturday_but_not_saturday_evening():
    assert "sat-afternoon" in PREFERRED_TIME_LABELS
    assert "sat-evening" not in PREFERRED_TIME_LABELS
    assert not any(value.startswith("sun") for value in PREFERRED_TIME_LABELS)
    assert PREFERRED_TIME_LABELS["wed-evening"] == "Wednesday evening"


def test_stored_phone_numbers_read_naturally():
    assert format_phone("+12125550147") == "(212) 555-0147"
    assert format_phone("+442079460958") == "+44 20 7946 0958"
    assert format_phone("+12125550147 ext. 12") == "(212) 555-0147 ext. 12"
    assert AppointmentRequest(phone="+12125550147 ext. 12").phone_href == "tel:+12125550147;ext=12"


@pytest.mark.django_db
def test_the_reason_preselected_follows_the_first_matching_topic(booking_page, blog):
    injuries, pain, nyc = make_topic("Running injuries"), make_topic("Chronic pain"), make_topic("Running in NYC")
    booking_page.reason_topics = [
        BookingReasonForTopic(topic=injuries, reason="recurring_injury"),
        BookingReasonForTopic(topic=pain, reason="lingering_pain"),
    ]
    publish(booking_page)
    assert booking_page.reason_for_source(make_article(blog, topics=[pain, injuries])) == "recurring_injury"
    assert booking_page.reason_for_source(make_article(blog, topics=[pain])) == "lingering_pain"
    assert booking_page.reason_for_source(make_article(blog, topics=[nyc])) == ""
    assert booking_page.reason_for_source(booking_page.get_parent().specific) == ""
    assert booking_page.reason_for_source(None) == ""


@pytest.mark.django_db
def test_notification_due_leaves_out_sent_spam_waiting_and_anonymised_requests(site_tree):
    from django.utils import timezone

    now = timezone.now()
    due = make_appointment_request()
    sent = make_appointment_request()
    AppointmentRequest.objects.filter(pk=sent.pk).update(notification_status="sent")
    make_appointment_request(spam_reason="honeypot")
    waiting = make_appointment_request()
    AppointmentRequest.objects.filter(pk=waiting.pk).update(
        notification_status="failed", notification_next_attempt_at=now + datetime.timedelta(minutes=5)
    )
    gone = make_appointment_request()
    AppointmentRequest.objects.filter(pk=gone.pk).update(anonymised_at=now)
    assert list(AppointmentRequest.objects.notification_due(now=now)) == [due]
    assert set(AppointmentRequest.objects.notification_due(now=now, force=True)) == {due, waiting}
