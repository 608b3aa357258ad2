"""Writes the demo site. Safe to run again: it finds what exists and brings it up to date."""

import uuid
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.models import Page, Site

from blog.services import articles_render_all
from blog.models import ArticlePage, ArticlePageAuthor, ArticleRelatedPick, BlogIndexPage, Clinician, Topic
from booking.models import BookingPage, BookingReasonForTopic, Reason
from recooperate.models import CallToAction, ClinicSettings, CustomImage, HomePage, StandardPage

from . import content

IMAGE_DIR = Path(__file__).with_name("images")


def _publish(page):
    page.save_revision().publish()
    return page


def _child(parent, model, slug, **fields):
    """The live child of `parent` with `slug`, created or updated with `fields`."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    return page


def load_images():
    images = {}
    for key, meta in content.IMAGES.items():
        image = CustomImage.objects.filter(title=meta["title"]).first()
        if image is None:
            path = IMAGE_DIR / f"{key}.jpg"
            with path.open("rb") as handle:
                image = CustomImage(title=meta["title"], file=ImageFile(handle, name=path.name))
                image.description = meta["description"]
                image.credit = meta["credit"]
                image.save()
        else:
            image.description = meta["description"]
            image.credit = meta["credit"]
            image.save(update_fields=["description", "credit"])
        images[key] = image
    return images


def load_home(images):
    root = Page.get_first_root_node()
    fields = {
        "title": "Home",
        "seo_title": "Physical Therapy for Runners in New York City",
        "hero_heading": "Run without the pain that keeps coming back",
        "hero_text": (
            "ReCOOPERate PT is a New York City physical-therapy clinic for runners. We find why it hurts, "
            "treat it, and get you back to the miles you love."
        ),
        "hero_image": images["runner-on-track"],
        "search_description": (
            "Running-specific physical therapy in New York City: gait analysis, manual therapy and strength training."
        ),
    }
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's first migration leaves a plain "Welcome" page at /; ours replaces it.
        for page in root.get_children().exact_type(Page):
            page.delete()
        home = HomePage(slug="home", **fields)
        root.add_child(instance=home)
    else:
        for name, value in fields.items():
            setattr(home, name, value)
    _publish(home)
    # The site's address is where `make run` serves it, so full URLs (canonical links) point there.
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname = address.hostname or "localhost"
    site.port = address.port or (443 if address.scheme == "https" else 80)
    site.root_page = home
    site.site_name = "ReCOOPERate PT"
    site.save()
    return home


def load_book_page(home):
    """The booking page at /book/, with the reason each article topic preselects.

    Earlier versions of the demo made /book/ a plain StandardPage; that page is
    replaced (the call to action and the articles' buttons are pointed at the new
    one by the steps that follow).
    """
    for old in StandardPage.objects.child_of(home).filter(slug="book"):
        old.delete()
    book = _child(
        home,
        BookingPage,
        "book",
        title="Book an appointment",
        intro=(
            "Tell us a little about what is bothering you and when you are free. A member of the team "
            "replies within one working day to find a time that suits your training."
        ),
        privacy_text=(
            "<p>We use what you send here only to arrange your appointment. It is kept in the clinic's "
            "booking system, seen only by the staff who handle appointments, never sold or shared, and "
            "removed once it is no longer needed. We will not send health details by email.</p>"
        ),
        privacy_notice_version="2025-09",
        thank_you_heading="Thank you: we have your request",
        thank_you_text=(
            "<p>A member of the team will contact you within one working day, by the method you chose, "
            "to find a time for your evaluation. A confirmation is on its way to your email address.</p>"
            "<p>Nothing is booked until we have spoken, so there is nothing to pay yet.</p>"
        ),
        show_in_menus=True,
    )
    topics = {
        slug: Topic.objects.get_or_create(slug=slug, defaults={"name": name})[0] for name, slug in content.TOPICS
    }
    book.reason_topics = [
        BookingReasonForTopic(topic=topics[slug], reason=reason, sort_order=position)
        for position, (slug, reason) in enumerate(
            [
                ("running-injuries", Reason.RECURRING_INJURY),
                ("chronic-pain", Reason.LINGERING_PAIN),
                ("mobility", Reason.INJURY_PREVENTION),
            ]
        )
    ]
    return _publish(book)


def load_call_to_action(book):
    cta, _created = CallToAction.objects.update_or_create(
        name="Book now (site-wide)",
        defaults={
            "heading": "Ready to run without pain?",
            "text": (
                "Book an evaluation with a running specialist at ReCOOPERate PT. We look at how you run, "
                "find what is holding you back and build a plan around your goals."
            ),
            "button_text": "Book now",
            "button_page": book,
            "button_url": "",
        },
    )
    settings = ClinicSettings.load()
    settings.clinic_name = "ReCOOPERate PT"
    settings.tagline = "Physical therapy for runners in New York City"
    settings.phone = "(212) 555-0147"
    settings.email = "hello@recooperatept.com"
    settings.address = "New York, NY"
    settings.opening_hours = "Monday to Friday, 7am to 8pm\nSaturday, 8am to 2pm"
    settings.booking_call_to_action = cta
    settings.footer_text = "Information on this site is general and is not a substitute for an evaluation."
    settings.save()
    return cta


def load_blog(home, images, book):
    blog = _child(
        home,
        BlogIndexPage,
        "blog",
        title="Blog",
        intro="Advice for runners from the physical therapists at ReCOOPERate PT.",
        show_in_menus=True,
    )
    _publish(blog)

    clinician, _created = Clinician.objects.update_or_create(
        name=content.CLINICIAN["name"],
        defaults={
            "credentials": content.CLINICIAN["credentials"],
            "role": content.CLINICIAN["role"],
            "bio": content.CLINICIAN["bio"],
            "photo": images[content.CLINICIAN["photo"]],
        },
    )
    topics = {
        slug: Topic.objects.update_or_create(slug=slug, defaults={"name": name})[0]
        for name, slug in content.TOPICS
    }

    # First pass: every article exists, so READ links and picks can point at any of them.
    articles = {}
    for spec in content.ARTICLES:
        article = ArticlePage.objects.child_of(blog).filter(slug=spec["slug"]).first()
        if article is None:
            article = ArticlePage(
                slug=spec["slug"], title=spec["title"], intro=spec["intro"], date=spec["date"], body=[]
            )
            article.article_authors = [ArticlePageAuthor(clinician=clinician)]
            blog.add_child(instance=article)
        articles[spec["slug"]] = article

    for spec in content.ARTICLES:
        article = articles[spec["slug"]]
        article.title = spec["title"]
        article.seo_title = spec.get("seo_title", "")
        article.search_description = spec.get("search_description", spec["intro"])
        article.intro = spec["intro"]
        article.date = spec["date"]
        article.listing_image = images[spec["image"]]
        article.topics = [topics[slug] for slug in spec["topics"]]
        article.article_authors = [ArticlePageAuthor(clinician=clinician, sort_order=0)]
        article.related_picks = [
            ArticleRelatedPick(article=articles[slug], sort_order=position)
            for position, slug in enumerate(spec.get("related", []))
        ]
        article.body = [_raw_block(kind, value, images, articles, book) for kind, value in spec["body"]]
        _publish(article)
    return blog, articles


def _raw_block(kind, value, images, articles, book):
    if kind == "read_link":
        value = {"page": articles[value].pk}
    elif kind == "image":
        value = {**value, "image": images[value["image"]].pk}
    elif kind == "call_to_action":
        value = {"call_to_action": None, "button_page": book.pk, **value}
    elif kind == "section_heading":
        value = {"anchor": "", **value}
    return {"type": kind, "value": value, "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{kind}:{value}"))}


@transaction.atomic
def load_demo_content():
    images = load_images()
    home = load_home(images)
    book = load_book_page(home)
    load_call_to_action(book)
    blog, articles = load_blog(home, images, book)
    articles_render_all()
    return {"home": home, "blog": blog, "book": book, "articles": articles}
