"""System checks for settings that only go wrong together (run by `manage.py check`, and `check --deploy`)."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.caches, deploy=False)
def signed_media_outlives_cached_pages(app_configs, **kwargs):
    """Without a public media domain, S3 image URLs are signed for an hour: no kept page may outlive that.

    A page served from the page cache or a CDN carries the image URLs signed when it was rendered;
    kept longer than the signatures last, its images stop loading.
    """
    storage = settings.STORAGES.get("default", {})
    options = storage.get("OPTIONS", {})
    if not storage.get("BACKEND", "").startswith("storages.backends.s3") or not options.get("querystring_auth"):
        return []
    expire = options.get("querystring_expire", 3600)
    kept = settings.PAGE_CACHE_SECONDS + settings.PAGE_CACHE_CDN_SECONDS
    if kept < expire:
        return []
    return [
        checks.Warning(
            f"Pages may be kept for {kept} s (DJANGO_PAGE_CACHE_MINUTES and DJANGO_CDN_MAX_AGE), but the signed "
            f"S3 image URLs in them last {expire} s: kept pages would show broken images.",
            hint="Serve media from a public domain (DJANGO_S3_CUSTOM_DOMAIN), or keep pages for less time.",
            id="recooperate.W001",
        )
    ]
