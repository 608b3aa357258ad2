from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.filter
def choice_input(option):
    """The <input> of one radio button or checkbox, as Django's option templates write it (option.tag).

    Django renders three templates for each option (input_option, input and
    attrs); the booking form's forty-odd options made that most of the page's
    rendering time. The same HTML, built here, costs a fraction of it
    (tests/booking/test_forms.py compares the two for every option).
    """
    widget = option.data
    value = "" if widget["value"] is None else format_html(' value="{}"', widget["value"])
    attrs = format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in widget["attrs"].items()
            if value is not False
        ),
    )
    return format_html('<input type="{}" name="{}"{}{}>', widget["type"], widget["name"], value, attrs)
