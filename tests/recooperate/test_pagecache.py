"""The page cache: what it keeps, what it never keeps, and every kind of change that must clear it."""

import datetime
import warnings

import pytest
from django.core.cache.backends.base import CacheKeyWarning
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.models import Document
from wagtail.models import GroupApprovalTask, PageViewRestriction, Workflow, WorkflowPage, WorkflowTask

from booking.models import AppointmentRequest
from recooperate.models import CallToAction, ClinicSettings, StandardPage
from recooperate.pagecache import HEADER, current_generation
from tests.factories import block, make_appointment_request, make_article, make_image, make_topic, publish

pytestmark = pytest.mark.django_db


def get(client, url, **kwargs):
    response = client.get(url, **kwargs)
    return response, response.content.decode()


def warm(client, url):
    """Ask twice: the second answer must come from the cache."""
    client.get(url)
    response = client.get(url)
    assert response[HEADER] == "hit", url
    return response


def test_a_second_anonymous_view_is_answered_from_the_cache(client, blog):
    article = make_article(blog, title="Cached article")
    first = client.get(article.url)
    second = client.get(article.url)
    assert first[HEADER] == "miss" and second[HEADER] == "hit"
    assert first.content == second.content and b"Cached article" in second.content
    assert "public" in second["Cache-Control"] and "s-maxage=" in second["Cache-Control"]
    assert client.head(article.url)[HEADER] == "hit"


def test_unread_query_parameters_neither_miss_nor_fill_the_cache(client, blog):
    article = make_article(blog)
    warm(client, article.url)
    assert client.get(article.url, {"utm_source": "x", "x": "123"})[HEADER] == "hit"
    # The article does not read ?page=: such a response is served, never stored.
    assert client.get(article.url, {"page": "2"})[HEADER] == "pass"
    assert client.get(article.url, {"page": "2"})[HEADER] == "pass"


def test_the_blog_index_keys_on_page_and_topic_but_keeps_no_out_of_range_page(client, blog):
    for n in range(14):
        make_article(blog, title=f"Post {n:02d}")
    warm(client, blog.url)
    assert client.get(blog.url, {"page": "2"})[HEADER] == "miss"
    assert client.get(blog.url, {"page": "2"})[HEADER] == "hit"
    assert b"Post 00" in client.get(blog.url, {"page": "2"}).content
    assert client.get(blog.url, {"page": "99999"})[HEADER] == "pass"
    assert client.get(blog.url, {"page": "abc"})[HEADER] == "pass"


def test_the_blog_index_keeps_a_known_topic_but_no_made_up_one(client, blog):
    """?topic=<anything> lists nothing, with a message: kept, each made-up value would fill the cache."""
    make_article(blog, title="About shin splints", topics=[make_topic("Running injuries")])
    assert client.get(blog.url, {"topic": "running-injuries"})[HEADER] == "miss"
    assert client.get(blog.url, {"topic": "running-injuries"})[HEADER] == "hit"
    with warnings.catch_warnings():
        # Nor does any address make a key a cache backend refuses (memcached: 250 characters, no spaces).
        warnings.simplefilter("error", CacheKeyWarning)
        for made_up in ("no-such-topic", "Running-Injuries", "x" * 300, "a\x00b", "running injuries"):
            for _ in range(2):
                response = client.get(blog.url, {"topic": made_up})
                assert response.status_code == 200 and response[HEADER] == "pass", made_up


def test_the_blogs_other_addresses_keep_only_what_they_read(client, blog):
    """A parameter given twice, or one an address does not read, would make one entry per made-up value."""
    make_article(blog, title="About shin splints", topics=[make_topic("Running injuries")])
    topic = f"{blog.url}topic/running-injuries/"
    for kept in (f"{blog.url}feed/rss/", topic, f"{topic}?page=1", f"{topic}feed/rss/"):
        assert client.get(kept)[HEADER] == "miss", kept
        assert client.get(kept)[HEADER] == "hit", kept
    for made_up in (
        f"{blog.url}?topic=zzz&topic=running-injuries",
        f"{blog.url}?page=zz&page=1",
        f"{blog.url}feed/rss/?topic=zzz",
        f"{blog.url}feed/atom/?page=7",
        f"{topic}?topic=zzz",
        f"{topic}feed/rss/?topic=zzz",
    ):
        for _ in range(2):
            response = client.get(made_up)
            assert response.status_code == 200 and response[HEADER] == "pass", made_up
    # A value holding "&" is one value, not two parameters: it never reads another address's entry.
    warm(client, f"{blog.url}?topic=running-injuries&page=1")
    assert client.get(f"{blog.url}?page=1%26topic%3Drunning-injuries")[HEADER] != "hit"


def test_signed_in_users_and_visitors_with_a_session_are_never_served_or_stored(client, blog, superuser):
    article = make_article(blog, title="Seen by staff")
    warm(client, article.url)
    client.force_login(superuser)
    response = client.get(article.url)
    assert response[HEADER] == "pass" and b"Seen by staff" in response.content


def test_pages_with_forms_errors_and_private_pages_are_never_stored(client, site_tree, blog):
    book = site_tree["book"]
    for _ in range(2):
        assert client.get(book.url)[HEADER] == "pass"
    assert client.get("/no-such-page/")[HEADER] == "pass"
    assert client.get("/no-such-page/")[HEADER] == "pass"

    private = make_article(blog, title="Password protected")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="run")
    for _ in range(2):
        response = client.get(private.url)
        assert response.status_code == 200 and response[HEADER] == "pass"
        assert b"Password protected" not in response.content or b"password" in response.content.lower()


def test_a_page_seen_after_entering_its_password_is_never_stored(client, blog):
    private = make_article(blog, title="Behind a password")
    restriction = PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="run"
    )
    client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{private.pk}/",
        {"password": "run", "return_url": private.url},
    )
    response = client.get(private.url)
    assert b"Behind a password" in response.content and response[HEADER] == "pass"
    client.cookies.clear()
    response = client.get(private.url)
    assert b"Behind a password" not in response.content


def test_writes_no_public_page_shows_leave_the_cache_alone(
    client, site_tree, blog, settings, mailoutbox, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    from tests.booking.conftest import run_booking_queue

    warm(client, blog.url)
    before = current_generation()
    # The request, its event and rate-limit rows, then its mail queued and sent: the task rows too.
    with django_capture_on_commit_callbacks(execute=True):
        make_appointment_request()
    assert AppointmentRequest.objects.count() == 1
    assert DBTaskResult.objects.count() == 1
    settings.BOOKING_NOTIFICATION_EMAIL = "team@recooperatept.com"
    assert run_booking_queue() == 1
    assert mailoutbox  # the staff notification (and the patient's acknowledgement) went out
    assert current_generation() == before
    assert client.get(blog.url)[HEADER] == "hit"


def test_a_model_named_in_the_ignored_list_must_exist(settings):
    """A misspelt label would leave that model invalidating every page on each write, unnoticed."""
    from django.core.exceptions import ImproperlyConfigured

    from recooperate.pagecache import ignored_models

    assert apps_labels(ignored_models()) == set(settings.PAGE_CACHE_IGNORED_MODELS)
    settings.PAGE_CACHE_IGNORED_MODELS = [*settings.PAGE_CACHE_IGNORED_MODELS, "django_tasks_db.DBTaskResult"]
    with pytest.raises(ImproperlyConfigured, match="django_tasks_db.DBTaskResult"):
        ignored_models()


def apps_labels(models):
    return {model._meta.label for model in models}


# One test per kind of change: make the change, then look at another page.


def test_publishing_an_edit_shows_on_other_pages_at_once(client, blog):
    target = make_article(blog, title="Old title", intro="A teaser.")
    article = make_article(blog, body=[block("read_link", {"page": target.pk})], picks=[target])
    warm(client, article.url)
    target.title = "New title"
    publish(target)
    response, html = get(client, article.url)
    assert "New title" in html and "Old title" not in html


def test_unpublishing_removes_the_article_everywhere_at_once(client, site_tree, blog):
    target = make_article(blog, title="Soon withdrawn")
    article = make_article(blog, body=[block("read_link", {"page": target.pk})], picks=[target])
    for url in (article.url, blog.url, "/"):
        warm(client, url)
    target.unpublish()
    for url in (article.url, blog.url, "/"):
        assert "Soon withdrawn" not in get(client, url)[1], url


def test_a_scheduled_publication_shows_when_the_scheduler_runs(client, blog):
    warm(client, blog.url)
    article = make_article(blog, title="Scheduled for later", live=False)
    article.go_live_at = timezone.now() + datetime.timedelta(minutes=5)
    article.save_revision().publish()
    assert "Scheduled for later" not in get(client, blog.url)[1]
    warm(client, blog.url)
    with pytest.MonkeyPatch.context() as patch:
        later = timezone.now() + datetime.timedelta(minutes=10)
        patch.setattr(timezone, "now", lambda: later)
        call_command("publish_scheduled")
    assert "Scheduled for later" in get(client, blog.url)[1]


def test_moving_a_page_shows_at_once(client, site_tree, blog):
    about = StandardPage(title="About", slug="about", show_in_menus=True)
    site_tree["home"].add_child(instance=about)
    publish(about)
    team = StandardPage(title="Our team", slug="team", show_in_menus=True)
    site_tree["home"].add_child(instance=team)
    publish(team)
    warm(client, "/")
    team.move(about, pos="last-child")
    html = get(client, "/")[1]
    assert 'href="/team/"' not in html


def test_deleting_a_page_shows_at_once(client, blog):
    target = make_article(blog, title="Deleted soon")
    warm(client, blog.url)
    target.delete()
    assert "Deleted soon" not in get(client, blog.url)[1]


def test_a_slug_change_shows_at_once(client, blog):
    target = make_article(blog, title="Renamed", slug="old-slug")
    warm(client, blog.url)
    target.slug = "new-slug"
    publish(target)
    html = get(client, blog.url)[1]
    assert "/blog/new-slug/" in html and "/blog/old-slug/" not in html


def test_making_an_article_private_hides_it_at_once(client, blog):
    target = make_article(blog, title="Going private")
    article = make_article(blog, body=[block("read_link", {"page": target.pk})], picks=[target])
    for url in (article.url, blog.url):
        warm(client, url)
    restriction = PageViewRestriction.objects.create(page=target, restriction_type=PageViewRestriction.LOGIN)
    for url in (article.url, blog.url):
        assert "Going private" not in get(client, url)[1], url
    restriction.delete()
    assert "Going private" in get(client, article.url)[1]


def test_a_workflow_approval_publishes_and_shows_at_once(client, blog, superuser):
    warm(client, blog.url)
    article = make_article(blog, title="Awaiting approval", live=False)
    workflow = Workflow.objects.create(name="Review")
    task = GroupApprovalTask.objects.create(name="Approve")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=blog)
    state = workflow.start(article, superuser)
    warm(client, blog.url)
    state.refresh_from_db()
    assert state.status == "in_progress" and "Awaiting approval" not in get(client, blog.url)[1]
    state.current_task_state.specific.approve(user=superuser)
    assert "Awaiting approval" in get(client, blog.url)[1]


def test_saving_and_deleting_a_snippet_shows_at_once(client, site_tree, blog):
    article = make_article(blog)
    warm(client, article.url)
    cta = CallToAction.objects.get(pk=site_tree["cta"].pk)
    cta.heading = "Run further with us"
    cta.save()
    assert "Run further with us" in get(client, article.url)[1]
    warm(client, article.url)
    cta.delete()
    assert "Run further with us" not in get(client, article.url)[1]


def test_changing_a_setting_shows_at_once(client, site_tree):
    warm(client, "/")
    settings = ClinicSettings.load()
    settings.phone = "(212) 555-0199"
    settings.save()
    assert "(212) 555-0199" in get(client, "/")[1]


def test_changing_an_image_shows_at_once(client, blog):
    image = make_image(credit="Photo by Old Credit")
    article = make_article(blog, listing_image=image)
    warm(client, article.url)
    image.credit = "Photo by New Credit"
    image.save()
    html = get(client, article.url)[1]
    assert "Photo by New Credit" in html and "Photo by Old Credit" not in html


def test_saving_or_deleting_a_document_or_a_redirect_clears_the_cache(client, blog):
    warm(client, blog.url)
    document = Document(title="Exercise sheet")
    document.file.save("sheet.txt", ContentFile(b"Calf raises"), save=False)
    document.save()
    assert client.get(blog.url)[HEADER] == "miss"
    warm(client, blog.url)
    document.delete()
    assert client.get(blog.url)[HEADER] == "miss"
    warm(client, blog.url)
    Redirect.objects.create(old_path="/old-blog", redirect_link="/blog/")
    assert client.get(blog.url)[HEADER] == "miss"
    assert client.get("/old-blog/").status_code == 301


# The CDN in front (Wagtail's frontend-cache purge)


@pytest.fixture
def purged(settings):
    """The URLs a change makes Wagtail's frontend cache purge (HTTPBackend's requests, recorded instead of sent)."""
    from unittest import mock

    from wagtail.contrib.frontend_cache.backends.http import HTTPBackend

    settings.WAGTAILFRONTENDCACHE = {
        "default": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": "http://127.0.0.1:9"}
    }
    urls = []
    with mock.patch.object(HTTPBackend, "purge", autospec=True, side_effect=lambda backend, url: urls.append(url)):
        yield urls


def test_a_page_made_private_or_unpublished_is_purged_from_the_cdn(blog, purged, django_capture_on_commit_callbacks):
    private = make_article(blog, title="Private matters")
    gone = make_article(blog, title="Gone soon")
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert private.full_url in purged
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        gone.unpublish()
    assert gone.full_url in purged


def test_the_blogs_later_pages_topics_and_feeds_are_purged_from_the_cdn(
    blog, purged, django_capture_on_commit_callbacks
):
    from blog.models import ARTICLES_PER_PAGE
    from tests.factories import make_topic

    injuries = make_topic("Running injuries")
    for number in range(ARTICLES_PER_PAGE + 1):
        make_article(blog, title=f"Article {number}", topics=[injuries])
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ClinicSettings.objects.update(phone="(212) 555-0100")  # sends no signal
        ClinicSettings.load().save()
    for path in (
        "",
        "?page=2",
        "feed/rss/",
        "feed/atom/",
        "topic/running-injuries/",
        "topic/running-injuries/?page=2",
        "topic/running-injuries/feed/atom/",
        "?topic=running-injuries",
        "?topic=running-injuries&page=2",
    ):
        assert blog.full_url + path in purged, path
