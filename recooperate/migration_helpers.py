"""Helpers for data migrations (kept stable: migrations import them)."""

import re
import uuid

from django.contrib.auth.management import create_permissions
from django.utils.html import escape, strip_tags


def create_permissions_now(apps):
    """Create every app's model permissions, which Django normally makes only after all migrations have run."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


# Rich text <-> StreamField body (recooperate 0009: a general page's rich-text body became blocks).
_H2 = re.compile(r"<h2\b[^>]*>(.*?)</h2>", re.S | re.I)


def html_to_body_blocks(html):
    """A rich-text body as the blocks of a page body: each <h2> a section heading (which the contents
    and anchors need, and which the text block does not offer), the text between them text blocks."""
    blocks = []
    for index, part in enumerate(_H2.split(html or "")):
        if index % 2:
            heading = strip_tags(part).strip()[:150]
            if heading:
                blocks.append({"type": "section_heading", "value": {"heading": heading, "anchor": ""}})
        elif part.strip():
            blocks.append({"type": "paragraph", "value": part.strip()})
    return [{**block, "id": str(uuid.uuid4())} for block in blocks]


def body_blocks_to_html(blocks):
    """The way back: text, headings and quotes as rich text. Any other block cannot be rich text, so
    this refuses (naming it) rather than drop an editor's content without a word."""
    html = []
    for block in blocks:
        kind, value = block["type"], block["value"]
        if kind == "paragraph":
            html.append(value)
        elif kind == "section_heading":
            html.append(f"<h2>{escape(value['heading'])}</h2>")
        elif kind == "quote":
            html.append(f"<blockquote><p>{escape(value['quote'])}</p></blockquote>")
        else:
            raise ValueError(
                f"A general page's body holds a “{kind}” block, which a rich-text body cannot hold: "
                "remove it from the page (and its drafts) before migrating back."
            )
    return "".join(html)
