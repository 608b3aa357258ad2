"""StreamField blocks used across the site: page bodies, calls to action, the clinic's hours.

The blog's own blocks (READ links to articles) live in ``blog/blocks.py`` and
build on these. Templates never branch on block type or compute values: each
block renders through its own template in ``templates/blocks/``, and anything
derived (anchor ids, link targets) comes from a StructValue.
"""

import copy

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from .pagelinks import call_to_action_url, mark_visitor_may_see, visible_to_visitors

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

    days = blocks.MultipleChoiceBlock(
        choices=DAYS, label=_("Days"), help_text=_("The days that share these opening and closing times.")
    )
    opens = blocks.TimeBlock(label=_("Opens"), help_text=_("Opening time on those days, for example 07:00."))
    closes = blocks.TimeBlock(
        label=_("Closes"), help_text=_("Closing time on those days, later than the opening time, for example 20:00.")
    )

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


RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


def section_anchor(heading, anchor=""):
    """A stable id for links into the article: the editor's anchor, or one made from the heading."""
    return anchor or slugify(heading)[:80] or "section"


class SectionHeadingValue(blocks.StructValue):
    @cached_property
    def anchor_id(self):
        return section_anchor(self.get("heading"), self.get("anchor"))


class SectionHeadingBlock(blocks.StructBlock):
    """A section heading, such as "1. You Keep Getting the Same Running Injury Over and Over".

    Each one appears in the article's table of contents and can be linked to.
    """

    heading = blocks.CharBlock(
        max_length=150,
        label=_("Heading"),
        help_text=_("Shown as a heading in the text and listed in the table of contents."),
    )
    anchor = blocks.CharBlock(
        required=False,
        max_length=80,
        label=_("Anchor"),
        help_text=_(
            "Optional. Fixes the #link to this section so it survives a change of heading; letters, digits and hyphens."
        ),
    )

    class Meta:
        icon = "title"
        template = "blocks/section_heading_block.html"
        value_class = SectionHeadingValue
        label = _("Section heading")
        description = _("A numbered or plain section heading, listed in the table of contents.")
        preview_value = {"heading": "1. You Keep Getting the Same Running Injury Over and Over"}

    def clean(self, value):
        value = super().clean(value)
        anchor = value.get("anchor")
        if anchor and slugify(anchor) != anchor:
            raise StructBlockValidationError(
                block_errors={"anchor": ValidationError(_("Use lower-case letters, digits and hyphens only."))}
            )
        return value


class ImageBlock(blocks.StructBlock):
    """A photo across the text column, with an optional caption; its credit comes from the image."""

    image = ImageChooserBlock(
        label=_("Image"),
        help_text=_("Shown across the text column; its description (alt text) and credit are edited on the image."),
    )
    caption = blocks.CharBlock(
        required=False,
        max_length=250,
        label=_("Caption"),
        help_text=_("Optional. Shown under the photo, before its credit."),
    )

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        label = _("Image")
        description = _("A photo with a caption; the credit stored on the image is shown under it.")
        preview_value = {"caption": "Gait analysis at the clinic"}


class QuoteBlock(blocks.StructBlock):
    """A pulled quote or a patient's words, with who said them."""

    quote = blocks.TextBlock(
        max_length=600, label=_("Quote"), help_text=_("The quoted words, shown set apart from the text.")
    )
    attribution = blocks.CharBlock(
        required=False,
        max_length=120,
        label=_("Attribution"),
        help_text=_("Optional. Who said it, shown under the quote."),
    )

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Quote")
        description = _("A quotation set apart from the text.")
        preview_value = {
            "quote": "Pain that changes how you run is worth a proper look.",
            "attribution": "Dr. Jason Cooper",
        }


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(
        max_length=200,
        label=_("Question"),
        help_text=_("Shown as a heading over its answer; search engines may show it under the page."),
    )
    answer = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul"],
        label=_("Answer"),
        help_text=_("Shown under the question, and given to search engines as its answer."),
    )

    class Meta:
        icon = "help"
        label = _("Question and answer")


class FAQValue(blocks.StructValue):
    @cached_property
    def heading_id(self):
        return "faq-" + (slugify(self.get("heading"))[:60] or "questions")

    def question_entities(self):
        """Each question as schema.org's Question with its accepted answer, in plain text as the page shows it."""
        return [
            {
                "@type": "Question",
                "name": item["question"],
                "acceptedAnswer": {"@type": "Answer", "text": strip_tags(item["answer"].source).strip()},
            }
            for item in self["questions"]
        ]


class FAQBlock(blocks.StructBlock):
    """Questions runners ask, with the clinic's answers; search engines read them as an FAQPage."""

    heading = blocks.CharBlock(
        max_length=120,
        default="Frequently asked questions",
        label=_("Heading"),
        help_text=_("Shown above the questions."),
    )
    questions = blocks.ListBlock(
        FAQItemBlock(),
        min_num=1,
        label=_("Questions"),
        help_text=_("Shown in this order, each question with its answer."),
    )

    class Meta:
        icon = "help"
        template = "blocks/faq_block.html"
        label = _("Questions and answers (FAQ)")
        description = _("Questions with their answers; search engines can show them under the page.")
        value_class = FAQValue
        preview_value = {
            "heading": "Frequently asked questions",
            "questions": [
                {"question": "Do I need a referral?", "answer": "<p>No: in New York you can book directly.</p>"}
            ],
        }


def faq_page_data(body):
    """schema.org's FAQPage from a body's FAQ blocks, or None: the questions as the page shows them."""
    questions = [entity for block in body if block.block_type == "faq" for entity in block.value.question_entities()]
    if not questions:
        return None
    return {"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": questions}


class CallToActionValue(blocks.StructValue):
    """What the box shows: the chosen reusable call to action's texts, or the block's own.

    Templates read ``display_heading``, ``display_text`` and ``display_button_text``:
    a StructValue is a dict, so ``value.heading`` in a template would find the
    block's own (empty) field before any property of that name.
    """

    @property
    def snippet(self):
        return self.get("call_to_action")

    @property
    def display_heading(self):
        return self.snippet.heading if self.snippet else self.get("heading")

    @property
    def display_text(self):
        return self.snippet.text if self.snippet else self.get("text")

    @property
    def display_button_text(self):
        return self.snippet.button_text if self.snippet else self.get("button_text")

    def button_url(self, source_page=None, default=None):
        """Where the button leads: the snippet's target, the block's page, or else ``default``'s (the booking page)."""
        if self.snippet:
            return self.snippet.get_button_url(source_page)
        if self.get("button_page") is not None:
            return call_to_action_url(self.get("button_page"), "", source_page)
        return default.get_button_url(source_page) if default is not None else ""


class CallToActionChooserBlock(SnippetChooserBlock):
    """Chooses a reusable call to action, read with its button's page in the same query."""

    def bulk_to_python(self, values):
        found = (
            self.model_class.objects.select_related("button_page")
            # Whether a visitor may open the button's page, asked in the same query.
            .annotate(button_page_visible=visible_to_visitors("button_page__path"))
            .in_bulk([v for v in values if v])
        )
        for call_to_action in found.values():
            if call_to_action.button_page is not None:
                call_to_action.button_page.visitor_may_see = call_to_action.button_page_visible
        return [copy.copy(found[value]) if value in found else None for value in values]


class CallToActionBlock(blocks.StructBlock):
    """A call to action in the article body: a reusable one, or one written here."""

    call_to_action = CallToActionChooserBlock(
        "recooperate.CallToAction",
        required=False,
        label=_("Reusable call to action"),
        help_text=_("Choose one, or leave empty and fill in the fields below."),
    )
    heading = blocks.CharBlock(
        required=False,
        max_length=120,
        label=_("Heading"),
        help_text=_("The box's heading. Used only when no reusable call to action is chosen."),
    )
    text = blocks.TextBlock(
        required=False,
        max_length=500,
        label=_("Text"),
        help_text=_("Optional. A sentence or two under the heading, when no reusable call to action is chosen."),
    )
    button_text = blocks.CharBlock(
        required=False,
        max_length=40,
        label=_("Button text"),
        help_text=_('The words on the button, for example "Book now", when no reusable call to action is chosen.'),
    )
    button_page = blocks.PageChooserBlock(
        required=False,
        label=_("Button page"),
        help_text=_("Leave empty to lead to the booking page of the site-wide call to action (Clinic settings)."),
    )

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action_block.html"
        value_class = CallToActionValue
        label = _("Call to action")
        description = _('A "Book now" style box with a heading and a button.')
        preview_value = {
            "heading": "Running hurts? Let's find out why.",
            "text": "Book an evaluation with a running specialist.",
            "button_text": "Book now",
        }

    def bulk_to_python(self, values):
        converted = super().bulk_to_python(values)
        # The pages of every box's own button, checked for visitors in one query for the whole body.
        mark_visitor_may_see([value.get("button_page") for value in converted])
        return converted

    def clean(self, value):
        value = super().clean(value)
        if value.get("call_to_action") is None:
            errors = {
                name: ValidationError(_("Fill this in, or choose a reusable call to action."))
                for name in ("heading", "button_text")
                if not value.get(name)
            }
            if errors:
                raise StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        parent_context = parent_context or {}
        from .models import ClinicSettings  # models.py imports this module

        # Read once per request (Wagtail keeps it on the request), so this costs no query on a page.
        site_wide = ClinicSettings.load(request_or_site=parent_context.get("request")).booking_call_to_action
        context["button_url"] = value.button_url(parent_context.get("page"), default=site_wide)
        return context


class ClinicDetailsBlock(blocks.StructBlock):
    """The clinic's address, phone, email and hours as Clinic settings hold them, and a link to a map.

    Nothing is typed twice: the block shows the settings' values, so a new
    phone number reaches the contact page, the header and the footer at once.
    """

    heading = blocks.CharBlock(
        max_length=80,
        default="Find us",
        label=_("Heading"),
        help_text=_("Shown above the address, phone, email and hours, which come from Clinic settings."),
    )
    directions = blocks.RichTextBlock(
        required=False,
        features=["bold", "italic", "link", "ul"],
        label=_("Getting here"),
        help_text=_("How to get there (subway lines, entrance, bike parking); shown under the address."),
    )
    address_heading = blocks.CharBlock(
        max_length=60, default="Address", label=_("Address heading"), help_text=_("Above the clinic's address.")
    )
    map_link_text = blocks.CharBlock(
        max_length=80,
        default="See the clinic on a map",
        label=_("Map link"),
        help_text=_("The link to the clinic on OpenStreetMap (shown when Clinic settings give its position)."),
    )
    map_link_note = blocks.CharBlock(
        max_length=80,
        required=False,
        default="(on OpenStreetMap)",
        label=_("Map link: where it leads"),
        help_text=_("Read out by screen readers after the map link (not shown), so nobody is surprised to leave."),
    )
    contact_heading = blocks.CharBlock(
        max_length=60,
        default="Phone and email",
        label=_("Phone and email heading"),
        help_text=_("Above the clinic's phone number and email address."),
    )
    hours_heading = blocks.CharBlock(
        max_length=60,
        default="Opening hours",
        label=_("Hours heading"),
        help_text=_("Above the opening hours."),
    )

    class Meta:
        icon = "site"
        template = "blocks/clinic_details_block.html"
        label = _("Clinic address and hours")
        description = _("The address, phone, email, opening hours and map link from Clinic settings.")
        preview_value = {"heading": "Find us", "directions": "<p>A few minutes' walk from the subway.</p>"}

    def get_context(self, value, parent_context=None):
        from .models import ClinicSettings  # models.py imports this module

        context = super().get_context(value, parent_context)
        context["clinic"] = ClinicSettings.load(request_or_site=(parent_context or {}).get("request"))
        return context


class PatientStoriesValue(blocks.StructValue):
    @property
    def stories(self):
        """The chosen stories whose patients still consent; a withdrawn or deleted one disappears at once."""
        return [story for story in self["items"] if story is not None and story.may_be_shown]


class PatientStoriesBlock(blocks.StructBlock):
    """Patients' own words about their recovery, from the Patient stories snippets (read in one query)."""

    heading = blocks.CharBlock(
        max_length=80,
        default="Runners we have treated",
        label=_("Heading"),
        help_text=_("Shown above the stories; nothing is shown when none of the chosen stories may be."),
    )
    items = blocks.ListBlock(
        SnippetChooserBlock("recooperate.PatientStory", label=_("Story")),
        min_num=1,
        label=_("Stories"),
        help_text=_("Only stories with the patient's consent recorded can be chosen; withdrawn ones are not shown."),
    )

    class Meta:
        icon = "openquote"
        template = "blocks/patient_stories_block.html"
        value_class = PatientStoriesValue
        label = _("Patient stories")
        description = _("Stories patients agreed to share, from Snippets > Patient stories.")


class BodyBlock(blocks.StreamBlock):
    """The blocks every page body offers; each page type's body adds its own (the blog adds READ links).

    Section headings double as link targets, so no two may share an anchor.
    """

    section_heading = SectionHeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        label=_("Text"),
        help_text=_(
            "Paragraphs with links and lists. Its subheadings stay out of the table of contents: "
            "start a new section with a section heading block."
        ),
        template="blocks/paragraph_block.html",
        description=_("Paragraphs of text with links and lists."),
        preview_value="<p>Recurring pain is a signal, not a rite of passage.</p>",
    )
    image = ImageBlock()
    quote = QuoteBlock()
    faq = FAQBlock()
    call_to_action = CallToActionBlock()

    def clean(self, value):
        value = super().clean(value)
        seen = {}
        errors = {}
        for index, child in enumerate(value):
            if child.block_type != "section_heading":
                continue
            anchor = child.value.anchor_id
            if anchor in seen:
                errors[index] = ValidationError(
                    _("Another section already uses the anchor “%(anchor)s”: set a different anchor.")
                    % {"anchor": anchor}
                )
            seen[anchor] = index
        if errors:
            raise blocks.StreamBlockValidationError(block_errors=errors)
        return value


class PageBodyBlock(BodyBlock):
    """The body of a general page (about, contact, first visit, insurance): the site's blocks and the clinic's own."""

    clinic_details = ClinicDetailsBlock()
    patient_stories = PatientStoriesBlock()


class HighlightBlock(blocks.StructBlock):
    """One point of a short list, such as "We watch you run": a heading and a sentence or two."""

    heading = blocks.CharBlock(max_length=80, label=_("Heading"), help_text=_("A few words, shown in bold."))
    text = blocks.TextBlock(max_length=300, label=_("Text"), help_text=_("A sentence or two under the heading."))

    class Meta:
        icon = "tick"
        template = "blocks/highlight_block.html"
        label = _("Point")
        preview_value = {"heading": "We watch you run", "text": "Every first visit includes your stride on video."}


class FooterLinkBlock(blocks.StructBlock):
    """A page the footer links to; a page that is not live and public is left out for visitors."""

    page = blocks.PageChooserBlock(
        label=_("Page"), help_text=_("The page the footer links to; left out while it is unpublished or private.")
    )
    label = blocks.CharBlock(
        required=False, max_length=60, label=_("Label"), help_text=_("Leave empty to use the page's title.")
    )

    class Meta:
        icon = "link"
        label = _("Footer link")
