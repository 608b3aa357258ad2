"""General pages (about, contact, first visit...), patient stories, and the footer's links."""

import datetime
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from recooperate.models import ClinicSettings, PatientStory, StandardPage
from tests.factories import block, publish

pytestmark = pytest.mark.django_db


def add_page(parent, *, title, slug, body=(), **fields):
    page = StandardPage(title=title, slug=slug, body=list(body), **fields)
    parent.add_child(instance=page)
    return publish(page)


def make_story(name="Maya R., Brooklyn", **fields):
    defaults = {
        "about": "Marathoner",
        "story": "I ran my autumn marathon without pain.",
        "consent_given_on": datetime.date(2025, 9, 2),
        "consent_record": "Signed form, patient file",
    }
    return PatientStory.objects.create(name=name, **{**defaults, **fields})


def json_ld(html):
    return [json.loads(data) for data in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def test_the_contact_block_shows_the_clinic_settings_and_follows_their_edits(client, site_tree):
    clinic = ClinicSettings.load()
    clinic.address = "1 Example Street\nNew York, NY 10010"
    clinic.phone = "(212) 555-0147"
    clinic.email = "hello@example.com"
    clinic.opening_hours = "Monday to Friday, 7am to 8pm"
    clinic.latitude, clinic.longitude = "40.741100", "-73.989700"
    clinic.save()
    directions = "<p>The 6 train stops at 23rd Street.</p>"
    contact = add_page(
        site_tree["home"],
        title="Location and contact",
        slug="contact",
        body=[block("clinic_details", {"heading": "Find us", "directions": directions})],
    )

    html = client.get(contact.url).content.decode()

    assert "1 Example Street<br>New York, NY 10010" in html
    assert '<a href="tel:+12125550147">(212) 555-0147</a>' in html
    assert '<a href="mailto:hello@example.com">' in html
    assert "Monday to Friday, 7am to 8pm" in html and directions in html
    # A link to a map, not an embedded third-party map.
    assert 'href="https://www.openstreetmap.org/?mlat=40.74110&amp;mlon=-73.98970#map=17/40.74110/-73.98970"' in html
    assert "<iframe" not in html

    clinic.phone = "(212) 555-0199"
    clinic.save()
    assert '<a href="tel:+12125550199">(212) 555-0199</a>' in client.get(contact.url).content.decode()

    # The block's own labels, as the editor words them.
    assert "<h3>Address</h3>" in html and "<h3>Opening hours</h3>" in html
    labels = {"address_heading": "Where", "contact_heading": "Call or write", "hours_heading": "When"}
    assert '<span class="visually-hidden"> (on OpenStreetMap)</span>' in html
    contact.body = [
        block(
            "clinic_details",
            {"heading": "Find us", "map_link_text": "Open the map", "map_link_note": "(leaves this site)", **labels},
        )
    ]
    publish(contact)
    html = client.get(contact.url).content.decode()
    for label in labels.values():
        assert f"<h3>{label}</h3>" in html
    assert '>Open the map<span class="visually-hidden"> (leaves this site)</span>' in html
    assert "<h3>Address</h3>" not in html and "OpenStreetMap)" not in html


def test_a_general_page_offers_the_article_blocks_and_its_faq_is_structured_data(client, site_tree):
    page = add_page(
        site_tree["home"],
        title="Your first visit",
        slug="first-visit",
        intro="What to expect.",
        body=[
            block("section_heading", {"heading": "What to bring", "anchor": ""}),
            block("paragraph", "<ul><li>Your running shoes</li></ul>"),
            block(
                "faq",
                {
                    "heading": "Questions",
                    "questions": [{"question": "Do I need a referral?", "answer": "<p>No.</p>"}],
                },
            ),
        ],
    )

    html = client.get(page.url).content.decode()

    assert '<h2 id="what-to-bring" class="section-heading">What to bring</h2>' in html
    assert "<li>Your running shoes</li>" in html
    (faq,) = [data for data in json_ld(html) if data.get("@type") == "FAQPage"]
    assert faq["mainEntity"][0]["name"] == "Do I need a referral?"


def test_stories_show_only_while_consent_stands_and_carry_no_review_markup(client, site_tree):
    maya = make_story()
    daniel = make_story("Daniel K., Upper West Side", story="I finished my first half marathon.")
    page = add_page(
        site_tree["home"],
        title="Patient stories",
        slug="stories",
        body=[block("patient_stories", {"heading": "In their own words", "items": [maya.pk, daniel.pk]})],
    )

    html = client.get(page.url).content.decode()
    assert "Maya R., Brooklyn" in html and "I ran my autumn marathon without pain." in html
    assert "Daniel K., Upper West Side" in html
    # Stories, not ratings: no Review or AggregateRating for search engines, and the consent record stays staff-only.
    assert not re.search(r"Review|AggregateRating|ratingValue", json.dumps(json_ld(html)))
    assert "Signed form, patient file" not in html

    daniel.consent_withdrawn_on = datetime.date(2025, 11, 1)
    daniel.save()
    html = client.get(page.url).content.decode()
    assert "Daniel K." not in html and "first half marathon" not in html
    assert "Maya R., Brooklyn" in html

    maya.delete()
    assert "Maya R." not in client.get(page.url).content.decode()
    assert client.get(page.url).status_code == 200


def test_a_story_needs_its_consent_recorded_with_dates_that_make_sense():
    story = PatientStory(name="Maya R.", story="Better now.")
    with pytest.raises(ValidationError) as error:
        story.full_clean()
    assert {"consent_given_on", "consent_record"} <= set(error.value.message_dict)

    story.consent_record = "Signed form"
    story.consent_given_on = datetime.date.today() + datetime.timedelta(days=3)
    with pytest.raises(ValidationError, match="future"):
        story.full_clean()

    story.consent_given_on = datetime.date(2025, 9, 2)
    story.consent_withdrawn_on = datetime.date(2025, 9, 1)
    with pytest.raises(ValidationError, match="before it was given"):
        story.full_clean()


def set_footer(*links):
    clinic = ClinicSettings.load()
    clinic.footer_links = [block("link", {"page": page.pk, "label": label}) for page, label in links]
    clinic.save()


def footer_links(html):
    footer = re.search(r'<nav class="site-footer__nav" aria-label="Footer">(.*?)</nav>', html, re.S)
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', footer.group(1)) if footer else []


def test_the_footer_lists_the_chosen_pages_in_order_and_only_those_visitors_may_read(client, site_tree):
    home = site_tree["home"]
    privacy = add_page(home, title="Privacy notice", slug="privacy")
    about = add_page(home, title="About the clinic", slug="about")
    members = add_page(home, title="Members area", slug="members")
    draft = add_page(home, title="Coming soon", slug="soon")
    draft.unpublish()
    set_footer((about, "About us"), (privacy, ""), (members, ""), (draft, ""))
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)

    html = client.get("/blog/").content.decode()

    assert footer_links(html) == [("/about/", "About us"), ("/privacy/", "Privacy notice")]
    assert "Members area" not in html and "Coming soon" not in html
    # Pages not marked "Show in menus" stay out of the header's menu.
    assert '<a href="/about/"' not in html.split("<footer")[0]


def test_the_menu_and_footer_cost_one_query_however_many_links(client, site_tree, settings):
    settings.PAGE_CACHE_ENABLED = False
    home = site_tree["home"]
    pages = [add_page(home, title=f"Page {number}", slug=f"page-{number}", show_in_menus=True) for number in range(6)]
    client.get("/blog/")  # warm up: settings, site, content types

    set_footer()
    with CaptureQueriesContext(connection) as without_links:
        client.get("/blog/")
    set_footer(*[(page, "") for page in pages])
    with CaptureQueriesContext(connection) as with_links:
        html = client.get("/blog/").content.decode()

    assert [label for _url, label in footer_links(html)] == [f"Page {number}" for number in range(6)]
    assert len(with_links) == len(without_links)


def test_a_rich_text_body_becomes_headings_and_text_and_comes_back():
    """recooperate 0009's conversion, for the pages and for their saved revisions (drafts, history)."""
    from recooperate.migration_helpers import body_blocks_to_html, html_to_body_blocks

    blocks = html_to_body_blocks('<p>Intro</p><h2 id="x">What we <b>keep</b></h2><p>Names &amp; emails.</p>')

    assert [(block["type"], block["value"]) for block in blocks] == [
        ("paragraph", "<p>Intro</p>"),
        ("section_heading", {"heading": "What we keep", "anchor": ""}),
        ("paragraph", "<p>Names &amp; emails.</p>"),
    ]
    assert all(block["id"] for block in blocks)
    assert body_blocks_to_html(blocks) == "<p>Intro</p><h2>What we keep</h2><p>Names &amp; emails.</p>"
    assert html_to_body_blocks("") == []
    # A block rich text cannot hold stops the way back instead of vanishing.
    with pytest.raises(ValueError, match="clinic_details"):
        body_blocks_to_html([*blocks, {"type": "clinic_details", "value": {"heading": "Find us"}}])
