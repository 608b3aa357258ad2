from pathlib import Path

import pytest
from django.core.cache import caches

from tests.browser.conftest import check_chromium, report_missing_chromium
from tests.factories import make_clinician, make_site_tree

BROWSER_TESTS = Path(__file__).parent / "browser"


def pytest_configure(config):
    if not hasattr(config, "workerinput"):  # the main process, not one of pytest-xdist's workers
        check_chromium(config)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    report_missing_chromium(terminalreporter, config)


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist's own hook, which reads the groups
def pytest_collection_modifyitems(config, items):
    """On several workers (make test runs pytest-xdist's ``--dist loadgroup``), a test file runs whole on one.

    Its module-scoped fixtures (a gunicorn stack, a backed-up site) are then built
    once, not once per worker; and the browser journeys, which share one server
    and run in the order people meet the site, stay together and in order.
    """
    if not config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        group = "browser" if item.path.parent == BROWSER_TESTS else item.nodeid.split("::")[0]
        item.add_marker(pytest.mark.xdist_group(group))


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with cold caches, as a freshly started server would."""
    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture
def site_tree(db):
    return make_site_tree()


@pytest.fixture
def blog(site_tree):
    return site_tree["blog"]


@pytest.fixture
def clinician(db):
    return make_clinician()


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(username="boss", email="boss@example.com", password="x")


@pytest.fixture
def editor(django_user_model):
    """A member of Wagtail's default Editors group: writes pages, no admin-wide rights."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(username="editor", password="x", is_staff=False)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def booking_page(site_tree):
    return site_tree["book"]


@pytest.fixture
def booking_staff(django_user_model):
    """A member of the "Booking staff" group: reads, handles and exports appointment requests."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(username="reception", password="x", is_staff=False)
    user.groups.add(Group.objects.get(name="Booking staff"))
    return user
