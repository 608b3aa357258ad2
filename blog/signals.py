"""Renditions for a published article, so its first visitor does not wait for Pillow."""

from django.dispatch import receiver
from wagtail.signals import page_published

from recooperate.images import BODY_SPECS, CARD_SPECS, LEAD_SPECS, PORTRAIT_SPECS, SOCIAL_SPECS, generate_renditions

from .models import ArticlePage


@receiver(page_published, sender=ArticlePage, dispatch_uid="blog-article-renditions")
def generate_article_renditions(sender, instance, **kwargs):
    generate_renditions(instance.listing_image, CARD_SPECS)
    generate_renditions(instance.listing_image, LEAD_SPECS)
    generate_renditions(instance.listing_image, SOCIAL_SPECS)
    for child in instance.body:
        if child.block_type == "image":
            generate_renditions(child.value["image"], BODY_SPECS)
    if instance.author:
        generate_renditions(instance.author.photo, PORTRAIT_SPECS)
