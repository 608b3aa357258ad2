"""Query budgets: a page costs the same few queries however much content the site holds.

Timings are measured by tests/perf/measure_render.py, never asserted here.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from recooperate.models import CustomRendition
from tests.factories import block, make_article, make_image, make_topic

pytestmark = pytest.mark.django_db

MAX_QUERIES = 8


def warm_query_count(client, url):
    client.get(url)  # warms the site, settings, menu and restriction caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_article_queries_do_not_grow_with_site_size_related_posts_or_read_links(client, blog, clinician):
    topic = make_topic("Running injuries")
    image = make_image(credit="Photo by Pixabay on Pexels.com")

    small_others = [make_article(blog, title=f"Small {n}") for n in range(2)]
    lonely = make_article(blog, title="No related, no links", authors=[clinician])
    small = warm_query_count(client, lonely.url)

    for n in range(300):
        make_article(blog, title=f"Filler {n}", topics=[topic], listing_image=image, authors=[clinician], via_publish=False)
    linked = small_others + [make_article(blog, title="Third link")]
    rich = make_article(
        blog,
        title="Three related and three READ links",
        authors=[clinician],
        topics=[topic],
        listing_image=image,
        picks=linked,
        body=[block("read_link", {"page": a.pk}) for a in linked]
        + [block("image", {"image": image.pk, "caption": "x"}), block("section_heading", {"heading": "1. One", "anchor": ""})],
    )
    with CaptureQueriesContext(connection):
        html = client.get(rich.url).content.decode()
    assert html.count("READ:") == 3 and html.count('class="card__title"') == 3
    large = warm_query_count(client, rich.url)

    assert small == large
    assert large <= MAX_QUERIES


def test_blog_index_and_home_queries_do_not_grow_with_site_size(client, site_tree, blog, clinician):
    image = make_image()
    for n in range(3):
        make_article(blog, title=f"Post {n}", authors=[clinician], listing_image=image)
    few = [warm_query_count(client, url) for url in ("/", blog.url)]
    for n in range(40):
        make_article(blog, title=f"More {n}", authors=[clinician], listing_image=image, via_publish=False)
    make_article(blog, title="Published last", listing_image=image)  # renders every card
    many = [warm_query_count(client, url) for url in ("/", blog.url)]
    assert few == many
    assert max(many) <= MAX_QUERIES


def test_django_assert_max_num_queries_on_a_warm_article(client, blog, clinician, django_assert_max_num_queries):
    image = make_image()
    article = make_article(blog, authors=[clinician], listing_image=image, body=[block("image", {"image": image.pk, "caption": ""})])
    client.get(article.url)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(article.url).status_code == 200


def test_visitors_never_generate_renditions_for_demo_content(client, settings):
    from recooperate.demo.loader import load_demo_content

    pages = load_demo_content()
    urls = ["/", pages["blog"].url, pages["book"].url] + [a.url for a in pages["articles"].values()]
    before = CustomRendition.objects.count()
    assert before > 0
    for url in urls:
        assert client.get(url).status_code == 200, url
    assert CustomRendition.objects.count() == before


def test_listings_with_cards_not_rendered_yet_still_cost_fixed_queries(client, site_tree, blog, clinician):
    """Between a change and the background re-render, cards render live, in one batch."""
    from blog.models import ArticlePage

    image = make_image()
    for n in range(3):
        make_article(blog, title=f"Post {n}", authors=[clinician], listing_image=image)
    ArticlePage.objects.update(card_html="", article_html="")
    few = [warm_query_count(client, url) for url in ("/", blog.url)]
    for n in range(9):
        make_article(blog, title=f"More {n}", authors=[clinician], listing_image=image, via_publish=False)
    ArticlePage.objects.update(card_html="", article_html="")
    many = [warm_query_count(client, url) for url in ("/", blog.url)]
    html = client.get(blog.url).content.decode()
    assert html.count('class="card__title"') == 12 and "Dr. Jason Cooper" in html
    assert few == many
