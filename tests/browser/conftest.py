"""Real-browser tests: Playwright drives Debian's Chromium against the site served by `manage.py rundev`.

One server (tests/browser/server.py) serves the whole session on a scratch
database with the demo content, so the journeys run in the order people would
meet the site: readers and patients first, then staff, then editors changing
content, then a restart that must keep the editors' changes.

Without Chromium these tests are left out with one line saying why; with
BROWSER_TESTS=required (set by .ci/run) a missing browser fails the run.
"""

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.migrated import migrated_database

from .server import ARTIFACTS, PASSWORD, SiteServer

# Playwright's sync API keeps an event loop in the main thread; Django would refuse ORM calls from it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
# Keep Chromium on loopback: no update checks, no lookups of any host but ours.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1, EXCLUDE localhost",
]
# A step that takes longer than this on a loopback server has failed; say so quickly. Generous,
# because make test runs the unit tests on the other core meanwhile (pytest-xdist), and the
# admin's choosers and Chromium share the machine with them.
TIMEOUT_MS = 20_000
# Assertions (expect) wait as long as actions do.
expect.set_options(timeout=TIMEOUT_MS)
HERE = Path(__file__).parent
# Journeys in the order people meet the site; editors change content, so they come late.
ORDER = [
    "test_accessibility.py",
    "test_budget.py",
    "test_responsive.py",
    "test_reader.py",
    "test_patient.py",
    "test_staff.py",
    "test_editor.py",
    "test_restart.py",
]
MISSING = (
    f"browser tests left out: no Chromium at {CHROMIUM}. Install it (apt-get install chromium) "
    "and run make test again, or run .ci/run, which installs it and requires these tests."
)


def chromium_available():
    return Path(CHROMIUM).exists()


def browser_tests_requested(config):
    """Whether the run's paths cover the browser tests (make test's do; ``pytest tests/blog`` does not)."""
    paths = [Path(str(arg).split("::")[0]).resolve() for arg in config.args]
    return any(path == HERE or path in HERE.parents or HERE in path.parents for path in paths)


def check_chromium(config):
    """Fail the run at once when the browser tests are required and there is no browser.

    Called from tests/conftest.py's ``pytest_configure``: with several workers
    this conftest is loaded only in the workers, where a failure would read as
    a crashed worker rather than this message.
    """
    if os.environ.get("BROWSER_TESTS") == "required" and not chromium_available() and browser_tests_requested(config):
        raise pytest.UsageError(MISSING.replace("left out", "required (BROWSER_TESTS=required)"))


def pytest_collection_modifyitems(session, config, items):
    browser_items = [item for item in items if Path(item.fspath).parent == HERE]
    if not browser_items:
        return
    if not chromium_available():
        config.hook.pytest_deselected(items=browser_items)
        items[:] = [item for item in items if item not in browser_items]
        return
    rank = {name: position for position, name in enumerate(ORDER)}
    others = [item for item in items if item not in browser_items]
    browser_items.sort(key=lambda item: rank.get(Path(item.fspath).name, len(ORDER)))
    # First: on several workers (make test) the longest unit of work starts at once on one worker
    # while the other takes the rest, in pytest-django's order (the tests that commit last).
    items[:] = browser_items + others


def report_missing_chromium(terminalreporter, config):
    """Say why the browser tests were left out (called from tests/conftest.py, which every process loads)."""
    if not chromium_available() and browser_tests_requested(config):
        terminalreporter.write_line(MISSING, yellow=True)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The running site. Tests reach it only over HTTP."""
    scratch = Path(tempfile.mkdtemp(prefix="recooperate-browser-"))
    server = SiteServer(scratch)
    server.set_up(lambda: migrated_database(tmp_path_factory))
    server.start()
    yield server
    server.stop()
    # The server's log (requests without their query strings, and any traceback) beside the
    # screenshots, for whoever reads a failed run.
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(server.log, ARTIFACTS / "server.log")
    if not os.environ.get("BROWSER_KEEP_SCRATCH"):
        shutil.rmtree(scratch, ignore_errors=True)


@pytest.fixture(scope="session")
def artifacts():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def watch_content_security_policy(context):
    """Collect what the site's Content-Security-Policy refused in any page of ``context``.

    Chromium reports each refusal on the console ("Refused to ... because it violates
    the following Content Security Policy directive"); a page that needs something the
    policy forbids is broken for real visitors, so the fixtures fail the test on any.
    """
    refused = []
    context.on(
        "console",
        lambda message: (
            refused.append(f"{message.page.url if message.page else '?'}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return refused


def assert_nothing_refused(refused):
    assert not refused, "The Content-Security-Policy refused:\n" + "\n".join(refused)


@pytest.fixture
def visitor(browser, site):
    """An anonymous visitor's tab (a fresh context: no cookies)."""
    context = browser.new_context(base_url=site.url)
    context.set_default_timeout(TIMEOUT_MS)
    refused = watch_content_security_policy(context)
    yield context.new_page()
    context.close()
    assert_nothing_refused(refused)


@pytest.fixture
def phone_visitor(browser, site):
    """An anonymous visitor on a phone: 390 px wide, touch, mobile user agent."""
    context = browser.new_context(base_url=site.url, **PHONE)
    context.set_default_timeout(TIMEOUT_MS)
    refused = watch_content_security_policy(context)
    yield context.new_page()
    context.close()
    assert_nothing_refused(refused)


PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True, "has_touch": True}


def report_what_the_browser_sees(page):
    """Keep, on ``page.reported``, what a failed admin journey would need explained: alerts (which the
    admin raises on a server error, and Playwright would otherwise dismiss unseen), script errors,
    console errors and answers of 400 and over."""
    page.reported = []

    def on_dialog(dialog):
        page.reported.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()  # as Playwright does when nobody listens

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: page.reported.append(f"script error: {error}"))
    page.on(
        "console",
        lambda message: (
            page.reported.append(f"console {message.type}: {message.text}") if message.type == "error" else None
        ),
    )
    page.on(
        "response",
        lambda response: (
            page.reported.append(f"{response.request.method} {response.url} -> {response.status}")
            if response.status >= 400
            else None
        ),
    )
    page.on("requestfailed", lambda request: page.reported.append(f"{request.url} failed: {request.failure}"))


def sign_in(browser, site, username):
    context = browser.new_context(base_url=site.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    context.csp_refused = watch_content_security_policy(context)
    page = context.new_page()
    report_what_the_browser_sees(page)
    page.server_log = site.log
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")
    return page


@pytest.fixture
def signed_in(browser, site):
    """``signed_in("editor")``: a staff member's tab in the admin, each in a context of its own."""
    pages = []

    def open_as(username):
        page = sign_in(browser, site, username)
        pages.append(page)
        return page

    yield open_as
    for page in pages:
        page.context.close()
    # The admin under its own policy (ADMIN_CONTENT_SECURITY_POLICY): every journey through the
    # editor, the choosers and the preview runs with nothing refused.
    assert_nothing_refused([line for page in pages for line in page.context.csp_refused])
