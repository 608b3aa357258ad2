"""Search engines keep finding pages: the sitemap dates each one, and a changed slug keeps its old URL working."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from tests.factories import make_article, publish

pytestmark = pytest.mark.django_db
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_entries(client):
    """Every URL in the sitemap, following its index: {loc: lastmod}."""
    index = ET.fromstring(client.get("/sitemap.xml").content)
    entries = {}
    for location in index.findall(f"{SITEMAP}sitemap/{SITEMAP}loc"):
        page = client.get(location.text.removeprefix("http://testserver"))
        assert page.status_code == 200
        for url in ET.fromstring(page.content).findall(f"{SITEMAP}url"):
            entries[url.findtext(f"{SITEMAP}loc")] = url.findtext(f"{SITEMAP}lastmod")
    return entries


def test_the_sitemap_lists_each_public_page_with_its_last_change(client, blog, clinician):
    article = make_article(blog, title="Shin splints", author=clinician)
    entries = sitemap_entries(client)
    assert article.full_url in entries
    # Sitemaps give the clinic's local date: just after midnight UTC, New York is still on the day before.
    published_on = timezone.localtime(article.last_published_at).date()
    assert entries[article.full_url].startswith(published_on.isoformat())


def test_the_sitemap_is_an_index_of_pages_of_at_most_a_thousand_urls(client, blog, clinician, monkeypatch):
    from recooperate.sitemaps import PagesSitemap

    monkeypatch.setattr(PagesSitemap, "limit", 2)
    articles = [make_article(blog, title=f"Article {n}", author=clinician) for n in range(4)]
    index = ET.fromstring(client.get("/sitemap.xml").content)
    pages = [loc.text for loc in index.findall(f"{SITEMAP}sitemap/{SITEMAP}loc")]
    entries = sitemap_entries(client)
    assert {article.full_url for article in articles} <= set(entries)
    # Two URLs to a page: as many pages as it takes, the first without ?p=.
    assert len(pages) == (len(entries) + 1) // 2 > 1
    assert pages[0] == "http://testserver/sitemap-pages.xml"
    assert pages[1] == "http://testserver/sitemap-pages.xml?p=2"


def test_the_index_dates_itself_by_the_newest_change_in_a_constant_number_of_queries(client, blog, clinician):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def index():
        with CaptureQueriesContext(connection) as captured:
            xml = ET.fromstring(client.get("/sitemap.xml").content)
        sql = [query["sql"] for query in captured]
        # The index reads no page itself (Django's default read every page to date the index).
        assert not any("blog_articlepage" in statement for statement in sql), sql
        return xml.findtext(f"{SITEMAP}sitemap/{SITEMAP}lastmod"), len(sql)

    make_article(blog, title="Older", author=clinician)
    _lastmod, queries_with_one = index()
    for n in range(5):
        newest = make_article(blog, title=f"Newer {n}", author=clinician)
    lastmod, queries_with_six = index()
    assert queries_with_six == queries_with_one
    assert datetime.datetime.fromisoformat(lastmod) == newest.last_published_at


def test_a_sitemap_page_holds_at_most_a_thousand_urls():
    from recooperate.sitemaps import PagesSitemap

    assert PagesSitemap.limit == 1000


def test_a_changed_slug_redirects_the_old_url(client, admin_client, blog, clinician):
    article = make_article(blog, title="Shin splints", slug="shin-splints", author=clinician)
    old_url = article.url
    article.slug = "shin-splints-in-runners"
    publish(article)
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"].endswith("/blog/shin-splints-in-runners/")
    assert client.get(response["Location"]).status_code == 200
