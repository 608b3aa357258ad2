"""Every StreamField block the blog uses, in one module.

Templates never branch on block type or compute values: each block renders
through its own template in ``templates/blocks/``, and anything derived (anchor
ids, link targets, the linked article's live title) comes from a StructValue.
"""

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from recooperate.models import call_to_action_url

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class SectionHeadingValue(blocks.StructValue):
    @cached_property
    def anchor_id(self):
        """A stable id for links into the article: the editor's anchor, or one made from the heading."""
        return self.get("anchor") or slugify(self.get("heading"))[:80] or "section"


class SectionHeadingBlock(blocks.StructBlock):
    """A section heading, such as "1. You Keep Getting the Same Running Injury Over and Over".

    Each one appears in the article's table of contents and can be linked to.
    """

    heading = blocks.CharBlock(max_length=150, label=_("Heading"))
    anchor = blocks.CharBlock(
        required=False,
        max_length=80,
        label=_("Anchor"),
        help_text=_(
            "Optional. Fixes the #link to this section so it survives a change of heading; "
            "letters, digits and hyphens."
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

    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, max_length=250, label=_("Caption"))

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        label = _("Image")
        description = _("A photo with a caption; the credit stored on the image is shown under it.")
        preview_value = {"caption": "Gait analysis at the clinic"}


class QuoteBlock(blocks.StructBlock):
    """A pulled quote or a patient's words, with who said them."""

    quote = blocks.TextBlock(max_length=600, label=_("Quote"))
    attribution = blocks.CharBlock(required=False, max_length=120, label=_("Attribution"))

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Quote")
        description = _("A quotation set apart from the text.")
        preview_value = {
            "quote": "Pain that changes how you run is worth a proper look.",
            "attribution": "Dr. Jason Cooper",
        }


class ReadLinkValue(blocks.StructValue):
    @cached_property
    def article(self):
        """The linked article, only while it is live: a withdrawn page leaves no dead link."""
        page = self.get("page")
        if page is None or not page.live:
            return None
        return page


class ReadLinkBlock(blocks.StructBlock):
    """An inline "READ: <article>" link to another article.

    The title and teaser are read from the linked page each time, so retitling
    that article updates every link to it, and an unpublished or deleted
    article renders nothing.
    """

    page = blocks.PageChooserBlock(page_type="blog.ArticlePage", label=_("Article"))

    class Meta:
        icon = "link"
        template = "blocks/read_link_block.html"
        value_class = ReadLinkValue
        label = _("Read: related article")
        description = _("Points readers to another article, shown with its current title and teaser.")


class CallToActionValue(blocks.StructValue):
    """Takes the text from the chosen snippet, or from the block's own fields."""

    def _pick(self, name):
        snippet = self.get("call_to_action")
        if snippet is not None:
            return getattr(snippet, name)
        return self.get(name)

    @property
    def heading(self):
        return self._pick("heading")

    @property
    def text(self):
        return self._pick("text")

    @property
    def button_text(self):
        return self._pick("button_text")

    def button_url(self, source_page=None):
        snippet = self.get("call_to_action")
        if snippet is not None:
            return snippet.get_button_url(source_page)
        return call_to_action_url(self.get("button_page"), "", source_page)


class CallToActionBlock(blocks.StructBlock):
    """A call to action in the article body: a reusable one, or one written here."""

    call_to_action = SnippetChooserBlock(
        "recooperate.CallToAction",
        required=False,
        label=_("Reusable call to action"),
        help_text=_("Choose one, or leave empty and fill in the fields below."),
    )
    heading = blocks.CharBlock(required=False, max_length=120, label=_("Heading"))
    text = blocks.TextBlock(required=False, max_length=500, label=_("Text"))
    button_text = blocks.CharBlock(required=False, max_length=40, label=_("Button text"))
    button_page = blocks.PageChooserBlock(required=False, label=_("Button page"))

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

    def clean(self, value):
        value = super().clean(value)
        if value.get("call_to_action") is None:
            errors = {
                name: ValidationError(_("Fill this in, or choose a reusable call to action."))
                for name in ("heading", "button_text", "button_page")
                if not value.get(name)
            }
            if errors:
                raise StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["button_url"] = value.button_url((parent_context or {}).get("page"))
        return context


class ArticleBodyBlock(blocks.StreamBlock):
    """The body of an article."""

    section_heading = SectionHeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        label=_("Text"),
        template="blocks/paragraph_block.html",
        description=_("Paragraphs of text with links and lists."),
        preview_value="<p>Recurring pain is a signal, not a rite of passage.</p>",
    )
    image = ImageBlock()
    quote = QuoteBlock()
    read_link = ReadLinkBlock()
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
