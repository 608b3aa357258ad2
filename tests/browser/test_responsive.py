"""From a 320 px phone to a 1280 px desktop: nothing scrolls sideways, before or after the images load.

`make screenshots` (BROWSER_SCREENSHOTS=1) also keeps a full-page screenshot of each for review, in
test-artifacts/screenshots/ (BROWSER_ARTIFACTS to change it). `make test` leaves them out: nobody
looks at them there, and they were a third of the browser tests' time.
"""

import os

import pytest

from .pages import ARTICLE, BOOKING, HOME, heading_clear_of_the_edges, no_sideways_scroll

PAGES = {
    "home": HOME,
    "article": ARTICLE,
    "booking": BOOKING,
    "blog": "/blog/",
    "search": "/search/?q=running",
    "program": "/programs/running-gait-analysis/",
    "clinician": "/team/jason-cooper/",
    "first-visit": "/first-visit/",
    "contact": "/contact/",
}


@pytest.mark.parametrize("width", [320, 390, 768, 1280])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_fits_the_screen_and_is_captured(visitor, artifacts, name, width):
    visitor.set_viewport_size({"width": width, "height": 800})
    assert visitor.goto(PAGES[name]).status == 200
    assert no_sideways_scroll(visitor), f"{name} scrolls sideways at {width} px"
    assert heading_clear_of_the_edges(visitor), f"{name}'s heading touches the screen's edge at {width} px"
    # Scroll through once so lazily loaded images arrive, then look again with every image in place.
    visitor.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    visitor.wait_for_function("Array.from(document.images).every((image) => image.complete)")
    assert visitor.evaluate("Array.from(document.images).every((image) => image.naturalWidth > 0)"), (
        f"{name} has an image that did not load"
    )
    assert no_sideways_scroll(visitor), f"{name} scrolls sideways at {width} px once its images are in"
    if not os.environ.get("BROWSER_SCREENSHOTS"):
        return
    visitor.evaluate("window.scrollTo(0, 0)")
    folder = artifacts / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}-{width}.png"
    visitor.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000  # a real render, not a blank page


@pytest.mark.parametrize("name", list(PAGES))
def test_nothing_scrolls_sideways_in_the_fallback_font(visitor, name):
    """Figtree arrives after the first paint (font-display: swap), or never on a bad connection.

    The fallback font is wider; in it the header once overflowed a 320 px phone, which only showed
    when a test happened to look before the font had loaded.
    """
    visitor.route("**/*.woff2", lambda route: route.abort())
    visitor.set_viewport_size({"width": 320, "height": 800})
    assert visitor.goto(PAGES[name]).status == 200
    assert visitor.evaluate("document.fonts.check('16px Figtree')") is False  # the fallback is what we measure
    assert no_sideways_scroll(visitor), f"{name} scrolls sideways at 320 px in the fallback font"


@pytest.mark.parametrize("width", [320, 1280])
def test_the_not_found_page_keeps_its_text_off_the_screens_edges(visitor, width):
    """Its container once lost its side padding to .page-header, so its words touched a phone's edges."""
    visitor.set_viewport_size({"width": width, "height": 800})
    assert visitor.goto("/no-such-page/").status == 404
    assert no_sideways_scroll(visitor)
    assert heading_clear_of_the_edges(visitor)
