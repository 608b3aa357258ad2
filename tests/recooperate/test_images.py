"""The image model: its credit, and renditions made before any visitor asks for them."""

import pytest
from wagtail.images.models import Filter

from recooperate.images import ALL_SPECS, HERO_SPECS
from recooperate.models import CustomRendition
from tests.factories import make_image, publish

pytestmark = pytest.mark.django_db


def test_publishing_the_home_page_makes_its_hero_renditions(site_tree):
    home = site_tree["home"]
    home.hero_image = make_image()
    assert CustomRendition.objects.filter(image=home.hero_image).count() == 0
    publish(home)
    # three WebP sizes, as templates/recooperate/home_page.html asks, and the link-preview image
    assert CustomRendition.objects.filter(image=home.hero_image).count() == 3 + 1
    assert len(HERO_SPECS) == 2


def test_a_new_image_gets_every_size_the_templates_use(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = make_image()
    made = set(CustomRendition.objects.filter(image=image).values_list("filter_spec", flat=True))
    for specs in ALL_SPECS:
        assert set(Filter.expand_spec(list(specs))) <= made


def test_publishing_an_article_makes_its_renditions(blog, clinician):
    from tests.factories import block, make_article

    lead, photo, inline = make_image(), make_image(), make_image()
    clinician.photo = photo
    clinician.save()
    make_article(blog, author=clinician, listing_image=lead, body=[block("image", {"image": inline.pk, "caption": ""})])
    assert CustomRendition.objects.filter(image=lead).count() == 2 + 3 + 1  # cards, the lead image, link previews
    assert CustomRendition.objects.filter(image=photo).count() == 2
    assert CustomRendition.objects.filter(image=inline).count() == 3


def test_the_credit_is_editable_in_the_image_admin(admin_client):
    image = make_image(credit="Photo by Pixabay on Pexels.com")
    html = admin_client.get(f"/admin/images/{image.pk}/").content.decode()
    assert 'name="credit"' in html and "Photo by Pixabay on Pexels.com" in html
    assert 'name="source_url"' in html
