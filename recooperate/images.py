"""Image renditions, made ahead of visitors so that no page view waits for Pillow.

Each constant is the pair of filter specs one ``{% srcset_image %}`` tag in the
templates asks for, written exactly as the tag writes them. WebP only: every
browser a visitor uses reads it, and one format per size keeps a page's
rendition lookups (and its HTML) a third of what AVIF + WebP + JPEG cost. A test requests
every demo page and fails if a visitor's request created a rendition, so a
template that changes its sizes without changing these is caught.
"""

from django_tasks import task
from wagtail.images import get_image_model
from wagtail.images.models import Filter

# templates/includes/article_card.html
CARD_SPECS = ("fill-{400x250,800x500}", "format-webp")
# templates/blog/includes/article_content.html
LEAD_SPECS = ("fill-{480x270,800x450,1200x675}", "format-webp")
# The lead image's largest size: also the image search engines and social networks are given.
LEAD_IMAGE_SPEC = "fill-1200x675|format-webp"
# templates/blocks/image_block.html
BODY_SPECS = ("width-{480,800,1200}", "format-webp")
# templates/recooperate/home_page.html
HERO_SPECS = ("fill-{480x320,800x533,1400x700}", "format-webp")
# templates/includes/author_byline.html
PORTRAIT_SPECS = ("fill-{64x64,128x128}", "format-webp")
# templates/blog/team_page.html and clinician_page.html
PROFILE_SPECS = ("fill-{240x240,480x480}", "format-webp")

# Link previews (Open Graph, Twitter cards): the size and format every social network reads.
SOCIAL_SPECS = ("fill-1200x630", "format-jpeg")
SOCIAL_IMAGE_SPEC = "fill-1200x630|format-jpeg"

ALL_SPECS = (CARD_SPECS, LEAD_SPECS, BODY_SPECS, HERO_SPECS, PORTRAIT_SPECS, PROFILE_SPECS, SOCIAL_SPECS)


def generate_renditions(image, *spec_groups):
    """Create (or find) every rendition the ``spec_groups`` (constants above) describe for ``image``.

    All in one call: Wagtail then reads and decodes the original once for all of them,
    not once per group.
    """
    if image is None:
        return {}
    specs = dict.fromkeys(spec for specs in spec_groups for spec in Filter.expand_spec(list(specs)))
    return image.get_renditions(*[Filter(spec=spec) for spec in specs])


@task()
def generate_all_renditions_task(image_id):
    """Every size any template may ask of a new or replaced image (in the background in production)."""
    image = get_image_model().objects.filter(pk=image_id).first()
    generate_renditions(image, *ALL_SPECS)
