"""One cache of whole pages in front of Wagtail, never stale and never holding a private page.

How it stays fresh: every key carries a *generation* token, read once when a
request starts. Any committed write to any model except those no public page
shows (``PAGE_CACHE_IGNORED_MODELS``) replaces the token, so every entry made
before is unreachable at once: one cache write, however many pages exist (see
``connect_invalidation``). Entries also expire after ``PAGE_CACHE_SECONDS``, a
safety net for writes that send no signal (``QuerySet.update()``, raw SQL).

What it keeps: only responses to anonymous GET and HEAD requests for pages that
Wagtail served and that said so (``mark_cacheable``, an ``on_serve_page``
hook), with status 200, no cookie, no ``private``/``no-store``/``no-cache``
(Wagtail marks every page under a view restriction that way) and no query
parameter but those the page reads (``BasePage.cache_query_params``).

Why a generation token is read at the start: an editor's write commits, then
the token changes; a request that began before the commit may have read the
old content, and stores it under the old token, where nobody will look again.
"""

import hashlib
import uuid

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    workflow_approved,
)

GENERATION_KEY = "pagecache:generation"
HEADER = "X-Page-Cache"
# Cache-Control values under which a response must not be shared.
PRIVATE_DIRECTIVES = ("private", "no-store", "no-cache")


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def current_generation():
    """The token every key carries now; created on first use (or after the cache was emptied)."""
    cache = page_cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def new_generation():
    """Make every cached page unreachable: a new token, so no key made before can match."""
    page_cache().set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def invalidate_all(**kwargs):
    """A new generation, and the CDN purged when one is configured."""
    new_generation()
    if settings.WAGTAILFRONTENDCACHE:
        from .tasks import purge_frontend_cache_task

        purge_frontend_cache_task.enqueue()


def invalidate_after_write(**kwargs):
    """Now and again when the write commits.

    Now, so that this process never answers from a page older than its own
    write; at the commit, because pages cached meanwhile by other requests
    were rendered from the data before it, and go with the token they carry.
    """
    if transaction.get_connection().in_atomic_block:
        new_generation()
    transaction.on_commit(invalidate_all)


def shown_query(request, params):
    """The request's query string reduced to ``params``, in a fixed order (each value URL-encoded, so a value
    holding "&topic=..." cannot read as a parameter of its own)."""
    return urlencode([(name, value) for name in params for value in request.GET.getlist(name)])


def cache_key(request, generation):
    # The scheme and host are part of the page: canonical links and absolute URLs print them. Hashed:
    # the address is what a visitor typed, of any length and with any character, and cache backends
    # such as memcached refuse keys over 250 characters or with spaces and control characters.
    query = shown_query(request, settings.PAGE_CACHE_QUERY_PARAMS)
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    return f"pagecache:{generation}:{hashlib.sha256(address.encode()).hexdigest()}"


def may_use_cache(request):
    """Anonymous GET and HEAD only: a session or a message means someone particular is looking."""
    return (
        settings.PAGE_CACHE_ENABLED
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def mark_cacheable(serve):
    """``on_serve_page`` hook: a page says whether its response may be cached, and on which parameters."""

    def inner(page, request, args, kwargs):
        response = serve(page, request, args, kwargs)
        if hasattr(page, "is_cacheable_request") and page.is_cacheable_request(request):
            request.page_cache_query_params = page.cache_query_params
        return response

    return inner


def is_storable(request, response):
    params = getattr(request, "page_cache_query_params", None)
    if params is None or response.status_code != 200 or response.streaming or response.cookies:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    cache_control = response.get("Cache-Control", "")
    if any(directive in cache_control for directive in PRIVATE_DIRECTIVES):
        return False
    # ?page=2 on an article would only fill the cache with copies of the same page; so would a parameter
    # given twice (?topic=<made-up>&topic=<real>), since a page reads only one of its values.
    sent = {name for name in settings.PAGE_CACHE_QUERY_PARAMS if name in request.GET}
    return sent <= set(params) and all(len(request.GET.getlist(name)) == 1 for name in sent)


class PageCacheMiddleware:
    """Answers anonymous page views from the cache, and keeps what Wagtail served that may be shared.

    Sits right after WhiteNoise, so a hit skips sessions, CSRF and Wagtail's
    routing, and what it stores has been through every other middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not may_use_cache(request):
            response = self.get_response(request)
            response[HEADER] = "pass"
            return response
        cache = page_cache()
        key = cache_key(request, current_generation())
        stored = cache.get(key)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status, headers=headers)
            response[HEADER] = "hit"
            return response

        response = self.get_response(request)
        if is_storable(request, response):
            patch_cache_control(response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_CDN_SECONDS)
            cache.set(
                key, (response.status_code, dict(response.items()), response.content), settings.PAGE_CACHE_SECONDS
            )
            response[HEADER] = "miss"
        else:
            response[HEADER] = "pass"
        return response


def ignored_models():
    """The models of PAGE_CACHE_IGNORED_MODELS; a label that names none stops the site from starting.

    Skipping it instead would leave the model it meant invalidating every page
    on each write, unnoticed (a misspelt app label once did, for every booking).
    """
    models = set()
    for label in settings.PAGE_CACHE_IGNORED_MODELS:
        try:
            models.add(apps.get_model(label))
        except (LookupError, ValueError) as error:
            raise ImproperlyConfigured(
                f"PAGE_CACHE_IGNORED_MODELS names {label!r}, which is not an installed model ({error})."
            ) from error
    return models


def connect_invalidation():
    """Every write to every model invalidates, but for the models no public page shows.

    Deciding by default means a model added later is covered without anyone
    remembering to list it. Wagtail's own signals are connected as well: a
    move or an unpublish also rewrites rows with ``QuerySet.update()``.
    """
    ignored = ignored_models()

    def on_write(sender, **kwargs):
        model = getattr(sender, "_meta", None) and sender._meta.concrete_model
        if model in ignored:
            return
        # A many-to-many change signals once before and once after; the "post_" one is the write.
        action = kwargs.get("action")
        if action is not None and not action.startswith("post_"):
            return
        invalidate_after_write()

    post_save.connect(on_write, dispatch_uid="pagecache-save", weak=False)
    post_delete.connect(on_write, dispatch_uid="pagecache-delete", weak=False)
    m2m_changed.connect(on_write, dispatch_uid="pagecache-m2m", weak=False)
    for name, signal in {
        "published": page_published,
        "unpublished": page_unpublished,
        "moved": post_page_move,
        "slug": page_slug_changed,
        "approved": workflow_approved,
    }.items():
        signal.connect(invalidate_after_write, dispatch_uid=f"pagecache-{name}", weak=False)
    # A deploy runs migrate: pages cached by the old templates must go too.
    post_migrate.connect(invalidate_all, dispatch_uid="pagecache-migrate", weak=False)
