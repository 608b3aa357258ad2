import json

from django import template
from django.db.models import Q
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

from recooperate.models import ClinicSettings, SignInTexts, SitePageQuerySet

register = template.Library()


@register.simple_tag(takes_context=True)
def site_navigation(context):
    """{"main": [(title, url)], "footer": [(label, url)]}: the header's menu and the footer's links, in one query.

    The main menu is Wagtail's own: live, public pages under the home page
    marked "Show in menus". The footer lists the pages chosen in Clinic
    settings, in their order, leaving out any that is not live and public.
    The header and footer share one reading per request.
    """
    request = context.get("request")
    if request is None:
        return {"main": [], "footer": []}
    navigation = getattr(request, "site_navigation", None)
    if navigation is None:
        navigation = request.site_navigation = read_navigation(request)
    return navigation


@register.simple_tag(takes_context=True)
def main_menu(context):
    """(title, url) for each page of the header's menu."""
    return site_navigation(context)["main"]


def read_navigation(request):
    site = Site.find_for_request(request)
    if site is None:
        return {"main": [], "footer": []}
    clinic = ClinicSettings.load(request_or_site=request)  # cached on the request
    footer_links = clinic.footer_link_targets()
    root = site.root_page
    pages = (
        SitePageQuerySet(Page)
        .filter(
            Q(path__startswith=root.path, depth=root.depth + 1, show_in_menus=True)
            | Q(pk__in=[pk for pk, _label in footer_links])
        )
        .live()
        .public()
        .only("title", "url_path", "path", "depth", "show_in_menus")
        .order_by("path")
    )
    main, by_id = [], {}
    for page in pages:
        url = page.relative_url(site, request)
        by_id[page.pk] = (page.title, url)
        # The same test as the query's first half, on the row: a footer page may sit anywhere in the tree.
        if page.show_in_menus and page.depth == root.depth + 1 and page.path.startswith(root.path):
            main.append((page.title, url))
    footer = [(label or by_id[pk][0], by_id[pk][1]) for pk, label in footer_links if pk in by_id]
    return {"main": main, "footer": footer}


@register.simple_tag(takes_context=True)
def page_position(context, page_obj):
    """'Page 2 of 5' under a paginated list, in the words of Clinic settings."""
    return ClinicSettings.load(request_or_site=context["request"]).page_position(page_obj)


@register.simple_tag(takes_context=True)
def sign_in_paused_lead(context):
    """The sign-in paused page's first paragraph, with the number of wrong passwords django-axes allows."""
    return SignInTexts.load(request_or_site=context["request"]).paused_lead_for(context.get("failure_limit", ""))


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
