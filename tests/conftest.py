import pytest
from django.core.cache import caches

from tests.factories import make_clinician, make_site_tree


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
