"""What visitors see on the blog index and on articles."""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from blog.models import ARTICLES_PER_PAGE, ArticlePage
from tests.factories import block, make_article, make_image, make_topic, publish

pytestmark = pytest.mark.django_db


def html_of(response):
    return response.content.decode()


def test_article_shows_title_byline_date_and_reading_time(client, blog, clinician):
    article = make_article(blog, title="5 Signs", author=clinician, date=datetime.date(2025, 8, 18))
    html = html_of(client.get(article.url))
    assert '<h1 class="article__title">5 Signs</h1>' in html
    assert "Dr. Jason Cooper, PT, DPT, CSCS, ART" in html
    assert '<time datetime="2025-08-18">August 18, 2025</time>' in html
    assert "1 min read" in html


def test_article_date_defaults_to_the_day_it_was_first_published(client, blog, clinician):
    from django.utils import timezone

    article = make_article(blog, author=clinician)
    assert article.date == timezone.localdate(article.first_published_at)
    assert f'<time datetime="{article.date:%Y-%m-%d}">' in html_of(client.get(article.url))


def test_numbered_sections_get_stable_anchors_and_a_table_of_contents(client, blog, clinician):
    article = make_article(
        blog,
        author=clinician,
        body=[
            block(
                "section_heading",
                {"heading": "1. You Keep Getting the Same Running Injury Over and Over", "anchor": ""},
            ),
            block("paragraph", "<p>Text.</p>"),
            block("section_heading", {"heading": "2. Your Running Form Feels Off or Uneven", "anchor": "form-off"}),
        ],
    )
    html = html_of(client.get(article.url))
    assert 'id="1-you-keep-getting-the-same-running-injury-over-and-over"' in html
    assert 'href="#1-you-keep-getting-the-same-running-injury-over-and-over"' in html
    assert 'id="form-off"' in html and 'href="#form-off"' in html


def test_image_credit_is_shown_with_the_photo(client, blog, clinician):
    image = make_image(credit="Photo by Pixabay on Pexels.com")
    article = make_article(
        blog,
        author=clinician,
        listing_image=image,
        body=[block("image", {"image": image.pk, "caption": "Mid-stride"})],
    )
    html = html_of(client.get(article.url))
    assert html.count("Photo by Pixabay on Pexels.com") == 2  # lead image and body image
    assert 'srcset="' in html and ".format-webp.webp 800w" in html
    assert 'width="480"' in html and 'height="270"' in html


def test_read_link_shows_the_linked_articles_current_title(client, blog, clinician):
    target = make_article(blog, title="Why a Personalized Physical Therapy Plan is Essential for Chronic Pain Recover")
    article = make_article(blog, author=clinician, body=[block("read_link", {"page": target.pk})])

    target.title = "Why a Personalized Physical Therapy Plan is Essential for Chronic Pain Recovery"
    publish(target)

    html = html_of(client.get(article.url))
    title = "Why a Personalized Physical Therapy Plan is Essential for Chronic Pain Recovery"
    assert f'READ:</span> <a href="{target.url}">{title}</a>' in html


def test_read_link_to_an_unpublished_or_deleted_article_renders_nothing(client, blog, clinician):
    gone = make_article(blog, title="Soon unpublished")
    deleted = make_article(blog, title="Soon deleted")
    article = make_article(
        blog,
        author=clinician,
        body=[block("read_link", {"page": gone.pk}), block("read_link", {"page": deleted.pk})],
    )
    assert "Soon unpublished" in html_of(client.get(article.url))

    gone.unpublish()
    deleted.delete()

    html = html_of(client.get(article.url))
    assert "Soon unpublished" not in html and "Soon deleted" not in html
    assert "READ:" not in html


def test_every_article_ends_with_the_site_wide_booking_call_to_action(client, blog, site_tree):
    article = make_article(blog)
    html = html_of(client.get(article.url))
    assert "Ready to run without pain?" in html
    assert f'href="/book/?from={article.pk}"' in html
    assert "Lorem ipsum" not in html and "[Static]" not in html


def test_editing_the_call_to_action_once_changes_every_article(client, blog, site_tree):
    first, second = make_article(blog), make_article(blog)
    cta = site_tree["cta"]
    cta.heading = "Sore after every run? Let's talk."
    cta.save()
    for article in (first, second):
        assert "Sore after every run? Let&#x27;s talk." in html_of(client.get(article.url))


def test_changing_an_image_credit_updates_published_articles(client, blog, clinician):
    image = make_image(credit="Photo by Pixabay on Pexels.com")
    article = make_article(blog, author=clinician, listing_image=image)
    image.credit = "Photo by the clinic"
    image.save()
    html = html_of(client.get(article.url))
    assert "Photo by the clinic" in html and "Pixabay" not in html


def test_related_articles_picks_first_then_shared_topics_then_newest(client, blog, clinician):
    injuries, mobility = make_topic("Running injuries"), make_topic("Mobility")
    make_article(blog, title="Shared topic", topics=[injuries], date=datetime.date(2024, 1, 1))
    make_article(blog, title="Newest", date=datetime.date(2025, 12, 1))
    picked = make_article(blog, title="Picked", topics=[mobility], date=datetime.date(2023, 1, 1))
    make_article(blog, title="Oldest unrelated", date=datetime.date(2020, 1, 1))
    draft = make_article(blog, title="A draft", topics=[injuries], live=False)
    article = make_article(blog, title="Main", topics=[injuries], picks=[picked], date=datetime.date(2025, 8, 18))

    titles = [a.title for a in article.related_articles()]
    assert titles == ["Picked", "Shared topic", "Newest"]
    html = html_of(client.get(article.url))
    assert "Oldest unrelated" not in html and draft.title not in html
    assert html.count('class="card__title"') == 3


def test_blog_index_lists_newest_first_with_cards(client, blog, clinician):
    image = make_image()
    make_article(blog, title="Older", date=datetime.date(2025, 1, 1), author=clinician, listing_image=image)
    make_article(blog, title="Newer", date=datetime.date(2025, 6, 1), author=clinician)
    make_article(blog, title="Hidden draft", live=False)
    html = html_of(client.get(blog.url))
    assert html.index("Newer") < html.index("Older")
    assert "Hidden draft" not in html
    assert "min read" in html and "Teaser for Older." in html and ".format-webp.webp 800w" in html


@pytest.mark.parametrize("page_param", ["abc", "0", "-1", "99999", "1.5", ""])
def test_blog_index_pagination_never_fails(client, blog, page_param):
    for n in range(ARTICLES_PER_PAGE + 2):
        make_article(blog, title=f"Post {n:02d}", date=datetime.date(2025, 1, 1) + datetime.timedelta(days=n))
    response = client.get(blog.url, {"page": page_param})
    assert response.status_code == 200
    assert html_of(response).count('class="card__title"') in (ARTICLES_PER_PAGE, 2)


def test_blog_index_second_page_holds_the_oldest(client, blog):
    for n in range(ARTICLES_PER_PAGE + 1):
        make_article(blog, title=f"Post {n:02d}", date=datetime.date(2025, 1, 1) + datetime.timedelta(days=n))
    html = html_of(client.get(blog.url, {"page": 2}))
    assert "Post 00" in html and "Post 12" not in html
    assert "Page 2 of 2" in html


def test_topic_filter_by_query_and_by_route(client, blog):
    injuries = make_topic("Running injuries")
    make_article(blog, title="About shin splints", topics=[injuries])
    make_article(blog, title="About nutrition")
    for response in (
        client.get(blog.url, {"topic": "running-injuries"}),
        client.get(f"{blog.url}topic/running-injuries/"),
    ):
        html = html_of(response)
        assert response.status_code == 200
        assert "About shin splints" in html and "About nutrition" not in html


def test_unknown_topic_is_an_empty_list_with_a_message(client, blog):
    make_article(blog, title="About nutrition")
    response = client.get(blog.url, {"topic": "no-such-topic"})
    assert response.status_code == 200
    assert "About nutrition" not in html_of(response)
    assert blog.empty_topic_message in html_of(response)
    routed = client.get(f"{blog.url}topic/no-such-topic/")
    assert routed.status_code == 404 and blog.empty_topic_message in html_of(routed)


def test_a_topic_whose_articles_are_all_private_says_so_in_the_editors_words(client, blog):
    injuries = make_topic("Running injuries")
    make_article(blog, title="About shin splints", topics=[injuries])
    PageViewRestriction.objects.create(page=blog.get_children().get(), restriction_type=PageViewRestriction.LOGIN)
    for response in (
        client.get(blog.url, {"topic": "running-injuries"}),
        client.get(f"{blog.url}topic/running-injuries/"),
    ):
        html = html_of(response)
        assert response.status_code == 200
        assert "About shin splints" not in html
        assert blog.empty_topic_message in html and blog.no_articles_message not in html


@pytest.mark.parametrize("value", ["\x00", "running\x00injuries", "../", "Ü", "x" * 300, " "])
def test_a_topic_that_cannot_exist_is_an_empty_list_with_a_message(client, blog, value):
    make_article(blog, title="About nutrition")
    response = client.get(blog.url, {"topic": value})
    assert response.status_code == 200
    assert "About nutrition" not in html_of(response)
    assert blog.empty_topic_message in html_of(response)


def test_unknown_article_slug_gets_the_404_page(client, blog):
    response = client.get(f"{blog.url}no-such-article/")
    assert response.status_code == 404
    assert "We couldn’t find that page" in html_of(response)


def test_unpublished_article_is_not_served(client, blog):
    article = make_article(blog, live=False)
    assert client.get(f"{blog.url}{article.slug}/").status_code == 404


def test_private_article_asks_for_login_and_leaves_listings(client, blog, clinician):
    article = make_article(blog, title="Staff-only notes", author=clinician)
    assert "Staff-only notes" in html_of(client.get(blog.url))
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(article.url)
    assert response.status_code == 302 and "login" in response["Location"]
    assert "Staff-only notes" not in html_of(client.get(blog.url))


def test_reading_time_and_contents_are_derived_when_the_article_is_saved(blog, clinician):
    words = " ".join(["stride"] * 700)
    article = make_article(
        blog,
        author=clinician,
        body=[block("section_heading", {"heading": "One", "anchor": ""}), block("paragraph", f"<p>{words}</p>")],
    )
    stored = ArticlePage.objects.get(pk=article.pk)
    assert stored.table_of_contents == [["one", "One"]]
    assert stored.reading_minutes == 4  # 700 words and the title/intro at 230 a minute

    stored.body = [block("section_heading", {"heading": "Two", "anchor": "second"})]
    publish(stored)
    stored = ArticlePage.objects.get(pk=article.pk)
    assert stored.table_of_contents == [["second", "Two"]] and stored.reading_minutes == 1


def test_a_linked_articles_new_title_and_unpublishing_show_at_once(client, blog, clinician):
    target = make_article(blog, title="Old title", intro="A teaser.")
    article = make_article(blog, author=clinician, body=[block("read_link", {"page": target.pk})])
    assert "Old title" in html_of(client.get(article.url))
    target.title = "New title"
    publish(target)
    html = html_of(client.get(article.url))
    assert "New title" in html and "Old title" not in html

    target.unpublish()
    html = html_of(client.get(article.url))
    assert "New title" not in html and "READ:" not in html


def test_a_new_image_credit_shows_on_the_next_view(client, blog, clinician):
    image = make_image(credit="Old credit")
    article = make_article(blog, author=clinician, listing_image=image)
    assert "Old credit" in html_of(client.get(article.url))
    image.credit = "New credit"
    image.save()
    html = html_of(client.get(article.url))
    assert "New credit" in html and "Old credit" not in html


def test_an_article_ends_with_one_call_to_action(client, blog, clinician, site_tree):
    """The site-wide booking band is left out when the body already ends with a call to action."""
    cta = {"call_to_action": site_tree["cta"].pk, "heading": "", "text": "", "button_text": "", "button_page": None}
    ending = make_article(
        blog, author=clinician, body=[block("paragraph", "<p>Words.</p>"), block("call_to_action", cta)]
    )
    plain = make_article(blog, author=clinician)
    assert 'class="cta-band"' not in client.get(ending.url).content.decode()
    assert 'class="cta-band"' in client.get(plain.url).content.decode()


def test_the_listings_texts_say_what_editors_wrote(client, blog):
    for name, text in {
        "topics_label": "Subjects",
        "articles_heading": "All posts",
        "newer_label": "Later",
        "older_label": "Earlier",
        "no_articles_message": "Nothing here yet.",
    }.items():
        setattr(blog, name, text)
    publish(blog)
    assert '<p class="notice" role="status">Nothing here yet.</p>' in html_of(client.get(blog.url))
    for n in range(ARTICLES_PER_PAGE + 1):
        make_article(blog, title=f"Post {n:02d}", topics=[make_topic(f"Topic {n}")] if n == 0 else ())
    html = html_of(client.get(blog.url))
    assert '<nav class="topic-filter" aria-label="Subjects">' in html
    assert '<h2 class="visually-hidden">All posts</h2>' in html
    assert 'rel="next" href="?page=2">Earlier</a>' in html and "Older articles" not in html
    assert 'href="?page=1">Later</a>' in html_of(client.get(blog.url, {"page": 2}))
