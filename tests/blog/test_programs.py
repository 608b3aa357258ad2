"""The clinic's programs: a page listing them and a page each, found by the site search, with FAQs for search engines."""

import json
import re

import pytest
from wagtail.test.utils import WagtailPageTestCase

from blog.models import ProgramPage, ProgramsPage
from recooperate.demo import content
from recooperate.demo.loader import load_demo_content
from recooperate.models import HomePage
from tests.factories import block, publish

pytestmark = pytest.mark.django_db


def json_ld_objects(html):
    return [json.loads(s) for s in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


@pytest.fixture
def programs(site_tree):
    page = ProgramsPage(title="Programs", slug="programs", intro="Care built around running.", show_in_menus=True)
    site_tree["home"].add_child(instance=page)
    publish(page)
    return page


def add_program(programs, title, **fields):
    page = ProgramPage(
        title=title,
        slug=fields.pop("slug", title.lower().replace(" ", "-")),
        intro=fields.pop("intro", f"About {title}."),
        body=fields.pop("body", [block("paragraph", "<p>What happens.</p>")]),
        **fields,
    )
    programs.add_child(instance=page)
    publish(page)
    return page


def test_the_programs_page_lists_published_programs_in_the_editors_order(client, programs):
    add_program(programs, "Running gait analysis")
    add_program(programs, "Return to running")
    add_program(programs, "Draft program").unpublish()
    html = client.get(programs.url).content.decode()
    assert html.index("Running gait analysis") < html.index("Return to running")
    assert '<a href="/programs/running-gait-analysis/">Running gait analysis</a>' in html
    assert "Draft program" not in html
    assert '<a href="/programs/"' in client.get("/").content.decode()  # in the main menu


def test_a_program_page_shows_its_blocks_and_its_faq_for_search_engines(client, programs):
    faq = {"heading": "Questions", "questions": [{"question": "What should I bring?", "answer": "<p>Your shoes.</p>"}]}
    program = add_program(
        programs,
        "Running gait analysis",
        body=[block("section_heading", {"heading": "What happens", "anchor": ""}), block("faq", faq)],
    )
    html = client.get(program.url).content.decode()
    assert '<h1 class="article__title">Running gait analysis</h1>' in html
    assert "What should I bring?" in html
    (faq_page,) = [data for data in json_ld_objects(html) if data.get("@type") == "FAQPage"]
    assert faq_page["mainEntity"][0]["acceptedAnswer"]["text"] == "Your shoes."


def test_the_site_search_finds_a_program_by_what_it_is(client, programs):
    add_program(programs, "Running gait analysis", intro="A video look at your stride.")
    html = client.get("/search/?q=gait+analysis").content.decode()
    assert "/programs/running-gait-analysis/" in html


def test_the_demo_has_the_clinics_five_programs_and_gait_analysis_is_found_by_search(client):
    load_demo_content()
    html = client.get("/programs/").content.decode()
    for program in content.PROGRAMS:
        assert f'<a href="/programs/{program["slug"]}/">' in html, program["slug"]
    assert len(content.PROGRAMS) == 5
    program = client.get("/programs/running-gait-analysis/").content.decode()
    assert "Questions about gait analysis" in program
    assert "/programs/running-gait-analysis/" in client.get("/search/?q=gait+analysis").content.decode()
    load_demo_content()
    assert ProgramPage.objects.count() == len(content.PROGRAMS)


class ProgramPageTypesTests(WagtailPageTestCase):
    def test_programs_live_under_the_programs_page_under_home(self):
        self.assertAllowedParentPageTypes(ProgramsPage, {HomePage})
        self.assertAllowedSubpageTypes(ProgramsPage, {ProgramPage})
        self.assertAllowedParentPageTypes(ProgramPage, {ProgramsPage})
