"""Every page's <head> tells search engines and link previews what it is: description, canonical, Open Graph."""

import re

import pytest

from recooperate.models import ClinicSettings
from tests.factories import make_article, make_image

pytestmark = pytest.mark.django_db


def meta(html, attribute, name):
    found = re.findall(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
    assert len(found) == 1, (name, found)
    return found[0]


def test_an_article_describes_itself_with_its_intro_image_and_canonical_url(client, blog, clinician):
    article = make_article(
        blog, title="Shin splints", intro="Why shins hurt.", author=clinician, listing_image=make_image()
    )
    html = client.get(article.url).content.decode()
    assert meta(html, "name", "description") == "Why shins hurt."
    assert f'<link rel="canonical" href="{article.full_url}">' in html
    assert meta(html, "property", "og:url") == article.full_url
    assert meta(html, "property", "og:type") == "article"
    assert meta(html, "property", "og:title") == "Shin splints"
    image = meta(html, "property", "og:image")
    assert image.startswith("http") and image.endswith(".jpg") and "fill-1200x630" in image
    assert meta(html, "name", "twitter:card") == "summary_large_image"


def test_the_editors_description_and_seo_title_win(client, blog, clinician):
    article = make_article(
        blog, title="Shin splints", seo_title="Shin splints in runners", search_description="Custom.", author=clinician
    )
    html = client.get(article.url).content.decode()
    assert meta(html, "name", "description") == "Custom."
    assert meta(html, "property", "og:title") == "Shin splints in runners"


def test_pages_without_text_or_image_fall_back_to_the_clinic(client, site_tree):
    clinic = ClinicSettings.load()
    clinic.tagline = "Physical therapy for runners in New York City"
    clinic.default_social_image = make_image()
    clinic.save()
    booking = site_tree["book"]
    booking.intro = ""
    booking.save_revision().publish()
    html = client.get(booking.url).content.decode()
    assert meta(html, "name", "description") == "Physical therapy for runners in New York City"
    assert "fill-1200x630" in meta(html, "property", "og:image")
    assert meta(html, "property", "og:type") == "website"
