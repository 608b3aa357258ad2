"""Private means private everywhere: no listing, link or menu shows a page a visitor may not see."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageViewRestriction

from recooperate.models import StandardPage
from tests.factories import block, make_article, make_topic, publish

pytestmark = pytest.mark.django_db

HIDDEN = "The hidden article"


@pytest.fixture
def pages(site_tree, blog):
    """A hidden-to-be article, and another article that links to it and lists it as related."""
    topic = make_topic("Running injuries")
    target = make_article(blog, title=HIDDEN, topics=[topic], date=datetime.date(2030, 1, 1))
    other = make_article(
        blog, title="The reader's article", topics=[topic], body=[block("read_link", {"page": target.pk})]
    )
    return {"target": target, "other": other, "topic": topic, "blog": blog}


def places(pages):
    """Every public place an article may appear: READ link and related list, blog index, topic page, home, sitemap."""
    blog = pages["blog"]
    return {
        "article": pages["other"].url,
        "blog index": blog.url,
        "topic filter": f"{blog.url}?topic={pages['topic'].slug}",
        "topic page": f"{blog.url}topic/{pages['topic'].slug}/",
        "home": "/",
        # the first page of the sitemap index (/sitemap.xml), which holds every URL of this small site
        "sitemap": "/sitemap-pages.xml",
    }


def assert_shown_everywhere(client, pages, shown):
    for place, url in places(pages).items():
        html = client.get(url).content.decode()
        found = HIDDEN in html or pages["target"].url in html
        assert found is shown, f"{place}: expected {'shown' if shown else 'hidden'}"


def test_a_live_public_article_appears_in_every_place(client, pages):
    assert_shown_everywhere(client, pages, shown=True)


@pytest.mark.parametrize("kind", [PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD])
def test_a_private_article_appears_nowhere(client, pages, kind):
    PageViewRestriction.objects.create(page=pages["target"], restriction_type=kind, password="x")
    assert_shown_everywhere(client, pages, shown=False)


def test_an_article_in_a_private_section_appears_nowhere(client, pages, site_tree):
    """A restriction on an ancestor covers every page below it."""
    section = StandardPage(title="Members", slug="members")
    site_tree["home"].add_child(instance=section)
    publish(section)
    PageViewRestriction.objects.create(page=pages["blog"], restriction_type=PageViewRestriction.LOGIN)
    html = client.get("/sitemap-pages.xml").content.decode()
    assert HIDDEN not in html and pages["target"].url not in html
    assert "/members/" in html


def test_an_unpublished_article_appears_nowhere(client, pages):
    pages["target"].unpublish()
    assert_shown_everywhere(client, pages, shown=False)


def test_an_expired_article_appears_nowhere_once_the_scheduler_runs(client, pages):
    target = pages["target"]
    target.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    publish(target)
    call_command("publish_scheduled")
    assert_shown_everywhere(client, pages, shown=False)


def test_a_private_page_leaves_the_menu(client, site_tree):
    assert 'href="/book/"' in client.get("/").content.decode()
    PageViewRestriction.objects.create(page=site_tree["book"], restriction_type=PageViewRestriction.LOGIN)
    assert 'href="/book/"' not in client.get("/").content.decode()


def call_to_action_pages(site_tree, blog):
    """An article with a reusable call to action and a box of its own, each leading to a page of its own."""
    from recooperate.models import CallToAction

    physio = StandardPage(title="Physio for runners", slug="physio")
    site_tree["home"].add_child(instance=physio)
    publish(physio)
    contact = StandardPage(title="Contact", slug="contact")
    site_tree["home"].add_child(instance=contact)
    publish(contact)
    reusable = CallToAction.objects.create(
        name="Physio", heading="See a physio", button_text="Find out more", button_page=physio
    )
    article = make_article(
        blog,
        title="Boxes",
        body=[
            block("call_to_action", {"call_to_action": reusable.pk, "heading": "", "text": "", "button_text": ""}),
            block("call_to_action", {"heading": "Write to us", "button_text": "Contact us", "button_page": contact.pk}),
        ],
    )
    return article, {"site-wide": site_tree["book"], "reusable": physio, "own": contact}


def buttons_to(client, url, targets):
    """Which of ``targets`` (name -> page) a visitor at ``url`` is offered a button or link to."""
    html = client.get(url).content.decode()
    return {name for name, page in targets.items() if f'href="{page.url}' in html}


@pytest.mark.parametrize("restricted", ["page", "section"])
def test_no_call_to_action_leads_to_a_private_page(client, site_tree, blog, restricted):
    """Header, home hero, closing band and body boxes drop their button while its page is private."""
    article, targets = call_to_action_pages(site_tree, blog)
    assert buttons_to(client, article.url, targets) == {"site-wide", "reusable", "own"}
    assert buttons_to(client, "/", targets) == {"site-wide"}
    for page in targets.values():
        if restricted == "page":
            PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
        else:  # a restriction on the page's parent covers it too
            section = StandardPage(title=f"Members {page.slug}", slug=f"members-{page.slug}")
            site_tree["home"].add_child(instance=section)
            publish(section)
            page.move(section, pos="last-child")
            page.refresh_from_db()
            PageViewRestriction.objects.create(
                page=section, restriction_type=PageViewRestriction.PASSWORD, password="x"
            )
    assert buttons_to(client, article.url, targets) == set()
    assert buttons_to(client, "/", targets) == set()
    html = client.get(article.url).content.decode()
    assert "See a physio" in html and "Write to us" in html  # the boxes stay, without a button


def test_no_call_to_action_leads_to_an_unpublished_page(client, site_tree, blog):
    article, targets = call_to_action_pages(site_tree, blog)
    for page in targets.values():
        page.unpublish()
    assert buttons_to(client, article.url, targets) == set()


# What a visitor sees at a private page's address


def test_a_password_page_is_in_the_sites_layout_and_shows_nothing_of_the_page(client, blog):
    private = make_article(blog, title="Behind a password", intro="What only patients may read.")
    private.search_description = "A description kept private."
    private.save_revision().publish()
    restriction = PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="run"
    )
    html = client.get(private.url).content.decode()
    assert 'class="site-header"' in html and '<meta name="robots" content="noindex">' in html
    assert 'name="password"' in html and f"/_util/authenticate_with_password/{restriction.pk}/{private.pk}/" in html
    for secret in ("Behind a password", "What only patients may read.", "A description kept private.", private.slug):
        assert secret not in html.replace(f'value="{private.url}"', ""), secret

    wrong = client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{private.pk}/",
        {"password": "walk", "return_url": private.url},
    )
    assert wrong.status_code == 200 and 'class="site-header"' in wrong.content.decode()
    assert "Behind a password" not in wrong.content.decode()


def test_the_sign_in_for_a_login_only_page_is_in_the_sites_layout(client, blog):
    private = make_article(blog, title="For signed-in readers")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(private.url, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0].startswith("/_util/login/?next=")
    assert 'class="site-header"' in html and 'name="username"' in html and 'name="password"' in html
    assert "For signed-in readers" not in html
    wrong = client.post("/_util/login/", {"username": "nobody", "password": "wrong", "next": private.url})
    assert wrong.status_code == 200 and "didn" in wrong.content.decode()
