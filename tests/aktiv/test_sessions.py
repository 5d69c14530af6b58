"""Sessions end after the idle time, and are renewed while used, at most once a minute."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aktiv import roles
from aktiv.middleware import SessionIdleMiddleware
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def _session_writes(client, path="/"):
    with CaptureQueriesContext(connection) as ctx:
        client.get(path)
    return [q["sql"] for q in ctx.captured_queries if "django_session" in q["sql"]]


def _expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_a_used_session_is_renewed_but_not_on_every_request(staff_client, monkeypatch):
    now = [time.time()]
    monkeypatch.setattr("aktiv.middleware.time.time", lambda: now[0])
    staff_client.get("/")  # first renewal after sign-in
    first = _expiry(staff_client)
    writes = _session_writes(staff_client)
    assert not [sql for sql in writes if sql.startswith(("UPDATE", "INSERT"))]
    assert _expiry(staff_client) == first

    now[0] += 61
    writes = _session_writes(staff_client)
    assert [sql for sql in writes if sql.startswith("UPDATE")]
    assert _expiry(staff_client) > first


def test_an_idle_session_ends(staff_client, settings):
    staff_client.get("/")
    Session.objects.update(expire_date="2020-01-01T00:00:00Z")  # the idle time has passed
    response = staff_client.get("/stories/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_renewal_mark_is_not_set_for_anonymous_visitors(client):
    client.get("/")
    assert not Session.objects.exists()


def test_roles_arrive_with_the_user_in_one_query(django_assert_num_queries, settings):
    from aktiv.backends import RoleModelBackend

    settings.PAGE_CACHE_SECONDS = 0
    user = make_user(roles.STAFF, roles.MANAGER, username="to-roller")
    with django_assert_num_queries(1):
        loaded = RoleModelBackend().get_user(user.pk)
        assert roles.role_names(loaded) == {roles.STAFF, roles.MANAGER}
    get_user_model().objects.filter(pk=user.pk).update(is_active=False)
    assert RoleModelBackend().get_user(user.pk) is None
    assert SessionIdleMiddleware.KEY.startswith("_")


def test_a_signed_in_user_is_kept_until_their_roles_name_or_password_change(
    django_assert_num_queries,
):
    from django.contrib.auth.models import Group

    from aktiv.backends import RoleModelBackend

    user = make_user(roles.STAFF, username="huskes")
    backend = RoleModelBackend()
    backend.get_user(user.pk)
    with django_assert_num_queries(1):  # the data versions only
        assert roles.role_names(backend.get_user(user.pk)) == {roles.STAFF}
    user.groups.remove(Group.objects.get(name=roles.STAFF))  # a plain write to the roles
    assert roles.role_names(backend.get_user(user.pk)) == frozenset()
    get_user_model().objects.filter(pk=user.pk).update(password="ændret")
    assert backend.get_user(user.pk).password == "ændret"
    get_user_model().objects.filter(pk=user.pk).update(is_active=False)
    assert backend.get_user(user.pk) is None


def test_a_changed_password_ends_the_other_sessions(client, staff_user):
    from django.test import Client

    other = Client()
    other.force_login(staff_user)
    assert other.get("/stories/").status_code == 200
    staff_user.set_password("et-helt-nyt-kodeord-42")
    staff_user.save()
    assert other.get("/stories/").status_code == 302  # signed out: to the login page
