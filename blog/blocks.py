"""The blog's StreamField blocks: READ links to other articles, and the article body built on the site's blocks."""

import copy

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from recooperate.blocks import (
    BodyBlock,
    CallToActionChooserBlock,  # noqa: F401  (migrations 0004, 0007 and 0009 name it here)
    faq_page_data,
    section_anchor,
)
from recooperate.pagelinks import visible_to_visitors, visitor_may_see

__all__ = ["ArticleBodyBlock", "ReadLinkBlock", "VisibleArticleChooserBlock", "faq_page_data", "section_anchor"]


# What a READ link shows (templates/blocks/read_link_block.html) and the admin's chooser names.
READ_LINK_FIELDS = ("title", "draft_title", "slug", "url_path", "path", "depth", "live", "intro")


class VisibleArticleChooserBlock(blocks.PageChooserBlock):
    """Chooses an article; each chosen page comes back knowing whether a visitor may see it.

    The pages of every READ link in a body are read in one query (Wagtail's
    bulk conversion); this adds, in that same query, whether a view
    restriction covers each one. Editors still see and keep the link to a
    private article in the admin: only visitors are spared it.
    """

    def bulk_to_python(self, values):
        pages = (
            self.target_model.objects.filter(pk__in=[value for value in values if value])
            .only(*READ_LINK_FIELDS)
            .annotate(visitor_may_see=visible_to_visitors())
            .in_bulk()
        )
        return [copy.copy(pages[value]) if value in pages else None for value in values]

    def to_python(self, value):
        return self.bulk_to_python([value])[0]


class ReadLinkValue(blocks.StructValue):
    @property
    def article(self):
        """The linked article while a visitor may see it: live and public. Otherwise nothing is shown."""
        page = self.get("page")
        # Known from the bulk read; a preview's page comes from the editor's form and costs a query.
        return page if page is not None and visitor_may_see(page) else None


class ReadLinkBlock(blocks.StructBlock):
    """An inline "READ: <article>" link to another article.

    The title and teaser are read from the linked page each time, so retitling
    that article updates every link to it; an article that is unpublished,
    deleted or private renders nothing.
    """

    page = VisibleArticleChooserBlock(
        page_type="blog.ArticlePage",
        label=_("Article"),
        help_text=_(
            "Shown as a READ link with the article's current title and teaser; nothing is shown while it is "
            "unpublished or private."
        ),
    )

    class Meta:
        icon = "link"
        template = "blocks/read_link_block.html"
        value_class = ReadLinkValue
        label = _("Read: related article")
        description = _("Points readers to another article, shown with its current title and teaser.")


class ArticleBodyBlock(BodyBlock):
    """The body of an article: the site's blocks and READ links to other articles."""

    read_link = ReadLinkBlock()
