"""Keeps what is cached or generated ahead of visitors in step with editors' changes."""

from django.db.models.signals import post_delete, post_migrate, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .images import HERO_SPECS, generate_renditions
from .models import CallToAction, ClinicSettings, HomePage
from .navigation import clear_main_menu
from .restrictions import clear_restricted_paths
from .sitecache import clear_site_cache


def _clear_menu_on_page_change(sender, instance, **kwargs):
    # Titles and "show in menus" arrive as plain saves; deletions as deletes.
    if isinstance(instance, Page):
        clear_main_menu()


def _generate_home_renditions(sender, instance, **kwargs):
    generate_renditions(instance.hero_image, HERO_SPECS)


def _clear_site_cache_on_change(sender, instance, **kwargs):
    if isinstance(instance, (Page, Site, ClinicSettings, CallToAction)):
        clear_site_cache()


def register_signal_handlers():

    for name, signal in {
        "published": page_published,
        "unpublished": page_unpublished,
        "moved": post_page_move,
        "slug": page_slug_changed,
    }.items():
        signal.connect(clear_main_menu, dispatch_uid=f"menu-{name}")
        # The cached settings hold the call to action's button page, with its URL.
        signal.connect(clear_site_cache, dispatch_uid=f"site-cache-{name}")
    post_save.connect(_clear_site_cache_on_change, dispatch_uid="site-cache-save")
    post_delete.connect(_clear_site_cache_on_change, dispatch_uid="site-cache-delete")
    post_save.connect(_clear_menu_on_page_change, dispatch_uid="menu-save")
    post_delete.connect(_clear_menu_on_page_change, dispatch_uid="menu-delete")

    post_save.connect(clear_restricted_paths, sender=PageViewRestriction, dispatch_uid="restrictions-save")
    post_delete.connect(clear_restricted_paths, sender=PageViewRestriction, dispatch_uid="restrictions-delete")
    # A moved page takes its restriction's path with it.
    post_page_move.connect(clear_restricted_paths, dispatch_uid="restrictions-move")

    page_published.connect(_generate_home_renditions, sender=HomePage, dispatch_uid="home-renditions")

    # Cached model instances from before a migration may not fit the new models.
    for name, clear in {"site": clear_site_cache, "menu": clear_main_menu, "restrictions": clear_restricted_paths}.items():
        post_migrate.connect(clear, dispatch_uid=f"{name}-cache-migrate")
