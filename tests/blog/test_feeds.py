"""RSS and Atom feeds of the blog and of each topic: valid XML, public articles only, few queries."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from wagtail.models import PageViewRestriction

from tests.factories import make_article, make_topic

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def articles(blog, clinician):
    knees = make_topic("Knees", "knees")
    older = make_article(blog, title="Older", date=datetime.date(2025, 1, 1), author=clinician, topics=[knees])
    newer = make_article(blog, title="Newer", date=datetime.date(2025, 6, 1), author=clinician)
    private = make_article(blog, title="Private notes", author=clinician, topics=[knees])
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    make_article(blog, title="Draft", author=clinician, live=False)
    return {"older": older, "newer": newer, "knees": knees}


def test_rss_lists_public_articles_newest_first_with_absolute_links(client, blog, articles, clinician):
    response = client.get(blog.url + "feed/rss/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Newer", "Older"]
    assert items[0].findtext("link") == articles["newer"].full_url
    assert items[0].findtext("description") == articles["newer"].intro
    assert clinician.name in (
        items[0].findtext("{http://purl.org/dc/elements/1.1/}creator") or items[0].findtext("author") or ""
    )


def test_atom_feed_of_one_topic(client, blog, articles):
    response = client.get(blog.url + "topic/knees/feed/atom/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert "Knees" in feed.findtext(f"{ATOM}title")
    assert [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")] == ["Older"]


@pytest.mark.parametrize("url", ["feed/xml/", "topic/no-such-topic/feed/rss/", "feed/", "topic/knees/feed/"])
def test_unknown_feeds_are_not_found(client, blog, articles, url):
    assert client.get(blog.url + url).status_code == 404


def test_a_feed_is_kept_by_the_page_cache_and_dropped_on_publish(client, blog, articles, clinician):
    client.get(blog.url + "feed/rss/")
    assert client.get(blog.url + "feed/rss/")["X-Page-Cache"] == "hit"
    make_article(blog, title="Newest", date=datetime.date(2025, 7, 1), author=clinician)
    response = client.get(blog.url + "feed/rss/")
    assert response["X-Page-Cache"] == "miss" and b"Newest" in response.content


def test_blog_and_topic_pages_announce_their_feeds(client, blog, articles):
    html = client.get(blog.url).content.decode()
    assert f'type="application/rss+xml" title="{blog.title} (RSS)" href="{blog.url}feed/rss/"' in html
    html = client.get(blog.url + "topic/knees/").content.decode()
    assert f'href="{blog.url}topic/knees/feed/atom/"' in html


def test_feed_queries_do_not_grow_with_the_number_of_articles(
    client, blog, clinician, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_ENABLED = False  # measure the feed itself, not the cache in front of it
    for n in range(3):
        make_article(blog, title=f"Post {n}", author=clinician)
    client.get(blog.url + "feed/rss/")
    with django_assert_max_num_queries(10) as few:
        client.get(blog.url + "feed/rss/")
    for n in range(30):
        make_article(blog, title=f"More {n}", author=clinician, via_publish=False)
    with django_assert_max_num_queries(10) as many:
        client.get(blog.url + "feed/rss/")
    assert len(few.captured_queries) == len(many.captured_queries)
