"""Editors can build every page type and block through the Wagtail admin."""

import datetime

from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from blog.models import ArticlePage, BlogIndexPage
from recooperate.models import HomePage, StandardPage
from tests.factories import login_superuser, make_article, make_clinician, make_image, make_site_tree, make_topic


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_then_blog_index_then_articles(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(BlogIndexPage, {ArticlePage})
        self.assertAllowedParentPageTypes(BlogIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(ArticlePage, {BlogIndexPage})
        self.assertAllowedSubpageTypes(ArticlePage, set())

    def test_articles_cannot_be_created_outside_the_blog(self):
        self.assertCanNotCreateAt(HomePage, ArticlePage)
        self.assertCanNotCreateAt(StandardPage, ArticlePage)
        self.assertCanNotCreateAt(ArticlePage, ArticlePage)
        self.assertCanCreateAt(BlogIndexPage, ArticlePage)


class EditorCreatesPagesTests(WagtailPageTestCase):
    def setUp(self):
        self.tree = make_site_tree()
        self.user = login_superuser(self.client)
        self.clinician = make_clinician()
        self.image = make_image(credit="Photo by Pixabay on Pexels.com")
        self.topic = make_topic("Running injuries")
        self.other = make_article(self.tree["blog"], title="The Best Mobility Exercises for Chronic Pain Sufferers")

    def test_editor_can_create_an_article_with_every_block(self):
        data = nested_form_data(
            {
                "title": "5 Signs You Might Need Running-Specific Physical Therapy",
                "search_description": "Five signs a runner needs a physical therapist who knows running.",
                "slug": "5-signs",
                "intro": "Five signs it is time to see a running specialist.",
                "listing_image": self.image.pk,
                "date": "2025-08-18",
                "topics": [self.topic.pk],
                "author": self.clinician.pk,
                "related_picks": inline_formset([{"article": self.other.pk}]),
                "body": streamfield(
                    [
                        ("paragraph", rich_text("<p>Running asks very little to get started.</p>")),
                        ("section_heading", {"heading": "1. You Keep Getting the Same Running Injury", "anchor": ""}),
                        ("image", {"image": self.image.pk, "caption": "A runner mid-stride"}),
                        ("quote", {"quote": "Pain that lingers is a signal.", "attribution": "Dr. Jason Cooper"}),
                        ("read_link", {"page": self.other.pk}),
                        (
                            "call_to_action",
                            {
                                "call_to_action": self.tree["cta"].pk,
                                "heading": "",
                                "text": "",
                                "button_text": "",
                                "button_page": "",
                            },
                        ),
                        (
                            "call_to_action",
                            {
                                "call_to_action": "",
                                "heading": "Recognise a sign?",
                                "text": "Book an evaluation.",
                                "button_text": "Book now",
                                "button_page": self.tree["book"].pk,
                            },
                        ),
                    ]
                ),
            }
        )
        self.assertCanCreate(self.tree["blog"], ArticlePage, data)

        article = ArticlePage.objects.get(slug="5-signs")
        self.assertEqual(
            [child.block_type for child in article.body],
            ["paragraph", "section_heading", "image", "quote", "read_link", "call_to_action", "call_to_action"],
        )
        self.assertEqual(article.date, datetime.date(2025, 8, 18))
        self.assertEqual(article.author, self.clinician)
        response = self.client.get(article.url)
        self.assertContains(response, "Photo by Pixabay on Pexels.com")
        # Two call-to-action blocks and the header's button; the body ends with one, so the site-wide band is left out.
        self.assertContains(response, f'href="/book/?from={article.pk}"', count=3)
        self.assertContains(response, "The Best Mobility Exercises for Chronic Pain Sufferers")

    def post_new_article(self, slug, body):
        """Submit the admin's "add article" form with ``body`` and publish, as an editor would."""
        data = nested_form_data(
            {
                "title": slug.replace("-", " ").capitalize(),
                "search_description": "A test article.",
                "intro": "Teaser.",
                "author": self.clinician.pk,
                "related_picks": inline_formset([]),
                "body": streamfield(body),
            }
        )
        data["slug"] = slug
        data["action-publish"] = "action-publish"
        return self.client.post(f"/admin/pages/add/blog/articlepage/{self.tree['blog'].pk}/", data)

    def test_call_to_action_block_needs_a_snippet_or_its_own_text(self):
        empty = {"call_to_action": "", "heading": "", "text": "", "button_text": "", "button_page": ""}
        response = self.post_new_article("half-written", [("call_to_action", empty)])
        self.assertEqual(response.status_code, 200)
        self.assertFalse(ArticlePage.objects.filter(slug="half-written").exists())
        self.assertContains(response, "Fill this in, or choose a reusable call to action.")

    def test_duplicate_section_anchors_are_refused_with_a_message(self):
        heading = {"heading": "Warm up", "anchor": ""}
        response = self.post_new_article("twice", [("section_heading", heading), ("section_heading", heading)])
        self.assertFalse(ArticlePage.objects.filter(slug="twice").exists())
        self.assertContains(response, "Another section already uses the anchor")

    def test_editor_can_create_a_blog_index_under_a_fresh_home(self):
        self.tree["blog"].delete()
        data = nested_form_data(
            {
                "title": "Blog",
                "intro": "Advice for runners.",
                "all_topics_label": "All articles",
                "topics_label": "Topics",
                "articles_heading": "Articles",
                "newer_label": "Newer articles",
                "older_label": "Older articles",
                "no_articles_message": "No articles yet.",
                "empty_topic_message": "None yet.",
                "search_description": "Advice.",
            }
        )
        self.assertCanCreate(HomePage.objects.get(), BlogIndexPage, data)

    def test_editor_can_create_a_standard_page(self):
        data = nested_form_data(
            {
                "title": "Privacy notice",
                "intro": "How we handle data.",
                "body": streamfield([("paragraph", rich_text("<p>Details.</p>"))]),
                "search_description": "How we handle your data.",
            }
        )
        self.assertCanCreate(self.tree["home"], StandardPage, data)

    def test_every_page_type_previews(self):
        # The StreamField editor is drawn by JavaScript, so its form data is given here: the booking page's
        # edit form as the server writes it, plus its (empty) list of reworded questions.
        book = self.tree["book"].specific
        edit_form = self.client.get(reverse("wagtailadmin_pages:edit", args=[book.pk])).content.decode()
        book_data = querydict_from_html(edit_form, form_id="page-edit-form")
        book_data.update(nested_form_data({"question_texts": streamfield([])}))
        self.assertPageIsPreviewable(book, post_data=book_data)
        self.assertPageIsPreviewable(self.tree["blog"].specific)
        home = self.tree["home"].specific
        home_data = nested_form_data(
            {
                "title": home.title,
                "slug": home.slug,
                "hero_heading": home.hero_heading,
                "hero_phone_label": home.hero_phone_label,
                "programs_heading": "How we help runners",
                "difference_heading": "What makes a running clinic different",
                "difference": streamfield([("point", {"heading": "We watch you run", "text": "On video."})]),
                "latest_heading": "From the blog",
                "latest_section": self.tree["blog"].pk,
            }
        )
        self.assertPageIsPreviewable(home, post_data=home_data)
        article = make_article(self.tree["blog"], author=self.clinician, listing_image=self.image)
        post_data = nested_form_data(
            {
                "title": article.title,
                "search_description": "A test article.",
                "slug": article.slug,
                "intro": article.intro,
                "listing_image": self.image.pk,
                "author": self.clinician.pk,
                "related_picks": inline_formset([]),
                "body": streamfield(
                    [
                        ("section_heading", {"heading": "1. A heading", "anchor": ""}),
                        ("image", {"image": self.image.pk, "caption": ""}),
                        ("read_link", {"page": self.other.pk}),
                    ]
                ),
            }
        )
        self.assertPageIsPreviewable(article, post_data=post_data)

    def test_preview_shows_the_draft_not_the_published_article(self):
        article = make_article(self.tree["blog"], title="Published title", intro="Teaser.", author=self.clinician)
        article.title = "Draft title"
        response = article.make_preview_request()
        self.assertContains(response, "Draft title")
        self.assertNotContains(response, "Published title")
        self.assertEqual(self.client.get(article.url).context["page"].title, "Published title")

    def test_snippets_and_settings_have_admin_screens(self):
        for url in (
            "/admin/snippets/blog/clinician/",
            "/admin/snippets/recooperate/topic/",
            "/admin/snippets/recooperate/calltoaction/",
            "/admin/settings/recooperate/clinicsettings/",
            "/admin/snippets/blog/clinician/add/",
        ):
            self.assertEqual(self.client.get(url, follow=True).status_code, 200, url)
