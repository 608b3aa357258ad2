"""Every page below home shows where it sits, for people (a breadcrumb trail) and search engines (BreadcrumbList)."""

import json
import re

import pytest

from tests.factories import make_article

pytestmark = pytest.mark.django_db


def trail(html):
    nav = re.search(r'<nav class="breadcrumbs container" aria-label="Breadcrumb">(.*?)</nav>', html, re.S)
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav.group(1)) if nav else []


def breadcrumb_list(html):
    for script in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        data = json.loads(script)
        if data.get("@type") == "BreadcrumbList":
            return data
    return None


def test_an_article_shows_home_blog_and_itself(client, site_tree, blog, clinician):
    article = make_article(blog, title="Shin splints", author=clinician)
    html = client.get(article.url).content.decode()
    home = site_tree["home"]
    assert trail(html) == [(home.url, home.title), (blog.url, blog.title), (article.url, "Shin splints")]
    assert f'<a href="{article.url}" aria-current="page">Shin splints</a>' in html
    items = breadcrumb_list(html)["itemListElement"]
    assert [(item["position"], item["name"], item["item"]) for item in items] == [
        (1, home.title, home.full_url),
        (2, blog.title, blog.full_url),
        (3, "Shin splints", article.full_url),
    ]


def test_the_home_page_has_no_trail(client, site_tree):
    html = client.get("/").content.decode()
    assert trail(html) == [] and breadcrumb_list(html) is None


def test_a_previewed_article_reads_its_trail_itself(blog, clinician):
    article = make_article(blog, title="Shin splints", author=clinician)
    response = article.make_preview_request()  # as the admin's preview panel renders it: no routing
    html = (response.render() if hasattr(response, "render") else response).content.decode()
    assert [title for _url, title in trail(html)] == [blog.get_parent().title, blog.title, "Shin splints"]


@pytest.mark.parametrize("how", ["routed", "preview"])
def test_an_unpublished_page_above_is_left_out_of_the_trail(client, site_tree, how):
    """Wagtail serves a live page under an unpublished one; the trail must not link to the 404 (or name a draft)."""
    from tests.recooperate.test_pages import add_page

    home = site_tree["home"]
    about = add_page(home, title="About the clinic", slug="about", search_description="About us.")
    team = add_page(about, title="Our approach", slug="approach", search_description="How we work.")
    about.unpublish()

    if how == "routed":
        response = client.get("/about/approach/")
        assert response.status_code == 200
        html = response.content.decode()
    else:
        response = team.make_preview_request()
        html = (response.render() if hasattr(response, "render") else response).content.decode()
    assert [title for _url, title in trail(html)] == [home.title, "Our approach"]
    names = [item["name"] for item in breadcrumb_list(html)["itemListElement"]]
    assert names == [home.title, "Our approach"]
