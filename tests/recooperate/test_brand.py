"""The brand (issue "A design a patient would trust"): colours that pass WCAG AA, one self-hosted font, the logo.

The colour pairs below are every text/background and control/background combination site.css
uses; a colour changed in its :root block is checked here against each surface it sits on.
"""

import re
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.conf import settings

from recooperate.models import ClinicSettings

STATIC = Path(settings.BASE_DIR) / "static"
CSS = STATIC / "css" / "site.css"
FONTS = STATIC / "fonts"
LOGO = STATIC / "img" / "logo.svg"

AA_TEXT = 4.5
# Large text (24 px, or 18.66 px bold) and the edges and focus rings of controls (WCAG 1.4.11).
AA_LARGE_OR_UI = 3.0

# (foreground, background, threshold, where the pair appears)
PAIRS = [
    ("ink", "paper", AA_TEXT, "body text"),
    ("ink", "tint", AA_TEXT, "text in the hero, notices and table of contents"),
    ("muted", "paper", AA_TEXT, "dates, captions, lead paragraphs"),
    ("muted", "tint", AA_TEXT, "hero lead paragraph"),
    ("brand", "paper", AA_TEXT, "links and navigation"),
    ("brand", "tint", AA_TEXT, "links on tinted panels"),
    ("brand-dark", "paper", AA_TEXT, "clinic name, phone number, hovered links"),
    ("brand-dark", "tint", AA_TEXT, "hovered links on tinted panels"),
    ("on-dark", "brand", AA_TEXT, "button labels, selected topic"),
    ("on-dark", "brand-dark", AA_TEXT, "call-to-action band text, hovered buttons"),
    ("on-dark", "ink", AA_TEXT, "skip link, footer links and clinic name"),
    ("on-dark-muted", "ink", AA_TEXT, "footer text"),
    ("accent", "ink", AA_TEXT, "hovered footer links"),
    ("ink", "accent", AA_TEXT, "BOOK NOW label on the dark bands"),
    ("ink", "on-dark", AA_TEXT, "hovered BOOK NOW on the dark bands"),
    ("danger", "paper", AA_TEXT, "form errors"),
    ("muted", "paper", AA_LARGE_OR_UI, "form field borders"),
    ("brand", "paper", AA_LARGE_OR_UI, "button and topic pill edges"),
    ("accent", "brand-dark", AA_LARGE_OR_UI, "BOOK NOW button edge on the dark bands"),
    ("focus", "paper", AA_LARGE_OR_UI, "focus ring"),
    ("focus", "tint", AA_LARGE_OR_UI, "focus ring on tinted panels"),
    ("focus-on-dark", "brand-dark", AA_LARGE_OR_UI, "focus ring on the call-to-action band"),
    ("focus-on-dark", "ink", AA_LARGE_OR_UI, "focus ring in the footer"),
]


def stylesheet():
    return CSS.read_text()


def custom_properties():
    """The colours declared in site.css's first :root block, as {name: "#rrggbb"}."""
    root = re.search(r":root\s*\{(.*?)\}", stylesheet(), re.S).group(1)
    colours = {}
    for name, value in re.findall(r"--([\w-]+)\s*:\s*(#[0-9a-fA-F]{3,6})\s*;", root):
        if len(value) == 4:
            value = "#" + "".join(digit * 2 for digit in value[1:])
        colours[name] = value.lower()
    return colours


def relative_luminance(colour):
    """WCAG 2.x relative luminance of an sRGB "#rrggbb" colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    red, green, blue = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first, second):
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def font_faces():
    return re.findall(r"@font-face\s*\{(.*?)\}", stylesheet(), re.S)


def test_contrast_ratio_matches_known_values():
    """The formula itself: black on white is 21:1, and #767676 on white just passes AA (4.54:1)."""
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize(("foreground", "background", "minimum", "where"), PAIRS)
def test_colour_pair_meets_wcag_aa(foreground, background, minimum, where):
    colours = custom_properties()
    assert foreground in colours and background in colours, f"--{foreground} or --{background} not in :root"
    ratio = contrast_ratio(colours[foreground], colours[background])
    assert ratio >= minimum, f"{where}: --{foreground} on --{background} is {ratio:.2f}:1, needs {minimum}:1"


def test_every_declared_colour_is_checked():
    """A colour added to :root gets a pair above, or is named here as decoration with no contrast duty."""
    decorative = {"line"}  # dividers and card edges; the cards' text, not their border, identifies them
    paired = {name for pair in PAIRS for name in pair[:2]}
    assert set(custom_properties()) - decorative == paired


def test_one_self_hosted_font_file_loads_with_swap_for_latin_text():
    faces = font_faces()
    assert len(faces) == 1, "one font file a page (tests/browser/test_budget.py)"
    face = faces[0]
    assert re.search(r"font-display:\s*swap", face)
    assert re.search(r"unicode-range:\s*U\+0000-00FF", face)
    urls = re.findall(r"url\([\"']?([^\"')]+)[\"']?\)", face)
    assert len(urls) == 1 and not urls[0].startswith(("data:", "http:", "https:", "//"))
    font = (CSS.parent / urls[0]).resolve()
    assert font.parent == FONTS.resolve() and font.suffix == ".woff2"
    assert font.read_bytes()[:4] == b"wOF2"
    assert font.stat().st_size < 50 * 1024


def test_the_font_family_is_used_for_body_and_headings():
    family = re.search(r"font-family:\s*\"([^\"]+)\"", font_faces()[0]).group(1)
    assert re.search(rf"--font:\s*\"{family}\"", stylesheet())
    body = re.search(r"\nbody\s*\{(.*?)\}", stylesheet(), re.S).group(1)
    assert "font-family: var(--font)" in body
    assert not re.search(r"\nh[1-6][^{]*\{[^}]*font-family", stylesheet()), "headings inherit the body font"


def test_font_licence_ships_next_to_the_font():
    licences = list(FONTS.glob("*OFL*.txt"))
    assert len(licences) == 1
    text = licences[0].read_text()
    assert "SIL Open Font License, Version 1.1" in text and "Copyright" in text


def test_logo_is_a_plain_svg():
    svg = ElementTree.parse(LOGO).getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg" and svg.get("viewBox")
    source = LOGO.read_text()
    # Served under the site's CSP: no scripts, no inline styles, nothing fetched from elsewhere.
    assert "<script" not in source and "style" not in source and "href" not in source


class LogoLinkParser(HTMLParser):
    """Collects the header's home link: the attributes of its image and its text."""

    def __init__(self):
        super().__init__()
        self.inside = False
        self.images = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and "site-logo" in (attrs.get("class") or "").split():
            self.inside = True
        elif tag == "img" and self.inside:
            self.images.append(attrs)

    def handle_endtag(self, tag):
        if tag == "a":
            self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.text += data


@pytest.mark.django_db
def test_header_shows_the_logo_beside_the_clinic_name(client, site_tree):
    """Screen readers hear the clinic's name once; the mark is decorative and sized before it loads."""
    parser = LogoLinkParser()
    parser.feed(client.get("/").content.decode())
    assert parser.text.strip() == ClinicSettings.load().clinic_name
    [image] = parser.images
    assert image["src"] == settings.STATIC_URL + "img/logo.svg"
    assert image["alt"] == ""
    assert image["width"] and image["height"]
