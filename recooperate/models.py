"""Site-wide models that belong to no single app.

The home page, generic pages, the clinic's settings, the reusable call to
action, and the image model (with its photo credit) live here because both the
blog and the booking app lean on them.
"""

from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, Q
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, PageChooserPanel, TabbedInterface
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from .blocks import FooterLinkBlock, HighlightBlock, OpeningHoursBlock, PageBodyBlock, faq_page_data
from .forms import SitePageForm
from .images import SOCIAL_IMAGE_SPEC
from .pagelinks import call_to_action_url, live_public_pages, restricted_ancestors, visible_to_visitors
from .validators import PlaceholderValidator, fill


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


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


@register_snippet
class Topic(models.Model):
    """A subject pages are filed under, such as "Running injuries".

    Site-wide vocabulary: articles are filed under topics, the booking page
    maps a topic to the reason it preselects, and program pages will use them.
    """

    name = models.CharField(
        _("name"),
        max_length=60,
        unique=True,
        help_text=_("Shown in the blog's topic filter and as the title of the topic's list of articles."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=60,
        unique=True,
        allow_unicode=False,
        help_text=_(
            "The topic's web address, /blog/topic/<slug>/ (and its feeds): lower-case letters, digits and hyphens. "
            "Changing it breaks links to the old address."
        ),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self):
        return self.name


@register_snippet
class CallToAction(index.Indexed, models.Model):
    """A reusable call to action ("Book now"), written once and placed on many pages."""

    name = models.CharField(
        _("name"), max_length=100, unique=True, help_text=_("For editors only; visitors never see it.")
    )
    heading = models.CharField(
        _("heading"), max_length=120, help_text=_("The box's heading, on every page that shows this call to action.")
    )
    text = models.TextField(_("text"), max_length=500, blank=True, help_text=_("A sentence or two under the heading."))
    button_text = models.CharField(
        _("button text"),
        max_length=40,
        help_text=_(
            'The words on the button, for example "Book now". The booking call to action (Clinic settings) '
            "also puts them on the button in the site header."
        ),
    )
    button_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("button page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Where the button leads, usually the booking page; requests sent from there record the page."),
    )
    button_url = models.URLField(_("button URL"), blank=True, help_text=_("Used only when no page is chosen."))

    panels = [
        FieldPanel("name"),
        FieldPanel("heading"),
        FieldPanel("text"),
        MultiFieldPanel(
            [FieldPanel("button_text"), FieldPanel("button_page"), FieldPanel("button_url")],
            heading=_("Button"),
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("heading"),
        index.AutocompleteField("heading"),
    ]

    class Meta:
        verbose_name = _("call to action")
        verbose_name_plural = _("calls to action")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        if not self.button_page_id and not self.button_url:
            raise ValidationError({"button_page": _("Choose the page the button leads to, or enter a URL.")})

    def get_button_url(self, source_page=None):
        """The button's link; internal links say which page the visitor came from."""
        return call_to_action_url(self.button_page, self.button_url, source_page)


# The "form not sent" page's advice as it read before editors could change it.
FORM_REFUSED_TEXT = (
    "<p>This usually happens when the page was open for a very long time, or when your browser blocks cookies for "
    "this site. Nothing you typed has been stored.</p>"
    "<ul><li>Use your browser's Back button: your answers are often still there. Then reload the page and send the "
    "form again.</li>"
    "<li>If that does not work, allow cookies for this site (we use them only to protect forms) and try again.</li>"
    "</ul>"
)


@register_setting(icon="site")
class ClinicSettings(BaseGenericSetting):
    """Facts about the clinic and site-wide texts, edited once in Settings."""

    clinic_name = models.CharField(
        _("clinic name"),
        max_length=100,
        default="ReCOOPERate PT",
        help_text=_(
            "Shown in the site header and footer, in every browser tab's title and in the email patients get "
            "after booking."
        ),
    )
    tagline = models.CharField(
        _("tagline"),
        max_length=200,
        blank=True,
        default="Physical therapy for runners in New York City",
        help_text=_(
            "Shown in the footer and the home page's browser tab title; also the description search engines "
            "show for a page that has none of its own."
        ),
    )
    phone = models.CharField(
        _("phone"),
        max_length=40,
        blank=True,
        help_text=_(
            "Shown in the site header, the footer, the clinic details and on the booking and thank-you pages; "
            "visitors on a phone can tap it to call."
        ),
    )
    email = models.EmailField(
        _("email"),
        blank=True,
        help_text=_(
            "The clinic's public address: shown in the footer and the clinic details, given to search engines, "
            "and the address patients reach when they reply to their booking acknowledgement. "
            "Staff notifications of new appointment requests are sent here too, unless the server sets its own "
            "staff address (the BOOKING_NOTIFICATION_EMAIL environment variable). A notification holds only the "
            "request's reference and a link to the admin, never the patient's name or health details."
        ),
    )
    address = models.TextField(
        _("address"),
        blank=True,
        help_text=_(
            "One line per line of the address. Shown in the footer and the clinic details, and given to search "
            "engines and maps."
        ),
    )
    opening_hours = models.TextField(
        _("opening hours"),
        blank=True,
        help_text=_("As visitors read them, for example “Monday to Friday, 7am to 8pm”."),
    )
    opening_hours_specification = StreamField(
        [("hours", OpeningHoursBlock())],
        blank=True,
        verbose_name=_("opening hours for search engines"),
        help_text=_("The same hours, day by day, for Google and maps."),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Where the clinic is, for maps: for example 40.741100."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("For example -73.989700."),
    )
    booking_call_to_action = models.ForeignKey(
        CallToAction,
        verbose_name=_("booking call to action"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown at the end of every article and on the home page."),
    )
    default_social_image = models.ForeignKey(
        "recooperate.CustomImage",
        verbose_name=_("default link-preview image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown when a page is shared on social networks or in messages, for pages without an image of their own."
        ),
    )
    footer_text = models.TextField(_("footer text"), blank=True, help_text=_("A line at the foot of every page."))
    footer_links = StreamField(
        [("link", FooterLinkBlock())],
        blank=True,
        verbose_name=_("footer links"),
        help_text=_(
            "Pages listed in the footer of every page, in this order (about, privacy notice, contact...). "
            "The main menu lists the pages marked “Show in menus” (Promote tab)."
        ),
    )
    read_link_label = models.CharField(
        _('"Read" link label'),
        max_length=20,
        default="READ",
        help_text=_("Printed before inline links to other articles."),
    )
    related_heading = models.CharField(
        _("related articles heading"),
        max_length=80,
        default="Keep reading",
        help_text=_("The heading above the related articles at the end of every article."),
    )
    contents_heading = models.CharField(
        _("table of contents heading"),
        max_length=80,
        default="In this article",
        help_text=_("The heading of the table of contents beside every article that has section headings."),
    )
    written_by_label = models.CharField(
        _('"Written by" label'),
        max_length=40,
        default="Written by",
        help_text=_("Before the author's name under every article's title."),
    )
    published_on_label = models.CharField(
        _('"Published on" label'),
        max_length=40,
        default="Published on",
        help_text=_("Before the date under every article's title."),
    )
    reading_time_label = models.CharField(
        _("reading time label"),
        max_length=40,
        default="min read",
        help_text=_('After the minutes an article takes to read ("4 min read"), on articles and their cards.'),
    )
    reviewed_by_label = models.CharField(
        _('"Reviewed by" label'),
        max_length=60,
        default="Medically reviewed by",
        help_text=_("Before the name of the clinician who reviewed an article, when it names one."),
    )
    reviewed_on_label = models.CharField(
        _('"Reviewed on" word'),
        max_length=20,
        default="on",
        help_text=_('Between the reviewer\'s name and the review date ("... by Dr. Ana Ruiz on May 2, 2025").'),
    )
    not_found_heading = models.CharField(
        _("page not found heading"),
        max_length=120,
        default="We couldn’t find that page",
        help_text=_("The heading of the page shown for an address that leads nowhere (and its browser tab title)."),
    )
    not_found_text = models.CharField(
        _("page not found text"),
        max_length=300,
        default="The link may be old, or the address may have a typo.",
        help_text=_("Under that heading."),
    )
    not_found_home_link = models.CharField(
        _("page not found: home link"),
        max_length=60,
        default="Go to the home page",
        help_text=_("The button to the home page on that page."),
    )
    not_found_blog_link = models.CharField(
        _("page not found: blog link"),
        max_length=60,
        default="Read the blog",
        help_text=_("The words of the link to the page chosen below."),
    )
    not_found_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page not found: page linked"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Where that link leads, usually the blog. No link while the page is unpublished or private."),
    )
    specialties_heading = models.CharField(
        _("specialties heading"),
        max_length=60,
        default="Specialties",
        help_text=_("Above the specialties on each clinician's profile page."),
    )
    articles_by_label = models.CharField(
        _('"Articles by" label'),
        max_length=60,
        default="Articles by",
        help_text=_("Before the clinician's name, above their articles on their profile page."),
    )
    search_heading = models.CharField(
        _("search page heading"), max_length=80, default="Search", help_text=_("The heading of /search/.")
    )
    search_no_results = models.CharField(
        _("no search results message"),
        max_length=300,
        default="Nothing matches that search. Try fewer or different words, or browse the blog.",
        help_text=_("Shown on /search/ when a search finds no page."),
    )
    search_label = models.CharField(
        _("search box label"),
        max_length=60,
        default="Search the site",
        help_text=_("The label of the search box on /search/."),
    )
    search_button = models.CharField(
        _("search button"), max_length=30, default="Search", help_text=_("The button that runs a search on /search/.")
    )
    header_search_link = models.CharField(
        _("header search link"),
        max_length=30,
        default="Search",
        help_text=_("The link to /search/ in every page's header."),
    )
    header_phone_label = models.CharField(
        _("header phone label"),
        max_length=40,
        default="Call us:",
        help_text=_("Read out by screen readers before the phone number in every page's header (not shown)."),
    )
    search_results_one = models.CharField(
        _("search summary: one result"),
        max_length=120,
        default="{count} result for “{query}”",
        validators=[PlaceholderValidator("count", "query")],
        help_text=_("Above the results on /search/ when there is one; {count} is the number, {query} the words."),
    )
    search_results_many = models.CharField(
        _("search summary: several results"),
        max_length=120,
        default="{count} results for “{query}”",
        validators=[PlaceholderValidator("count", "query")],
        help_text=_("The same, for any other number of results."),
    )
    search_unranked_note = models.CharField(
        _("search summary: newest first"),
        max_length=160,
        default="newest first: add words to find the closest matches",
        help_text=_(
            "After the summary when a search matches so many pages that they are listed by date, not by relevance."
        ),
    )
    search_previous_label = models.CharField(
        _("search: previous results link"),
        max_length=60,
        default="Previous results",
        help_text=_("The link to the previous page of results."),
    )
    search_next_label = models.CharField(
        _("search: more results link"),
        max_length=60,
        default="More results",
        help_text=_("The link to the next page of results."),
    )
    pagination_text = models.CharField(
        _("page position"),
        max_length=60,
        default="Page {number} of {total}",
        validators=[PlaceholderValidator("number", "total")],
        help_text=_("Between the previous and next links of the blog and of search results."),
    )
    pagination_label = models.CharField(
        _("page links: screen reader name"),
        max_length=60,
        default="Pages",
        help_text=_("What screen readers call the previous and next links' navigation."),
    )
    main_menu_label = models.CharField(
        _("main menu: screen reader name"),
        max_length=60,
        default="Main",
        help_text=_("What screen readers call the header's menu."),
    )
    footer_menu_label = models.CharField(
        _("footer links: screen reader name"),
        max_length=60,
        default="Footer",
        help_text=_("What screen readers call the footer's links."),
    )
    breadcrumb_label = models.CharField(
        _("breadcrumbs: screen reader name"),
        max_length=60,
        default="Breadcrumb",
        help_text=_("What screen readers call the trail of links above each page's title."),
    )
    read_link_region_label = models.CharField(
        _("READ link: screen reader name"),
        max_length=60,
        default="Related article",
        help_text=_("What screen readers call each READ link box inside an article."),
    )
    form_refused_heading = models.CharField(
        _("form not sent: heading"),
        max_length=120,
        default="Your form was not sent",
        help_text=_(
            "The page shown when a form fails the browser security check (it was open too long, or cookies are "
            "blocked)."
        ),
    )
    form_refused_lead = models.CharField(
        _("form not sent: first paragraph"),
        max_length=300,
        default=(
            "For your security, we only accept forms that were opened on this site in the same browser, and we "
            "could not confirm that this one was."
        ),
        help_text=_("Under that heading: what happened, in a sentence."),
    )
    form_refused_text = RichTextField(
        _("form not sent: what to do"),
        features=["bold", "italic", "ul", "ol", "link"],
        default=FORM_REFUSED_TEXT,
        help_text=_("Why it happens and what to try; the phone line and the home page button follow."),
    )
    form_refused_call_text = models.CharField(
        _("form not sent: call us"),
        max_length=200,
        default="Or call us and we will book you in by phone:",
        help_text=_("Before the clinic's phone number."),
    )
    form_refused_home_link = models.CharField(
        _("form not sent: home link"),
        max_length=60,
        default="Go to the home page",
        help_text=_("The button at the foot of that page."),
    )
    skip_link_text = models.CharField(
        _("skip link"),
        max_length=60,
        default="Skip to main content",
        help_text=_("The first link on every page, shown when a keyboard user reaches it: it jumps past the menu."),
    )

    # Two tabs: the clinic's facts, and the site's texts grouped by where visitors read them.
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    MultiFieldPanel(
                        [
                            FieldPanel("clinic_name"),
                            FieldPanel("tagline"),
                            FieldPanel("phone"),
                            FieldPanel("email"),
                            FieldPanel("address"),
                            FieldPanel("opening_hours"),
                            FieldPanel("opening_hours_specification"),
                            FieldPanel("latitude"),
                            FieldPanel("longitude"),
                        ],
                        heading=_("Clinic"),
                    ),
                    FieldPanel("booking_call_to_action"),
                    FieldPanel("default_social_image"),
                ],
                heading=_("Clinic"),
            ),
            ObjectList(
                [
                    MultiFieldPanel(
                        [
                            FieldPanel("skip_link_text"),
                            FieldPanel("header_phone_label"),
                            FieldPanel("header_search_link"),
                            FieldPanel("footer_text"),
                            FieldPanel("footer_links"),
                            FieldPanel("main_menu_label"),
                            FieldPanel("footer_menu_label"),
                            FieldPanel("breadcrumb_label"),
                            FieldPanel("pagination_text"),
                            FieldPanel("pagination_label"),
                        ],
                        heading=_("Every page: header and footer"),
                    ),
                    MultiFieldPanel(
                        [
                            FieldPanel("written_by_label"),
                            FieldPanel("published_on_label"),
                            FieldPanel("reading_time_label"),
                            FieldPanel("reviewed_by_label"),
                            FieldPanel("reviewed_on_label"),
                            FieldPanel("contents_heading"),
                            FieldPanel("read_link_label"),
                            FieldPanel("read_link_region_label"),
                            FieldPanel("related_heading"),
                        ],
                        heading=_("Articles"),
                    ),
                    MultiFieldPanel(
                        [FieldPanel("specialties_heading"), FieldPanel("articles_by_label")],
                        heading=_("Clinicians' profiles"),
                    ),
                    MultiFieldPanel(
                        [
                            FieldPanel("search_heading"),
                            FieldPanel("search_label"),
                            FieldPanel("search_button"),
                            FieldPanel("search_results_one"),
                            FieldPanel("search_results_many"),
                            FieldPanel("search_unranked_note"),
                            FieldPanel("search_no_results"),
                            FieldPanel("search_previous_label"),
                            FieldPanel("search_next_label"),
                        ],
                        heading=_("Search page"),
                    ),
                    MultiFieldPanel(
                        [
                            FieldPanel("form_refused_heading"),
                            FieldPanel("form_refused_lead"),
                            FieldPanel("form_refused_text"),
                            FieldPanel("form_refused_call_text"),
                            FieldPanel("form_refused_home_link"),
                        ],
                        heading=_("Form not sent (security check)"),
                    ),
                    MultiFieldPanel(
                        [
                            FieldPanel("not_found_heading"),
                            FieldPanel("not_found_text"),
                            FieldPanel("not_found_home_link"),
                            FieldPanel("not_found_blog_link"),
                            FieldPanel("not_found_page"),
                        ],
                        heading=_("Page not found"),
                    ),
                ],
                heading=_("Site texts"),
            ),
        ]
    )
    # One query for the settings and the call to action they point at.
    select_related = ["booking_call_to_action", "booking_call_to_action__button_page", "default_social_image"]

    @classmethod
    def base_queryset(cls):
        # Wagtail's override point for how settings are read: the same query also asks whether a
        # visitor may open the call to action's page, so a private booking page loses its buttons at no cost.
        return (
            super()
            .base_queryset()
            .annotate(booking_button_page_visible=visible_to_visitors("booking_call_to_action__button_page__path"))
        )

    @classmethod
    def load(cls, request_or_site=None):
        clinic = super().load(request_or_site)
        call_to_action = clinic.booking_call_to_action
        if call_to_action and call_to_action.button_page and hasattr(clinic, "booking_button_page_visible"):
            call_to_action.button_page.visitor_may_see = clinic.booking_button_page_visible
        return clinic

    class Meta:
        verbose_name = _("clinic settings")

    def structured_data(self, site_url):
        """The clinic as schema.org's MedicalClinic, from the facts editors keep here."""
        clinic = {"@type": "MedicalClinic", "name": self.clinic_name, "url": site_url + "/"}
        if self.phone:
            clinic["telephone"] = self.phone
        if self.email:
            clinic["email"] = self.email
        if self.address:
            clinic["address"] = {"@type": "PostalAddress", "streetAddress": " ".join(self.address.split())}
        if self.latitude is not None and self.longitude is not None:
            clinic["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(self.latitude),
                "longitude": float(self.longitude),
            }
        hours = [block.value.specification() for block in self.opening_hours_specification]
        if hours:
            clinic["openingHoursSpecification"] = hours
        return clinic

    @property
    def map_url(self):
        """A link to the clinic on OpenStreetMap: a map for visitors with no third-party script on our pages."""
        if self.latitude is None or self.longitude is None:
            return ""
        lat, lon = f"{self.latitude:.5f}", f"{self.longitude:.5f}"
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"

    def footer_link_targets(self):
        """[(page id, the editor's label or "")] in the footer's order, read from the stored links without a query."""
        return [
            (link["value"]["page"], link["value"].get("label") or "")
            for link in self.footer_links.raw_data
            if link["value"].get("page")
        ]

    def not_found_link_url(self):
        """The URL of the page the "page not found" page links to, if that page is live and public, else ""."""
        if self.not_found_page_id is None:
            return ""
        page = live_public_pages().filter(pk=self.not_found_page_id).first()
        return (page.url or "") if page else ""

    def search_summary(self, count, query):
        """The line above search results: how many, for what (escaped where it is shown, like any text)."""
        return fill(self.search_results_one if count == 1 else self.search_results_many, count=count, query=query)

    def page_position(self, page_obj):
        """'Page 2 of 5' for a Django paginator page, in the editors' words."""
        return fill(self.pagination_text, number=page_obj.number, total=page_obj.paginator.num_pages)

    @property
    def phone_href(self):
        """A tel: link for the phone number: digits only, with the US country code."""
        digits = "".join(ch for ch in self.phone if ch.isdigit())
        if len(digits) == 10:
            digits = "1" + digits
        return f"tel:+{digits}" if digits else ""


SIGN_IN_PAUSED_TEXT = (
    "<p>This protects the clinic's site and patients' requests from password guessing.</p>"
    "<ul><li>Wait and try again, checking the username and that Caps Lock is off.</li>"
    "<li>Or ask a site administrator to unlock the account now (see the README: "
    "manage.py axes_reset_username).</li>"
    '<li>Forgotten your password? Use "Forgotten password?" on the sign-in page once it is unlocked.</li></ul>'
)


@register_setting(icon="lock")
class SignInTexts(BaseGenericSetting):
    """The words of the pages between a visitor and a private page, and of the paused sign-in.

    Apart from Clinic settings because only those three pages read them: every
    other page reads Clinic settings, and would pay for these columns too.
    """

    login_heading = models.CharField(
        _("sign-in heading"),
        max_length=120,
        default="Log in",
        help_text=_("The heading of the sign-in page a members-only page leads to (and its browser tab title)."),
    )
    login_username_label = models.CharField(
        _("sign-in: username label"), max_length=60, default="Username", help_text=_("Above the sign-in's first box.")
    )
    login_password_label = models.CharField(
        _("sign-in: password label"), max_length=60, default="Password", help_text=_("Above the sign-in's second box.")
    )
    login_button = models.CharField(
        _("sign-in button"), max_length=60, default="Log in", help_text=_("The button that sends the sign-in.")
    )
    login_failed = models.CharField(
        _("wrong username or password"),
        max_length=300,
        default="Your username and password didn't match. Please try again.",
        help_text=_("Shown when the sign-in fails."),
    )
    login_missing = models.CharField(
        _("sign-in: box left empty"),
        max_length=200,
        default="Enter both your username and your password.",
        help_text=_("Under the username or password box when it was sent empty."),
    )
    login_no_access = models.CharField(
        _("signed in without access"),
        max_length=300,
        default=(
            "Your account doesn't have access to this page. To proceed, please log in with an account that has access."
        ),
        help_text=_("Shown to someone already signed in whose account may not read the page."),
    )
    password_heading = models.CharField(
        _("password page heading"),
        max_length=120,
        default="Password required",
        help_text=_("The heading of the page that asks for a password-protected page's password."),
    )
    password_lead = models.CharField(
        _("password page text"),
        max_length=300,
        default="You need a password to access this page.",
        help_text=_("Under that heading. Nothing of the protected page shows until the password is given."),
    )
    password_label = models.CharField(
        _("password page: password label"), max_length=60, default="Password", help_text=_("Above the password box.")
    )
    password_button = models.CharField(
        _("password button"), max_length=60, default="Continue", help_text=_("The button that sends the password.")
    )
    password_wrong = models.CharField(
        _("wrong password"),
        max_length=300,
        default="The password you have entered is not correct. Please try again.",
        help_text=_("Shown above the password box when the password given is not the page's."),
    )
    password_missing = models.CharField(
        _("password left empty"),
        max_length=200,
        default="Enter the password.",
        help_text=_("Shown above the password box when it was sent empty."),
    )
    paused_heading = models.CharField(
        _("sign-in paused: heading"),
        max_length=120,
        default="Sign-in paused for this account",
        help_text=_("The page shown after too many wrong passwords in a row for one username (staff mostly)."),
    )
    paused_lead = models.CharField(
        _("sign-in paused: first paragraph"),
        max_length=400,
        default=(
            "There were {failure_limit} wrong passwords in a row for this username from your connection, so "
            "signing in to it from here is paused for a while (an hour, unless the clinic changed it)."
        ),
        validators=[PlaceholderValidator("failure_limit")],
        help_text=_("{failure_limit} is filled in with the number of wrong passwords that pause the sign-in."),
    )
    paused_text = RichTextField(
        _("sign-in paused: what to do"),
        features=["bold", "italic", "ul", "ol", "link"],
        default=SIGN_IN_PAUSED_TEXT,
        help_text=_("Why it happens and what to try (waiting, or asking a site administrator to unlock it)."),
    )
    paused_home_link = models.CharField(
        _("sign-in paused: home link"),
        max_length=60,
        default="Go to the home page",
        help_text=_("The button to the home page at the end of that page."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("login_heading"),
                FieldPanel("login_username_label"),
                FieldPanel("login_password_label"),
                FieldPanel("login_button"),
                FieldPanel("login_failed"),
                FieldPanel("login_missing"),
                FieldPanel("login_no_access"),
            ],
            heading=_("Sign-in for members-only pages"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("password_heading"),
                FieldPanel("password_lead"),
                FieldPanel("password_label"),
                FieldPanel("password_button"),
                FieldPanel("password_wrong"),
                FieldPanel("password_missing"),
            ],
            heading=_("Password-protected pages"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("paused_heading"),
                FieldPanel("paused_lead"),
                FieldPanel("paused_text"),
                FieldPanel("paused_home_link"),
            ],
            heading=_("Sign-in paused (too many wrong passwords)"),
        ),
    ]

    class Meta:
        verbose_name = _("sign-in page texts")
        verbose_name_plural = _("sign-in page texts")

    def paused_lead_for(self, failure_limit):
        """The paused page's first paragraph with the number of wrong passwords that paused the sign-in."""
        return fill(self.paused_lead, failure_limit=failure_limit)


class SitePageQuerySet(PageQuerySet):
    def private_q(self):
        """Pages under a view restriction (their own or an ancestor's), as Wagtail's ``.public()`` means.

        Wagtail's version first reads every restriction, one more query per
        listing; this asks the same question inside the listing's own query: is
        there a restriction on a page whose tree path starts this page's path?
        """
        return Q(Exists(restricted_ancestors()))


class BasePage(Page):
    """What every page type on the site shares.

    ``cache_query_params`` names the query parameters that change what the page
    shows; the page cache (recooperate.pagecache) keys a page's responses on
    those alone, so ``?utm_source=...`` or a random parameter neither misses
    the cache nor fills it.
    """

    cache_query_params = ()
    base_form_class = SitePageForm
    #: Open Graph's kind of page (link previews): "article" for articles.
    og_type = "website"
    #: Foreign keys a visitor's view of the page always follows, read with the page when it is routed.
    route_select_related = ()
    #: What a visitor may do with the page; anything else is a 405 (recooperate.security.PageMethodsMiddleware).
    allowed_http_methods = ("GET", "HEAD")

    objects = PageManager.from_queryset(SitePageQuerySet)()

    class Meta:
        abstract = True

    def serve_password_required_response(self, request, form, action_url):
        """Wagtail's "password required" page, given the form and nothing of this page.

        Wagtail's version renders the page's whole context (the page, its SEO tags and trail) into
        the template: a private page's title and description would reach anyone at its address,
        and get_context would do the page's work for a visitor who may not see it.
        """
        template = self.password_required_template or settings.WAGTAIL_PASSWORD_REQUIRED_TEMPLATE
        return TemplateResponse(request, template, {"form": form, "action_url": action_url})

    def filed_topic_ids(self):
        """The topics this page is filed under; a booking form reached from it preselects a fitting reason."""
        return set()

    @classmethod
    def route_annotations(cls):
        """Annotations read with the page when it is routed (name -> expression), such as whether a link is private."""
        return {}

    def route(self, request, path_components):
        """Wagtail's routing; the page found remembers the pages it was reached through.

        Those pages (the home page, the blog...) were read to route the request
        anyway: the breadcrumbs use them instead of reading the ancestors again.
        """
        result = self.route_to_page(request, path_components)
        if result.page is self:
            self.routed_ancestors = getattr(self, "routed_ancestors", [])
        else:
            result.page.routed_ancestors = [self, *getattr(result.page, "routed_ancestors", [])]
        return result

    def route_to_page(self, request, path_components):
        """Wagtail's routing, reading a child in one query where every child is of one page type.

        Wagtail reads the child as a plain Page and then its specific row: two
        queries a level. A section whose ``subpage_types`` allow a single type
        (the blog: articles) reads the child as that type straight away, with
        what its view needs and whether a view restriction covers it. Then the
        child routes the rest as Wagtail would; a routable page's own sub-URLs
        are tried before this is reached (RoutablePageMixin.route).
        """
        child_models = self.specific_class.allowed_subpage_models() if path_components else []
        if len(child_models) != 1:
            return super().route(request, path_components)
        child_model = child_models[0]
        children = (
            child_model.objects.child_of(self)
            .select_related(*getattr(child_model, "route_select_related", ()))
            .annotate(routed_view_restricted=Exists(restricted_ancestors()), **child_model.route_annotations())
        )
        try:
            # get(), as Wagtail's route does: a slug is unique among siblings, and unlike first() it adds no
            # ORDER BY, whose compilation (following the page link to its parent) was a third of the query's cost.
            child = children.get(slug=path_components[0])
        except child_model.DoesNotExist:
            raise Http404 from None
        return child.route(request, path_components[1:])

    def get_view_restrictions(self):
        """Wagtail's check, in one query or none.

        A page routed by ``route`` above already knows whether a restriction
        covers it (read in the same query as the page). Otherwise the ancestors'
        tree paths come from the page's own path, where Wagtail first reads the
        ancestors. Aliases keep Wagtail's version, which follows them to their
        source pages.
        """
        if self.alias_of_id:
            return super().get_view_restrictions()
        if getattr(self, "routed_view_restricted", None) is False:
            return PageViewRestriction.objects.none()
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        return PageViewRestriction.objects.filter(page__path__in=paths)

    def breadcrumbs(self, request=None):
        """[(title, url)] from the site's home page down to this page, this page last.

        A routed request already holds the pages above (``route``); a preview
        reads them in one query. Pages above that are not live are left out:
        Wagtail serves a live page under an unpublished one, and the trail must
        not link to a 404 or name a draft.
        """
        ancestors = getattr(self, "routed_ancestors", None)
        if ancestors is None:
            site_root_depth = 2  # Wagtail's tree root is depth 1; each site's home page sits below it
            ancestors = list(
                self.get_ancestors()
                .filter(depth__gte=site_root_depth)
                .only("title", "url_path", "path", "depth", "live")
            )
        return [(page.title, page.get_url(request)) for page in ancestors if page.live] + [
            (self.title, self.get_url(request))
        ]

    def get_meta_description(self):
        """What search results and link previews show under the title: the editor's text, else the page's intro."""
        return self.search_description or getattr(self, "intro", "") or getattr(self, "hero_text", "")

    def get_social_image(self):
        """The page's own image for link previews, if it has one (else Clinic settings give a default)."""
        return getattr(self, "listing_image", None) or getattr(self, "hero_image", None)

    def seo(self, request):
        """Canonical URL, description and link-preview image for <head> (templates/includes/seo.html)."""
        clinic = ClinicSettings.load(request_or_site=request)  # cached on the request
        _site_id, root_url, path = self.get_url_parts(request)
        image = self.get_social_image() or clinic.default_social_image
        crumbs = self.breadcrumbs(request)
        return {
            "url": root_url + path,
            "title": self.seo_title or self.title,
            "description": self.get_meta_description() or clinic.tagline,
            "image": urljoin(root_url, image.get_rendition(SOCIAL_IMAGE_SPEC).url) if image else "",
            "image_alt": image.default_alt_text if image else "",
            "type": self.og_type,
            "breadcrumbs": crumbs,
            "breadcrumb_list": {
                "@context": "https://schema.org",
                "@type": "BreadcrumbList",
                "itemListElement": [
                    {"@type": "ListItem", "position": position, "name": title, "item": urljoin(root_url, url)}
                    for position, (title, url) in enumerate(crumbs, start=1)
                ],
            },
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["seo"] = self.seo(request)
        return context

    def is_cacheable_request(self, request):
        """Whether the page cache may keep this response; override to refuse some requests.

        Called only for anonymous GET and HEAD requests of a live, public page.
        """
        return True


class HomePage(BasePage):
    """The site's front page: a welcome, the newest pages of a chosen section and the booking call to action."""

    hero_heading = models.CharField(
        _("hero heading"), max_length=120, help_text=_("The large heading at the top of the home page.")
    )
    hero_text = models.TextField(
        _("hero text"),
        max_length=500,
        blank=True,
        help_text=_(
            "A sentence or two under the hero heading; also the home page's description in search results and "
            "link previews when the Promote tab gives none."
        ),
    )
    hero_phone_label = models.CharField(
        _("hero phone label"),
        max_length=40,
        default="Or call",
        help_text=_("Before the clinic's phone number, beside the hero's booking button."),
    )
    hero_image = models.ForeignKey(
        CustomImage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The photo beside the hero heading; also the picture in the home page's link previews."),
    )
    latest_heading = models.CharField(
        _("latest articles heading"),
        max_length=80,
        default="From the blog",
        help_text=_("The heading above the newest pages listed on the home page."),
    )
    latest_section = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("latest articles from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The section whose newest pages the home page lists, usually the blog."),
    )
    programs_heading = models.CharField(
        _("programs heading"),
        max_length=80,
        default="How we help runners",
        help_text=_("The heading above the programs listed on the home page."),
    )
    programs_section = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("programs from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The section whose pages the home page lists as cards under the hero, usually Programs."),
    )
    difference_heading = models.CharField(
        _("what makes us different: heading"),
        max_length=120,
        default="What makes a running clinic different",
        help_text=_("The heading above the points below, on the home page."),
    )
    difference = StreamField(
        [("point", HighlightBlock())],
        blank=True,
        verbose_name=_("what makes us different"),
        help_text=_("Short points, each a heading and a sentence or two, shown side by side on the home page."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_heading"),
        FieldPanel("hero_text"),
        FieldPanel("hero_phone_label"),
        FieldPanel("hero_image"),
        MultiFieldPanel([FieldPanel("programs_heading"), PageChooserPanel("programs_section")], heading=_("Programs")),
        MultiFieldPanel(
            [FieldPanel("difference_heading"), FieldPanel("difference")], heading=_("What makes us different")
        ),
        MultiFieldPanel(
            [FieldPanel("latest_heading"), PageChooserPanel("latest_section")], heading=_("Latest articles")
        ),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "blog.BlogIndexPage",
        "blog.ProgramsPage",
        "blog.TeamPage",
        "booking.BookingPage",
        "recooperate.StandardPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def latest_pages(self, count=3):
        """The newest live, public pages of the chosen section, as bakerydemo lists a featured section."""
        return section_pages(self.latest_section, count)

    def programs(self, count=6):
        """The clinic's programs: the live, public pages of the chosen section, in its order."""
        return section_pages(self.programs_section, count)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_pages"] = self.latest_pages()
        context["programs"] = self.programs()
        context["structured_data"] = self.structured_data(request)
        return context

    def structured_data(self, request=None):
        """The clinic as schema.org's MedicalClinic (address, phone, hours, map position), from Clinic settings."""
        clinic = ClinicSettings.load(request_or_site=request)  # cached on the request: no extra query
        _site_id, site_url, _path = self.get_url_parts(request)
        return {"@context": "https://schema.org", "@id": site_url + "/#clinic", **clinic.structured_data(site_url)}


def section_pages(section, count):
    """Up to ``count`` live, public pages of ``section``, ready for cards.

    A section page may define ``listing_pages()`` (in its own order, with what
    a card shows, as the blog index and the programs page do); otherwise its
    live, public children are listed in tree order. Nothing here knows which
    app the section is from. Children of a private section are left out:
    ``.public()`` follows restrictions down the tree.
    """
    if section is None:
        return []
    section = section.specific
    if hasattr(section, "listing_pages"):
        return list(section.listing_pages()[:count])
    return list(section.get_children().live().public().specific()[:count])


class StandardPage(BasePage):
    """A general page: about, contact and location, the first visit, insurance, the privacy notice."""

    intro = models.TextField(
        _("intro"),
        max_length=500,
        blank=True,
        help_text=_("A sentence or two under the title; also the page's teaser."),
    )
    body = StreamField(
        PageBodyBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_(
            "The page's content under the intro: text, section headings, photos, quotes, questions and answers, "
            "calls to action, the clinic's address and hours, patient stories."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["recooperate.HomePage", "recooperate.StandardPage"]
    subpage_types = ["recooperate.StandardPage"]

    class Meta:
        verbose_name = _("standard page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["faq_structured_data"] = faq_page_data(self.body)
        return context


@register_snippet
class PatientStory(models.Model):
    """A patient's story in their own words, published only with their written consent, recorded here.

    No review markup goes with it: search engines ignore or penalise a
    business's reviews of itself, and these are stories, not ratings.
    """

    name = models.CharField(
        _("name shown"),
        max_length=80,
        help_text=_('How the patient agreed to be named, for example "Maya R., Brooklyn".'),
    )
    about = models.CharField(
        _("about the runner"),
        max_length=120,
        blank=True,
        help_text=_('Shown under the name, for example "Marathoner, back to racing after a stress fracture".'),
    )
    story = models.TextField(_("story"), max_length=800, help_text=_("The patient's words, as they approved them."))
    consent_given_on = models.DateField(
        _("consent given on"),
        help_text=_("The day the patient agreed in writing to this story being published. No consent, no story."),
    )
    consent_record = models.CharField(
        _("where the consent is kept"),
        max_length=200,
        help_text=_('For staff only, never shown: for example "Signed form, in the patient\'s file".'),
    )
    consent_withdrawn_on = models.DateField(
        _("consent withdrawn on"),
        null=True,
        blank=True,
        help_text=_("If the patient withdraws consent, enter the day: the story leaves every page at once."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("about"),
        FieldPanel("story"),
        MultiFieldPanel(
            [FieldPanel("consent_given_on"), FieldPanel("consent_record"), FieldPanel("consent_withdrawn_on")],
            heading=_("Consent"),
        ),
    ]

    class Meta:
        verbose_name = _("patient story")
        verbose_name_plural = _("patient stories")
        ordering = ["-consent_given_on", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        today = timezone.localdate()
        if self.consent_given_on and self.consent_given_on > today:
            raise ValidationError({"consent_given_on": _("Consent cannot be dated in the future.")})
        if self.consent_withdrawn_on and self.consent_given_on and self.consent_withdrawn_on < self.consent_given_on:
            raise ValidationError({"consent_withdrawn_on": _("Consent cannot be withdrawn before it was given.")})

    @property
    def may_be_shown(self):
        return self.consent_withdrawn_on is None
