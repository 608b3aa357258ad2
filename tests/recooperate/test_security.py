"""Headers, login lockout, client addresses behind proxies and the methods pages answer."""

import pytest
from django.core.management import call_command
from django.test import RequestFactory, override_settings

from recooperate.security import client_ip
from tests.factories import make_article

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def csp_directives(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


# Headers


def test_public_pages_carry_a_strict_policy_and_every_security_header_cached_or_not(client, site_tree):
    article = make_article(site_tree["blog"], title="Shin splints explained")
    for expected_cache in ("miss", "hit"):
        response = client.get(article.url)
        assert response.status_code == 200
        assert response["X-Page-Cache"] == expected_cache
        policy = csp_directives(response)
        assert policy["default-src"] == ["'none'"]
        assert policy["style-src"] == ["'self'"] and policy["script-src"] == ["'self'"]
        assert policy["frame-ancestors"] == ["'none'"] and policy["base-uri"] == ["'none'"]
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]
        assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
        assert response["Cross-Origin-Resource-Policy"] == "same-origin"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"


def test_the_admin_gets_the_policy_its_editor_needs(client, site_tree, superuser):
    client.force_login(superuser)
    response = client.get(f"/admin/pages/{site_tree['blog'].pk}/edit/")
    assert response.status_code == 200
    policy = csp_directives(response)
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["img-src"] == ["'self'", "data:", "blob:"]  # no Gravatar
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


def test_the_admin_preview_may_be_framed_by_the_admin_only(client, site_tree, superuser):
    client.force_login(superuser)
    response = client.get(f"/admin/pages/{site_tree['blog'].pk}/edit/preview/")
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert csp_directives(response)["frame-ancestors"] == ["'self'"]


# Methods


@pytest.mark.parametrize("method", ["put", "patch", "delete", "post"])
def test_content_pages_answer_other_methods_with_405(client, site_tree, method):
    article = make_article(site_tree["blog"], title="Shin splints explained")
    for url in (article.url, "/", "/blog/"):
        response = getattr(client, method)(url)
        assert response.status_code == 405, (method, url)
        assert response["Allow"] == "GET, HEAD"


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_the_booking_page_takes_posts_but_not_other_writes(client, booking_page, method):
    response = getattr(client, method)("/book/")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST"


def test_an_unknown_path_is_still_a_404_whatever_the_method(client, site_tree):
    assert client.put("/no-such-page/").status_code == 404


# Login lockout


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_superuser(username="maria", email="maria@example.com", password=PASSWORD)


@pytest.mark.parametrize("login_url", ["/admin/login/", "/django-admin/login/"])
def test_five_wrong_passwords_lock_the_login_even_for_the_right_one(client, site_tree, staff_user, login_url):
    for _attempt in range(4):
        response = client.post(login_url, {"username": "maria", "password": "wrong"})
        assert response.status_code == 200  # the form again, with its error
    # The fifth failure locks, and says so.
    assert client.post(login_url, {"username": "maria", "password": "wrong"}).status_code == 429
    response = client.post(login_url, {"username": "maria", "password": PASSWORD})
    assert response.status_code == 429
    assert "Sign-in paused for this account" in response.content.decode()
    assert "_auth_user_id" not in client.session

    call_command("axes_reset_username", "maria")
    response = client.post(login_url, {"username": "maria", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff_user.pk)


def test_the_lockout_is_per_username_and_address(client, site_tree, staff_user, django_user_model):
    django_user_model.objects.create_superuser(username="dev", email="dev@example.com", password=PASSWORD)
    for _attempt in range(5):
        client.post("/admin/login/", {"username": "maria", "password": "wrong"})
    # Another colleague on the same connection is not locked out by Maria's typos.
    assert client.post("/admin/login/", {"username": "dev", "password": PASSWORD}).status_code == 302
    # Nor is Maria from another address.
    other = client.__class__(REMOTE_ADDR="198.51.100.20")
    assert other.post("/admin/login/", {"username": "maria", "password": PASSWORD}).status_code == 302


def test_a_success_resets_the_count(client, site_tree, staff_user):
    for _attempt in range(4):
        client.post("/admin/login/", {"username": "maria", "password": "wrong"})
    assert client.post("/admin/login/", {"username": "maria", "password": PASSWORD}).status_code == 302
    client.logout()
    for _attempt in range(4):
        client.post("/admin/login/", {"username": "maria", "password": "wrong"})
    assert client.post("/admin/login/", {"username": "maria", "password": PASSWORD}).status_code == 302


def test_rotating_x_forwarded_for_does_not_escape_the_lockout(client, site_tree, staff_user):
    for attempt in range(5):
        client.post(
            "/admin/login/", {"username": "maria", "password": "wrong"}, HTTP_X_FORWARDED_FOR=f"10.0.0.{attempt}"
        )
    response = client.post(
        "/admin/login/", {"username": "maria", "password": PASSWORD}, HTTP_X_FORWARDED_FOR="10.9.9.9"
    )
    assert response.status_code == 429


def test_staff_sessions_end_within_a_working_day(settings):
    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60


# Client address


def request_from(remote_addr, forwarded=None):
    headers = {"REMOTE_ADDR": remote_addr}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


@override_settings(TRUSTED_PROXY_COUNT=0)
def test_with_no_proxy_the_address_is_the_connections_whatever_the_headers_say():
    assert client_ip(request_from("203.0.113.5", "1.2.3.4")) == "203.0.113.5"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_address_is_the_one_that_proxy_saw():
    # The client wrote "1.2.3.4"; the proxy appended the address that connected to it.
    assert client_ip(request_from("10.0.0.2", "1.2.3.4, 203.0.113.5")) == "203.0.113.5"
    assert client_ip(request_from("10.0.0.2", "203.0.113.5")) == "203.0.113.5"
    # No header at all: the request did not come through the proxy.
    assert client_ip(request_from("203.0.113.9")) == "203.0.113.9"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_behind_two_proxies_the_second_entry_from_the_end_is_the_client():
    assert client_ip(request_from("10.0.0.2", "1.2.3.4, 203.0.113.5, 10.0.0.1")) == "203.0.113.5"
    assert client_ip(request_from("203.0.113.9", "1.2.3.4")) == "203.0.113.9"
