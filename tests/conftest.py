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


class SharedSiteTree:
    """The site tree, built once for a test file, as Django's TestCase.setUpTestData builds a class's data.

    Built inside a transaction held open for the file: each test runs in a savepoint within it
    (pytest-django's ``db``) that is rolled back after the test, so every test starts from the tree
    as built. A test of the file that uses the database without the tree (it builds a site of its
    own, or loads the demo) first has the tree rolled back (``pytest_runtest_setup``); the file's
    later tests then build theirs as before. About a fifth of a second saved per test.
    """

    def __init__(self):
        self.atomic = self.blocker = None
        self.built = None  # name -> (model, pk) while the tree is in the database

    def open(self, django_db_blocker):
        from django.db import transaction

        self.blocker = django_db_blocker
        with django_db_blocker.unblock():
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            self.built = {name: (type(instance), instance.pk) for name, instance in make_site_tree().items()}

    def close(self):
        from django.db import transaction

        if self.atomic is None:
            return
        with self.blocker.unblock():
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
        self.atomic = self.built = None


SHARED_SITE_TREE = SharedSiteTree()


def uses_database(item):
    from django.test import TransactionTestCase

    cls = getattr(item, "cls", None)
    return (
        bool({"db", "transactional_db", "django_db_reset_sequences"} & set(getattr(item, "fixturenames", ())))
        or item.get_closest_marker("django_db") is not None
        or (cls is not None and issubclass(cls, TransactionTestCase))
    )


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before any of a test's fixtures: roll the shared site tree back for a database test that does not use it."""
    if "site_tree" not in getattr(item, "fixturenames", ()) and uses_database(item):
        SHARED_SITE_TREE.close()


@pytest.fixture(scope="module")
def _module_site_tree(django_db_setup, django_db_blocker):
    # Module scope: pytest sets this up before any test's own transaction (pytest-django's ``db``).
    SHARED_SITE_TREE.open(django_db_blocker)
    yield SHARED_SITE_TREE
    SHARED_SITE_TREE.close()


@pytest.fixture
def site_tree(_module_site_tree, db):
    """Home page, blog, /book/ and the site-wide call to action (tests/factories.make_site_tree), fresh for each test.

    Not for ``django_db(transaction=True)`` tests: they call make_site_tree() themselves.
    """
    if _module_site_tree.built is None:  # rolled back for an earlier test of this file
        return make_site_tree()
    return {name: model._default_manager.get(pk=pk) for name, (model, pk) in _module_site_tree.built.items()}


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
