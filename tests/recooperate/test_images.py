"""The image model: credit, publish-time renditions, and cache behaviour."""

from unittest import mock

import pytest

from recooperate.images import HERO_SPECS
from recooperate.models import CustomRendition
from tests.factories import make_image, publish

pytestmark = pytest.mark.django_db


def test_publishing_the_home_page_makes_its_hero_renditions(site_tree):
    home = site_tree["home"]
    home.hero_image = make_image()
    assert CustomRendition.objects.filter(image=home.hero_image).count() == 0
    publish(home)
    # three formats × three sizes, as templates/recooperate/home_page.html asks
    assert CustomRendition.objects.filter(image=home.hero_image).count() == 9
    assert len(HERO_SPECS) == 2


def test_renditions_read_from_the_cache_are_not_written_back(client, site_tree):
    home = site_tree["home"]
    home.hero_image = make_image()
    publish(home)
    client.get("/")  # the first view puts the renditions in the cache
    with mock.patch.object(CustomRendition.cache_backend, "set_many") as set_many:
        with mock.patch.object(CustomRendition.cache_backend, "set") as set_one:
            html = client.get("/").content.decode()
    assert "<picture>" in html and 'type="image/avif"' in html
    set_many.assert_not_called()
    set_one.assert_not_called()


def test_the_credit_is_editable_in_the_image_admin(admin_client):
    image = make_image(credit="Photo by Pixabay on Pexels.com")
    html = admin_client.get(f"/admin/images/{image.pk}/").content.decode()
    assert 'name="credit"' in html and "Photo by Pixabay on Pexels.com" in html
    assert 'name="source_url"' in html
