"""The sitemap as an index of sitemap pages, so no single response lists every article.

At 10,000 articles one sitemap took 2 s to build (make scale); an index of pages
of SITEMAP_PAGE_SIZE URLs keeps each response small whatever the archive's size.
Search engines read the index at /sitemap.xml (robots.txt names it) and follow it.
"""

from wagtail.contrib.sitemaps import Sitemap

SITEMAP_PAGE_SIZE = 1000


class PagesSitemap(Sitemap):
    """Wagtail's sitemap of live public pages, a page of the index at a time."""

    limit = SITEMAP_PAGE_SIZE


SITEMAPS = {"pages": PagesSitemap}
