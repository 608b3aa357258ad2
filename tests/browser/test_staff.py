"""Booking staff handle the request the patient sent; an Editor cannot see requests at all."""

from playwright.sync_api import expect

from .pages import ARTICLE_TITLE
from .test_patient import PATIENT

INBOX = "/admin/booking/requests/"


def test_booking_staff_find_the_request_and_record_a_call(signed_in):
    page = signed_in("reception")
    page.get_by_role("link", name="Appointment requests").click()
    row = page.get_by_role("row").filter(has_text=f"{PATIENT['first_name']} {PATIENT['last_name']}")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(ARTICLE_TITLE)  # the source: the article the patient booked from
    row.get_by_role("link").first.click()

    expect(page.get_by_text(ARTICLE_TITLE)).to_be_visible()
    page.get_by_label("Status").select_option(label="Contacted")
    page.get_by_label("Note").fill("Called back; first visit on Tuesday at 8.")
    page.get_by_role("button", name="Save status and note").click()

    expect(page.locator("#request-heading")).to_contain_text("Contacted")
    expect(page.get_by_role("cell", name="Called back; first visit on Tuesday at 8.")).to_be_visible()


def test_an_editor_cannot_open_the_requests(signed_in):
    page = signed_in("editor")
    expect(page.get_by_role("link", name="Appointment requests")).to_have_count(0)
    page.goto(INBOX)
    expect(page.get_by_text("Maya")).to_have_count(0)
    expect(page.get_by_text("Sorry, you do not have permission to access this area.")).to_be_visible()
