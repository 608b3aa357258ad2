"""The public search at /search/: finds public pages, never private ones, and never fails."""

from urllib.parse import quote

import pytest
from wagtail.models import PageViewRestriction

from recooperate.search import MAX_QUERY_LENGTH
from tests.factories import block, make_article
from tests.recooperate.test_search_backend import NASTY

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(blog, clinician):
    shin = make_article(
        blog,
        title="5 Signs You Might Need Running-Specific Physical Therapy",
        author=clinician,
        body=[block("paragraph", "<p>Shin splints that return every spring are a sign.</p>")],
    )
    private = make_article(blog, title="Shin splints: staff notes", author=clinician)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    make_article(blog, title="Shin splints draft", author=clinician, live=False)
    return shin


def test_search_finds_a_public_article_by_words_in_its_body(client, articles):
    response = client.get("/search/?q=shin+splints")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{articles.url}"' in html
    assert "1 result for" in html
    assert '<meta name="robots" content="noindex">' in html


def test_search_never_shows_private_or_unpublished_pages(client, articles):
    html = client.get("/search/?q=shin").content.decode()
    assert "staff notes" not in html and "draft" not in html


def test_empty_search_shows_the_form_only(client, articles):
    html = client.get("/search/").content.decode()
    assert 'name="q"' in html and "result" not in html


@pytest.mark.parametrize("text", [*NASTY, "x" * 10_000])
def test_any_query_gets_a_page(client, articles, text):
    response = client.get(f"/search/?q={quote(text)}&page=9999")
    assert response.status_code == 200


def test_a_long_query_is_cut(client, articles):
    response = client.get("/search/?q=" + "shin+" * 100)
    assert response.status_code == 200
    assert len(response.context["query"]) <= MAX_QUERY_LENGTH


def test_search_queries_do_not_grow_with_the_number_of_pages(client, blog, clinician, django_assert_max_num_queries):
    for n in range(3):
        make_article(blog, title=f"Knee pain {n}", author=clinician)
    client.get("/search/?q=warm")  # the first request fills Wagtail's cache of site root paths
    with django_assert_max_num_queries(12) as few:
        client.get("/search/?q=knee")
    for n in range(30):
        make_article(blog, title=f"Knee pain more {n}", author=clinician, via_publish=False)
    with django_assert_max_num_queries(12) as many:
        client.get("/search/?q=knee")
    assert len(few.captured_queries) == len(many.captured_queries)


def test_search_results_are_never_kept_in_the_page_cache(client, articles):
    client.get("/search/?q=shin")
    assert client.get("/search/?q=shin").get("X-Page-Cache") != "hit"


def test_every_page_links_to_search_and_the_clinic_phone(client, articles):
    from recooperate.models import ClinicSettings

    clinic = ClinicSettings.load()
    clinic.phone = "(212) 555-0147"
    clinic.save()
    for url in (articles.url, "/", "/blog/", "/book/", "/search/?q=knee"):
        html = client.get(url).content.decode()
        assert 'href="/search/"' in html, url
        assert 'href="tel:+12125550147"' in html, url


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, site_tree):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines and "Disallow: /admin/" in lines and "Disallow: /search/" in lines
    sitemap = [line for line in lines if line.startswith("Sitemap: ")]
    assert sitemap == [f"Sitemap: {site_tree['home'].get_site().root_url}/sitemap.xml"]
    assert client.get(sitemap[0].split(" ", 1)[1].replace(site_tree["home"].get_site().root_url, "")).status_code == 200


def test_very_common_words_list_the_newest_matches_first(client, blog, clinician, settings, monkeypatch):
    """Ranking every match grows with the square of the matches: beyond the limit, newest first, said on the page."""
    import datetime

    from recooperate import search

    monkeypatch.setattr(search, "RANKED_SEARCH_LIMIT", 2)
    for day in (1, 2, 3):
        article = make_article(blog, title=f"Knee pain day {day}", author=clinician)
        article.first_published_at = datetime.datetime(2025, 1, day, tzinfo=datetime.UTC)
        article.save()
    response = client.get("/search/?q=knee")
    html = response.content.decode()
    assert response.context["ranked"] is False and "newest first" in html
    assert html.index("Knee pain day 3") < html.index("Knee pain day 2") < html.index("Knee pain day 1")
    monkeypatch.setattr(search, "RANKED_SEARCH_LIMIT", 3)
    assert client.get("/search/?q=knee").context["ranked"] is True


def test_the_summary_and_page_links_say_what_editors_wrote(client, blog, clinician, monkeypatch):
    from recooperate import search
    from recooperate.models import ClinicSettings

    monkeypatch.setattr(search, "RESULTS_PER_PAGE", 1)
    monkeypatch.setattr(search, "RANKED_SEARCH_LIMIT", 1)
    for day in (1, 2):
        make_article(blog, title=f"Knee pain, part {day}", author=clinician)
    clinic = ClinicSettings.load()
    clinic.search_results_one = "One page about {query}"
    clinic.search_results_many = "{count} pages about {query}"
    clinic.search_unranked_note = "latest first"
    clinic.search_previous_label, clinic.search_next_label = "Back", "Onward"
    clinic.pagination_text = "{number}/{total}"
    clinic.pagination_label = "Result pages"
    clinic.full_clean()
    clinic.save()
    html = client.get("/search/?q=knee").content.decode()
    assert '<p class="search-summary" role="status">2 pages about knee, latest first</p>' in html
    assert '<nav class="pagination" aria-label="Result pages">' in html and "<span>1/2</span>" in html
    assert ">Onward</a>" in html and "More results" not in html
    assert ">Back</a>" in client.get("/search/?q=knee&page=2").content.decode()
    # The visitor's words are escaped in the editors' sentence, like anywhere else.
    html = client.get("/search/?q=zzz<b>").content.decode()
    assert "0 pages about zzz&lt;b&gt;" in html and "<b>" not in html
    assert clinic.search_summary(1, "knee") == "One page about knee"
