"""Publishing is refused, with a clear message, for placeholder text, images without alt text and a
missing or overlong search description; saving a draft never is."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from blog.models import ArticlePage
from recooperate.demo import content
from recooperate.forms import SEARCH_DESCRIPTION_MAX
from tests.factories import make_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def post_article(admin_client, blog, clinician):
    def post(*, publish=True, intro="Why shins hurt.", description="Why shins hurt in runners.", body=None, **fields):
        data = nested_form_data(
            {
                "title": "Shin splints",
                "slug": "shin-splints",
                "intro": intro,
                "author": clinician.pk,
                "search_description": description,
                "related_picks": inline_formset([]),
                "body": streamfield(body or [("paragraph", rich_text("<p>Rest, then strength.</p>"))]),
                **fields,
            }
        )
        if publish:
            data["action-publish"] = "action-publish"
        return admin_client.post(f"/admin/pages/add/blog/articlepage/{blog.pk}/", data)

    return post


def published():
    return ArticlePage.objects.filter(slug="shin-splints", live=True).exists()


def test_a_complete_article_is_published(post_article):
    assert post_article().status_code == 302
    assert published()


@pytest.mark.parametrize(
    "fields",
    [
        {"body": [("paragraph", rich_text("<p>Lorem ipsum dolor sit amet.</p>"))]},
        {"intro": "[Static] Intro goes here."},
        {"body": [("quote", {"quote": "lorem  IPSUM", "attribution": ""})]},
    ],
)
def test_placeholder_text_is_refused(post_article, fields):
    response = post_article(**fields)
    assert response.status_code == 200 and not published()
    assert "Replace the placeholder text" in response.content.decode()


def test_a_draft_with_placeholder_text_is_saved(post_article):
    response = post_article(publish=False, intro="Lorem ipsum for now.", description="")
    assert response.status_code == 302
    assert ArticlePage.objects.filter(slug="shin-splints", live=False).exists()


def test_an_image_without_alt_text_is_refused(post_article):
    image = make_image(title="Shin diagram")
    image.description = ""
    image.save()
    response = post_article(body=[("image", {"image": image.pk, "caption": ""})])
    assert response.status_code == 200 and not published()
    # (the body's message is rendered by the StreamField widget, in its JSON)
    assert "Shin diagram" in response.content.decode() and "has no alt text" in response.content.decode()
    response = post_article(listing_image=image.pk)
    assert response.status_code == 200 and not published()
    assert "The image “Shin diagram” has no alt text" in response.content.decode()


@pytest.mark.parametrize(
    ("description", "message"),
    [("", "Write a search description"), ("x" * (SEARCH_DESCRIPTION_MAX + 1), "Shorten the search description")],
)
def test_a_missing_or_overlong_search_description_is_refused(post_article, description, message):
    response = post_article(description=description)
    assert response.status_code == 200 and not published()
    assert message in response.content.decode()


def test_the_demo_content_passes_the_gates():
    pages = [content.HOME, content.BLOG, content.BOOKING_PAGE, *content.ARTICLES]
    for page in pages:
        description = page.get("search_description", page.get("intro", ""))
        assert 0 < len(description) <= SEARCH_DESCRIPTION_MAX, page.get("slug")
    assert all(spec["description"] for spec in content.IMAGES.values())
