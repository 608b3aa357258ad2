"""StreamField blocks of the booking page."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


def question_choices():
    """(field name, its label in the form as written) for each question a visitor sees.

    Read from the form itself, so a question added to the form can be reworded
    at once, and a removed one is no longer offered (a callable: Wagtail asks
    it when the editor's form is built, and migrations do not freeze the list).
    """
    from .forms import BookingForm

    form = BookingForm()
    return [
        (name, field.label)
        for name, field in form.fields.items()
        if not field.widget.is_hidden and name != form.honeypot_field
    ]


class QuestionTextBlock(blocks.StructBlock):
    """The editors' wording of one question of the booking form: its label, its hint, its 'left empty' message."""

    question = blocks.ChoiceBlock(
        choices=question_choices,
        label=_("Question"),
        help_text=_("The question, in the form's own wording."),
    )
    label = blocks.CharBlock(
        required=False,
        max_length=200,
        label=_("Label"),
        help_text=_("What the form asks instead; leave empty to keep the question as it is."),
    )
    help_text = blocks.CharBlock(
        required=False,
        max_length=300,
        label=_("Hint"),
        help_text=_("The line under the question; leave empty to keep the form's own hint, if any."),
    )
    required_message = blocks.CharBlock(
        required=False,
        max_length=200,
        label=_("Message when left empty"),
        help_text=_(
            "For a question that needs an answer: what the form says when it is left empty (reword it with the "
            "label). Leave empty to keep the form's own."
        ),
    )

    class Meta:
        icon = "edit"
        label = _("Question's wording")
