"""What visitors read: clinicians, topics, the blog index and its articles."""

from math import ceil
from urllib.parse import urljoin

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.validators import slug_re
from django.db import models
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from recooperate.forms import SitePageForm
from recooperate.images import LEAD_IMAGE_SPEC
from recooperate.models import BasePage, ClinicSettings, SitePageQuerySet, Topic
from recooperate.pagelinks import restricted_ancestors

from .blocks import ArticleBodyBlock, faq_page_data, section_anchor

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
    role = models.CharField(
        _("role"),
        max_length=120,
        blank=True,
        help_text=_(
            'For example "Physical therapist, running specialist". Shown in article bylines, on the team page '
            "and on the profile page."
        ),
    )
    photo = models.ForeignKey(
        "recooperate.CustomImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "A portrait, cropped to a square. Shown in article bylines, on the team page, on the profile page "
            "and in its link previews."
        ),
    )
    bio = models.TextField(
        _("short bio"),
        max_length=800,
        blank=True,
        help_text=_(
            "Two or three sentences. Shown on the team page (shortened), at the top of the profile page and as "
            "its description in search results."
        ),
    )

    specialties = models.TextField(
        _("specialties"),
        max_length=600,
        blank=True,
        help_text=_(
            'One per line, for example "Running injuries". Listed on the profile page and given to search engines.'
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("credentials"),
        FieldPanel("role"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("specialties"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("clinician")
        verbose_name_plural = _("clinicians")
        ordering = ["name"]

    def __str__(self):
        return self.display_name

    def structured_data(self):
        """The clinician as schema.org sees one: a Person with credentials and role."""
        person = {"@type": "Person", "name": self.name}
        if self.credentials:
            person["honorificSuffix"] = self.credentials
        if self.role:
            person["jobTitle"] = self.role
        if self.specialty_list:
            person["knowsAbout"] = self.specialty_list
        return person

    @property
    def specialty_list(self):
        """The specialties as a list, one per non-empty line."""
        return [line.strip() for line in self.specialties.splitlines() if line.strip()]

    def public_profile_page(self, restricted=None):
        """The clinician's profile page if anyone may read it (live, no view restriction), else None.

        ``restricted`` is whether a view restriction covers the page, when the
        caller read that already (an article reads it with itself when routed);
        otherwise it costs one query, and none when there is no live profile.
        """
        try:
            page = self.profile_page
        except ClinicianPage.DoesNotExist:
            return None
        if not page.live:
            return None
        if restricted is None:
            restricted = page.get_view_restrictions().exists()
        return None if restricted else page

    @property
    def display_name(self):
        """The name as a byline prints it: "Dr. Jason Cooper, PT, DPT, CSCS, ART"."""
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


# What a card or a READ link shows (templates/includes/article_card.html): reading only these columns
# keeps a listing's query cheap to build and to read, however wide the page models grow.
CARD_FIELDS = (
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "live",
    "date",
    "first_published_at",
    "intro",
    "reading_minutes",
    "listing_image",
)


class ArticlePageQuerySet(SitePageQuerySet):
    def for_listing(self):
        """Live, public articles, newest first, with what a card shows: one query, however many there are."""
        return self.live().public().only(*CARD_FIELDS).select_related("listing_image").order_by("-date", "-pk")


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)


class BlogIndexPage(RoutablePageMixin, BasePage):
    """The list of articles at /blog/, newest first, filterable by topic."""

    intro = models.TextField(
        _("intro"),
        max_length=600,
        blank=True,
        help_text=_(
            "A sentence or two under the blog's title; also its description in search results when the Promote "
            "tab gives none."
        ),
    )
    empty_topic_message = models.CharField(
        _("message for an unknown or empty topic"),
        max_length=200,
        default="No articles match that topic yet. Choose another topic above, or see all articles.",
        help_text=_("Shown on the blog in place of the list when a topic has no articles or does not exist."),
    )

    all_topics_label = models.CharField(
        _('"All articles" link'),
        max_length=40,
        default="All articles",
        help_text=_("The first link of the topic list above the articles: every article, whatever its topic."),
    )

    topics_label = models.CharField(
        _("topic list: screen reader name"),
        max_length=60,
        default="Topics",
        help_text=_("What screen readers call the list of topics above the articles."),
    )
    articles_heading = models.CharField(
        _("articles heading (screen readers)"),
        max_length=60,
        default="Articles",
        help_text=_("A heading screen readers announce before the list of articles; not shown."),
    )
    newer_label = models.CharField(
        _("newer articles link"),
        max_length=60,
        default="Newer articles",
        help_text=_("The link to the previous page of the list."),
    )
    older_label = models.CharField(
        _("older articles link"),
        max_length=60,
        default="Older articles",
        help_text=_("The link to the next page of the list."),
    )
    no_articles_message = models.CharField(
        _("message for an empty blog"),
        max_length=200,
        default="No articles have been published yet.",
        help_text=_("Shown in place of the list before any article is published."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("all_topics_label"),
                FieldPanel("topics_label"),
                FieldPanel("articles_heading"),
                FieldPanel("newer_label"),
                FieldPanel("older_label"),
                FieldPanel("empty_topic_message"),
                FieldPanel("no_articles_message"),
            ],
            heading=_("Listing texts"),
            classname="collapsed",
        ),
    ]

    parent_page_types = ["recooperate.HomePage"]
    subpage_types = ["blog.ArticlePage"]
    max_count = 1
    cache_query_params = ("page", "topic")

    class Meta:
        verbose_name = _("blog index page")

    def listing_pages(self):
        """Live, public articles in this blog, newest first (the home page lists these too)."""
        return ArticlePage.objects.child_of(self).for_listing()

    def get_cached_paths(self):
        """Every address a CDN may hold of the blog (Wagtail's frontend-cache purge sends them all).

        The later pages of the list (one more than there are now: this change may have removed
        one), each topic's list by route and by ?topic=, and the feeds. Every topic, not only those
        with articles now: the change may have taken a topic's last article away.
        """
        from .feeds import FEED_TYPES  # feeds.py imports this module

        feeds = [f"feed/{kind}/" for kind in FEED_TYPES]
        listed = ArticlePage.objects.child_of(self).live().public()
        pages = ceil(listed.count() / ARTICLES_PER_PAGE)
        paths = ["/", *(f"/{feed}" for feed in feeds), *(f"/?page={number}" for number in range(2, pages + 2))]
        for slug, count in Topic.objects.annotate(
            listed=Count("articles", filter=Q(articles__in=listed.values("pk")))
        ).values_list("slug", "listed"):
            later_pages = range(2, ceil(count / ARTICLES_PER_PAGE) + 2)
            paths += [f"/topic/{slug}/", *(f"/topic/{slug}/{feed}" for feed in feeds), f"/?topic={slug}"]
            paths += [f"/topic/{slug}/?page={number}" for number in later_pages]
            paths += [f"/?topic={slug}&page={number}" for number in later_pages]
        return paths

    def topics(self):
        """Topics that have at least one live, public article here, for the filter list."""
        listed = ArticlePage.objects.child_of(self).live().public()
        return Topic.objects.filter(articles__in=listed.values("pk")).distinct().order_by("name")

    def paginate(self, request, articles):
        """Turn ?page= into a page of results; bad or out-of-range values get the first or last page."""
        paginator = Paginator(articles, ARTICLES_PER_PAGE)
        try:
            return paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            return paginator.page(1)
        except EmptyPage:
            return paginator.page(paginator.num_pages)

    def is_cacheable_request(self, request):
        # ?page=2 and ?topic=<a topic> are kept, on the addresses that read them (each route names its own:
        # a feed reads neither, a topic's address only ?page). ?page=abc or ?page=99999 shows another page's
        # list, and ?topic=<anything else> an empty one: each made-up value would only fill the cache.
        reads = getattr(request, "blog_query_params", ())
        if any(name in request.GET for name in self.cache_query_params if name not in reads):
            return False
        requested = request.GET.get("page")
        shown = getattr(request, "blog_page_number", None)
        return (requested is None or requested == str(shown)) and not getattr(request, "blog_unknown_topic", False)

    def get_context(self, request, *args, topic_slug=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = self.listing_pages()
        topic = None
        if topic_slug:
            # ?topic= is whatever a visitor typed: only a slug can name a topic (and PostgreSQL refuses NUL bytes).
            topic = Topic.objects.filter(slug=topic_slug).first() if slug_re.fullmatch(topic_slug) else None
            articles = articles.filter(topics=topic) if topic else articles.none()
        context["topic"] = topic
        # ?topic= is carried to the next page; /blog/topic/<slug>/ carries itself in its path.
        context["topic_query"] = topic.slug if topic and request.GET.get("topic") else ""
        context["unknown_topic"] = request.blog_unknown_topic = bool(topic_slug) and topic is None
        # What shows in place of an empty list: a topic asked for (known or not) has its own words.
        context["empty_message"] = self.empty_topic_message if topic_slug else self.no_articles_message
        context["topics"] = self.topics()
        context["articles"] = self.paginate(request, articles)
        request.blog_page_number = context["articles"].number
        return context

    @path("")
    def index_route(self, request):
        request.blog_query_params = ("page", "topic")
        return self.render(request, topic_slug=request.GET.get("topic"))

    @path("feed/<str:kind>/")
    def feed_route(self, request, kind):
        """/blog/feed/rss/ and /blog/feed/atom/: the newest articles."""
        return self.serve_feed(request, kind)

    @path("topic/<slug:topic_slug>/feed/<str:kind>/")
    def topic_feed_route(self, request, topic_slug, kind):
        """/blog/topic/<topic>/feed/rss/ (or atom/): the newest articles on one topic."""
        topic = Topic.objects.filter(slug=topic_slug).first()
        if topic is None:
            raise Http404
        return self.serve_feed(request, kind, topic)

    def serve_feed(self, request, kind, topic=None):
        from .feeds import FEED_TYPES, ArticleFeed  # here, not at the top: feeds.py imports this module

        if kind not in FEED_TYPES:
            raise Http404
        return ArticleFeed(self, topic, FEED_TYPES[kind])(request)

    @path("topic/<slug:topic_slug>/")
    def topic_route(self, request, topic_slug):
        request.blog_query_params = ("page",)  # the topic is in the path
        response = self.render(request, topic_slug=topic_slug)
        # The page still lists nothing with a message, but a topic URL that
        # does not exist must not look like a real page to search engines.
        if response.context_data["unknown_topic"]:
            response.status_code = 404
        return response


class ArticlePageForm(SitePageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["author"].required = True


class ArticlePage(BasePage):
    """An article: numbered sections, photos with credits, READ links and calls to action."""

    intro = models.TextField(_("intro"), max_length=600, help_text=_("The teaser shown on cards and under the title."))
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
    # One author, read with the page in its routing query (BasePage.route): a byline costs no query.
    # PROTECT: deleting a clinician must not silently strip bylines from published articles.
    author = models.ForeignKey(
        Clinician,
        verbose_name=_("author"),
        null=True,
        blank=True,  # required in the editor's form (ArticlePageForm); an imported article may arrive without one
        on_delete=models.PROTECT,
        related_name="articles",
        help_text=_('Shown under the title as "Written by", with the clinician\'s photo, credentials and role.'),
    )
    reviewer = models.ForeignKey(
        Clinician,
        verbose_name=_("medically reviewed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviewed_articles",
        help_text=_(
            "The clinician who checked the article's health content. Shown under the title as "
            '"Medically reviewed by ... on ..." and given to search engines.'
        ),
    )
    reviewed_on = models.DateField(
        _("reviewed on"), null=True, blank=True, help_text=_("The day of that review. Needed with a reviewer.")
    )
    topics = ParentalManyToManyField(
        Topic,
        blank=True,
        related_name="articles",
        verbose_name=_("topics"),
        help_text=_(
            "Lists the article under these topics on the blog. Related articles are picked by shared topics, and "
            "readers who book from the article may find a reason already chosen (booking page)."
        ),
    )
    body = StreamField(
        ArticleBodyBlock(),
        verbose_name=_("body"),
        help_text=_(
            "The article under its intro: text, section headings (listed in the table of contents), photos, "
            "quotes, questions and answers, READ links and calls to action."
        ),
    )
    # Derived from the body whenever the page is saved (and so for every
    # revision and preview): a view never re-reads the whole body for them.
    reading_minutes = models.PositiveSmallIntegerField(_("reading time (minutes)"), default=1, editable=False)
    table_of_contents = models.JSONField(_("table of contents"), default=list, blank=True, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("listing_image"),
        MultiFieldPanel(
            [
                FieldPanel("author"),
                FieldPanel("reviewer"),
                FieldPanel("reviewed_on"),
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

    base_form_class = ArticlePageForm
    og_type = "article"
    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types = []
    route_select_related = ("listing_image", "author__photo", "author__profile_page", "reviewer")

    objects = ArticlePageManager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def save(self, *args, **kwargs):
        # An empty date means "the day it was first published": fix it then, so it never moves.
        if self.date is None and self.live and self.first_published_at:
            self.date = timezone.localdate(self.first_published_at)
        self.set_derived_fields()
        return super().save(*args, **kwargs)

    @classmethod
    def route_annotations(cls):
        # Whether the byline's profile page is private, read in the routing query rather than in one more.
        return {"author_profile_restricted": Exists(restricted_ancestors("author__profile_page__path"))}

    @property
    def author_profile_page(self):
        """The page the byline links to: the author's profile, if anyone may read it."""
        if self.author is None:
            return None
        return self.author.public_profile_page(restricted=getattr(self, "author_profile_restricted", None))

    @property
    def ends_with_call_to_action(self):
        """True when the body's last block is a call to action: the site-wide one would only repeat it."""
        blocks = self.body.raw_data
        return bool(blocks) and blocks[-1]["type"] == "call_to_action"

    def clean(self):
        super().clean()
        if self.reviewer_id and not self.reviewed_on:
            raise ValidationError({"reviewed_on": _("Give the day of the medical review.")})
        if self.reviewed_on and not self.reviewer_id:
            raise ValidationError({"reviewer": _("Choose who did the medical review, or clear its date.")})

    def structured_data(self, request=None):
        """schema.org JSON-LD for search engines: the post, its author and reviewer, and the clinic."""
        clinic = ClinicSettings.load(request_or_site=request)  # cached on the request: no extra query
        _site_id, site_url, path = self.get_url_parts(request)
        url = site_url + path
        posting = {
            "@type": "BlogPosting",
            "@id": url + "#article",
            "headline": self.title,
            "description": self.search_description or self.intro,
            "url": url,
            "datePublished": self.display_date.isoformat(),
            "dateModified": timezone.localdate(self.last_published_at or timezone.now()).isoformat(),
            "publisher": clinic.structured_data(site_url),
            "mainEntityOfPage": {"@type": "MedicalWebPage", "@id": url},
        }
        if self.author:
            posting["author"] = self.author.structured_data()
        if self.reviewer and self.reviewed_on:
            posting["mainEntityOfPage"]["reviewedBy"] = self.reviewer.structured_data()
            posting["mainEntityOfPage"]["lastReviewed"] = self.reviewed_on.isoformat()
        if self.listing_image:
            posting["image"] = urljoin(site_url, self.listing_image.get_rendition(LEAD_IMAGE_SPEC).url)
        return {"@context": "https://schema.org", **posting}

    def faq_structured_data(self):
        """schema.org's FAQPage from the article's FAQ blocks, or None."""
        return faq_page_data(self.body)

    def filed_topic_ids(self):
        return set(self.topics.values_list("pk", flat=True))

    def set_derived_fields(self):
        """Reading time and the table of contents, from the title, intro and body as they are now."""
        self.reading_minutes, self.table_of_contents = reading_time_and_contents(
            self.title, self.intro, self.body.raw_data
        )

    @property
    def display_date(self):
        """The reader-facing date, falling back to the first publication day (or today, in a preview)."""
        if self.date:
            return self.date
        if self.first_published_at:
            return timezone.localdate(self.first_published_at)
        return timezone.localdate()

    def related_articles(self, request=None):
        """Up to three live, public articles: the editor's picks, then by shared topics, then the newest.

        One query however many articles exist. A preview ranks by the draft's
        picks and topics, read from the editor's form; a published page asks
        the database for its own in the same query.
        """
        if getattr(request, "is_preview", False) or self.pk is None:
            pick_ids = [pick.article_id for pick in self.related_picks.all() if pick.article_id]
            pick_rank = Case(
                *[When(pk=pk, then=Value(rank)) for rank, pk in enumerate(pick_ids)],
                default=Value(RELATED_ARTICLES),
                output_field=IntegerField(),
            )
            my_topics = [topic.pk for topic in self.topics.all()]
        else:
            picks = ArticleRelatedPick.objects.filter(page=self.pk, article=OuterRef("pk")).values("sort_order")[:1]
            pick_rank = Coalesce(Subquery(picks), Value(10_000))
            my_topics = ArticlePage.topics.through.objects.filter(articlepage=self.pk).values("topic")
        # Counted in a subquery rather than with a GROUP BY over every column of the listing.
        shared_topics = (
            ArticlePage.topics.through.objects.filter(articlepage=OuterRef("pk"), topic__in=my_topics)
            .values("articlepage")
            .annotate(count=Count("*"))
            .values("count")
        )
        return list(
            ArticlePage.objects.for_listing()
            .exclude(pk=self.pk)
            .annotate(pick_rank=pick_rank, shared_topics=Coalesce(Subquery(shared_topics), Value(0)))
            .order_by("pick_rank", "-shared_topics", "-date", "-pk")[:RELATED_ARTICLES]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False):
            self.set_derived_fields()
        context["related_articles"] = self.related_articles(request)
        context["structured_data"] = self.structured_data(request)
        context["faq_structured_data"] = self.faq_structured_data()
        return context


def reading_time_and_contents(title, intro, raw_body):
    """(minutes to read at an unhurried pace, [[anchor, heading], ...]) from an article's stored form.

    Works on the body's raw JSON, so the migration that filled these fields for
    existing articles uses it too.
    """
    words = len(title.split()) + len(intro.split())
    contents = []
    for child in raw_body:
        kind, value = child["type"], child["value"]
        if kind == "paragraph":
            words += len(strip_tags(value).split())
        elif kind in ("section_heading", "quote"):
            words += sum(len(str(v).split()) for v in value.values())
        if kind == "section_heading":
            contents.append([section_anchor(value.get("heading", ""), value.get("anchor")), value.get("heading", "")])
    return max(1, ceil(words / WORDS_PER_MINUTE)), contents


class ArticleRelatedPick(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_picks")
    # Named `page` on the parent side, so the target needs another name.
    article = models.ForeignKey(
        ArticlePage,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("article"),
        help_text=_(
            "Shown at the end of the article under the related articles heading, in this order, before those "
            "picked by topic."
        ),
    )

    panels = [PageChooserPanel("article", page_type="blog.ArticlePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("related article")
        verbose_name_plural = _("related articles")


class TeamPage(BasePage):
    """Our team: a card for each clinician's profile page below it, in the order editors arrange them."""

    intro = models.TextField(
        _("intro"),
        max_length=600,
        blank=True,
        help_text=_(
            "A sentence or two under the page's title, above the team's cards; also its description in search "
            "results when the Promote tab gives none."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["recooperate.HomePage"]
    subpage_types = ["blog.ClinicianPage"]
    max_count = 1

    class Meta:
        verbose_name = _("team page")

    def profiles(self):
        """Live, public profile pages below this one, with their clinician and photo: one query."""
        return (
            ClinicianPage.objects.child_of(self)
            .live()
            .public()
            .select_related("clinician", "clinician__photo")
            .order_by("path")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["profiles"] = self.profiles()
        return context


class ClinicianPage(BasePage):
    """A clinician's public profile: who they are (from the Clinician snippet), more about them, their articles.

    Name, credentials, role, photo and short bio are the snippet's, so the byline
    on every article and this page never disagree; editors write the rest here.
    """

    clinician = models.OneToOneField(
        Clinician,
        verbose_name=_("clinician"),
        on_delete=models.PROTECT,
        related_name="profile_page",
        help_text=_(
            "Whose profile this is. Name, credentials, role, photo and short bio come from this clinician "
            "(Snippets > Clinicians), and their bylines link here."
        ),
    )
    body = RichTextField(
        _("about"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul", "h2", "h3"],
        help_text=_("Training, specialties, what they run themselves: shown after the short bio."),
    )

    content_panels = [*Page.content_panels, FieldPanel("clinician"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]

    parent_page_types = ["blog.TeamPage"]
    subpage_types = []
    route_select_related = ("clinician", "clinician__photo")
    og_type = "profile"
    #: How many of the clinician's articles the page lists, newest first.
    articles_shown = 6

    class Meta:
        verbose_name = _("clinician page")

    def get_meta_description(self):
        return self.search_description or self.clinician.bio

    def get_social_image(self):
        return self.clinician.photo

    def articles(self):
        """The clinician's live, public articles, newest first, as cards: one query."""
        return ArticlePage.objects.filter(author=self.clinician_id).for_listing()[: self.articles_shown]

    def structured_data(self, request=None):
        """schema.org's Person for the clinician, with where they work and this page as their URL."""
        _site_id, site_url, path = self.get_url_parts(request)
        person = {"@context": "https://schema.org", **self.clinician.structured_data(), "url": site_url + path}
        if self.clinician.photo:
            person["image"] = urljoin(site_url, self.clinician.photo.get_rendition(LEAD_IMAGE_SPEC).url)
        person["worksFor"] = {"@type": "MedicalClinic", "@id": site_url + "/#clinic"}
        return person

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = self.articles()
        context["structured_data"] = self.structured_data(request)
        return context


class ProgramsPage(BasePage):
    """The clinic's programs (gait analysis, return to running...): a card for each program page below it."""

    intro = models.TextField(
        _("intro"),
        max_length=600,
        blank=True,
        help_text=_(
            "A sentence or two under the page's title, above the programs' cards; also its description in search "
            "results when the Promote tab gives none."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["recooperate.HomePage"]
    subpage_types = ["blog.ProgramPage"]
    max_count = 1

    class Meta:
        verbose_name = _("programs page")

    def programs(self):
        """Live, public program pages below this one, in the editors' order, with their image: one query."""
        return (
            ProgramPage.objects.child_of(self)
            .live()
            .public()
            .only("title", "slug", "url_path", "path", "depth", "live", "intro", "listing_image")
            .select_related("listing_image")
            .order_by("path")
        )

    def listing_pages(self):
        """The programs, for the home page's cards (recooperate.models.section_pages)."""
        return self.programs()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programs"] = self.programs()
        return context


class ProgramPage(BasePage):
    """One of the clinic's programs: what it is, who it is for, what happens, with the article's blocks (FAQ too)."""

    intro = models.TextField(_("intro"), max_length=600, help_text=_("The teaser shown on cards and under the title."))
    listing_image = models.ForeignKey(
        "recooperate.CustomImage",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown on the program's card on the programs page and at the top of the program page; also the "
            "picture in its link previews."
        ),
    )
    body = StreamField(
        ArticleBodyBlock(),
        verbose_name=_("body"),
        help_text=_(
            "What the program is, who it is for and what happens: text, section headings, photos, quotes, "
            "questions and answers, READ links and calls to action."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("listing_image"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["blog.ProgramsPage"]
    subpage_types = []
    route_select_related = ("listing_image",)

    class Meta:
        verbose_name = _("program page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["faq_structured_data"] = faq_page_data(self.body)
        return context
