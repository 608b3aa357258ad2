"""The admin's image form (WAGTAILIMAGES_IMAGE_FORM_BASE).

A module of its own: Wagtail's image forms import the image model, so recooperate/forms.py,
which the models import, cannot hold it.
"""

from django import forms
from wagtail.images.forms import BaseImageForm


class HttpsURLField(forms.URLField):
    """A URL field for which "www.pexels.com/..." means https, as it will by default from Django 6."""

    def __init__(self, **kwargs):
        super().__init__(assume_scheme="https", **kwargs)


class ImageForm(BaseImageForm):
    """Wagtail's image form, with the photo's source address taken as https when typed without a scheme.

    Wagtail's other admin forms already assume https; the image form builds its fields its own way.
    """

    class Meta(BaseImageForm.Meta):
        field_classes = {"source_url": HttpsURLField}
