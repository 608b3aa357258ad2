"""No search box answers 500, whatever is typed into it (wagtail/wagtail#13227: FTS5 and '"').

Each admin listing and chooser that searches through Wagtail's search backend
is tried with inputs that SQLite FTS5 reads as syntax; every one must answer
200 and still find what a plain query finds.
"""

import pytest

from tests.factories import make_article, make_image

pytestmark = pytest.mark.django_db

NASTY = [
    '"',
    '""',
    '"shin',
    'shin"',
    '"shin splints"',
    'a"b',
    "'",
    "\\",
    "*",
    "shin*",
    "(",
    ")",
    "AND",
    "NOT",
    "OR shin",
    "-shin",
    "shin:",
    "^shin",
    "NEAR(shin",
    "{shin}",
    "shin + splints",
    "🏃",
    "\x00",  # PostgreSQL refuses a NUL byte in any text value
    "shin\x00splints",
    "  ",
    "x" * 300,
]

SEARCH_BOXES = [
    "/admin/pages/search/?q={}",
    "/admin/images/?q={}",
    "/admin/documents/?q={}",
    "/admin/snippets/blog/clinician/?q={}",
    "/admin/snippets/recooperate/calltoaction/?q={}",
    "/admin/snippets/recooperate/topic/?q={}",
    "/admin/choose-page/search/?q={}",
    "/admin/images/chooser/results/?q={}",
    "/admin/documents/chooser/results/?q={}",
    "/admin/snippets/choose/blog/clinician/results/?q={}",
    "/admin/snippets/choose/recooperate/calltoaction/results/?q={}",
]


@pytest.fixture
def content(blog, clinician):
    make_article(blog, title="Shin splints and how to stop them", author=clinician)
    make_image(title="Shin splints diagram")


@pytest.mark.parametrize("url", SEARCH_BOXES)
def test_admin_search_boxes_answer_every_input(admin_client, content, url):
    from urllib.parse import quote

    for text in NASTY:
        response = admin_client.get(url.format(quote(text)))
        assert response.status_code == 200, (text, response.status_code)


def test_quotes_still_find_what_they_name(admin_client, content):
    response = admin_client.get('/admin/pages/search/?q="shin splints"')
    assert b"Shin splints and how to stop them" in response.content
    response = admin_client.get('/admin/images/?q="shin')
    assert b"Shin splints diagram" in response.content


@pytest.mark.parametrize(
    "url",
    ["/admin/snippets/recooperate/calltoaction/?q={}", "/admin/snippets/choose/recooperate/calltoaction/results/?q={}"],
)
def test_an_editor_finds_a_call_to_action_by_the_start_of_a_word(admin_client, site_tree, url):
    """Editors type the first letters into the snippet listing and the chooser, as they do for pages."""
    assert site_tree["cta"].name == "Site-wide booking"
    response = admin_client.get(url.format("Site-wi"))
    assert b"Site-wide booking" in response.content
    response = admin_client.get(url.format("Ready to r"))  # the start of its heading
    assert b"Site-wide booking" in response.content
