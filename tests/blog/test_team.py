"""The team page and each clinician's profile: who they are, their articles, and a byline that links there."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase

from blog.models import ClinicianPage, TeamPage
from recooperate.models import HomePage, StandardPage
from tests.factories import make_article, make_clinician, make_image, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(site_tree):
    page = TeamPage(title="Our team", slug="team", intro="Physical therapists who run.", show_in_menus=True)
    site_tree["home"].add_child(instance=page)
    publish(page)
    return page


def add_profile(team, clinician, **fields):
    page = ClinicianPage(
        title=clinician.name,
        slug=fields.pop("slug", None) or clinician.name.lower().replace(" ", "-").replace(".", ""),
        clinician=clinician,
        **fields,
    )
    team.add_child(instance=page)
    publish(page)
    return page


def test_the_team_page_lists_each_published_profile_in_the_editors_order(client, team):
    cooper = make_clinician(name="Dr. Jason Cooper", credentials="PT, DPT", role="Founder", photo=make_image())
    ruiz = make_clinician(name="Dr. Ana Ruiz", credentials="PT, DPT, OCS", role="Physical therapist")
    hidden = make_clinician(name="Dr. Draft Person")
    add_profile(team, cooper)
    add_profile(team, ruiz)
    add_profile(team, hidden).unpublish()

    html = client.get(team.url).content.decode()

    assert html.index("Dr. Jason Cooper, PT, DPT") < html.index("Dr. Ana Ruiz, PT, DPT, OCS")
    assert '<a href="/team/dr-jason-cooper/">Dr. Jason Cooper, PT, DPT</a>' in html
    assert "Dr. Draft Person" not in html
    assert '<a href="/team/"' in client.get("/").content.decode()  # in the main menu


def test_a_profile_shows_the_clinician_their_articles_and_a_person_for_search_engines(client, team, blog):
    cooper = make_clinician(
        name="Dr. Jason Cooper",
        credentials="PT, DPT",
        role="Founder",
        bio="Runs every day.",
        specialties="Running injuries\n\n  Gait analysis  \n",
    )
    profile = add_profile(team, cooper, body="<h2>Training</h2><p>Doctor of Physical Therapy.</p>")
    mine = make_article(blog, title="Shin splints explained", author=cooper)
    make_article(blog, title="Someone else's article", author=make_clinician(name="Dr. Other"))
    draft = make_article(blog, title="Not yet published", author=cooper, live=False)

    html = client.get(profile.url).content.decode()

    assert "<h1>Dr. Jason Cooper, PT, DPT</h1>" in html
    assert "Runs every day." in html and "Doctor of Physical Therapy." in html
    assert mine.title in html
    assert "Someone else&#x27;s article" not in html and draft.title not in html
    (person,) = [
        data
        for data in map(json.loads, re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S))
        if data.get("@type") == "Person"
    ]
    assert person["name"] == "Dr. Jason Cooper" and person["honorificSuffix"] == "PT, DPT"
    assert person["url"] == profile.full_url and person["worksFor"]["@type"] == "MedicalClinic"
    assert person["knowsAbout"] == ["Running injuries", "Gait analysis"]
    assert '<ul class="profile__specialties"><li>Running injuries</li><li>Gait analysis</li></ul>' in html
    assert '<meta name="description" content="Runs every day.">' in html


def test_a_private_article_is_not_listed_on_the_profile(client, team, blog):
    cooper = make_clinician(name="Dr. Jason Cooper")
    profile = add_profile(team, cooper)
    private = make_article(blog, title="Members only", author=cooper)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert "Members only" not in client.get(profile.url).content.decode()


def test_the_byline_links_to_the_profile_while_it_is_published(client, team, blog):
    cooper = make_clinician(name="Dr. Jason Cooper", credentials="PT, DPT")
    profile = add_profile(team, cooper)
    article = make_article(blog, title="Shin splints explained", author=cooper)
    link = '<span class="byline__name"><a href="/team/dr-jason-cooper/">Dr. Jason Cooper, PT, DPT</a></span>'
    assert link in client.get(article.url).content.decode()

    profile.unpublish()
    html = client.get(article.url).content.decode()
    assert link not in html
    assert '<span class="byline__name">Dr. Jason Cooper, PT, DPT</span>' in html


@pytest.mark.parametrize("restricted", ["profile", "team"])
def test_the_byline_does_not_link_to_a_private_profile(client, team, blog, restricted):
    cooper = make_clinician(name="Dr. Jason Cooper", credentials="PT, DPT")
    profile = add_profile(team, cooper)
    article = make_article(blog, title="Shin splints explained", author=cooper)
    # Restricting the profile itself, or the team page above it, makes the profile private.
    PageViewRestriction.objects.create(
        page=profile if restricted == "profile" else team, restriction_type=PageViewRestriction.LOGIN
    )

    html = client.get(article.url).content.decode()

    assert "/team/dr-jason-cooper/" not in html
    assert '<span class="byline__name">Dr. Jason Cooper, PT, DPT</span>' in html
    # A preview is not routed, so it asks the question itself, and gets the same answer.
    assert article.author_profile_page is None


def test_a_profile_costs_the_same_queries_however_many_articles_its_clinician_wrote(client, team, blog, settings):
    settings.PAGE_CACHE_ENABLED = False
    cooper = make_clinician(name="Dr. Jason Cooper", photo=make_image())
    profile = add_profile(team, cooper)

    def queries():
        client.get(profile.url)  # renditions of new images are made on their first view
        with CaptureQueriesContext(connection) as captured:
            assert client.get(profile.url).status_code == 200
        return [query["sql"][:120] for query in captured]

    make_article(blog, author=cooper, listing_image=make_image(), via_publish=False)
    with_one = queries()
    for _ in range(8):
        make_article(blog, author=cooper, listing_image=make_image(), via_publish=False)
    with_nine = queries()
    assert len(with_nine) == len(with_one) <= 12, with_nine


class TeamPageTypesTests(WagtailPageTestCase):
    def test_the_team_lives_under_home_and_holds_only_profiles(self):
        self.assertAllowedParentPageTypes(TeamPage, {HomePage})
        self.assertAllowedSubpageTypes(TeamPage, {ClinicianPage})
        self.assertAllowedParentPageTypes(ClinicianPage, {TeamPage})
        self.assertCanNotCreateAt(StandardPage, ClinicianPage)


def test_the_demo_has_the_team_and_the_founders_profile_linked_from_his_articles(client):
    from recooperate.demo.loader import load_demo_content

    load_demo_content()
    assert client.get("/team/").status_code == 200
    profile = client.get("/team/jason-cooper/").content.decode()
    assert "<h1>Dr. Jason Cooper, PT, DPT, CSCS, ART</h1>" in profile
    assert "5 Signs You Might Need Running-Specific Physical Therapy" in profile
    article = client.get("/blog/5-signs-you-might-need-running-specific-physical-therapy/").content.decode()
    assert '<a href="/team/jason-cooper/">Dr. Jason Cooper, PT, DPT, CSCS, ART</a>' in article
    # Loading again adds nothing and changes nothing.
    load_demo_content()
    assert ClinicianPage.objects.count() == 1 and TeamPage.objects.count() == 1
