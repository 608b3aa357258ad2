"""The header menu, built when pages are published rather than on every view."""

from django.core.cache import cache
from wagtail.models import Site

MENU_CACHE_KEY = "recooperate:main-menu"


def build_main_menu(site):
    """(title, url) for each live, public page under the home page that is marked "show in menus"."""
    if site is None:
        return []
    root = site.root_page
    pages = root.get_children().live().public().in_menu().order_by("path")
    return [(page.title, page.relative_url(site)) for page in pages]


def main_menu(request):
    menu = cache.get(MENU_CACHE_KEY)
    if menu is None:
        menu = build_main_menu(Site.find_for_request(request))
        cache.set(MENU_CACHE_KEY, menu, timeout=None)
    return menu


def clear_main_menu(**kwargs):
    cache.delete(MENU_CACHE_KEY)
