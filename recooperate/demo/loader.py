"""Writes the demo site: what it never made before, and nothing else unless asked to restore.

Once the demo exists it is the editors' site. `load_demo_content` runs on every
`make run`, so it never changes, publishes or unpublishes what it finds, and it
does not bring back what an editor deleted. `restore_demo_content` is the
explicit way back: it writes the demo's content over every demo object,
publishes the demo's pages and recreates the deleted ones.

How the demo finds its objects whatever editors renamed: when it makes one, it
writes Wagtail's "created" log entry for it with the object's demo key in the
entry's data (``{"demo_key": "article:<original slug>"}``). Log entries are the
admin's history: editors never edit them, a new title or slug leaves them as
they are, and they stay when the object is deleted, which tells "deleted by an
editor" apart from "never made". So no extra model is needed, and each demo
object's history in the admin says the system created it.

A database filled by an older version of the demo has no such entries. Each of
its objects is found once the way that version found it (slug under the
parent, image title, clinician or call-to-action name, topic slug), recorded,
and left as it is.
"""

import io
import uuid
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.fields import StreamField
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, Page, PageLogEntry, Site

from blog.models import (
    ArticlePage,
    ArticleRelatedPick,
    BlogIndexPage,
    Clinician,
    ClinicianPage,
    ProgramPage,
    ProgramsPage,
    TeamPage,
)
from booking.models import BookingPage, BookingReasonForTopic
from recooperate.models import CallToAction, ClinicSettings, CustomImage, HomePage, PatientStory, StandardPage, Topic

from . import content

IMAGE_DIR = Path(__file__).with_name("images")
CREATED = "wagtail.create"
DEMO_KEY = "demo_key"


@transaction.atomic
def load_demo_content():
    """Create whatever part of the demo site was never created; leave everything that exists as it is.

    Returns the demo's pages that exist (home, blog, book, and articles by their
    original slug) and, as "created", the keys of the objects this call made.
    """
    return DemoRun(restore=False).load()


@transaction.atomic
def restore_demo_content():
    """Write the demo's content over every demo object and publish its pages, recreating deleted ones."""
    return DemoRun(restore=True).load()


class DemoRun:
    """One pass over the demo's objects: finds each by its key, makes what is missing, overwrites when restoring."""

    def __init__(self, *, restore):
        self.restore = restore
        self.created = []  # keys of the objects this run made
        # key -> primary key of the object it names; a restore that remade an object wrote the newest entry.
        self.records = {}
        for log_model, object_field in ((PageLogEntry, "page_id"), (ModelLogEntry, "object_id")):
            entries = log_model.objects.filter(action=CREATED, data__has_key=DEMO_KEY).order_by("timestamp", "pk")
            for data, object_id in entries.values_list("data", object_field):
                self.records[data[DEMO_KEY]] = str(object_id)

    def load(self):
        images = {key: self.get_image(key, meta) for key, meta in content.IMAGES.items()}
        topics = {
            slug: self.get(f"topic:{slug}", Topic, legacy=Topic.objects.filter(slug=slug), name=name, slug=slug)
            for name, slug in content.TOPICS
        }
        clinician = self.get(
            "clinician",
            Clinician,
            legacy=Clinician.objects.filter(name=content.CLINICIAN["name"]),
            **{**content.CLINICIAN, "photo": images[content.CLINICIAN["photo"]]},
        )
        home, write_home = self.get_home(images)
        book = self.get_booking_page(home, topics)
        call_to_action = self.get(
            "call-to-action",
            CallToAction,
            legacy=CallToAction.objects.filter(name=content.CALL_TO_ACTION["name"]),
            button_page=book,
            **content.CALL_TO_ACTION,
        )
        blog, articles = self.get_blog(home, images, topics, clinician)
        self.get_team(home, clinician)
        programs = self.get_programs(home, images, articles)
        stories = [
            self.get(
                f"story:{spec['name']}", PatientStory, legacy=PatientStory.objects.filter(name=spec["name"]), **spec
            )
            for spec in content.PATIENT_STORIES
        ]
        pages = self.get_standard_pages(home, stories)
        # Last, so that the footer can link to the pages above.
        self.get(
            "clinic-settings",
            ClinicSettings,
            legacy=filled_in_clinic_settings(),
            new=ClinicSettings.load,
            booking_call_to_action=call_to_action,
            not_found_page=blog,
            footer_links=[
                {"type": "link", "value": {"page": pages[key].pk, "label": ""}}
                for key in content.FOOTER_PAGES
                if pages.get(key)
            ],
            **content.CLINIC_SETTINGS,
        )
        if "book" in self.created:
            book.move(home, pos="last-child")  # the menu lists pages in tree order: booking comes last
        if write_home:
            home.latest_section = blog
            home.programs_section = programs
            publish(home)
            point_default_site_at(home)
        return {"home": home, "blog": blog, "book": book, "articles": articles, "created": self.created}

    # Finding and making demo objects.

    def find(self, key, model, legacy=None):
        """(object, write): the demo's object `key`, and whether this run writes the demo's content into it.

        The object is None when it does not exist: either never made (then it is
        written) or deleted by an editor (then only a restore writes it again).
        `legacy` is a queryset that finds it in a database from before records.
        """
        if key in self.records:
            found = model.objects.filter(pk=self.records[key]).first()
        else:
            found = legacy.first() if legacy is not None else None
            if found is not None:
                self.record(key, found)
        if found is not None:
            return found, self.restore
        return None, self.restore or key not in self.records

    def record(self, key, obj):
        """Tie `key` to `obj` with Wagtail's "created" entry: one per object, written when it is made or adopted."""
        if self.records.get(key) != str(obj.pk):
            log(obj, CREATED, data={DEMO_KEY: key})
            self.records[key] = str(obj.pk)

    def made(self, key, obj):
        self.record(key, obj)
        self.created.append(key)
        return obj

    def get(self, key, model, *, legacy=None, new=None, **fields):
        """The demo's snippet, image or setting `key`, saved with `fields` if this run writes it."""
        obj, write = self.find(key, model, legacy)
        if write:
            is_new = obj is None
            obj = obj or (new or model)()
            set_fields(obj, fields)
            obj.save()
            if is_new:
                self.made(key, obj)
        return obj

    def get_image(self, key, meta):
        """A demo image; restoring puts back its texts and keeps the file an editor may have replaced."""
        return self.get(
            f"image:{key}",
            CustomImage,
            legacy=CustomImage.objects.filter(title=meta["title"]),
            new=lambda: CustomImage(file=demo_image_file(key)),
            **meta,
        )

    def get_page(self, key, model, parent, **fields):
        """(page, write): the demo's page `key`; when `write`, the caller completes and publishes it."""
        legacy = model.objects.child_of(parent).filter(slug=fields["slug"]) if parent else None
        page, write = self.find(key, model, legacy)
        if not write:
            return page, False
        if page is None:
            if parent is None:  # an editor deleted the page it would live under
                return None, False
            if Page.objects.child_of(parent).filter(slug=fields["slug"]).exists():
                return None, False  # an editor's own page holds that address: theirs stays, the demo's is not made
            return self.add_page(key, parent, model(**fields)), True
        if page.get_siblings(inclusive=False).filter(slug=fields["slug"]).exists():
            fields = {**fields, "slug": page.slug}  # restoring: keep the address an editor's page did not take
        set_fields(page, fields)
        return page, True

    def add_page(self, key, parent, page):
        # A draft until its content is complete: each new page gets one revision, published once.
        page.live = False
        parent.add_child(instance=page)
        return self.made(key, page)

    # The pages.

    def get_home(self, images):
        fields = {**content.HOME, "slug": "home", "hero_image": images[content.HOME_HERO_IMAGE]}
        home, write = self.find("home", HomePage, legacy=HomePage.objects.all())
        if write and home is None:
            root = Page.get_first_root_node()
            # Wagtail's first migration leaves a plain "Welcome" page at /, holding the slug ours takes.
            for page in root.get_children().exact_type(Page):
                page.delete()
            home = self.add_page("home", root, HomePage(**fields))
        elif write:
            set_fields(home, fields)
        return home, write

    def get_booking_page(self, home, topics):
        book, write = self.get_page("book", BookingPage, home, **content.BOOKING_PAGE)
        if write:
            book.reason_topics = [
                BookingReasonForTopic(topic=topics[slug], reason=reason, sort_order=position)
                for position, (slug, reason) in enumerate(content.BOOKING_REASONS)
                if topics[slug]
            ]
            publish(book)
        return book

    def get_programs(self, home, images, articles):
        programs, write = self.get_page("programs", ProgramsPage, home, **content.PROGRAMS_PAGE)
        if write:
            publish(programs)
        for spec in content.PROGRAMS:
            fields = {key: value for key, value in spec.items() if key not in ("image", "body")}
            program, write = self.get_page(
                f"program:{spec['slug']}", ProgramPage, programs, listing_image=images[spec["image"]], **fields
            )
            if write and program is not None:
                program.body = [
                    block
                    for kind, value in spec["body"]
                    if (block := raw_block(kind, value, images, articles)) is not None
                ]
                publish(program)
        return programs

    def get_standard_pages(self, home, stories):
        """The general pages (first visit, insurance, contact...), by key; the stories page lists the demo's stories."""
        pages = {}
        for spec in content.STANDARD_PAGES:
            fields = {key: value for key, value in spec.items() if key not in ("key", "body")}
            page, write = self.get_page(f"page:{spec['key']}", StandardPage, home, **fields)
            if write and page is not None:
                page.body = [
                    block for kind, value in spec["body"] if (block := raw_block(kind, value, stories=stories))
                ]
                publish(page)
            pages[spec["key"]] = page
        return pages

    def get_team(self, home, clinician):
        team, write = self.get_page("team", TeamPage, home, **content.TEAM_PAGE)
        if write:
            publish(team)
        if clinician is None:  # an editor deleted the demo's clinician: no profile to make
            return
        profile, write = self.get_page(
            "clinician-page", ClinicianPage, team, clinician=clinician, **content.CLINICIAN_PAGE
        )
        if write and profile is not None:
            publish(profile)

    def get_blog(self, home, images, topics, clinician):
        blog, write = self.get_page("blog", BlogIndexPage, home, **content.BLOG)
        if write:
            publish(blog)
        # Every article exists before any is completed, so READ links and picks can point at any of them.
        found = {
            spec["slug"]: self.get_page(f"article:{spec['slug']}", ArticlePage, blog, **article_fields(spec, images))
            for spec in content.ARTICLES
        }
        articles = {slug: article for slug, (article, _write) in found.items()}
        for spec in content.ARTICLES:
            article, write = found[spec["slug"]]
            if not write:
                continue
            article.topics = [topics[slug] for slug in spec["topics"] if topics[slug]]
            article.author = clinician
            article.related_picks = [
                ArticleRelatedPick(article=articles[slug], sort_order=position)
                for position, slug in enumerate(spec.get("related", []))
                if articles[slug]
            ]
            blocks = (raw_block(kind, value, images, articles) for kind, value in spec["body"])
            article.body = [block for block in blocks if block]
            publish(article)
        return blog, {slug: article for slug, article in articles.items() if article}


def article_fields(spec, images):
    return {
        "slug": spec["slug"],
        "title": spec["title"],
        "seo_title": spec.get("seo_title", ""),
        "search_description": spec.get("search_description", spec["intro"]),
        "intro": spec["intro"],
        "date": spec["date"],
        "listing_image": images[spec["image"]],
    }


def raw_block(kind, value, images=None, articles=None, stories=()):
    """A body block in StreamField's stored form, or None if it points at something an editor deleted."""
    if kind == "patient_stories":
        items = [story.pk for story in stories if story]
        if not items:
            return None
        value = {**value, "items": items}
    elif kind == "clinic_details":
        value = {"directions": "", **value}
    elif kind == "read_link":
        if not articles[value]:
            return None
        value = {"page": articles[value].pk}
    elif kind == "image":
        if not images[value["image"]]:
            return None
        value = {**value, "image": images[value["image"]].pk}
    elif kind == "call_to_action":
        # No page of its own: the button leads to the booking page of the site-wide call to action.
        value = {"call_to_action": None, "button_page": None, **value}
    elif kind == "section_heading":
        value = {"anchor": "", **value}
    # A fixed id, so restoring the same content writes the same block ids.
    return {"type": kind, "value": value, "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{kind}:{value}"))}


def filled_in_clinic_settings():
    """The settings row unless it is exactly as `ClinicSettings.load()` first makes it: only a fresh row is the demo's to fill."""
    fresh = ClinicSettings()
    defaults = {
        field.attname: getattr(fresh, field.attname)
        for field in ClinicSettings._meta.concrete_fields
        # A StreamField's empty value does not compare in SQL; the other fields tell a fresh row apart.
        if not isinstance(field, StreamField)
    }
    del defaults[ClinicSettings._meta.pk.attname]
    return ClinicSettings.objects.exclude(**defaults)


def demo_image_file(key):
    path = IMAGE_DIR / f"{key}.jpg"
    return ImageFile(io.BytesIO(path.read_bytes()), name=path.name)


def set_fields(obj, fields):
    for name, value in fields.items():
        setattr(obj, name, value)


def publish(page):
    page.save_revision().publish()


def point_default_site_at(home):
    # The site's address is where `make run` serves it, so full URLs (canonical links) point there.
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname = address.hostname or "localhost"
    site.port = address.port or (443 if address.scheme == "https" else 80)
    site.root_page = home
    site.site_name = content.SITE_NAME
    site.save()
