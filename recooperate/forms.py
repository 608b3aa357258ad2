"""The admin's page form, with the checks a page must pass before it is published."""

import json
import re

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.images.models import AbstractImage
from wagtail.rich_text import RichText

# Text left over from a template or a copied page (the clinic's old site shipped "[Static] ... Lorem ipsum").
PLACEHOLDER = re.compile(r"lorem\s+ipsum|\[static\]", re.IGNORECASE)
# What search results show of a description before cutting it.
SEARCH_DESCRIPTION_MAX = 160


def text_of(value):
    """Every word an editor typed into a field's value, as one string (for the placeholder check)."""
    if isinstance(value, StreamValue):
        return json.dumps(value.get_prep_value())
    if isinstance(value, RichText):
        return value.source
    return value if isinstance(value, str) else ""


def images_in(value):
    """The images a field's value shows, however deep in its blocks."""
    if isinstance(value, AbstractImage):
        yield value
    elif isinstance(value, StreamValue):
        for child in value:
            yield from images_in(child.value)
    elif isinstance(value, StructValue):
        for item in value.values():
            yield from images_in(item)
    elif isinstance(value, ListValue | list | tuple):
        for item in value:
            yield from images_in(item)


class SitePageForm(WagtailAdminPageForm):
    """Every page's admin form: publishing is refused, with a message on the field, for

    - placeholder text ("Lorem ipsum", "[Static]") anywhere in the page,
    - an image without alt text (the image's "Description" in the image library),
    - a missing search description, or one longer than search results show.

    Saving a draft is never refused for these: work in progress may be unfinished.
    """

    def clean(self):
        cleaned_data = super().clean()
        if "action-publish" not in self.data:
            return cleaned_data
        for name, value in list(cleaned_data.items()):  # add_error() removes the field from cleaned_data
            if PLACEHOLDER.search(text_of(value)):
                self.add_error(name, _("Replace the placeholder text (“Lorem ipsum”, “[Static]”) before publishing."))
            for image in images_in(value):
                if not (image.description or "").strip():
                    self.add_error(
                        name,
                        _(
                            "The image “%(title)s” has no alt text: describe it (Images → the image → Description) before publishing."
                        )
                        % {"title": image.title},
                    )
        if "search_description" in self.fields:
            description = (cleaned_data.get("search_description") or "").strip()
            if not description:
                self.add_error(
                    "search_description",
                    _(
                        "Write a search description (Promote tab): the sentence or two search results show under the title."
                    ),
                )
            elif len(description) > SEARCH_DESCRIPTION_MAX:
                self.add_error(
                    "search_description",
                    _(
                        "Shorten the search description to %(max)s characters (it has %(length)s): search results cut the rest."
                    )
                    % {"max": SEARCH_DESCRIPTION_MAX, "length": len(description)},
                )
        return cleaned_data
