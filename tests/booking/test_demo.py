"""The demo site's booking journey: the seed article's BOOK NOW to a saved request."""

import re

import pytest
from django.test import override_settings
from wagtail.models import Page

from blog.models import ArticlePage
from booking.models import AppointmentRequest, BookingPage
from recooperate.demo import content
from recooperate.demo.loader import load_demo_content
from recooperate.models import CallToAction
from tests.factories import booking_form_data

pytestmark = pytest.mark.django_db


def test_book_now_follows_a_renamed_booking_page_to_a_saved_request(client):
    load_demo_content()
    # An editor moves the booking page to /appointments/; the next `make run` must not bring /book/ back.
    book = BookingPage.objects.get()
    book.slug = "appointments"
    book.save_revision().publish()

    load_demo_content()

    book = BookingPage.objects.get()
    assert book.url == "/appointments/"
    assert CallToAction.objects.get().button_page_id == book.pk
    assert client.get("/book/").status_code == 404

    seed = ArticlePage.objects.get(slug=content.SEED_SLUG)
    link = f"/appointments/?from={seed.pk}"
    # The body's call to action has no page of its own: it follows the site-wide one to the booking page
    # (as the header's button does).
    assert client.get(seed.url).content.decode().count(f'href="{link}"') == 2
    form_html = client.get(link).content.decode()
    # The seed article is about running injuries: that reason comes preselected.
    assert re.search(r'value="recurring_injury"[^>]*checked', form_html)

    data = booking_form_data(book, reason="recurring_injury", source=str(seed.pk))
    data["form_key"] = re.search(r'name="form_key" value="([^"]+)"', form_html).group(1)
    with override_settings(BOOKING_MIN_SECONDS=0):
        response = client.post(book.url, data, follow=True)
    appointment_request = AppointmentRequest.objects.get()
    assert appointment_request.reference in response.content.decode()
    assert appointment_request.source_page_id == seed.pk
    assert appointment_request.privacy_notice_version.startswith("2025-09:")


def test_every_book_now_link_on_the_demo_site_opens_the_form(client):
    """The header's button and the calls to action on every kind of page lead to a working form.

    The blog's BOOK NOW once answered 500: the blog page's topics() method was taken for an
    article's topics when the form looked for a reason to preselect.
    """
    load_demo_content()
    book = BookingPage.objects.get()
    links = set()
    for page in Page.objects.live().public().exclude(pk=book.pk).specific():
        if page.url is None:
            continue  # the tree's root
        html = client.get(page.url).content.decode()
        found = set(re.findall(rf'href="({re.escape(book.url)}\?from=(\d+))"', html))
        assert found, f"no BOOK NOW on {page.url}"
        assert {pk for _link, pk in found} == {str(page.pk)}, page.url
        links |= {link for link, _pk in found}
    assert len(links) >= 10  # home, blog, articles, team, programs...
    for link in sorted(links):
        response = client.get(link)
        assert response.status_code == 200, link
        source = re.search(r"from=(\d+)", link).group(1)
        assert f'name="source" value="{source}"' in response.content.decode(), link
