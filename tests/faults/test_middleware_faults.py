"""The database lost outside any view: while SessionMiddleware saves the session after a
page was rendered, or while django-axes checks a login. A Danish 503, never a 500."""

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.db import connections
from django.test import Client

from aktiv import roles
from tests.factories import make_user

pytestmark = [pytest.mark.postgres, pytest.mark.faults, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def database_switch():
    """`database_switch()` loses the database; `database_switch(back=True)` brings it back."""
    conn = connections["default"]
    original = conn.settings_dict["PORT"]

    def switch(back=False):
        conn.close()
        conn.settings_dict["PORT"] = original if back else "1"  # nothing listens on 1

    yield switch
    switch(back=True)


def _assert_danish_503(response):
    assert response.status_code == 503
    body = response.content.decode()
    assert "Prøv igen om lidt" in body and 'lang="da"' in body


def test_database_lost_while_the_session_is_saved_after_the_view_gives_503(
    database_switch, monkeypatch
):
    user = make_user(roles.STAFF, username="gemmer")
    client = Client(raise_request_exception=False)
    client.force_login(user)
    real_save = SessionStore.save
    calls = []

    def lose_database_then_save(self, *args, **kwargs):
        calls.append(self.session_key)
        database_switch()
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(SessionStore, "save", lose_database_then_save)
    response = client.get("/domains/")
    assert calls, "the session was not saved after the view: the test proved nothing"
    _assert_danish_503(response)
    assert settings.SESSION_COOKIE_NAME not in response.cookies

    monkeypatch.setattr(SessionStore, "save", real_save)
    database_switch(back=True)
    assert client.get("/domains/").status_code == 200  # still logged in


def test_login_while_axes_cannot_reach_the_database_gives_503_and_later_logs_in(
    database_switch,
):
    make_user(username="laaser", password="correct-horse-9")
    client = Client(raise_request_exception=False)
    assert client.get("/accounts/login/").status_code == 200
    database_switch()
    for password in ("correct-horse-9", "forkert-kodeord"):
        response = client.post("/accounts/login/", {"username": "laaser", "password": password})
        _assert_danish_503(response)
    database_switch(back=True)
    response = client.post(
        "/accounts/login/", {"username": "laaser", "password": "correct-horse-9"}
    )
    assert response.status_code == 302
    from axes.models import AccessAttempt

    assert not AccessAttempt.objects.exists()  # nothing half-counted from the outage
