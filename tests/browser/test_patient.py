"""A prospective patient on a phone books from the article's BOOK NOW button."""

import re

from playwright.sync_api import expect

from .pages import ARTICLE, BOOKING, no_sideways_scroll
from .test_accessibility import violations

PATIENT = {"first_name": "Maya", "last_name": "Lindqvist", "email": "maya.lindqvist@example.com"}


def test_patient_books_from_the_article_after_correcting_mistakes(phone_visitor):
    page = phone_visitor
    page.goto(ARTICLE)
    page.get_by_role("link", name="BOOK NOW").first.click()
    expect(page).to_have_url(re.compile(re.escape(BOOKING) + r"\?from=\d+$"))  # the article is the source
    assert no_sideways_scroll(page)

    # First attempt: a name and a mistyped email, nothing else.
    page.locator("#id_first_name").fill(PATIENT["first_name"])
    page.locator("#id_email").fill("maya.lindqvist@example")
    page.get_by_role("button", name="SEND REQUEST").click()

    summary = page.get_by_role("alert")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Your request has not been sent yet")
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Error: "))
    # What the patient typed is still there.
    expect(page.locator("#id_first_name")).to_have_value(PATIENT["first_name"])
    expect(page.locator("#id_email")).to_have_value("maya.lindqvist@example")
    # Each message links to its field.
    summary.get_by_role("link").first.click()
    expect(page.locator(":focus")).to_be_visible()

    # Second attempt: the seven required questions only; the optional ones can wait for the call.
    page.locator("#id_last_name").fill(PATIENT["last_name"])
    page.locator("#id_email").fill(PATIENT["email"])
    page.locator("#id_phone").fill("(212) 555-0147")
    page.get_by_label("Pain that lingers after runs").check()
    page.get_by_label("You may contact me about this request").check()
    page.get_by_label("I have read the privacy notice").check()
    page.get_by_role("button", name="SEND REQUEST").click()

    expect(page.get_by_role("heading", level=1)).to_be_visible()
    reference = page.locator(".booking-reference__code")
    expect(reference).to_have_text(re.compile(r"\S{6,}"))
    assert no_sideways_scroll(page)
    # The thank-you page meets WCAG 2.1 AA too (it exists only after a real booking).
    assert violations(page) == []
