"""Page helpers shared by models and blocks: who may see a page, and links that say where a visitor came from.

Kept apart from models.py so that blocks (which models.py imports) can use them too.
"""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.utils.http import urlencode
from wagtail.models import Page, PageViewRestriction


def restricted_ancestors(path="path"):
    """View restrictions on the outer query's page or any of its ancestors (a subquery).

    ``path`` names the outer query's tree-path column: a related page's path
    (for example ``"author__profile_page__path"``) asks the question about that page.
    """
    return PageViewRestriction.objects.filter(page__path=Substr(OuterRef(path), 1, Length("page__path")))


def visible_to_visitors(path="path"):
    """Whether a visitor may open the outer query's page (or the related page whose ``path`` is given), as an annotation.

    Live, and under no view restriction of its own or an ancestor's: asked inside the query that
    reads the page, for example ``.annotate(visitor_may_see=visible_to_visitors())``.
    """
    related = path.removesuffix("path")  # "" or "button_page__"
    return Q(**{f"{related}live": True}) & ~Q(Exists(restricted_ancestors(path)))


def live_public_pages():
    """Pages a visitor may see: live, and under no view restriction (their own or an ancestor's), in one query."""
    return Page.objects.live().exclude(Exists(restricted_ancestors()))


def mark_visitor_may_see(pages):
    """Tell each of ``pages`` whether a visitor may open it (live, under no view restriction), in one query.

    Sets ``visitor_may_see``, the attribute ``visitor_may_see()`` reads; pages that already
    carry it (read with it in their own query) are left alone.
    """
    unknown = {page.pk: page for page in pages if page is not None and not hasattr(page, "visitor_may_see")}
    if not unknown:
        return
    public = set(live_public_pages().filter(pk__in=unknown).values_list("pk", flat=True))
    for pk, page in unknown.items():
        page.visitor_may_see = pk in public


def visitor_may_see(page):
    """Whether a visitor may open ``page``: live, and under no view restriction of its own or an ancestor's.

    Free for a page that was read knowing it (``mark_visitor_may_see``, or a query's annotation
    of that name); otherwise one query, as in a preview.
    """
    if not hasattr(page, "visitor_may_see"):
        mark_visitor_may_see([page])
    return page.visitor_may_see


def call_to_action_url(target_page, fallback_url, source_page=None):
    """Shared by the snippet and the inline CTA block so both build links the same way."""
    if target_page is None:
        return fallback_url or ""
    if not visitor_may_see(target_page):
        # Unpublished or private: no button at all, rather than one that leads to a 404 or a sign-in page.
        return ""
    url = target_page.url or ""
    if source_page is not None and source_page.pk and source_page.pk != target_page.pk:
        url = f"{url}?{urlencode({'from': source_page.pk})}"
    return url
