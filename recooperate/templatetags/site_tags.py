from django import template

from recooperate import navigation

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context):
    request = context.get("request")
    return navigation.main_menu(request) if request is not None else []


@register.simple_tag(takes_context=True)
def booking_cta_url(context, call_to_action):
    """The site-wide call to action's link, telling the booking page where the visitor came from."""
    page = context.get("page")
    return call_to_action.get_button_url(page if getattr(page, "pk", None) else None)
