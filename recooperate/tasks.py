"""Background work for the site as a whole."""

from django_tasks import task
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page


@task()
def purge_frontend_cache_task():
    """Purge every public page from the CDN: the page cache was just invalidated as a whole, and so is this."""
    batch = PurgeBatch()
    batch.add_pages(Page.objects.live().public().specific().iterator())
    batch.purge()
