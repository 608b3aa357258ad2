"""Generating image renditions ahead of visitors.

Article fragments are rendered at publish time (blog.services), which creates
their renditions as a side effect. Pages rendered per request, like the home
page, list the sizes their templates ask for here, written exactly as the
``{% picture %}`` tag writes them, and generate them when published; a test
renders each page type and fails if a visitor's request created a rendition.
"""

from wagtail.images.models import Filter

# templates/recooperate/home_page.html
HERO_SPECS = ("format-{avif,webp,jpeg}", "fill-{480x320,800x533,1400x700}")


def generate_renditions(image, specs):
    """Create (or find) every rendition ``specs`` describes for ``image``."""
    if image is None:
        return {}
    return image.get_renditions(*[Filter(spec=spec) for spec in Filter.expand_spec(list(specs))])
