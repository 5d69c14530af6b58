"""Hypothesis profiles and helpers for the hardening tests.

Profiles: `ci` (200 examples per property, chosen when CI=true), `dev` (25, the default
locally); HYPOTHESIS_PROFILE=ci picks one explicitly.
"""

import os
import traceback
from contextlib import contextmanager

import pytest
from django.core.cache import caches
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, settings

_HEALTH = [
    HealthCheck.function_scoped_fixture,  # each example runs in its own savepoint instead
    HealthCheck.too_slow,
    HealthCheck.data_too_large,
    HealthCheck.large_base_example,
]
settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=_HEALTH, database=None
)
settings.register_profile(
    "dev", max_examples=25, deadline=None, suppress_health_check=_HEALTH, database=None
)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") == "true" else "dev")
)


@contextmanager
def rolled_back():
    """Run one example in a savepoint that is always rolled back: examples stay independent.

    The rollback also takes back the data versions, so the next example could reach the
    same version numbers with other data: the caches are emptied as after every test.
    """
    try:
        with transaction.atomic():
            yield
            transaction.set_rollback(True)
    finally:
        for cache in caches.all():
            cache.clear()


def assert_no_server_error(response, what=""):
    """Any 5xx fails, with the view's traceback when there was one."""
    if response.status_code >= 500:
        detail = ""
        if getattr(response, "exc_info", None):
            detail = "".join(traceback.format_exception(*response.exc_info))
        raise AssertionError(f"{what}: status {response.status_code}\n{detail}")


def _client(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.fixture
def staff_c(staff_user):
    return _client(staff_user)


@pytest.fixture
def manager_c(manager_user):
    return _client(manager_user)


@pytest.fixture
def admin_c(admin_user):
    return _client(admin_user)


@pytest.fixture
def anon_c(db):
    return Client(raise_request_exception=False)
