"""Whatever a visitor (or a bot) sends, the booking form answers with a page, never a 500."""

import operator
import re

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from booking.forms import BookingForm
from booking.models import AppointmentRequest
from booking.validators import normalise_phone
from booking.viewsets import FORMULA_PREFIXES, neutralise_formula
from tests.factories import booking_form_data

pytestmark = pytest.mark.django_db

FIELDS = [name for name in BookingForm.base_fields] + ["csrfmiddlewaretoken", "unexpected"]
# Any text a browser can send: every script, controls, emoji, very long runs (surrogates cannot be UTF-8).
any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)
tricky_text = st.sampled_from(
    [
        "Maya\r\nBcc: victim@example.com",
        "=cmd|' /C calc'!A0",
        "<script>alert(1)</script>",
        "\x00",
        "9" * 5000,
        "+1 (212) 555-0147 ext. 99999999",
        "2025-02-30",
        "-1",
        "٣",
        "mon-morning",
        "recurring_injury",
    ]
)
# Characters that grow when stored in composed form (NFC): U+FB2C becomes three code points,
# U+0958 and U+0344 two; U+1E9B U+0323 is a pair NFC leaves apart. A name within the limit
# as typed can be over it as stored, and runs of them are what finds that.
growing = st.sampled_from(["\ufb2c", "\u0958", "\u0344", "\u1e9b\u0323"])
growing_name = st.one_of(
    st.builds(operator.mul, growing, st.integers(min_value=1, max_value=100)),
    st.lists(st.one_of(growing, st.characters(categories=["L"])), max_size=100).map("".join),
)
value = st.one_of(any_text, tricky_text, growing_name, st.lists(st.one_of(any_text, tricky_text), max_size=4))
examples = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def open_limits(settings):
    settings.BOOKING_RATE_LIMIT_PER_IP = 0
    settings.BOOKING_RATE_LIMIT_PER_EMAIL = 0
    settings.BOOKING_THANK_YOU_LOOKUPS_PER_IP = 0


@examples
@given(changes=st.dictionaries(st.sampled_from(FIELDS), value, max_size=6), dropped=st.sets(st.sampled_from(FIELDS)))
def test_random_values_in_a_real_form_never_cause_a_server_error(client, booking_page, open_limits, changes, dropped):
    data = {name: field for name, field in booking_form_data(booking_page).items() if name not in dropped}
    data.update(changes)
    assert_a_page_never_a_server_error(client, data)


@examples
@given(first_name=growing_name, last_name=growing_name)
def test_names_that_grow_when_stored_never_cause_a_server_error(
    client, booking_page, open_limits, first_name, last_name
):
    data = booking_form_data(booking_page, first_name=first_name, last_name=last_name)
    stored = assert_a_page_never_a_server_error(client, data)
    if stored is not None:
        assert len(stored.first_name) <= 100 and len(stored.last_name) <= 100


def assert_a_page_never_a_server_error(client, data):
    """POST the form; a thank-you page for a stored request or the form with its errors. Returns the request, if stored."""
    before = AppointmentRequest.objects.count()
    response = client.post("/book/", data)
    event(f"status {response.status_code}")
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 302:
        reference = re.fullmatch(r"/book/thanks/(RC-[A-Z0-9]{4}-[A-Z0-9]{4})/", response["Location"]).group(1)
        assert client.get(response["Location"]).status_code == 200
        return AppointmentRequest.objects.get(reference=reference)
    assert AppointmentRequest.objects.count() == before
    assert 'class="error-summary"' in response.content.decode()
    return None


@examples
@given(body=st.binary(max_size=3000))
def test_raw_request_bodies_never_cause_a_server_error(client, booking_page, open_limits, body):
    response = client.generic("POST", "/book/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code in (200, 400)


@settings(max_examples=300, deadline=None)
@given(value=any_text)
def test_phone_parsing_either_normalises_or_explains(value):
    try:
        stored = normalise_phone(value)
    except ValidationError:
        return
    assert re.fullmatch(r"\+[1-9]\d{6,14}( ext\. \d{1,6})?", stored)


@settings(max_examples=300, deadline=None)
@given(value=st.one_of(any_text, st.integers(), st.none()))
def test_no_exported_cell_starts_like_a_formula(value):
    result = neutralise_formula(value)
    if isinstance(value, str):
        assert not result.startswith(FORMULA_PREFIXES)
        assert result.lstrip("'") == value.lstrip("'") or result == "'" + value
    else:
        assert result == value
