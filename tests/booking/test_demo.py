"""The demo site's booking journey: the seed article's BOOK NOW to a saved request."""

import re

import pytest
from django.test import override_settings

from blog.models import ArticlePage
from booking.models import AppointmentRequest, BookingPage
from recooperate.demo import content
from recooperate.demo.loader import load_demo_content
from recooperate.models import CallToAction, HomePage, StandardPage
from tests.factories import booking_form_data

pytestmark = pytest.mark.django_db


def test_an_older_demo_book_page_is_replaced_and_book_now_leads_to_a_saved_request(client):
    load_demo_content()
    # What an older version of the demo left behind: /book/ as a plain page.
    home = HomePage.objects.get()
    BookingPage.objects.get().delete()
    old = StandardPage(title="Book an appointment", slug="book", intro="Call us.")
    home.add_child(instance=old)
    old.save_revision().publish()
    CallToAction.objects.update(button_page=old)

    load_demo_content()

    book = BookingPage.objects.get()
    assert book.url == "/book/"
    assert not StandardPage.objects.filter(slug="book").exists()
    assert CallToAction.objects.get(name="Book now (site-wide)").button_page_id == book.pk

    seed = ArticlePage.objects.get(slug=content.SEED_SLUG)
    link = f"/book/?from={seed.pk}"
    assert f'href="{link}"' in client.get(seed.url).content.decode()
    form_html = client.get(link).content.decode()
    # The seed article is about running injuries: that reason comes preselected.
    assert re.search(r'value="recurring_injury"[^>]*checked', form_html)

    data = booking_form_data(book, reason="recurring_injury", source=str(seed.pk))
    data["form_key"] = re.search(r'name="form_key" value="([^"]+)"', form_html).group(1)
    with override_settings(BOOKING_MIN_SECONDS=0):
        response = client.post("/book/", data, follow=True)
    appointment_request = AppointmentRequest.objects.get()
    assert appointment_request.reference in response.content.decode()
    assert appointment_request.source_page_id == seed.pk
    assert appointment_request.privacy_notice_version.startswith("2025-09:")
