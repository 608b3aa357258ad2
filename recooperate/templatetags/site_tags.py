from django import template
from wagtail.models import Page, Site

from recooperate.models import SitePageQuerySet

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context):
    """(title, url) for each live, public page under the home page marked "show in menus": one query."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return []
    pages = (
        SitePageQuerySet(Page)
        .child_of(site.root_page)
        .live()
        .public()
        .in_menu()
        .only("title", "url_path", "path", "depth")
        .order_by("path")
    )
    return [(page.title, page.relative_url(site, request)) for page in pages]


@register.simple_tag(takes_context=True)
def booking_cta_url(context, call_to_action):
    """The site-wide call to action's link, telling the booking page where the visitor came from."""
    page = context.get("page")
    return call_to_action.get_button_url(page if getattr(page, "pk", None) else None)
