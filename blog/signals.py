"""Renditions for a published article or program, so its first visitor does not wait for Pillow."""

from django.dispatch import receiver
from wagtail.signals import page_published

from recooperate.images import (
    BODY_SPECS,
    CARD_SPECS,
    LEAD_IMAGE_SPEC,
    LEAD_SPECS,
    PORTRAIT_SPECS,
    PROFILE_SPECS,
    SOCIAL_SPECS,
    generate_renditions,
)

from .models import ArticlePage, ClinicianPage, ProgramPage


@receiver(page_published, sender=ArticlePage, dispatch_uid="blog-article-renditions")
@receiver(page_published, sender=ProgramPage, dispatch_uid="blog-program-renditions")
def generate_article_renditions(sender, instance, **kwargs):
    """Its card (listings, the home page), its lead image, its link preview, its body's images, its byline photo."""
    generate_renditions(instance.listing_image, CARD_SPECS, LEAD_SPECS, SOCIAL_SPECS)
    for child in instance.body:
        if child.block_type == "image":
            generate_renditions(child.value["image"], BODY_SPECS)
    if getattr(instance, "author", None):
        generate_renditions(instance.author.photo, PORTRAIT_SPECS)


@receiver(page_published, sender=ClinicianPage, dispatch_uid="blog-clinician-renditions")
def generate_profile_renditions(sender, instance, **kwargs):
    """The photo on the team page and the profile, in structured data and in link previews."""
    photo = instance.clinician.photo
    generate_renditions(photo, PROFILE_SPECS, (LEAD_IMAGE_SPEC,), SOCIAL_SPECS)
