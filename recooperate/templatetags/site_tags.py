import json

from django import template
from django.utils.safestring import mark_safe
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


# What would let JSON end the <script> element early or open a comment, as json_script escapes them.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """``data`` as the body of a <script type="application/ld+json">: '<', '>' and '&' escaped, as json_script does."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES))
