"""Shared fixtures: users per role and logged-in clients.

The suite runs on PostgreSQL (make test); a run against anything else stops at once.
"""

import importlib

import pytest
from django.conf import settings

from aktiv import roles
from tests.factories import make_user


def pytest_sessionstart(session):
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine != "django.db.backends.postgresql":
        pytest.exit(
            f"The test suite needs PostgreSQL (DATABASE_URL=postgres://...), not {engine}. "
            "Run it with `make test`.",
            returncode=2,
        )


# Data the migrations create: a transactional test's flush removes it, so it is put back.
SEED_MIGRATIONS = [
    "aktiv.migrations.0002_roles_and_pages",
    "domains.migrations.0002_seed_domains",
    "domains.migrations.0004_easy_read_statements",
    "reports.migrations.0002_seed_texts",
    "reports.migrations.0005_text_placeholders",
]


def pytest_collection_modifyitems(config, items):
    """Transactional tests never use serialized rollback; `_migrated_data` reseeds instead.

    Serialized rollback breaks in this suite: a flush by a plain transactional test runs
    post_migrate (recreating the role groups), which then collides with the restored
    copy, and the copy is not found at all on the connection a Playwright test uses.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is not None and marker.kwargs.get("serialized_rollback"):
            kwargs = {**marker.kwargs, "serialized_rollback": False}
            item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashes():
    """Passwords are hashed with MD5 in the tests, as Django advises for test suites: the
    default (PBKDF2, a million rounds) costs half a second of CPU by design, and most
    tests make a user with a password. Sign-in still checks the password for real; only
    the cost differs. Production keeps Django's default (tests/aktiv/test_passwords.py).
    """
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with empty caches: a rolled-back test can reuse a data version."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


def _is_transactional(request):
    if {"transactional_db", "live_server"} & set(request.fixturenames):
        return True
    marker = request.node.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction"))


@pytest.fixture(autouse=True)
def _migrated_data(request):
    """Before a transactional test: the ten domains, roles and texts exist, as after migrate."""
    if not _is_transactional(request):
        return
    request.getfixturevalue("_django_db_helper")
    from django.apps import apps

    from domains.models import Domain

    if Domain.objects.exists():
        return
    for name in SEED_MIGRATIONS:
        importlib.import_module(name).forwards(apps, None)


@pytest.fixture
def staff_user(db):
    return make_user(roles.STAFF, username="medarbejder")


@pytest.fixture
def facilitator_user(db):
    return make_user(roles.FACILITATOR, username="facilitator")


@pytest.fixture
def manager_user(db):
    return make_user(roles.MANAGER, username="leder")


@pytest.fixture
def admin_user(db):
    return make_user(superuser=True, username="admin")


def _client_for(client_class, user):
    """A client signed in as `user`. An administrator's session is marked as having passed
    two-factor sign-in, as signing in with the second step does (aktiv.accounts.signals)."""
    from aktiv.accounts.middleware import MFA_OK, mfa_required

    c = client_class()
    c.force_login(user)
    if mfa_required(user):
        session = c.session
        session[MFA_OK] = True
        session.save()
    return c


@pytest.fixture
def staff_client(staff_user):
    from django.test import Client

    return _client_for(Client, staff_user)


@pytest.fixture
def facilitator_client(facilitator_user):
    from django.test import Client

    return _client_for(Client, facilitator_user)


@pytest.fixture
def manager_client(manager_user):
    from django.test import Client

    return _client_for(Client, manager_user)


@pytest.fixture
def admin_client_(admin_user):
    from django.test import Client

    return _client_for(Client, admin_user)
