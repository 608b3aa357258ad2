"""Site-wide objects every page view needs, cached until an editor changes them.

Each view would otherwise spend a query (and most of a millisecond building
it) on the Site for the host name, another on the home page that routing
starts from, and another on the clinic settings with their call to action. Both change only when an editor saves them, so they live in the
default cache and every save that could change them clears it
(recooperate.signal_handlers). The default cache must be shared by all worker
processes in production (see settings), as Wagtail's own site-root cache
already requires.
"""

from django.core.cache import cache
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname

SITES_KEY = "recooperate:sites-by-host"
SETTINGS_KEY = "recooperate:clinic-settings"


def site_for_request(request):
    """The Wagtail Site serving this request, as Site.find_for_request would find it."""
    hostname = split_domain_port(request._get_raw_host())[0]
    key = f"{hostname}:{request.get_port()}"
    sites = cache.get(SITES_KEY) or {}
    if key not in sites:
        try:
            site = get_site_for_hostname(hostname, request.get_port())
        except Site.DoesNotExist:
            return None
        # Wagtail routes from site.root_page.specific: keeping the specific home
        # page here saves that query too. Publishing any page clears this cache.
        site.root_page = site.root_page.specific
        sites[key] = site
        cache.set(SITES_KEY, sites, timeout=None)
    return sites[key]


def cached_clinic_settings(load):
    settings = cache.get(SETTINGS_KEY)
    if settings is None:
        settings = load()
        cache.set(SETTINGS_KEY, settings, timeout=None)
    return settings


def clear_site_cache(**kwargs):
    cache.delete_many([SITES_KEY, SETTINGS_KEY])


class CachedSiteMiddleware:
    """Gives Wagtail the request's Site from the cache (it looks for ``request._wagtail_site``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not hasattr(request, "_wagtail_site"):
            request._wagtail_site = site_for_request(request)
        return self.get_response(request)
