"""The image model: its credit, and renditions made before any visitor asks for them."""

from unittest import mock

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


def test_a_new_images_sizes_are_made_from_one_reading_of_the_original(django_capture_on_commit_callbacks):
    """Decoding the original is most of a rendition's cost: once per image, not once per template's sizes."""
    from recooperate.models import CustomImage

    opened = []
    original_open_file = CustomImage.open_file

    def open_file(self):
        opened.append(self.pk)
        return original_open_file(self)

    with mock.patch.object(CustomImage, "open_file", open_file):
        with django_capture_on_commit_callbacks(execute=True):
            image = make_image()
    assert CustomRendition.objects.filter(image=image).count() == len(
        {spec for specs in ALL_SPECS for spec in Filter.expand_spec(list(specs))}
    )
    assert opened == [image.pk]


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


def test_a_source_address_typed_without_a_scheme_is_saved_as_https(admin_client):
    image = make_image(credit="Photo by Pixabay on Pexels.com")
    response = admin_client.post(
        f"/admin/images/{image.pk}/",
        {
            "title": image.title,
            "description": "A runner on a track",
            "collection": image.collection_id,
            "credit": image.credit,
            "source_url": "www.pexels.com/photo/runner-123",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image.refresh_from_db()
    assert image.source_url == "https://www.pexels.com/photo/runner-123"


# Upload limits


def upload(client, name, content, content_type):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        "/admin/images/add/",
        {
            "title": "Upload",
            "description": "A runner on a track",
            "file": SimpleUploadedFile(name, content, content_type),
        },
    )


def png_bytes(size, mode="RGB"):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def admin_client_logged_in(client, superuser):
    client.force_login(superuser)
    return client


def test_a_normal_photo_uploads(admin_client_logged_in):
    from recooperate.models import CustomImage

    response = upload(admin_client_logged_in, "track.png", png_bytes((1600, 900)), "image/png")
    assert response.status_code == 302
    assert CustomImage.objects.filter(title="Upload").count() == 1


def test_an_image_that_would_unpack_into_too_many_pixels_is_refused(admin_client_logged_in):
    from recooperate.models import CustomImage

    bomb = png_bytes((8000, 6000), mode="1")  # 48 megapixels in a few kilobytes
    assert len(bomb) < 100_000
    html = upload(admin_client_logged_in, "bomb.png", bomb, "image/png").content.decode()
    assert "This file has too many pixels" in html
    assert not CustomImage.objects.exists()


def test_a_file_over_the_size_limit_is_refused(admin_client_logged_in, settings):
    from recooperate.models import CustomImage

    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 50_000
    html = upload(
        admin_client_logged_in, "big.png", png_bytes((600, 600)) + b"\0" * 60_000, "image/png"
    ).content.decode()
    assert "This file is too big" in html
    assert not CustomImage.objects.exists()


def test_svg_is_not_accepted(admin_client_logged_in):
    from recooperate.models import CustomImage

    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'
    html = upload(admin_client_logged_in, "logo.svg", svg, "image/svg+xml").content.decode()
    assert "Not a supported image format" in html
    assert not CustomImage.objects.exists()


def test_the_limits_are_the_documented_ones(settings):
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
