"""The pages between a visitor and a private page, and the paused sign-in, say what Site managers wrote.

Settings > Sign-in page texts (recooperate.models.SignInTexts): the sign-in a
members-only page leads to, the password page, and django-axes' page after too
many wrong passwords.
"""

import re

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import rich_text

from recooperate.models import SignInTexts
from tests.factories import make_article

pytestmark = pytest.mark.django_db

REWORDED = {
    "login_heading": "Members, sign in",
    "login_username_label": "Your member name",
    "login_password_label": "Your secret word",
    "login_button": "Let me in",
    "login_failed": "That name and word do not match our records.",
    "login_missing": "Fill in both boxes.",
    "login_no_access": "This page is for another group of members.",
    "password_heading": "This page is for our patients",
    "password_lead": "Type the word the clinic gave you.",
    "password_label": "Clinic word",
    "password_button": "Open the page",
    "password_wrong": "That is not the clinic word.",
    "password_missing": "Type the clinic word first.",
    "paused_heading": "Too many tries",
    "paused_lead": "After {failure_limit} wrong tries we pause this sign-in.",
    "paused_home_link": "Back to the clinic",
}


@pytest.fixture
def reworded(db):
    texts = SignInTexts.load()
    for name, value in REWORDED.items():
        setattr(texts, name, value)
    texts.paused_text = "<p>Call the front desk to unlock it.</p>"
    texts.save()
    return texts


def shown(response, *names):
    html = response.content.decode()
    return {name: REWORDED[name] in html for name in names}


def test_the_sign_in_for_a_members_only_page_says_what_editors_wrote(client, blog, reworded):
    private = make_article(blog, title="For members")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(private.url, follow=True)
    names = ("login_heading", "login_username_label", "login_password_label", "login_button")
    assert shown(response, *names) == dict.fromkeys(names, True)
    html = response.content.decode()
    assert '<label for="id_username">Your member name</label>' in html
    assert '<label for="id_password">Your secret word</label>' in html
    assert f'<input type="hidden" name="next" value="{private.url}">' in html  # back to the page once signed in
    assert REWORDED["login_failed"] not in html

    wrong = client.post("/_util/login/", {"username": "nobody", "password": "wrong", "next": private.url})
    assert wrong.status_code == 200
    assert shown(wrong, "login_failed") == {"login_failed": True}
    assert "match. Please try again." not in wrong.content.decode()  # the default wording is gone

    # A box sent empty says so under it, where the box's aria-describedby points.
    empty = client.post("/_util/login/", {"username": "", "password": "", "next": private.url}).content.decode()
    for box in ("username", "password"):
        assert f'aria-describedby="id_{box}_error"' in empty
        assert f'<p class="field__error" id="id_{box}_error">Fill in both boxes.</p>' in empty


def test_someone_signed_in_without_access_is_told_so_in_the_editors_words(client, blog, reworded, django_user_model):
    private = make_article(blog, title="For the running club")
    restriction = PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="Running club"))
    client.force_login(django_user_model.objects.create_user(username="maya", password="long-run-sunday"))
    response = client.get(private.url, follow=True)
    assert shown(response, "login_no_access", "login_heading") == {"login_no_access": True, "login_heading": True}
    assert "For the running club" not in response.content.decode()
    # Nobody signed in is not told that: the sign-in is all they need.
    client.logout()
    assert shown(client.get(private.url, follow=True), "login_no_access") == {"login_no_access": False}


def test_a_member_signs_in_through_the_page_and_reaches_it(client, blog, django_user_model):
    django_user_model.objects.create_user(username="maya", password="long-run-sunday")
    private = make_article(blog, title="For members")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    html = client.get(private.url, follow=True).content.decode()
    next_url = re.search(r'name="next" value="([^"]*)"', html).group(1)  # what the page's form sends
    response = client.post("/_util/login/", {"username": "maya", "password": "long-run-sunday", "next": next_url})
    assert response.status_code == 302 and response["Location"] == private.url
    assert "For members" in client.get(private.url).content.decode()


def test_the_password_page_says_what_editors_wrote(client, blog, reworded):
    private = make_article(blog, title="Patients only")
    restriction = PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="run"
    )
    response = client.get(private.url)
    names = ("password_heading", "password_lead", "password_button")
    assert shown(response, *names) == dict.fromkeys(names, True)
    html = response.content.decode()
    assert '<label for="id_password">Clinic word</label>' in html
    # What the page's form sends back with the password: the hidden return address Wagtail reads.
    return_url = re.search(r'name="return_url" value="([^"]*)"', html).group(1)
    assert return_url == private.url

    url = f"/_util/authenticate_with_password/{restriction.pk}/{private.pk}/"
    wrong = client.post(url, {"password": "walk", "return_url": return_url}).content.decode()
    assert '<p class="notice" role="alert" id="id_password_error">That is not the clinic word.</p>' in wrong
    assert 'aria-describedby="id_password_error"' in wrong  # the box points at the message
    assert "not correct" not in wrong and "Type the clinic word first." not in wrong
    empty = client.post(url, {"password": "", "return_url": return_url}).content.decode()
    assert 'id="id_password_error">Type the clinic word first.</p>' in empty
    # The right word opens the page.
    right = client.post(url, {"password": "run", "return_url": return_url})
    assert right.status_code == 302 and right["Location"] == private.url
    assert "Patients only" in client.get(private.url).content.decode()


def test_the_paused_sign_in_says_what_editors_wrote_with_the_number_filled_in(
    client, site_tree, reworded, django_user_model, settings
):
    django_user_model.objects.create_user(username="maria", password="the-right-one")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post("/_util/login/", {"username": "maria", "password": "wrong"})
    response = client.post("/_util/login/", {"username": "maria", "password": "the-right-one"})
    assert response.status_code == 429
    html = response.content.decode()
    assert f"After {settings.AXES_FAILURE_LIMIT} wrong tries we pause this sign-in." in html
    assert "Too many tries" in html and "Call the front desk to unlock it." in html and "Back to the clinic" in html


def test_a_placeholder_the_site_does_not_fill_is_explained_not_saved():
    texts = SignInTexts(paused_lead="After {failures} wrong tries we pause this sign-in.")
    with pytest.raises(ValidationError) as refused:
        texts.full_clean()
    assert "{failure_limit}" in str(refused.value.message_dict["paused_lead"])


def test_site_managers_reword_them_in_the_admin(client, site_tree, django_user_model):
    manager = django_user_model.objects.create_user(username="manager", password="x")
    manager.groups.add(Group.objects.get(name="Site managers"))
    client.force_login(manager)
    url = f"/admin/settings/recooperate/signintexts/{SignInTexts.load().pk}/"
    assert client.get(url).status_code == 200
    defaults = SignInTexts()
    form = {field.name: getattr(defaults, field.name) for field in SignInTexts._meta.fields if field.name != "id"}
    form["paused_text"] = rich_text("<p>Call the front desk.</p>")

    response = client.post(url, {**form, "paused_lead": "After {nmber} tries."})
    assert response.status_code == 200  # the form again, saying why
    assert "Use only {failure_limit} in braces" in response.content.decode()

    response = client.post(url, {**form, "password_heading": "This page is for our patients"})
    assert response.status_code == 302
    assert SignInTexts.load().password_heading == "This page is for our patients"
