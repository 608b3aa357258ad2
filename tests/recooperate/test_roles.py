"""The admin's roles (README): what an Editor, a Site manager and Booking staff may open and do."""

import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db

SNIPPETS = [
    "/admin/snippets/blog/clinician/",
    "/admin/snippets/recooperate/topic/",
    "/admin/snippets/recooperate/calltoaction/",
    "/admin/snippets/recooperate/patientstory/",
]
SETTINGS = ["/admin/settings/recooperate/clinicsettings/", "/admin/settings/recooperate/signintexts/"]
REDIRECTS = "/admin/redirects/"
REQUESTS = "/admin/booking/requests/"


@pytest.fixture
def site_manager(django_user_model):
    user = django_user_model.objects.create_user(username="manager", password="x")
    user.groups.add(Group.objects.get(name="Site managers"))
    return user


def opens(client, url):
    """True when the admin shows the page; False when it turns the user away (Wagtail redirects to the dashboard)."""
    response = client.get(url, follow=True)
    assert response.status_code == 200, (url, response.status_code)
    denied = "Sorry, you do not have permission to access this area." in response.content.decode()
    return not denied and response.redirect_chain[-1:] != [("/admin/", 302)]


def test_editors_manage_content_but_not_settings_redirects_or_requests(client, editor, site_tree):
    client.force_login(editor)
    for url in [*SNIPPETS, "/admin/images/", "/admin/documents/", f"/admin/pages/{site_tree['home'].pk}/"]:
        assert opens(client, url), url
    for url in (*SETTINGS, REDIRECTS, REQUESTS):
        assert not opens(client, url), url


def test_editors_publish_pages(client, editor, blog):
    from wagtail.models import Page

    client.force_login(editor)
    page = Page.objects.get(pk=blog.pk).specific
    assert page.permissions_for_user(editor).can_publish()
    assert page.permissions_for_user(editor).can_edit()


def test_editors_add_a_topic(client, editor):
    from recooperate.models import Topic

    client.force_login(editor)
    response = client.post("/admin/snippets/recooperate/topic/add/", {"name": "Marathon training", "slug": "marathon"})
    assert response.status_code == 302
    assert Topic.objects.filter(slug="marathon").exists()


def test_editors_add_a_patient_story_with_its_consent(client, editor):
    from recooperate.models import PatientStory

    client.force_login(editor)
    story = {"name": "Maya R.", "story": "Back to racing.", "consent_record": "Signed form"}
    response = client.post("/admin/snippets/recooperate/patientstory/add/", story)
    assert response.status_code == 200 and not PatientStory.objects.exists()  # no consent date, no story
    assert "This field is required." in response.content.decode()

    response = client.post("/admin/snippets/recooperate/patientstory/add/", {**story, "consent_given_on": "2025-09-02"})
    assert response.status_code == 302
    assert PatientStory.objects.get().consent_record == "Signed form"


def test_site_managers_also_change_settings_and_redirects(client, site_manager, site_tree):
    client.force_login(site_manager)
    for url in [*SNIPPETS, *SETTINGS, REDIRECTS]:
        assert opens(client, url), url
    assert not opens(client, REQUESTS)
    response = client.post(
        "/admin/redirects/add/",
        {
            "old_path": "/old-article/",
            "site": site_tree["home"].get_site().pk,
            "redirect_page": site_tree["blog"].pk,
            "is_permanent": "on",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert client.get("/old-article/").status_code == 301


def test_booking_staff_see_requests_and_nothing_else(client, booking_staff, site_tree):
    client.force_login(booking_staff)
    assert opens(client, REQUESTS)
    for url in [*SNIPPETS, *SETTINGS, REDIRECTS]:
        assert not opens(client, url), url
    from wagtail.models import Page

    assert not Page.objects.get(pk=site_tree["home"].pk).permissions_for_user(booking_staff).can_edit()
