"""axe-core finds no WCAG 2.1 A or AA violation on the pages visitors and patients see.

axe's script comes from the axe-playwright-python package (offline) and is
evaluated in the page, which a strict Content-Security-Policy allows.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .pages import ARTICLE, BLOG, BOOKING, HOME

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
axe = Axe()


def violations(page):
    results = axe.run(page, options=WCAG_21_AA)
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])}: "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        + ")"
        for violation in results.response["violations"]
    ]


@pytest.mark.parametrize(
    "path",
    [
        HOME,
        BLOG,
        ARTICLE,
        BOOKING,
        "/blog/topic/running-injuries/",
        "/programs/",
        "/programs/running-gait-analysis/",
        "/team/",
        "/team/jason-cooper/",
        "/first-visit/",
        "/insurance/",
        "/contact/",
        "/stories/",
        "/privacy/",
        "/about/",
        "/search/?q=shin+splints",
        "/search/?q=zzz",
    ],
)
@pytest.mark.parametrize("width", [390, 1280])
def test_page_has_no_wcag_violations(visitor, path, width):
    visitor.set_viewport_size({"width": width, "height": 900})
    assert visitor.goto(path).status == 200
    assert violations(visitor) == []


def test_not_found_page_has_no_wcag_violations(visitor):
    assert visitor.goto("/no-such-page/").status == 404
    assert violations(visitor) == []


def test_booking_form_with_errors_has_no_wcag_violations(visitor):
    visitor.goto(BOOKING)
    visitor.get_by_role("button", name="SEND REQUEST").click()
    expect(visitor.get_by_role("alert")).to_be_visible()
    assert violations(visitor) == []


def test_sign_in_for_members_only_pages_with_errors_has_no_wcag_violations(visitor):
    """The sign-in a members-only page leads to, sent empty: each box names its message, and axe finds nothing."""
    visitor.goto("/_util/login/")
    assert violations(visitor) == []
    visitor.get_by_role("button", name="Log in").click()
    for box in ("username", "password"):
        expect(visitor.locator(f"#id_{box}")).to_have_attribute("aria-describedby", f"id_{box}_error")
        expect(visitor.locator(f"#id_{box}_error")).to_be_visible()
    assert violations(visitor) == []


def test_keyboard_alone_reaches_every_booking_field_with_visible_focus(visitor):
    """Tab from the top of the form to its button: every field is reached, and focus is always drawn."""
    visitor.goto(BOOKING)
    names = set(
        visitor.eval_on_selector_all(
            "form.booking-form :is(input, select, textarea):not([type=hidden]):not([tabindex='-1'])",
            "els => els.filter(el => el.offsetParent !== null).map(el => el.name)",
        )
    )
    reached = set()
    visitor.locator("form.booking-form").evaluate("form => form.querySelector('input:not([type=hidden])').focus()")
    for _ in range(200):
        focused = visitor.evaluate(
            """() => {
                const el = document.activeElement, style = getComputedStyle(el);
                const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
                return {name: el.name || '', tag: el.tagName, text: el.innerText || '',
                        visible: outlined || style.boxShadow !== 'none'};
            }"""
        )
        assert focused["visible"], f"no visible focus on {focused}"
        reached.add(focused["name"])
        if focused["tag"] == "BUTTON" and "SEND REQUEST" in focused["text"]:
            break
        visitor.keyboard.press("Tab")
    else:
        pytest.fail("Tab never reached the SEND REQUEST button")
    assert names <= reached, names - reached


@pytest.mark.parametrize(("preference", "expected"), [("reduce", "auto"), ("no-preference", "smooth")])
def test_smooth_scrolling_only_for_visitors_who_have_not_asked_for_less_motion(visitor, preference, expected):
    """WCAG 2.3.3: the contents list's jumps animate only when the visitor's system allows motion."""
    visitor.emulate_media(reduced_motion=preference)
    visitor.goto(ARTICLE)
    assert visitor.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == expected
    animated = visitor.evaluate(
        """() => [...document.querySelectorAll('*')].filter(el => {
            const s = getComputedStyle(el);
            return s.animationName !== 'none' || parseFloat(s.transitionDuration) > 0;
        }).length"""
    )
    assert animated == 0 or preference == "no-preference"
