"""Background work for the site as a whole."""

from django_tasks import task
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page


@task()
def purge_frontend_cache_task():
    """Purge every page from the CDN: the page cache was just invalidated as a whole, and so is this.

    Every page, not only the live and public ones: the change may just have unpublished a page or
    put it behind a view restriction, and the CDN must drop what it holds of it. Each page adds the
    addresses its ``get_cached_paths`` names (the blog: its later pages, topics and feeds).
    """
    batch = PurgeBatch()
    batch.add_pages(Page.objects.filter(depth__gt=1).specific().iterator())
    batch.purge()
