"""What an editor does in the Wagtail admin, as clicks and typing."""

import re

from playwright.sync_api import expect


def open_page_editor(page, title):
    """Find a page by its title with the admin's page search and open its editor."""
    page.goto("/admin/pages/search/?q=" + title.replace(" ", "+"))
    page.get_by_role("link", name=title, exact=True).first.click()
    expect(page.get_by_role("button", name="Save draft")).to_be_visible()


def publish(page):
    """Publish from the editor's footer: the Publish action sits under "More actions"."""
    editor_url = page.url
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    # Done when Wagtail has answered the POST: it leaves the editor with a success message.
    page.wait_for_url(lambda url: url != editor_url)
    expect(page.locator(".messages")).to_contain_text(re.compile("has been published|created and published"))


def unpublish(page, title):
    open_page_editor(page, title)
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("link", name="Unpublish").click()
    page.get_by_role("button", name=re.compile("Yes, unpublish")).click()
    expect(page.locator(".messages")).to_contain_text(f"'{title}' unpublished.")


def set_privacy(page, title, choice, password=None):
    """Choose a privacy option (the label of its radio button) in the page's privacy dialog, with its password."""
    open_page_editor(page, title)
    change_privacy = page.get_by_role("button", name="Change privacy")
    toggle = page.get_by_role("button", name="Toggle status")
    # Wagtail reopens the side panel that was open last (localStorage) in a timeout after the page
    # loads, and then drops the form-side--initial class. Read the toggle before that and a click can
    # race the reopening and close the panel again, as it once did in CI.
    expect(page.locator(".form-side--initial")).to_have_count(0)
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(change_privacy).to_be_visible()
    change_privacy.click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label(choice).check()
    if password is not None:
        dialog.get_by_label("Shared password", exact=True).fill(password)
    dialog.get_by_role("button", name="Save").click()
    expect(dialog).to_be_hidden()


def save_snippet_or_setting(page):
    page.get_by_role("button", name="Save").first.click()
    expect(page.locator(".messages")).to_contain_text(re.compile("updated|saved|created", re.IGNORECASE))


def field(page, label):
    """A text field of an admin form by its label (Wagtail also names the panel around it after the label)."""
    return page.get_by_role("textbox", name=re.compile("^" + re.escape(label) + r"\*?$"))
