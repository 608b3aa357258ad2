"""Addresses and words of the demo site that the journeys rely on (recooperate/demo/content.py)."""

import re

ARTICLE = "/blog/5-signs-you-might-need-running-specific-physical-therapy/"
ARTICLE_TITLE = "5 Signs You Might Need Running-Specific Physical Therapy"
# The article's first READ link and first related card point here.
LINKED = "/blog/the-ultimate-guide-to-running-physical-therapy-in-new-york-city/"
LINKED_TITLE = "The Ultimate Guide to Running Physical Therapy in New York City"
BLOG = "/blog/"
HOME = "/"
BOOKING = "/book/"


def at(path):
    """A URL pattern for ``expect(page).to_have_url``: this path (and fragment) on the test server."""
    return re.compile(r"^https?://[^/]+" + re.escape(path) + "$")


def no_sideways_scroll(page):
    """True when nothing on the page is wider than the viewport."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def heading_clear_of_the_edges(page, margin=8):
    """True when the page's main heading keeps at least ``margin`` px from both sides of the screen."""
    return page.evaluate(
        """(margin) => {
            const box = document.querySelector("main h1").getBoundingClientRect();
            return box.left >= margin && box.right <= window.innerWidth - margin;
        }""",
        margin,
    )
