"""Small builders for test data. Each returns saved, published objects unless told otherwise."""

import io
import itertools
import uuid

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.models import Page, Site

from blog.models import ArticlePage, ArticlePageAuthor, ArticleRelatedPick, BlogIndexPage, Clinician, Topic
from recooperate.models import CallToAction, ClinicSettings, CustomImage, HomePage, StandardPage

_counter = itertools.count(1)


def make_image(*, title=None, credit="", size=(1600, 900), colour=(11, 93, 87)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "JPEG")
    n = next(_counter)
    image = CustomImage(
        title=title or f"Test image {n}",
        file=ImageFile(buffer, name=f"test-{n}.jpg"),
        credit=credit,
        description=f"Alt text for test image {n}",
    )
    image.save()
    return image


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_site_tree():
    """Home page as the default site's root, with the blog and a /book/ page under it."""
    root = Page.get_first_root_node()
    for page in root.get_children():
        page.delete()
    home = HomePage(title="Home", slug="home", hero_heading="Run without pain")
    root.add_child(instance=home)
    publish(home)
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True, site_name="Test")
    blog = BlogIndexPage(title="Blog", slug="blog", show_in_menus=True)
    home.add_child(instance=blog)
    publish(blog)
    book = StandardPage(title="Book an appointment", slug="book", intro="Call us.", show_in_menus=True)
    home.add_child(instance=book)
    publish(book)
    cta = CallToAction.objects.create(
        name="Site-wide booking",
        heading="Ready to run without pain?",
        text="Book an evaluation.",
        button_text="Book now",
        button_page=book,
    )
    settings = ClinicSettings.load()
    settings.booking_call_to_action = cta
    settings.save()
    return {"home": home, "blog": blog, "book": book, "cta": cta}


def make_clinician(**fields):
    defaults = {"name": "Dr. Jason Cooper", "credentials": "PT, DPT, CSCS, ART", "role": "Founder"}
    return Clinician.objects.create(**{**defaults, **fields})


def make_topic(name="Running injuries", slug=None):
    return Topic.objects.get_or_create(slug=slug or name.lower().replace(" ", "-"), defaults={"name": name})[0]


def block(kind, value):
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def make_article(blog, *, title=None, slug=None, authors=(), topics=(), picks=(), body=(), live=True, **fields):
    n = next(_counter)
    title = title or f"Article {n}"
    article = ArticlePage(
        title=title,
        slug=slug or f"article-{n}",
        intro=fields.pop("intro", f"Teaser for {title}."),
        body=list(body) or [block("paragraph", "<p>Some words about running.</p>")],
        **fields,
    )
    article.article_authors = [ArticlePageAuthor(clinician=c, sort_order=i) for i, c in enumerate(authors)]
    article.topics = list(topics)
    article.related_picks = [ArticleRelatedPick(article=a, sort_order=i) for i, a in enumerate(picks)]
    blog.add_child(instance=article)
    if live:
        publish(article)
    else:
        article.live = False
        article.save_revision()
        article.save()
    return ArticlePage.objects.get(pk=article.pk)
