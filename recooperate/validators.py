"""Checks on what editors type into the site's texts."""

import string

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _


@deconstructible
class PlaceholderValidator:
    """A text with {placeholders} (such as "Page {number} of {total}") names only those the site fills in.

    Checked when the text is saved, so a typo such as "{nmber}" or a lone "{"
    is explained to the editor instead of breaking every page that shows it.
    """

    def __init__(self, *names):
        self.names = names

    def __call__(self, value):
        allowed = ", ".join("{" + name + "}" for name in self.names)
        try:
            # A format spec or conversion ("{number:>99999}", "{number!r}") is refused too: the text is
            # the editors' words, never a formatting program.
            used = [
                (field, spec, conversion)
                for _text, field, spec, conversion in string.Formatter().parse(value)
                if field is not None
            ]
        except ValueError:
            used = None
        if used is None or any(field not in self.names or spec or conversion for field, spec, conversion in used):
            raise ValidationError(
                _("Use only %(allowed)s in braces; write any other brace twice ({{ or }})."),
                code="placeholder",
                params={"allowed": allowed},
            )

    def __eq__(self, other):
        return isinstance(other, PlaceholderValidator) and self.names == other.names


def fill(text, **values):
    """``text`` with its {placeholders} filled in (checked when saved by PlaceholderValidator)."""
    return text.format(**values)
