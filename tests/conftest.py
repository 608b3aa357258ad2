import pytest
from django.core.cache import caches

from tests.browser.conftest import check_chromium, report_missing_chromium
from tests.factories import make_clinician, make_site_tree
from tests.migrated import load_into, migrated_database

BROWSER_TESTS_ID = "tests/browser"


def pytest_configure(config):
    if not hasattr(config, "workerinput"):  # the main process, not one of pytest-xdist's workers
        check_chromium(config)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    report_missing_chromium(terminalreporter, config)


@pytest.hookimpl(optionalhook=True)  # defined by pytest-xdist, absent without it
def pytest_xdist_make_scheduler(config, log):
    """On several workers (make test: pytest-xdist), each test file runs whole on one worker, the browser tests together.

    A file's module-scoped fixtures (a gunicorn stack, a backed-up site) are
    then built once, not once per worker; the browser journeys share one server
    and run in the order people meet the site (tests/browser/conftest.py), so
    they must not be split. xdist's own "loadgroup" would do this with markers,
    but it renames test ids in a way pytest 9.2 no longer honours.
    """
    from xdist.scheduler import LoadScopeScheduling

    class FileScheduling(LoadScopeScheduling):
        # The one method xdist's own file and group schedulers override to say what a unit of work is.
        def _split_scope(self, nodeid):
            path = nodeid.split("::", 1)[0]
            return BROWSER_TESTS_ID if path.startswith(BROWSER_TESTS_ID + "/") else path

    # Files are handed out in the order collected, not biggest first: the browser directory first
    # (tests/browser/conftest.py), the file of the test that commits last (tests/booking/test_worker.py).
    config.option.loadscopereorder = False
    return FileScheduling(config, log)


@pytest.fixture(scope="session")
def django_db_setup(
    request, django_test_environment, django_db_blocker, django_db_modify_db_settings, tmp_path_factory
):
    """pytest-django's test database, filled from the run's one migrated database (tests/migrated.py) on SQLite.

    Replaces pytest-django's fixture of the same name, which migrates in every worker: the same
    steps as Django's create_test_db for an in-memory database, with the migrations copied
    rather than applied again. On PostgreSQL, Django creates and migrates as before.
    """
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    verbosity = request.config.option.verbose
    if connection.vendor != "sqlite" or connection.settings_dict["TEST"]["NAME"] not in (None, "", ":memory:"):
        with django_db_blocker.unblock():
            config = setup_databases(verbosity=verbosity, interactive=False)
        yield
        with django_db_blocker.unblock():
            teardown_databases(config, verbosity=verbosity)
        return

    # The in-memory database Django would make, under the name it gives it (one per process: each xdist
    # worker has its own).
    test_name = f"file:memorydb_{connection.alias}?mode=memory&cache=shared"
    template = migrated_database(tmp_path_factory)
    old_name = connection.settings_dict["NAME"]
    with django_db_blocker.unblock():
        connection.close()
        settings.DATABASES[connection.alias]["NAME"] = test_name
        connection.settings_dict["NAME"] = test_name
        connection.ensure_connection()
        load_into(connection, template)
    yield
    with django_db_blocker.unblock():
        connection.creation.destroy_test_db(old_name, verbosity=verbosity)


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
