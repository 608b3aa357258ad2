"""The home page: BOOK NOW and the phone on the first screen, the programs, what makes the clinic different."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from blog.models import ProgramsPage
from recooperate.models import ClinicSettings
from tests.blog.test_programs import add_program
from tests.factories import block, make_image, publish

pytestmark = pytest.mark.django_db

# As the blog index and the home page without programs (tests/blog/test_performance.py), plus the programs' query.
HOME_QUERIES = 11


@pytest.fixture
def home(site_tree):
    programs = ProgramsPage(title="Programs", slug="programs", intro="Care built around running.")
    site_tree["home"].add_child(instance=programs)
    publish(programs)
    home = site_tree["home"]
    home.programs_section = programs
    home.difference = [
        block("point", {"heading": "We watch you run", "text": "Your stride on video."}),
        block("point", {"heading": "One therapist", "text": "The same person every visit."}),
    ]
    publish(home)
    clinic = ClinicSettings.load()
    clinic.phone = "(212) 555-0147"
    clinic.save()
    return {"home": home, "programs": programs}


def hero(html):
    return re.search(r'<section class="hero">(.*?)</section>', html, re.S).group(1)


def query_count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_hero_offers_book_now_and_the_phone(client, home):
    first_screen = hero(client.get("/").content.decode())
    assert re.search(r'<a class="button button--large" href="/book/\?from=\d+">Book now</a>', first_screen)
    assert '<a class="hero__phone" href="tel:+12125550147">Or call <span' in first_screen
    home["home"].hero_phone_label = "Or phone us on"
    publish(home["home"])
    assert '<a class="hero__phone" href="tel:+12125550147">Or phone us on <span' in hero(
        client.get("/").content.decode()
    )


def test_the_programs_and_points_are_listed_in_the_editors_order(client, home):
    add_program(home["programs"], "Running gait analysis", listing_image=make_image())
    add_program(home["programs"], "Performance training")

    html = client.get("/").content.decode()

    assert '<h2 id="programs-heading">How we help runners</h2>' in html
    assert html.index(">Running gait analysis</a>") < html.index(">Performance training</a>")
    assert html.index("We watch you run") < html.index("One therapist")
    assert "Your stride on video." in html


def test_a_private_or_unpublished_program_is_not_on_the_home_page(client, home):
    private = add_program(home["programs"], "Members only")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    add_program(home["programs"], "Not ready").unpublish()
    html = client.get("/").content.decode()
    assert "Members only" not in html and "Not ready" not in html
    assert 'id="programs-heading"' not in html  # no heading over an empty list


def test_the_home_page_costs_the_same_queries_with_one_program_or_six(client, home):
    image = make_image()
    add_program(home["programs"], "Program 0", listing_image=image)
    one = query_count(client, "/")
    for number in range(1, 6):
        add_program(home["programs"], f"Program {number}", listing_image=image)
    six = query_count(client, "/")
    assert client.get("/").content.decode().count('class="card__title"') == 6
    assert one == six <= HOME_QUERIES


def test_no_book_now_button_leads_to_an_unpublished_booking_page(client, home, site_tree):
    site_tree["book"].unpublish()
    html = client.get("/").content.decode()
    assert 'href="/book/' not in html
    assert '<a class="hero__phone" href="tel:+12125550147">' in hero(html)  # the phone is still offered
