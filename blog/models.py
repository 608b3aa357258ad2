"""What visitors read: clinicians, topics, the blog index and its articles."""

from math import ceil

from django import forms
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Case, Count, IntegerField, Prefetch, Q, Value, When
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from recooperate.models import BasePage, SitePageQuerySet

from .blocks import ArticleBodyBlock

WORDS_PER_MINUTE = 230
ARTICLES_PER_PAGE = 12
RELATED_ARTICLES = 3


@register_snippet
class Clinician(index.Indexed, models.Model):
    """A member of the clinical team who writes articles (and, later, has a profile page)."""

    name = models.CharField(_("name"), max_length=120, help_text=_('For example "Dr. Jason Cooper".'))
    credentials = models.CharField(
        _("credentials"), max_length=80, blank=True, help_text=_('For example "PT, DPT, CSCS, ART".')
    )
    role = models.CharField(_("role"), max_length=120, blank=True)
    photo = models.ForeignKey(
        "recooperate.CustomImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    bio = models.TextField(_("short bio"), max_length=800, blank=True)

    panels = [FieldPanel("name"), FieldPanel("credentials"), FieldPanel("role"), FieldPanel("photo"), FieldPanel("bio")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("clinician")
        verbose_name_plural = _("clinicians")
        ordering = ["name"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        """The name as a byline prints it: "Dr. Jason Cooper, PT, DPT, CSCS, ART"."""
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


@register_snippet
class Topic(models.Model):
    """A subject articles are filed under, such as "Running injuries"."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True, allow_unicode=False)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ArticlePageQuerySet(SitePageQuerySet):
    def for_listing(self):
        """Live, public articles, newest first, as cards: one query, however many there are.

        Each card's HTML is rendered when its article is published
        (``card_html``), so a listing reads only what it prints.
        """
        return (
            self.live()
            .public()
            .only("pk", "path", "depth", "url_path", "title", "date", "first_published_at", "card_html")
            .order_by("-date", "-pk")
        )


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)


class BlogIndexPage(RoutablePageMixin, BasePage):
    """The list of articles at /blog/, newest first, filterable by topic."""

    intro = models.TextField(_("intro"), max_length=600, blank=True)
    empty_topic_message = models.CharField(
        _("message for an unknown or empty topic"),
        max_length=200,
        default="No articles match that topic yet. Choose another topic above, or see all articles.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("empty_topic_message")]

    parent_page_types = ["recooperate.HomePage"]
    subpage_types = ["blog.ArticlePage"]
    max_count = 1

    class Meta:
        verbose_name = _("blog index page")

    def articles(self):
        return ArticlePage.objects.child_of(self).for_listing()

    def topics(self):
        """Topics that have at least one live article here, for the filter list."""
        return (
            Topic.objects.annotate(
                live_count=Count(
                    "articles",
                    filter=Q(articles__live=True, articles__path__startswith=self.path),
                )
            )
            .filter(live_count__gt=0)
            .order_by("name")
        )

    def paginate(self, request, articles):
        """Turn ?page= into a page of results; bad or out-of-range values get the first or last page."""
        paginator = Paginator(articles, ARTICLES_PER_PAGE)
        try:
            return paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            return paginator.page(1)
        except EmptyPage:
            return paginator.page(paginator.num_pages)

    def get_context(self, request, *args, topic_slug=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = self.articles()
        topic = None
        if topic_slug:
            topic = Topic.objects.filter(slug=topic_slug).first()
            articles = articles.filter(topics=topic) if topic else articles.none()
        context["topic"] = topic
        context["unknown_topic"] = bool(topic_slug) and topic is None
        context["topics"] = self.topics()
        page_of_articles = self.paginate(request, articles)
        page_of_articles.object_list = with_cards(page_of_articles.object_list)
        context["articles"] = page_of_articles
        return context

    @path("")
    def index_route(self, request):
        return self.render(request, topic_slug=request.GET.get("topic"))

    @path("topic/<slug:topic_slug>/")
    def topic_route(self, request, topic_slug):
        response = self.render(request, topic_slug=topic_slug)
        # The page still lists nothing with a message, but a topic URL that
        # does not exist must not look like a real page to search engines.
        if response.context_data["unknown_topic"]:
            response.status_code = 404
        return response


class ArticlePage(BasePage):
    """An article: numbered sections, photos with credits, READ links and calls to action."""

    intro = models.TextField(
        _("intro"), max_length=600, help_text=_("The teaser shown on cards and under the title.")
    )
    listing_image = models.ForeignKey(
        "recooperate.CustomImage",
        verbose_name=_("listing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown on article cards and at the top of the article."),
    )
    date = models.DateField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_("The date readers see. Leave empty to use the day the article is first published."),
    )
    topics = ParentalManyToManyField(Topic, blank=True, related_name="articles", verbose_name=_("topics"))
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"))
    # Rendered from the live revision when it is published (blog.services), so a
    # visitor's request prints them instead of rebuilding blocks, bylines and
    # <picture> tags. Empty means "not rendered yet": the page renders live.
    article_html = models.TextField(editable=False, blank=True, default="")
    card_html = models.TextField(editable=False, blank=True, default="")

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("listing_image"),
        MultiFieldPanel(
            [
                InlinePanel("article_authors", label=_("Author"), min_num=1),
                FieldPanel("date"),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Byline and filing"),
        ),
        FieldPanel("body"),
        InlinePanel(
            "related_picks",
            label=_("Related article"),
            max_num=RELATED_ARTICLES,
            heading=_("Related articles (optional: the rest are chosen by topic, then date)"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types = []

    objects = ArticlePageManager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    @classmethod
    def routing_queryset(cls):
        # A visitor's request prints article_html; the body is only read to render it.
        return super().routing_queryset().defer_streamfields().defer("card_html")

    def save(self, *args, **kwargs):
        # An empty date means "the day it was first published": fix it then, so it never moves.
        if self.date is None and self.live and self.first_published_at:
            self.date = timezone.localdate(self.first_published_at)
        return super().save(*args, **kwargs)

    @cached_property
    def reading_minutes(self):
        """Minutes to read the article at an unhurried pace (read at publish time, not per view)."""
        words = len(self.title.split()) + len(self.intro.split())
        for child in self.body:
            if child.block_type == "paragraph":
                words += len(strip_tags(child.value.source).split())
            elif child.block_type in ("section_heading", "quote"):
                words += sum(len(str(v).split()) for v in child.value.values())
        return max(1, ceil(words / WORDS_PER_MINUTE))

    @property
    def display_date(self):
        """The reader-facing date, falling back to the first publication day (or today, in a preview)."""
        if self.date:
            return self.date
        if self.first_published_at:
            return timezone.localdate(self.first_published_at)
        return timezone.localdate()

    @cached_property
    def authors(self):
        return [link.clinician for link in self.article_authors.all() if link.clinician_id]

    @cached_property
    def table_of_contents(self):
        """(anchor, heading) for each section heading, in order."""
        return [
            (child.value.anchor_id, child.value["heading"])
            for child in self.body
            if child.block_type == "section_heading"
        ]

    @property
    def card(self):
        """This article's card for listings: rendered at publish time, or now if it has not been yet."""
        return mark_safe(self.card_html or render_card_html(self))  # noqa: S308 (our own templates' output)

    def related_articles(self):
        """Up to three live articles: the editor's picks, then by shared topics, then the newest.

        Picks and topics are read from the page itself, so a preview shows the
        draft's choices; ranking is one query however many articles exist.
        """
        pick_ids = [pick.article_id for pick in self.related_picks.all() if pick.article_id]
        topic_ids = [topic.pk for topic in self.topics.all()]
        pick_rank = Case(
            *[When(pk=pk, then=Value(rank)) for rank, pk in enumerate(pick_ids)],
            default=Value(len(pick_ids)),
            output_field=IntegerField(),
        )
        return with_cards(
            ArticlePage.objects.for_listing()
            .exclude(pk=self.pk)
            .annotate(
                pick_rank=pick_rank,
                shared_topics=Count("topics", filter=Q(topics__in=topic_ids), distinct=True),
            )
            .order_by("pick_rank", "-shared_topics", "-date", "-pk")[:RELATED_ARTICLES]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # A preview shows the draft, so it is always rendered live.
        if self.article_html and not getattr(request, "is_preview", False):
            context["article_html"] = mark_safe(self.article_html)  # noqa: S308 (our own templates' output)
        else:
            context["article_html"] = render_article_html(self, request)
        return context


class ArticlePageAuthor(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="article_authors")
    # PROTECT: deleting a clinician must not silently strip bylines from published articles.
    clinician = models.ForeignKey(Clinician, on_delete=models.PROTECT, related_name="article_links")

    panels = [FieldPanel("clinician")]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")


class ArticleRelatedPick(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_picks")
    # Named `page` on the parent side, so the target needs another name.
    article = models.ForeignKey(
        ArticlePage, null=True, blank=True, on_delete=models.CASCADE, related_name="+",
        verbose_name=_("article"),
    )

    panels = [PageChooserPanel("article", page_type="blog.ArticlePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("related article")
        verbose_name_plural = _("related articles")


def render_article_html(article, request=None):
    """Everything particular to the article, as stored in ``article_html``.

    Its header, lead image, contents, body and related articles: the related
    list is safe to store because any article's publish, unpublish, move or
    deletion renders every article again (blog.signals).
    """
    context = {"page": article, "related_articles": article.related_articles()}
    return render_to_string("blog/includes/article_content.html", context, request=request)


def render_card_html(article, request=None):
    """The article's card for listings, as stored in ``card_html``."""
    return render_to_string("includes/article_card.html", {"article": article}, request=request)


def with_cards(articles):
    """The articles as a list, each with its card HTML: any not rendered yet are rendered in one batch.

    Between an editor's change and the background re-render, stored cards are
    empty; rendering them one by one from a listing's slimmed-down rows would
    cost two queries a card. Here it is three queries, however many.
    """
    articles = list(articles)
    missing = [article.pk for article in articles if not article.card_html]
    if missing:
        full = (
            ArticlePage.objects.filter(pk__in=missing)
            .defer_streamfields()
            .defer("article_html")
            .select_related("listing_image")
            .prefetch_related(
                Prefetch("article_authors", queryset=ArticlePageAuthor.objects.select_related("clinician"))
            )
        )
        cards = {article.pk: render_card_html(article) for article in full}
        for article in articles:
            if not article.card_html:
                article.card_html = cards.get(article.pk, "")
    return articles
