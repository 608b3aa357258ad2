"""StreamField blocks of the site-wide settings."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

# schema.org's day names, which are also what editors read.
DAYS = [(day, _(day)) for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")]


class OpeningHoursValue(blocks.StructValue):
    def specification(self):
        """The hours as schema.org's OpeningHoursSpecification, for search engines and maps."""
        return {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [day for day, _label in DAYS if day in self["days"]],
            "opens": self["opens"].strftime("%H:%M"),
            "closes": self["closes"].strftime("%H:%M"),
        }


class OpeningHoursBlock(blocks.StructBlock):
    """Days with the same hours: "Monday to Friday, 7:00 to 20:00" is one of these."""

    days = blocks.MultipleChoiceBlock(choices=DAYS, label=_("Days"))
    opens = blocks.TimeBlock(label=_("Opens"))
    closes = blocks.TimeBlock(label=_("Closes"))

    class Meta:
        icon = "time"
        label = _("Opening hours")
        value_class = OpeningHoursValue

    def clean(self, value):
        value = super().clean(value)
        if value["opens"] >= value["closes"]:
            raise blocks.StructBlockValidationError(
                block_errors={"closes": ValidationError(_("Closing time must be after opening time."))}
            )
        return value
