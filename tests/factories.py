"""Small builders for test data. Each returns saved, published objects unless told otherwise."""

import io
import itertools
import uuid

from django.core.files.images import ImageFile
from django.test import TestCase
from PIL import Image as PILImage
from wagtail.models import Page, Site

from blog.models import ArticlePage, ArticleRelatedPick, BlogIndexPage, Clinician
from booking.models import BookingPage
from recooperate.models import CallToAction, ClinicSettings, CustomImage, HomePage, Topic

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
    """Publish as an editor would, running what waits for the commit (invalidating the page cache)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
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
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True, site_name="Test")
    blog = BlogIndexPage(title="Blog", slug="blog", show_in_menus=True)
    home.add_child(instance=blog)
    publish(blog)
    home.latest_section = blog
    publish(home)
    book = BookingPage(
        title="Book an appointment",
        slug="book",
        intro="Tell us what is bothering you.",
        privacy_text="<p>We use what you send only to arrange your appointment.</p>",
        thank_you_text="<p>We will contact you within one working day.</p>",
        show_in_menus=True,
    )
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
    settings.not_found_page = blog
    settings.save()
    return {"home": home, "blog": blog, "book": book, "cta": cta}


def make_clinician(**fields):
    defaults = {"name": "Dr. Jason Cooper", "credentials": "PT, DPT, CSCS, ART", "role": "Founder"}
    return Clinician.objects.create(**{**defaults, **fields})


def make_topic(name="Running injuries", slug=None):
    return Topic.objects.get_or_create(slug=slug or name.lower().replace(" ", "-"), defaults={"name": name})[0]


def block(kind, value):
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def make_article(
    blog, *, title=None, slug=None, author=None, topics=(), picks=(), body=(), live=True, via_publish=True, **fields
):
    """An article under ``blog``. ``via_publish=False`` saves it live without Wagtail's publish
    (no signals, no rendering): fast enough to fill a blog with hundreds."""
    n = next(_counter)
    title = title or f"Article {n}"
    article = ArticlePage(
        title=title,
        slug=slug or f"article-{n}",
        intro=fields.pop("intro", f"Teaser for {title}."),
        body=list(body) or [block("paragraph", "<p>Some words about running.</p>")],
        author=author,
        **fields,
    )
    article.topics = list(topics)
    article.related_picks = [ArticleRelatedPick(article=a, sort_order=i) for i, a in enumerate(picks)]
    if live and not via_publish:
        article.live = True
        blog.add_child(instance=article)
        return ArticlePage.objects.get(pk=article.pk)
    blog.add_child(instance=article)
    if live:
        publish(article)
    else:
        article.live = False
        article.save_revision()
        article.save()
    return ArticlePage.objects.get(pk=article.pk)


# Booking


def booking_form_data(page, *, seconds_ago=60, key=None, **overrides):
    """A valid booking POST for ``page``'s form, as a visitor sends it ``seconds_ago`` after it was shown."""
    import time

    from booking.formkeys import issue_form_key

    data = {
        "first_name": "Maya",
        "last_name": "Okafor",
        "email": "maya.okafor@example.com",
        "phone": "(212) 555-0147",
        "preferred_contact": "phone",
        "patient_type": "new",
        "reason": "lingering_pain",
        "reason_details": "Left knee aches after long runs",
        "body_area": "knee",
        "payment": "insurance",
        "has_referral": "no",
        "preferred_times": ["mon-morning", "wed-evening"],
        "preferred_date_1": "",
        "preferred_date_2": "",
        "preferred_date_3": "",
        "consent_to_contact": "on",
        "privacy_acknowledged": "on",
        "website": "",
        "source": "",
        "form_key": issue_form_key(privacy_version=page.privacy_version, issued_at=time.time() - seconds_ago, key=key),
    }
    data.update(overrides)
    return data


def appointment_request_data(**overrides):
    """What the booking form hands the service for a typical new patient (cleaned values)."""
    return {
        "first_name": "Maya",
        "last_name": "Okafor",
        "email": "maya.okafor@example.com",
        "phone": "+12125550147",
        "preferred_contact": "phone",
        "patient_type": "new",
        "reason": "lingering_pain",
        "reason_details": "Left knee aches after long runs",
        "body_area": "knee",
        "payment": "insurance",
        "has_referral": "no",
        "preferred_times": ["mon-morning"],
        "preferred_dates": [],
        "consent_to_contact": True,
        **overrides,
    }


def make_appointment_request(*, source_page=None, status=None, created_at=None, spam_reason="", **fields):
    """A stored appointment request, made through the service as the booking form does."""
    from booking.models import AppointmentRequest
    from booking.services import appointment_request_create

    data = appointment_request_data(**{"email": f"patient{next(_counter)}@example.com", **fields})
    appointment_request, _created = appointment_request_create(
        data=data,
        form_key=uuid.uuid4(),
        privacy_notice_version="1:test",
        source_page=source_page,
        spam_reason=spam_reason,
        now=created_at,
    )
    if status is not None:
        AppointmentRequest.objects.filter(pk=appointment_request.pk).update(status=status)
        appointment_request.refresh_from_db()
    return appointment_request


def login_superuser(client, username="admin"):
    """A signed-in superuser for admin tests. force_login, since Client.login() passes no request and
    django-axes (the login lockout) refuses to authenticate without one."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_superuser(username, f"{username}@example.com", "password")
    client.force_login(user)
    return user
