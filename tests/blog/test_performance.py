"""Query budgets: an uncached page costs the same few queries however much content the site holds.

The page cache is switched off here: these are the costs of Wagtail routing and
rendering the page. Timings are measured by tests/perf/measure_render.py
(`make bench`), never asserted here.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from recooperate.models import CustomRendition
from tests.factories import block, make_article, make_image, make_topic

pytestmark = pytest.mark.django_db

# Site 1, home page 1, blog index 2, the article with its lead image, author and restriction check 1,
# clinic settings 1, menu 1, READ links 1, related articles 1, body images 1.
ARTICLE_QUERIES = 10
LISTING_QUERIES = 10


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_ENABLED = False


def query_count(client, url):
    client.get(url)  # Wagtail's own caches (site root paths) and renditions' are warm from here on
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_article_queries_do_not_grow_with_site_size_related_posts_or_read_links(client, blog, clinician):
    topic = make_topic("Running injuries")
    image = make_image(credit="Photo by Pixabay on Pexels.com")

    def article_with(links):
        return make_article(
            blog,
            author=clinician,
            topics=[topic],
            listing_image=image,
            picks=links,
            body=[block("read_link", {"page": a.pk}) for a in links]
            + [
                block("image", {"image": image.pk, "caption": "x"}),
                block("section_heading", {"heading": "1. One", "anchor": ""}),
            ],
        )

    first = make_article(blog, title="First")
    small = article_with([first])
    assert client.get(small.url).content.decode().count("READ:") == 1
    few = query_count(client, small.url)

    for n in range(300):
        make_article(
            blog, title=f"Filler {n}", topics=[topic], listing_image=image, author=clinician, via_publish=False
        )
    linked = [first, make_article(blog, title="Second"), make_article(blog, title="Third")]
    rich = article_with(linked)
    html = client.get(rich.url).content.decode()
    assert html.count("READ:") == 3 and html.count('class="card__title"') == 3
    many = query_count(client, rich.url)

    lonely = make_article(blog, title="No related, no links, no images", author=clinician)
    assert few == many <= ARTICLE_QUERIES
    assert query_count(client, lonely.url) < many


def test_blog_index_and_home_queries_do_not_grow_with_site_size(client, site_tree, blog, clinician):
    image = make_image()
    for n in range(3):
        make_article(blog, title=f"Post {n}", author=clinician, listing_image=image)
    few = [query_count(client, url) for url in ("/", blog.url, "/blog/?page=1")]
    for n in range(40):
        make_article(blog, title=f"More {n}", author=clinician, listing_image=image, via_publish=False)
    many = [query_count(client, url) for url in ("/", blog.url, "/blog/?page=2")]
    assert few == many
    assert max(many) <= LISTING_QUERIES


def test_django_assert_max_num_queries_on_an_article(client, blog, clinician, django_assert_max_num_queries):
    image = make_image()
    article = make_article(
        blog, author=clinician, listing_image=image, body=[block("image", {"image": image.pk, "caption": ""})]
    )
    client.get(article.url)
    with django_assert_max_num_queries(ARTICLE_QUERIES):
        assert client.get(article.url).status_code == 200


def test_visitors_never_generate_renditions_for_demo_content(client, settings):
    from recooperate.demo.loader import load_demo_content

    pages = load_demo_content()
    urls = ["/", pages["blog"].url, pages["book"].url] + [a.url for a in pages["articles"].values()]
    urls += [
        page.url
        for page in Page.objects.live().filter(depth__gt=2).exclude(pk__in=[p.pk for p in pages["articles"].values()])
    ]
    before = CustomRendition.objects.count()
    assert before > 0
    for url in urls:
        assert client.get(url).status_code == 200, url
    assert CustomRendition.objects.count() == before
