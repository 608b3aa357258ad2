"""What an editor does in the Wagtail admin, as clicks and typing."""

import re
import warnings

from playwright.sync_api import expect

from .server import ARTIFACTS


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


# Where an admin chooser fetches its listing: pages, images, documents and snippets.
CHOOSER_URL = re.compile(r"/admin/(choose-page|images/chooser|documents/chooser|snippets/choose)/")


def choose(page, button, link_name):
    """Open a chooser with ``button`` and pick the item whose link reads ``link_name``.

    As a person would: first wait for any earlier dialog to be gone (Wagtail
    removes its element a moment after it fades out), then click, and click
    again if the first click sent no request at all. That happens: repeating
    a new article's steps 25 times on a loaded machine, one click was lost,
    in the one try where Wagtail's autosave created the page (and turned the
    editor into the page's own) while the test worked; a person clicks again.
    If the listing still does not show, the failure says what the browser and
    the server saw, since CI keeps only the test's output.
    """
    expect(page.locator("body > .modal")).to_have_count(0)
    dialog = page.get_by_role("dialog")
    link = dialog.get_by_role("link", name=link_name).first
    sent = {}  # the listing's requests -> what became of each

    def on_request(request):
        if CHOOSER_URL.search(request.url):
            sent[request] = "no answer yet"

    def on_answer(response):
        if response.request in sent:
            sent[response.request] = response.status

    def on_failure(request):
        if request in sent:
            sent[request] = f"failed: {request.failure}"

    listeners = {"request": on_request, "response": on_answer, "requestfailed": on_failure}
    for event, listener in listeners.items():
        page.on(event, listener)
    try:
        button.click()
        for _ in range(100):  # up to 10 s for the click to send the listing's request
            if sent:
                break
            page.wait_for_timeout(100)
        else:
            # Said, not hidden: a run's warnings summary shows how often a click had to be repeated.
            warnings.warn(
                f"The chooser's first click sent no request within 10 s; clicked again ({button})", stacklevel=2
            )
            button.click()
        try:
            # As long as the other waits: the listing comes from a server sharing the machine with the suite.
            expect(link).to_be_visible(timeout=30_000)
        except AssertionError as error:
            # What the editor saw, for whoever reads the failure (CI keeps test-artifacts/).
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=ARTIFACTS / "chooser-failure.png", full_page=True)
            (ARTIFACTS / "chooser-failure.html").write_text(page.content())
            # First, and without Playwright's snapshot of the whole admin: CI's log keeps a failure's ends only.
            first_lines = "\n".join(str(error).splitlines()[:3])
            raise AssertionError(f"{what_the_chooser_saw(page, sent)}\n\n{first_lines}") from None
    finally:
        for event, listener in listeners.items():
            page.remove_listener(event, listener)
    link.click()
    expect(dialog).to_be_hidden(timeout=30_000)


# Server log lines that explain nothing: static files and the admin's fixed assets.
NOISE = re.compile(r'"GET /(static/|media/|admin/jsi18n/|admin/sprite/)')


def what_the_chooser_saw(page, sent):
    lines = ["The chooser's requests:"]
    lines.extend(f"  {request.method} {request.url} -> {outcome}" for request, outcome in sent.items())
    if not sent:
        lines.append("  none: the click opened nothing")
    modals = page.locator("body > .modal")
    lines.append(f"Dialog elements in the page: {modals.count()}")
    for index in range(modals.count()):
        lines.append(
            f"  class={modals.nth(index).get_attribute('class')!r}, "
            f"aria-hidden={modals.nth(index).get_attribute('aria-hidden')!r}"
        )
    lines.append("What the browser reported (alerts, errors, failed requests):")
    lines.extend(f"  {line}" for line in getattr(page, "reported", [])[-20:] or ["nothing"])
    log = getattr(page, "server_log", None)
    if log is not None and log.exists():
        lines.append(f"The server's last lines ({log}):")
        requests = [line for line in log.read_text(errors="replace").splitlines() if not NOISE.search(line)]
        lines.extend(f"  {line}" for line in requests[-25:])
    return "\n".join(lines)
