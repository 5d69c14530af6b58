import pytest

from aktiv import roles
from tests.factories import make_user


@pytest.fixture
def participant_client(db):
    """A logged-in user without any role (participants have no account at all)."""
    from django.test import Client

    client = Client()
    client.force_login(make_user(username="uden-rolle"))
    return client


@pytest.fixture
def staff_manager_user(db):
    return make_user(roles.STAFF, roles.MANAGER, username="medarbejder-og-leder")
