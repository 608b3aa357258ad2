"""`load_demo_content`: the seed article and its neighbours, safe to run again."""

import re

import pytest
from django.core.management import call_command

from blog.models import ArticlePage, Clinician
from recooperate.demo import content
from recooperate.models import CallToAction, CustomImage, HomePage

pytestmark = pytest.mark.django_db

SEED_URL = "/blog/5-signs-you-might-need-running-specific-physical-therapy/"
LINKED_TITLES = [
    "The Ultimate Guide to Running Physical Therapy in New York City",
    "Why a Personalized Physical Therapy Plan is Essential for Chronic Pain Recovery",
    "The Best Mobility Exercises for Chronic Pain Sufferers",
]


@pytest.fixture
def demo(db):
    from recooperate.demo.loader import load_demo_content

    return load_demo_content()


def test_demo_serves_home_blog_article_and_booking_page(client, demo):
    for url in ("/", "/blog/", SEED_URL, "/book/"):
        assert client.get(url).status_code == 200, url
    for title in LINKED_TITLES:
        assert client.get(ArticlePage.objects.get(title=title).url).status_code == 200


def test_seed_article_keeps_the_original_facts(client, demo):
    html = client.get(SEED_URL).content.decode()
    assert "5 Signs You Might Need Running-Specific Physical Therapy" in html
    assert "Dr. Jason Cooper, PT, DPT, CSCS, ART" in html
    assert '<time datetime="2025-08-18">August 18, 2025</time>' in html
    headings = re.findall(r'<h2 id="[^"]+" class="section-heading">([^<]+)</h2>', html)
    assert headings[:5] == [
        "1. You Keep Getting the Same Running Injury Over and Over",
        "2. Your Running Form Feels Off or Uneven",
        "3. You Experience Pain That Lingers After a Run",
        "4. You’ve Plateaued in Performance Despite Consistent Training",
        "5. You’re New to Running and Want to Prevent Injuries From the Start",
    ]


def test_seed_article_has_three_full_read_links_a_credited_photo_and_book_now(client, demo):
    html = client.get(SEED_URL).content.decode()
    read_titles = re.findall(r'READ:</span> <a href="[^"]+">([^<]+)</a>', html)
    assert read_titles == LINKED_TITLES  # full titles: the original cut one short
    assert "Illustration by ReCOOPERate PT" in html
    article = demo["articles"][content.SEED_SLUG]
    assert html.count(f'href="/book/?from={article.pk}"') >= 2  # in-body call to action and the closing one
    assert "Lorem ipsum" not in html and "[Static]" not in html


def test_demo_paragraphs_are_our_own_words(demo):
    original = (
        "Running is one of the simplest and most accessible forms of exercise",
        "Recurring injuries are your body’s way of signaling",
        "You don’t have to be a biomechanics expert",
    )
    stored = ArticlePage.objects.get(slug=content.SEED_SLUG).article_html
    for sentence in original:
        assert sentence not in stored


def test_loading_twice_changes_nothing(demo):
    counts = (ArticlePage.objects.count(), Clinician.objects.count(), CustomImage.objects.count(),
              CallToAction.objects.count(), HomePage.objects.count())
    from recooperate.demo.loader import load_demo_content

    load_demo_content()
    assert counts == (ArticlePage.objects.count(), Clinician.objects.count(), CustomImage.objects.count(),
                      CallToAction.objects.count(), HomePage.objects.count())


def test_command_creates_one_admin_with_a_random_password_shown_once(capsys, django_user_model):
    call_command("load_demo_content")
    first = capsys.readouterr().out
    password = re.search(r"Password: (\S+)", first).group(1)
    admin = django_user_model.objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(password)
    assert len(password) >= 12

    call_command("load_demo_content")
    second = capsys.readouterr().out
    assert "Password:" not in second and password not in second
    assert "changepassword admin" in second
    assert django_user_model.objects.filter(is_superuser=True).count() == 1


def test_two_fresh_installs_get_different_passwords(capsys, django_user_model):
    call_command("load_demo_content")
    first = re.search(r"Password: (\S+)", capsys.readouterr().out).group(1)
    django_user_model.objects.all().delete()
    call_command("load_demo_content")
    second = re.search(r"Password: (\S+)", capsys.readouterr().out).group(1)
    assert first != second
