"""Keeps what is made ahead of visitors in step with editors' changes: the page cache and renditions."""

from django.db import transaction
from django.db.models.signals import post_save
from wagtail.signals import page_published

from .images import HERO_SPECS, SOCIAL_SPECS, generate_all_renditions_task, generate_renditions
from .models import CustomImage, HomePage
from .pagecache import connect_invalidation


def _generate_home_renditions(sender, instance, **kwargs):
    generate_renditions(instance.hero_image, HERO_SPECS, SOCIAL_SPECS)


def _generate_new_image_renditions(sender, instance, created, update_fields=None, **kwargs):
    # A new upload, or a replaced file (its hash changes): every size a template may ask for.
    if created or update_fields is None or "file" in update_fields:
        transaction.on_commit(lambda: generate_all_renditions_task.enqueue(instance.pk))


def register_signal_handlers():
    connect_invalidation()
    page_published.connect(_generate_home_renditions, sender=HomePage, dispatch_uid="home-renditions")
    post_save.connect(_generate_new_image_renditions, sender=CustomImage, dispatch_uid="image-renditions")
