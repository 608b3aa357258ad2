"""Editors change content in the admin by real clicks and typing; an anonymous visitor sees each change at once.

The page cache is on (as in production). Before each change the visitor's
pages are served from the cache, so each test proves the change invalidated it.
"""

import re

import pytest
from playwright.sync_api import expect

from recooperate.demo import content

from .admin import choose, field, open_page_editor, publish, save_snippet_or_setting, set_privacy, unpublish
from .pages import ARTICLE, ARTICLE_TITLE, BLOG, BOOKING, HOME, LINKED, LINKED_TITLE

EDITED_SENTENCE = "Edited in the browser: bring your most-worn running shoes."
NEW_LINKED_TITLE = "A Runner's Guide to Physical Therapy in New York City"
PRIVATE_TITLE = "The Best Mobility Exercises for Chronic Pain Sufferers"
PRIVATE_PATH = "/blog/the-best-mobility-exercises-for-chronic-pain-sufferers/"


@pytest.fixture
def cached(visitor):
    """Load ``paths`` until the page cache answers, so a later change must invalidate it to show."""

    def warm(*paths):
        for path in paths:
            visitor.goto(path)
            response = visitor.goto(path)
            assert response.headers.get("x-page-cache") == "hit", (path, response.headers)

    return warm


def fresh(visitor, path):
    response = visitor.goto(path)
    assert response.status == 200, (path, response.status)
    return visitor


def test_an_edited_paragraph_shows_at_once(signed_in, visitor, cached):
    cached(ARTICLE)
    page = signed_in("editor")
    open_page_editor(page, ARTICLE_TITLE)
    paragraph = page.locator("[data-contentpath='body'] [contenteditable='true']").first
    paragraph.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" " + EDITED_SENTENCE)
    # Draftail copies its content into the form field a moment after typing stops (its save interval).
    expect(page.locator("input[name='body-0-value']")).to_have_value(re.compile("most-worn running shoes"))
    publish(page)

    expect(fresh(visitor, ARTICLE).locator(".article__body")).to_contain_text(EDITED_SENTENCE)


def test_a_retitled_article_retitles_its_read_links_and_cards(signed_in, visitor, cached):
    cached(ARTICLE, BLOG)  # (the home page lists the three newest articles, not this one)
    page = signed_in("editor")
    open_page_editor(page, LINKED_TITLE)
    field(page, "Title").fill(NEW_LINKED_TITLE)
    publish(page)

    fresh(visitor, ARTICLE)
    expect(visitor.locator(".read-link").first.get_by_role("link")).to_have_text(NEW_LINKED_TITLE)
    expect(visitor.locator(".related").get_by_role("link", name=NEW_LINKED_TITLE)).to_be_visible()
    expect(visitor.get_by_text(LINKED_TITLE, exact=True)).to_have_count(0)
    expect(fresh(visitor, BLOG).get_by_role("link", name=NEW_LINKED_TITLE)).to_be_visible()


def test_an_unpublished_article_leaves_every_page(signed_in, visitor, cached):
    cached(ARTICLE, BLOG)
    page = signed_in("editor")
    unpublish(page, NEW_LINKED_TITLE)

    for path in (ARTICLE, BLOG):
        expect(fresh(visitor, path).locator(f"a[href='{LINKED}']")).to_have_count(0)
    assert visitor.goto(LINKED).status == 404


def test_a_private_article_leaves_every_page_until_it_is_public_again(signed_in, visitor, cached):
    cached(ARTICLE, BLOG, HOME, PRIVATE_PATH)
    page = signed_in("editor")
    set_privacy(page, PRIVATE_TITLE, "Private, accessible to any logged-in users")

    for path in (ARTICLE, BLOG, HOME):
        expect(fresh(visitor, path).locator(f"a[href='{PRIVATE_PATH}']")).to_have_count(0)
    visitor.goto(PRIVATE_PATH)
    expect(visitor).to_have_url(re.compile(r"/admin/login/|/login/"))

    set_privacy(page, PRIVATE_TITLE, "Public")
    expect(fresh(visitor, ARTICLE).locator(f"a[href='{PRIVATE_PATH}']").first).to_be_visible()
    expect(fresh(visitor, BLOG).get_by_role("link", name=PRIVATE_TITLE)).to_be_visible()


def test_a_private_booking_page_takes_every_book_now_button_with_it(signed_in, visitor, cached):
    """Header, home hero, closing band and menu: no button leads a visitor to a sign-in page."""
    book_links = f"a[href^='{BOOKING}']"
    cached(ARTICLE, HOME, BLOG)
    expect(fresh(visitor, ARTICLE).locator(book_links).first).to_be_visible()
    page = signed_in("editor")
    set_privacy(page, content.BOOKING_PAGE["title"], "Private, accessible to any logged-in users")

    for path in (ARTICLE, HOME, BLOG):
        expect(fresh(visitor, path).locator(book_links)).to_have_count(0)

    set_privacy(page, content.BOOKING_PAGE["title"], "Public")
    for path in (ARTICLE, HOME):
        expect(fresh(visitor, path).locator(book_links).first).to_be_visible()


def test_a_password_page_speaks_in_the_words_site_managers_chose(signed_in, visitor):
    """Settings > Sign-in page texts: the page a visitor meets at a password-protected address."""
    manager = signed_in("manager")
    manager.goto("/admin/settings/recooperate/signintexts/")
    field(manager, "Password page heading").fill("This page is for our patients")
    field(manager, "Password page: password label").fill("Clinic word")
    field(manager, "Wrong password").fill("That is not the clinic word.")
    save_snippet_or_setting(manager)
    editor = signed_in("editor")
    set_privacy(editor, PRIVATE_TITLE, "Private, accessible with a shared password", password="stride")

    fresh(visitor, PRIVATE_PATH)
    expect(visitor.get_by_role("heading", level=1)).to_have_text("This page is for our patients")
    expect(visitor.get_by_text(PRIVATE_TITLE)).to_have_count(0)
    visitor.get_by_label("Clinic word").fill("canter")
    visitor.get_by_role("button", name="Continue").click()
    expect(visitor.get_by_role("alert")).to_have_text("That is not the clinic word.")
    visitor.get_by_label("Clinic word").fill("stride")
    visitor.get_by_role("button", name="Continue").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(PRIVATE_TITLE)

    set_privacy(editor, PRIVATE_TITLE, "Public")


def test_changed_settings_and_call_to_action_show_at_once(signed_in, visitor, cached):
    cached(ARTICLE, BLOG, PRIVATE_PATH)
    page = signed_in("editor")
    page.goto("/admin/snippets/recooperate/calltoaction/")
    page.get_by_role("link", name="Book now (site-wide)").click()
    field(page, "Heading").fill("Back on the road, without the ache")
    save_snippet_or_setting(page)

    page = signed_in("manager")  # clinic settings belong to Site managers
    page.goto("/admin/settings/recooperate/clinicsettings/")
    page.get_by_role("tab", name="Site texts").click()  # the texts' tab, beside the clinic's facts
    field(page, "Related articles heading").fill("More for runners")
    save_snippet_or_setting(page)

    # (the seed article ends with its own call to action, so the site-wide one shows on the others)
    expect(fresh(visitor, PRIVATE_PATH).locator(".cta-band h2")).to_have_text("Back on the road, without the ache")
    expect(fresh(visitor, ARTICLE).locator("#related-heading")).to_have_text("More for runners")
    expect(fresh(visitor, BLOG).locator(".cta-band h2")).to_have_text("Back on the road, without the ache")


def test_a_clinicians_credentials_and_an_image_credit_show_at_once(signed_in, visitor, cached):
    cached(ARTICLE)
    page = signed_in("editor")
    page.goto("/admin/snippets/blog/clinician/")
    page.get_by_role("link", name=re.compile("^Dr. Jason Cooper")).click()
    field(page, "Credentials").fill("PT, DPT, CSCS, ART, OCS")
    save_snippet_or_setting(page)

    page.goto("/admin/images/")
    page.get_by_role("link", name=content.IMAGES["runner-on-track"]["title"]).click()
    field(page, "Credit").fill("Illustration by ReCOOPERate PT, 2026")
    save_snippet_or_setting(page)

    fresh(visitor, ARTICLE)
    expect(visitor.locator(".byline__name")).to_have_text("Dr. Jason Cooper, PT, DPT, CSCS, ART, OCS")
    expect(visitor.locator(".article__lead")).to_contain_text("Illustration by ReCOOPERate PT, 2026")


NEW_TITLE = "Hip Pain in Distance Runners"
NEW_PATH = "/blog/hip-pain-in-distance-runners/"


def jpeg_bytes():
    """A photo no other test uploads (Wagtail would offer to reuse a duplicate instead)."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), (201, 87, 33)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_a_new_article_with_every_kind_of_block_is_published_and_listed(signed_in, visitor, cached):
    """Create and publish an article with a heading, rich text, an uploaded image with its credit, a READ
    link and the reusable call to action; find it on /blog/, the home page and its topic page."""
    topic_page = "/blog/topic/running-injuries/"
    cached(BLOG, HOME, topic_page)
    page = signed_in("editor")
    page.goto("/admin/pages/search/?q=Blog")
    page.get_by_role("link", name="Blog", exact=True).first.click()
    page.goto(page.url.replace("/edit/", "/add_subpage/"))  # the blog takes one page type: straight to its form
    field(page, "Title").fill(NEW_TITLE)
    page.locator("textarea[name=intro]").fill(
        "Why the hip aches on long runs, and what a physical therapist checks first."
    )

    # The listing image, uploaded from the chooser with its alt text and credit.
    page.get_by_role("button", name="Choose an image").first.click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("tab", name="Upload").click()
    dialog.locator("input[name=image-chooser-upload-file]").set_input_files(
        {"name": "hip-stretch.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()}
    )
    dialog.locator("input[name=image-chooser-upload-title]").fill("Runner stretching a hip flexor")
    dialog.locator("input[name=image-chooser-upload-description]").fill(
        "A runner kneels to stretch the front of the hip"
    )
    dialog.locator("input[name=image-chooser-upload-credit]").fill("Photo by ReCOOPERate PT")
    dialog.get_by_role("button", name=re.compile("Upload")).click()
    expect(dialog).to_be_hidden(timeout=30_000)

    choose(page, page.get_by_role("button", name="Choose clinician").first, re.compile("^Dr. Jason Cooper"))
    page.get_by_label("Running injuries").check()
    # Wagtail's autosave creates the page a moment after the first fields are filled, then turns the form
    # into the page's own editor (its History link, the editing-sessions module). Waiting for that, as an
    # editor sees "Saved", keeps the clicks below from landing while the editor is being redrawn.
    expect(page.get_by_role("link", name="History")).to_be_visible(timeout=30_000)

    body = page.locator("[data-contentpath=body]")
    page.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Section heading").click()
    page.locator("input[name='body-0-value-heading']").fill("1. The ache comes back on every long run")

    page.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name="Text").click()
    body.locator("[contenteditable='true']").last.click()
    page.keyboard.type(
        "A hip that hurts at mile eight, and again at mile eight the next week, is telling you something."
    )

    page.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name="Image").click()
    choose(page, body.get_by_role("button", name="Choose an image").last, re.compile("Runner stretching a hip flexor"))

    page.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name="Read: related article").click()
    # (An earlier test unpublished the other linked article.)
    choose(page, body.get_by_role("button", name="Choose a page (Article)").last, ARTICLE_TITLE)

    page.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name="Call to action").click()
    choose(page, body.get_by_role("button", name="Choose call to action").last, re.compile("site-wide"))

    page.get_by_role("tab", name="Promote").click()
    page.locator("textarea[name=search_description]").fill(
        "Hip pain on long runs: the signs a physical therapist looks for, and when to book."
    )
    # Draftail copies the paragraph into its form field a moment after typing stops.
    expect(page.locator("input[name='body-1-value']")).to_have_value(re.compile("mile eight"), timeout=30_000)
    publish(page)

    article = fresh(visitor, NEW_PATH)
    expect(article.get_by_role("heading", level=1)).to_have_text(NEW_TITLE)
    expect(article.get_by_role("heading", name="1. The ache comes back on every long run")).to_be_visible()
    expect(article.locator(".article__body")).to_contain_text("is telling you something")
    expect(article.locator(".article__body img[alt='A runner kneels to stretch the front of the hip']")).to_be_visible()
    expect(article.locator(".article__body")).to_contain_text("Photo by ReCOOPERate PT")
    expect(article.locator(f".article__body a[href='{ARTICLE}']")).to_contain_text(ARTICLE_TITLE)
    expect(article.locator(".article__body a[href^='/book/']").last).to_be_visible()  # the call to action
    expect(article.locator(".byline__name")).to_contain_text("Dr. Jason Cooper")

    for listing in (BLOG, HOME, topic_page):
        expect(fresh(visitor, listing).get_by_role("link", name=NEW_TITLE).first).to_be_visible()


STORY_NAME = "Priya S., Queens"


def test_a_patient_story_is_added_chosen_and_withdrawn_and_the_footer_relabelled(signed_in, visitor, cached):
    """An editor records a story with its consent, puts it on the stories page, then withdraws it; a site
    manager relabels a footer link. The visitor's cached pages show each change at once."""
    cached("/stories/", HOME)
    page = signed_in("editor")
    page.goto("/admin/snippets/recooperate/patientstory/add/")
    page.locator("input[name=name]").fill(STORY_NAME)
    page.locator("input[name=about]").fill("Ultrarunner, back after Achilles pain")
    page.locator("textarea[name=story]").fill("My Achilles settled at last, and I ran my first 50K in the spring.")
    page.locator("input[name=consent_record]").fill("Signed form, in the patient's file")
    # Typed straight into the field: Wagtail's date picker would open over the Save button.
    page.locator("input[name=consent_given_on]").evaluate("(input) => { input.value = '2025-11-20'; }")
    save_snippet_or_setting(page)

    open_page_editor(page, "Patient stories")
    page.get_by_role("button", name="Add", exact=True).last.click()  # a new item at the end of the list
    choose(
        page,
        page.locator("[data-contentpath=body]").get_by_role("button", name="Choose patient story").last,
        STORY_NAME,
    )
    publish(page)
    expect(fresh(visitor, "/stories/").locator(".story__name", has_text=STORY_NAME)).to_be_visible()
    expect(visitor.locator(".stories")).to_contain_text("ran my first 50K")
    assert "Signed form" not in visitor.content()

    cached("/stories/")
    page.goto("/admin/snippets/recooperate/patientstory/")
    page.get_by_role("link", name=STORY_NAME).click()
    page.locator("input[name=consent_withdrawn_on]").evaluate("(input) => { input.value = '2025-12-01'; }")
    save_snippet_or_setting(page)
    expect(fresh(visitor, "/stories/").locator(".stories")).not_to_contain_text(STORY_NAME)
    expect(visitor.locator(".stories")).to_contain_text("Maya R., Brooklyn")  # the others stay

    cached(HOME)
    page = signed_in("manager")  # footer links are in Clinic settings, which belong to Site managers
    page.goto("/admin/settings/recooperate/clinicsettings/")
    page.get_by_role("tab", name="Site texts").click()
    page.locator("input[name='footer_links-0-value-label']").fill("About us")
    save_snippet_or_setting(page)
    footer = fresh(visitor, HOME).get_by_role("navigation", name="Footer")
    expect(footer.get_by_role("link", name="About us")).to_have_attribute("href", "/about/")


def test_an_editor_rewords_a_booking_question_and_patients_see_it(signed_in, visitor):
    page = signed_in("editor")
    open_page_editor(page, "Book an appointment")
    page.get_by_text("Form texts", exact=True).first.click()  # a collapsed panel
    wordings = page.locator("[data-contentpath='question_texts']")
    wordings.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Question's wording").click()
    question = wordings.locator("[data-contentpath]").filter(has=page.get_by_text("Question's wording")).first
    question.get_by_role("combobox", name=re.compile(r"^Question\*?$")).select_option(label="Phone")
    question.get_by_role("textbox", name="Label").fill("Mobile number")
    question.get_by_role("textbox", name="Message when left empty").fill("Give us a number to call you back on.")
    question.get_by_role("textbox", name="Message when not accepted").fill("Check the number and its area code.")
    wordings.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name="Answer's wording").click()
    answer = wordings.locator("[data-contentpath]").filter(has=page.get_by_text("Answer's wording")).first
    answer.get_by_role("combobox", name=re.compile(r"^Answer\*?$")).select_option(label="Self-pay")
    answer.get_by_role("textbox", name=re.compile(r"^Label\*?$")).fill("I pay for my visits myself")
    wordings.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name="Day's name").click()
    day = wordings.locator("[data-contentpath]").filter(has=page.get_by_text("Day's name")).first
    day.get_by_role("combobox", name=re.compile(r"^Day\*?$")).select_option(label="Saturday")
    day.get_by_role("textbox", name=re.compile(r"^Name\*?$")).fill("Saturday (until 2 pm)")
    publish(page)

    visitor.goto(BOOKING)
    expect(visitor.get_by_label(re.compile("^Mobile number"))).to_be_visible()
    expect(visitor.get_by_label("I pay for my visits myself")).to_be_visible()
    expect(visitor.get_by_role("group", name="Saturday (until 2 pm)")).to_be_visible()
    visitor.locator("#booking-submit").click()
    expect(visitor.locator(".error-summary")).to_contain_text("Give us a number to call you back on.")
    visitor.get_by_label(re.compile("^Mobile number")).fill("12")
    visitor.locator("#booking-submit").click()
    expect(visitor.locator(".error-summary")).to_contain_text("Check the number and its area code.")
