"""System checks for settings that only go wrong together."""

from recooperate.checks import signed_media_outlives_cached_pages
from recooperate.settings.base import s3_media_storage


def test_signed_s3_urls_must_outlive_the_pages_that_carry_them(settings):
    settings.STORAGES = {**settings.STORAGES, "default": s3_media_storage("media", "", "us-east-1", "")}
    settings.PAGE_CACHE_SECONDS, settings.PAGE_CACHE_CDN_SECONDS = 600, 0
    assert signed_media_outlives_cached_pages(None) == []

    settings.PAGE_CACHE_CDN_SECONDS = 86_400
    [warning] = signed_media_outlives_cached_pages(None)
    assert warning.id == "recooperate.W001" and "86400" not in warning.msg and "87000 s" in warning.msg

    # A public domain: URLs are not signed, so pages may be kept as long as the CDN likes.
    settings.STORAGES = {**settings.STORAGES, "default": s3_media_storage("media", "", "us-east-1", "media.example")}
    assert signed_media_outlives_cached_pages(None) == []


def test_local_media_needs_no_such_limit(settings):
    settings.PAGE_CACHE_CDN_SECONDS = 86_400
    assert signed_media_outlives_cached_pages(None) == []
