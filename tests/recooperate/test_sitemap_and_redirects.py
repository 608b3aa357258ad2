"""Search engines keep finding pages: the sitemap dates each one, and a changed slug keeps its old URL working."""

import xml.etree.ElementTree as ET

import pytest

from tests.factories import make_article, publish

pytestmark = pytest.mark.django_db
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_the_sitemap_lists_each_public_page_with_its_last_change(client, blog, clinician):
    article = make_article(blog, title="Shin splints", author=clinician)
    urls = ET.fromstring(client.get("/sitemap.xml").content).findall(f"{SITEMAP}url")
    entries = {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod") for url in urls}
    assert article.full_url in entries
    assert entries[article.full_url].startswith(article.last_published_at.date().isoformat())


def test_a_changed_slug_redirects_the_old_url(client, admin_client, blog, clinician):
    article = make_article(blog, title="Shin splints", slug="shin-splints", author=clinician)
    old_url = article.url
    article.slug = "shin-splints-in-runners"
    publish(article)
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"].endswith("/blog/shin-splints-in-runners/")
    assert client.get(response["Location"]).status_code == 200
