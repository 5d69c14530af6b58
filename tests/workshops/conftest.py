import pytest
from django.test import Client

from tests.factories import make_workshop, open_workshop
from workshops.models import Workshop


@pytest.fixture
def participant():
    """A participant's browser: a client with CSRF checks on, like a real browser."""
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def open_ws(db):
    return open_workshop(code="TESTAB")


@pytest.fixture
def draft_ws(db):
    return make_workshop(status=Workshop.Status.DRAFT)
