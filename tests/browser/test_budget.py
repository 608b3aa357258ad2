"""The article page stays light: its weight is measured from what the browser actually loads.

Budget (issue 9): HTML at most 12 KB gzipped, CSS at most 10 KB, JavaScript at
most 5 KB (and never required), at most one font file, no request to any other host.
"""

import gzip
import json
from urllib.parse import urlsplit

import pytest

from .pages import ARTICLE, BOOKING, HOME

KB = 1024
BUDGET = {"document": 12 * KB, "stylesheet": 10 * KB, "script": 5 * KB}


def gzipped_size(body):
    return len(gzip.compress(body, compresslevel=6))


@pytest.mark.parametrize("path", [ARTICLE, HOME, BOOKING])
def test_page_weight_is_within_budget(visitor, site, artifacts, path):
    responses = []
    visitor.on("response", lambda response: responses.append(response))
    requested_hosts = set()
    visitor.on("request", lambda request: requested_hosts.add(urlsplit(request.url).netloc))
    visitor.goto(path, wait_until="networkidle")

    assert requested_hosts <= {urlsplit(site.url).netloc}, requested_hosts
    weight = {"document": 0, "stylesheet": 0, "script": 0}
    fonts = 0
    for response in responses:
        kind = response.request.resource_type
        if kind in weight:
            weight[kind] += gzipped_size(response.body())
        fonts += kind == "font"
    # Kept for the record (test-artifacts/page-weight.json): gzipped bytes per kind, and font files.
    record = artifacts / "page-weight.json"
    weights = json.loads(record.read_text()) if record.exists() else {}
    weights[path] = {**weight, "fonts": fonts}
    record.write_text(json.dumps(weights, indent=2))
    over = {kind: size for kind, size in weight.items() if size > BUDGET[kind]}
    assert not over, f"over budget (gzipped bytes): {over}"
    assert fonts <= 1


def test_the_article_works_with_javascript_off(browser, site):
    context = browser.new_context(base_url=site.url, java_script_enabled=False)
    page = context.new_page()
    page.goto(ARTICLE)
    page.get_by_role("link", name="BOOK NOW").first.click()
    assert page.locator("form.booking-form").is_visible()
    context.close()
