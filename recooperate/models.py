"""Site-wide models that belong to no single app.

The home page, generic pages, the clinic's settings, the reusable call to
action, and the image model (with its photo credit) live here because both the
blog and the booking app lean on them.
"""

from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from . import restrictions, sitecache


class User(AbstractUser):
    """The project's user model, in place from the first migration so it can grow later."""

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"


class CustomImage(AbstractImage):
    """An image that carries its own credit, so it is written once and shown everywhere."""

    credit = models.CharField(
        _("credit"),
        max_length=255,
        blank=True,
        help_text=_('Shown with the image, for example "Photo by Pixabay on Pexels.com".'),
    )
    source_url = models.URLField(
        _("source URL"),
        blank=True,
        help_text=_("Where the image came from; the credit links here."),
    )

    admin_form_fields = (*Image.admin_form_fields, "credit", "source_url")
    search_fields = [*AbstractImage.search_fields, index.SearchField("credit")]

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [("choose_image", "Can choose image")]

    def find_existing_renditions(self, *filters):
        """Wagtail's lookup, with renditions read from the cache marked as such.

        Wagtail 8.0 marks only prefetched renditions, so get_renditions() writes
        every cached rendition back to the cache on every view: nine writes for
        one <picture>, most of a page's time with a shared cache.
        """
        if self._get_prefetched_renditions() is not None:
            return super().find_existing_renditions(*filters)
        Rendition = self.get_rendition_model()
        by_key = {Rendition.construct_cache_key(self, f.get_cache_key(self), f.spec): f for f in filters}
        found = {}
        for key, rendition in Rendition.cache_backend.get_many(list(by_key)).items():
            rendition.image = self
            rendition._from_cache = True
            found[by_key[key]] = rendition
        missing = [f for f in filters if f not in found]
        if missing:
            found.update(super().find_existing_renditions(*missing))
        return found


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


@register_snippet
class CallToAction(index.Indexed, models.Model):
    """A reusable call to action ("Book now"), written once and placed on many pages."""

    name = models.CharField(
        _("name"), max_length=100, unique=True, help_text=_("For editors only; visitors never see it.")
    )
    heading = models.CharField(_("heading"), max_length=120)
    text = models.TextField(_("text"), max_length=500, blank=True)
    button_text = models.CharField(_("button text"), max_length=40)
    button_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("button page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    button_url = models.URLField(
        _("button URL"), blank=True, help_text=_("Used only when no page is chosen.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("heading"),
        FieldPanel("text"),
        MultiFieldPanel(
            [FieldPanel("button_text"), FieldPanel("button_page"), FieldPanel("button_url")],
            heading=_("Button"),
        ),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("heading")]

    class Meta:
        verbose_name = _("call to action")
        verbose_name_plural = _("calls to action")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        if not self.button_page_id and not self.button_url:
            raise ValidationError(
                {"button_page": _("Choose the page the button leads to, or enter a URL.")}
            )

    def get_button_url(self, source_page=None):
        """The button's link; internal links say which page the visitor came from."""
        return call_to_action_url(self.button_page, self.button_url, source_page)


def call_to_action_url(target_page, fallback_url, source_page=None):
    """Shared by the snippet and the inline CTA block so both build links the same way."""
    if target_page is None:
        return fallback_url or ""
    url = target_page.url or ""
    if source_page is not None and source_page.pk and source_page.pk != target_page.pk:
        url = f"{url}?{urlencode({'from': source_page.pk})}"
    return url


@register_setting(icon="site")
class ClinicSettings(BaseGenericSetting):
    """Facts about the clinic and site-wide texts, edited once in Settings."""

    clinic_name = models.CharField(_("clinic name"), max_length=100, default="ReCOOPERate PT")
    tagline = models.CharField(
        _("tagline"), max_length=200, blank=True, default="Physical therapy for runners in New York City"
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    address = models.TextField(_("address"), blank=True)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    booking_call_to_action = models.ForeignKey(
        CallToAction,
        verbose_name=_("booking call to action"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown at the end of every article and on the home page."),
    )
    footer_text = models.TextField(_("footer text"), blank=True)
    read_link_label = models.CharField(
        _('"Read" link label'), max_length=20, default="READ",
        help_text=_("Printed before inline links to other articles."),
    )
    related_heading = models.CharField(_("related articles heading"), max_length=80, default="Keep reading")
    contents_heading = models.CharField(_("table of contents heading"), max_length=80, default="In this article")

    panels = [
        MultiFieldPanel(
            [FieldPanel("clinic_name"), FieldPanel("tagline"), FieldPanel("phone"),
             FieldPanel("email"), FieldPanel("address"), FieldPanel("opening_hours")],
            heading=_("Clinic"),
        ),
        FieldPanel("booking_call_to_action"),
        MultiFieldPanel(
            [FieldPanel("footer_text"), FieldPanel("read_link_label"),
             FieldPanel("related_heading"), FieldPanel("contents_heading")],
            heading=_("Site texts"),
        ),
    ]
    # One query for the settings and the call to action they point at.
    select_related = ["booking_call_to_action", "booking_call_to_action__button_page"]

    class Meta:
        verbose_name = _("clinic settings")

    @property
    def phone_href(self):
        """A tel: link for the phone number: digits only, with the US country code."""
        digits = "".join(ch for ch in self.phone if ch.isdigit())
        if len(digits) == 10:
            digits = "1" + digits
        return f"tel:+{digits}" if digits else ""

    @classmethod
    def _get_or_create(cls):
        # Every page prints these; read them from the cache, cleared when an editor saves.
        return sitecache.cached_clinic_settings(super()._get_or_create)


class SitePageQuerySet(PageQuerySet):
    def private_q(self):
        # Same meaning as Wagtail's, from the cached restriction paths: `.public()`
        # costs no query on a site without private sections.
        return restrictions.private_q()


class BasePage(Page):
    """What every page type on the site shares (and where SEO metadata will live)."""

    objects = PageManager.from_queryset(SitePageQuerySet)()

    class Meta:
        abstract = True

    @classmethod
    def routing_queryset(cls):
        """The queryset a page is loaded from when a visitor asks for it; override to defer heavy fields."""
        return cls._default_manager.all()

    def get_view_restrictions(self):
        """Wagtail's check, skipped without a query when no page on the site is restricted."""
        if not restrictions.restricted_paths():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class HomePage(BasePage):
    """The site's front page: a welcome, the newest articles and the booking call to action."""

    hero_heading = models.CharField(_("hero heading"), max_length=120)
    hero_text = models.TextField(_("hero text"), max_length=500, blank=True)
    hero_image = models.ForeignKey(
        CustomImage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    latest_heading = models.CharField(_("latest articles heading"), max_length=80, default="From the blog")

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_heading"),
        FieldPanel("hero_text"),
        FieldPanel("hero_image"),
        FieldPanel("latest_heading"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["blog.BlogIndexPage", "booking.BookingPage", "recooperate.StandardPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Find the page for a URL in two queries, however deep it is.

        Wagtail's default walks down the tree, two queries a level. The deepest
        page whose URL is a prefix of the request's path is found at once; it then
        routes what is left (a RoutablePage's sub-URLs, or a 404), as Wagtail would.
        """
        if not path_components:
            return super().route(request, path_components)
        prefixes = {
            self.url_path + "/".join(path_components[:depth]) + "/": depth
            for depth in range(1, len(path_components) + 1)
        }
        match = (
            Page.objects.filter(url_path__in=list(prefixes), path__startswith=self.path)
            .order_by("-depth")
            .values_list("pk", "content_type_id", "url_path")
            .first()
        )
        if match is None:
            raise Http404
        pk, content_type_id, url_path = match
        model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
        queryset = model.routing_queryset() if issubclass(model, BasePage) else model._default_manager
        page = queryset.get(pk=pk)
        return page.route(request, path_components[prefixes[url_path]:])

    def get_context(self, request, *args, **kwargs):
        from blog.models import ArticlePage, with_cards

        context = super().get_context(request, *args, **kwargs)
        context["latest_articles"] = with_cards(ArticlePage.objects.for_listing()[:3])
        return context


class StandardPage(BasePage):
    """A plain page of text: privacy notice, about, contact."""

    intro = models.TextField(_("intro"), max_length=500, blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["recooperate.HomePage", "recooperate.StandardPage"]
    subpage_types = ["recooperate.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
