"""A runner on a phone reads: home, the 5-signs article, its contents list and a READ link."""

import re

from playwright.sync_api import expect

from .pages import ARTICLE, ARTICLE_TITLE, LINKED, LINKED_TITLE, at, no_sideways_scroll


def test_reader_goes_from_home_to_the_article_and_follows_its_links(phone_visitor):
    page = phone_visitor
    page.goto("/")
    page.get_by_role("link", name=ARTICLE_TITLE).first.click()
    expect(page).to_have_url(at(ARTICLE))
    expect(page.get_by_role("heading", level=1)).to_have_text(ARTICLE_TITLE)
    assert no_sideways_scroll(page)

    # The contents list jumps to a section, which is then on screen.
    contents = page.get_by_role("navigation", name="In this article")
    third = contents.get_by_role("link").nth(2)
    heading_text = third.inner_text()
    third.click()
    anchor = third.get_attribute("href")
    expect(page).to_have_url(at(ARTICLE + anchor))
    section = page.locator(anchor)
    expect(section).to_have_text(heading_text)
    expect(section).to_be_in_viewport()

    # A READ link opens the article it names.
    read_link = page.locator(".read-link").first.get_by_role("link")
    expect(read_link).to_have_text(LINKED_TITLE)
    read_link.click()
    expect(page).to_have_url(at(LINKED))
    expect(page.get_by_role("heading", level=1)).to_have_text(LINKED_TITLE)


def test_reader_meets_the_team_from_the_menu_and_the_articles_author(phone_visitor):
    page = phone_visitor
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Our team").click()
    expect(page).to_have_url(at("/team/"))
    page.get_by_role("link", name="Dr. Jason Cooper, PT, DPT, CSCS, ART").click()
    expect(page).to_have_url(at("/team/jason-cooper/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Dr. Jason Cooper, PT, DPT, CSCS, ART")
    assert no_sideways_scroll(page)
    # His articles are listed, and each byline leads back to him.
    page.get_by_role("link", name=ARTICLE_TITLE).click()
    expect(page).to_have_url(at(ARTICLE))
    page.locator(".byline__name").get_by_role("link").click()
    expect(page).to_have_url(at("/team/jason-cooper/"))


def test_reader_finds_a_program_from_the_menu(phone_visitor):
    page = phone_visitor
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Programs").click()
    expect(page).to_have_url(at("/programs/"))
    page.get_by_role("link", name="Running gait analysis").click()
    expect(page).to_have_url(at("/programs/running-gait-analysis/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Running gait analysis")
    expect(page.get_by_role("heading", name="Questions about gait analysis")).to_be_visible()
    assert no_sideways_scroll(page)
    # Booking from a program page is one tap away, and the request will name the program as its source.
    page.get_by_role("link", name="BOOK NOW").first.click()
    expect(page).to_have_url(re.compile(r"/book/\?from=\d+$"))
