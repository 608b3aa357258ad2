"""Site-wide behaviour: routing, menu, settings, error pages and their caches."""

import pytest
from django.test import override_settings
from wagtail.models import PageViewRestriction

from recooperate.models import ClinicSettings, StandardPage
from tests.factories import block, make_article, make_topic, publish

pytestmark = pytest.mark.django_db


def test_routing_finds_pages_at_every_depth_and_404s_the_rest(client, site_tree, blog):
    article = make_article(blog, slug="deep-article")
    privacy = StandardPage(title="Privacy", slug="privacy")
    site_tree["home"].add_child(instance=privacy)
    publish(privacy)
    nested = StandardPage(title="Cookies", slug="cookies")
    privacy.add_child(instance=nested)
    publish(nested)

    assert client.get("/").status_code == 200
    assert client.get("/blog/").status_code == 200
    assert client.get("/blog/deep-article/").context["page"].pk == article.pk
    assert client.get("/privacy/cookies/").context["page"].pk == nested.pk
    for missing in ("/nope/", "/blog/nope/", "/privacy/nope/", "/blog/deep-article/extra/", "/privacy/cookies/x/y/"):
        assert client.get(missing).status_code == 404, missing


def test_unpublished_parent_section_still_routes_like_wagtail(client, site_tree):
    draft = StandardPage(title="Draft", slug="draft", live=False)
    site_tree["home"].add_child(instance=draft)
    assert client.get("/draft/").status_code == 404


def test_menu_lists_pages_marked_for_menus_and_follows_edits(client, site_tree):
    html = client.get("/").content.decode()
    assert '<a href="/blog/"' in html and '<a href="/book/"' in html
    about = StandardPage(title="About the clinic", slug="about", show_in_menus=True)
    site_tree["home"].add_child(instance=about)
    publish(about)
    assert '<a href="/about/"' in client.get("/").content.decode()
    about.unpublish()
    assert '<a href="/about/"' not in client.get("/").content.decode()


def test_clinic_settings_edits_show_on_the_next_page_view(client, site_tree):
    client.get("/")
    settings = ClinicSettings.load()
    settings.phone = "(212) 555-0199"
    settings.save()
    html = client.get("/").content.decode()
    assert 'href="tel:+12125550199"' in html and "(212) 555-0199" in html


def test_a_new_restriction_protects_a_section_at_once(client, site_tree):
    assert client.get("/blog/").status_code == 200
    PageViewRestriction.objects.create(page=site_tree["blog"], restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/blog/")
    assert response.status_code == 302 and "login" in response["Location"]
    PageViewRestriction.objects.all().delete()
    assert client.get("/blog/").status_code == 200


def test_moving_the_booking_page_updates_the_call_to_action_link(client, site_tree, blog):
    article = make_article(blog)
    book = site_tree["book"]
    book.slug = "appointments"
    publish(book)
    html = client.get(article.url).content.decode()
    assert f'href="/appointments/?from={article.pk}"' in html
    assert "/book/" not in html


@override_settings(DEBUG=False)
def test_404_page_is_friendly(client, site_tree):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We couldn’t find that page" in response.content.decode()


SITE_TEXTS = [
    "written_by_label",
    "published_on_label",
    "reading_time_label",
    "reviewed_by_label",
    "reviewed_on_label",
    "not_found_heading",
    "not_found_text",
    "not_found_home_link",
    "not_found_blog_link",
    "specialties_heading",
    "articles_by_label",
]


@override_settings(DEBUG=False)
def test_the_articles_labels_and_the_not_found_page_say_what_editors_wrote(client, blog, clinician):
    import datetime

    # Short, distinct words: some of these fields hold 20 characters (PostgreSQL refuses more).
    edited = {name: f"Edit{number:02d}" for number, name in enumerate(SITE_TEXTS)}
    clinic = ClinicSettings.load()
    for name, text in edited.items():
        setattr(clinic, name, text)
    clinic.full_clean()
    clinic.save()
    article = make_article(blog, author=clinician, reviewer=clinician, reviewed_on=datetime.date(2025, 9, 1))
    page = client.get(article.url).content.decode()
    listing = client.get(blog.url).content.decode()
    missing = client.get("/no-such-page/").content.decode()
    for name in ("written_by_label", "published_on_label", "reading_time_label", "reviewed_by_label"):
        assert edited[name] in page, name
    assert f" {edited['reviewed_on_label']} <time" in page
    assert f"{article.reading_minutes} {edited['reading_time_label']}" in listing  # each card's reading time
    for name in ("not_found_heading", "not_found_text", "not_found_home_link", "not_found_blog_link"):
        assert edited[name] in missing, name
    assert "We couldn’t find that page" not in missing
    assert f'<a href="{blog.url}">{edited["not_found_blog_link"]}</a>' in missing


@override_settings(DEBUG=False)
def test_the_not_found_pages_link_follows_the_chosen_page_and_is_gone_while_it_is_private(client, blog):
    text = ClinicSettings.load().not_found_blog_link
    blog.slug = "articles"
    blog.save_revision().publish()
    assert f'<a href="/articles/">{text}</a>' in client.get("/no-such-page/").content.decode()

    restriction = PageViewRestriction.objects.create(page=blog, restriction_type=PageViewRestriction.LOGIN)
    assert text not in client.get("/no-such-page/").content.decode()
    restriction.delete()
    blog.unpublish()
    assert text not in client.get("/no-such-page/").content.decode()


def test_the_migration_links_an_existing_sites_not_found_page_to_its_blog(blog):
    import importlib

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    migration = importlib.import_module("recooperate.migrations.0018_not_found_page")
    ClinicSettings.objects.update(not_found_page=None)  # as the column is right after it is added
    apps = MigrationExecutor(connection).loader.project_state(("recooperate", "0018_not_found_page")).apps
    migration.link_the_blog(apps, None)
    assert ClinicSettings.objects.get().not_found_page_id == blog.pk


def test_the_profile_pages_headings_say_what_editors_wrote(client, site_tree, blog, clinician):
    from blog.models import ClinicianPage, TeamPage

    clinician.specialties = "Gait analysis\nReturn to running"
    clinician.save()
    team = site_tree["home"].add_child(instance=TeamPage(title="Team", slug="team"))
    publish(team)
    profile = team.add_child(instance=ClinicianPage(title=clinician.name, slug="profile", clinician=clinician))
    publish(profile)
    make_article(blog, author=clinician)
    clinic = ClinicSettings.load()
    clinic.specialties_heading, clinic.articles_by_label = "What I treat", "Written by"
    clinic.save()
    html = client.get(profile.url).content.decode()
    assert ">What I treat</h2>" in html and f">Written by {clinician.name}</h2>" in html
    assert "Specialties" not in html and "Articles by" not in html


def test_the_header_skip_link_search_page_and_topic_list_say_what_editors_wrote(client, blog):
    clinic = ClinicSettings.load()
    clinic.phone = "(212) 555-0147"
    edited = {
        "skip_link_text": "Jump to the article",
        "header_phone_label": "Phone the clinic:",
        "header_search_link": "Find",
        "search_label": "Look for words",
        "search_button": "Go",
    }
    for name, text in edited.items():
        setattr(clinic, name, text)
    clinic.full_clean()
    clinic.save()
    blog.all_topics_label = "Every post"
    publish(blog)
    make_article(blog, topics=[make_topic()])  # the topic list shows once an article has a topic
    home = client.get("/").content.decode()
    assert '<a class="skip-link" href="#main">Jump to the article</a>' in home
    assert '<span class="visually-hidden">Phone the clinic: </span>(212) 555-0147</a>' in home
    assert ">Find</a>" in home and "Skip to main content" not in home and "Call us:" not in home
    search = client.get("/search/").content.decode()
    assert '<label for="search-query">Look for words</label>' in search
    assert '<button type="submit" class="button">Go</button>' in search
    listing = client.get(blog.url).content.decode()
    assert 'aria-current="page">Every post</a>' in listing and "All articles" not in listing


def test_what_screen_readers_call_the_menus_trail_and_read_links_is_the_editors(client, blog):
    clinic = ClinicSettings.load()
    clinic.main_menu_label, clinic.footer_menu_label = "Site sections", "More links"
    clinic.breadcrumb_label, clinic.read_link_region_label = "You are here", "Also worth reading"
    clinic.footer_links = [("link", {"page": blog, "label": ""})]  # the footer's links show when there are some
    clinic.full_clean()
    clinic.save()
    other = make_article(blog, title="Another article")
    article = make_article(blog, body=[block("read_link", {"page": other.pk})])
    html = client.get(article.url).content.decode()
    assert '<nav class="site-nav" aria-label="Site sections">' in html
    assert '<nav class="site-footer__nav" aria-label="More links">' in html
    assert '<nav class="breadcrumbs container" aria-label="You are here">' in html
    assert '<aside class="read-link" aria-label="Also worth reading">' in html


@pytest.mark.parametrize(
    "text",
    ["Page {nmber} of {total}", "Page {number} of {total", "{0}", "{number!r}x{", "{number!r}", "Page {number:>99999}"],
)
def test_a_placeholder_typo_is_refused_when_saved_not_shown_broken(text):
    from django.core.exceptions import ValidationError

    clinic = ClinicSettings.load()
    clinic.pagination_text = text
    with pytest.raises(ValidationError) as refused:
        clinic.full_clean()
    assert "Use only {number}, {total} in braces" in str(refused.value.message_dict["pagination_text"])


def test_500_page_renders_without_a_database_or_context():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong on our side" in html and "/static/css/site.css" in html


def test_skip_link_and_landmarks_on_every_page(client, site_tree, blog):
    article = make_article(blog)
    for url in ("/", "/blog/", article.url):
        html = client.get(url).content.decode()
        assert '<a class="skip-link" href="#main">' in html
        assert '<main id="main"' in html and "<header" in html and "<footer" in html
        assert '<html lang="en">' in html


def test_favicon_ico_points_at_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("img/favicon.svg")


def test_publishing_the_home_page_shows_on_the_next_view(client, site_tree):
    client.get("/")  # caches the site with its home page
    home = site_tree["home"]
    home.hero_heading = "Fresh heading after an edit"
    publish(home)
    assert "Fresh heading after an edit" in client.get("/").content.decode()
