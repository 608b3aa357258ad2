"""Page view restrictions, read from a cache instead of two queries per page view.

Wagtail checks every served page, and every `.public()` listing, against all
PageViewRestriction rows. A clinic site has none or a handful, and they change
only when an editor sets privacy on a page, so their paths are cached here and
the cache is cleared whenever a restriction or the page tree changes.
"""

from django.core.cache import cache
from django.db.models import Q
from wagtail.models import PageViewRestriction

CACHE_KEY = "recooperate:restricted-paths"


def restricted_paths():
    """Tree paths of every page that carries a view restriction."""
    paths = cache.get(CACHE_KEY)
    if paths is None:
        paths = sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True)))
        cache.set(CACHE_KEY, paths, timeout=None)
    return paths


def private_q():
    """Matches pages in a private section, like PageQuerySet.private_q() without its query."""
    q = Q()
    for path in restricted_paths():
        q |= Q(path__startswith=path)
    return q if q else Q(pk__in=[])


def clear_restricted_paths(**kwargs):
    cache.delete(CACHE_KEY)
