"""Stopping the site and setting it up again as `make run` does keeps every change the editors made."""

from playwright.sync_api import expect

from .pages import ARTICLE, BLOG, LINKED
from .test_editor import EDITED_SENTENCE, NEW_PATH, NEW_TITLE


def test_make_run_again_keeps_the_editors_changes(site, visitor):
    site.stop()
    site.manage("migrate", "--noinput")
    site.manage("load_demo_content", "--no-admin")
    site.start()

    response = visitor.goto(ARTICLE)
    assert response.status == 200
    expect(visitor.locator(".article__body")).to_contain_text(EDITED_SENTENCE)
    expect(visitor.locator(".byline__name")).to_have_text("Dr. Jason Cooper, PT, DPT, CSCS, ART, OCS")
    expect(visitor.locator(".article__lead")).to_contain_text("Illustration by ReCOOPERate PT, 2026")
    expect(visitor.locator("#related-heading")).to_have_text("More for runners")
    visitor.goto(BLOG)
    expect(visitor.locator(".cta-band h2")).to_have_text("Back on the road, without the ache")
    # The article the editor unpublished (and retitled) stays unpublished.
    assert visitor.goto(LINKED).status == 404
    # The article the editor created is still there, once.
    assert visitor.goto(NEW_PATH).status == 200, (
        "The article test_editor's new-article journey publishes is missing: if that journey failed, this "
        "check fails with it; otherwise make run removed an editor's page."
    )
    visitor.goto(BLOG)
    expect(visitor.get_by_role("link", name=NEW_TITLE)).to_have_count(1)
