"""StreamField blocks of the booking page."""

from django.utils.choices import flatten_choices
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


def answer_choices():
    """(question's label, [("question:answer", the answer's label), ...]) for each multiple-choice question.

    Read from the form, like ``question_choices``. An answer is named with its
    question because two questions may offer the same one ("other"). The time
    grid's boxes are named with their day ("Monday morning"), as staff read them.
    """
    from .forms import BookingForm
    from .models import PREFERRED_TIME_LABELS

    form = BookingForm()
    groups = []
    for name, field in form.fields.items():
        if field.widget.is_hidden or name == form.honeypot_field or not getattr(field, "choices", None):
            continue
        answers = [
            (f"{name}:{value}", PREFERRED_TIME_LABELS.get(value, label) if name == "preferred_times" else label)
            for value, label in flatten_choices(field.choices)
            if value != ""  # the "skip" answer has its own text on the page
        ]
        groups.append((field.label, answers))
    return groups


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
    wrong_answer_message = blocks.CharBlock(
        required=False,
        max_length=200,
        label=_("Message when not accepted"),
        help_text=_(
            "What the form says when the answer is given but cannot be accepted (an email address, phone number or "
            "date written wrongly, a date in the past). Leave empty to keep the form's own, which say precisely "
            "what is wrong."
        ),
    )

    class Meta:
        icon = "edit"
        label = _("Question's wording")


class AnswerTextBlock(blocks.StructBlock):
    """The editors' wording of one answer of a multiple-choice question; what is stored stays the same."""

    answer = blocks.ChoiceBlock(
        choices=answer_choices,
        label=_("Answer"),
        help_text=_("The answer, in the form's own wording, under its question."),
    )
    label = blocks.CharBlock(
        max_length=200,
        label=_("Label"),
        help_text=_(
            "What the form offers instead. Only the words change: requests keep the same answer, and staff "
            "see it as before."
        ),
    )

    class Meta:
        icon = "list-ul"
        label = _("Answer's wording")


def day_choices():
    """(day, its name in the form as written) for each day of the time grid (a callable, as above)."""
    from .models import DAYS

    return list(DAYS)


class DayNameBlock(blocks.StructBlock):
    """The editors' name for one day over the time grid ("Mon", "Monday"...); what is stored stays the same."""

    day = blocks.ChoiceBlock(
        choices=day_choices,
        label=_("Day"),
        help_text=_("The day, as the time grid names it."),
    )
    label = blocks.CharBlock(
        max_length=60,
        label=_("Name"),
        help_text=_(
            "What the time grid says over the day's boxes instead. Only the words change: requests keep the "
            "same times, and staff see them as before."
        ),
    )

    class Meta:
        icon = "date"
        label = _("Day's name")
