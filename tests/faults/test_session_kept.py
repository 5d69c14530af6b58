"""A database blip must not log anyone out: the 503 leaves the session cookie alone."""

import pytest
from django.conf import settings
from django.db import connections

pytestmark = [pytest.mark.postgres, pytest.mark.faults, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def unreachable_database():
    """Call it to lose the database; call it with `back=True` to get it back."""
    conn = connections["default"]
    original = conn.settings_dict["PORT"]

    def switch(back=False):
        conn.close()
        conn.settings_dict["PORT"] = original if back else "1"  # nothing listens on 1

    yield switch
    switch(back=True)


@pytest.mark.parametrize("path", ["/", "/stories/", "/domains/"])
def test_503_while_database_is_down_keeps_the_session_cookie(
    staff_client, unreachable_database, path
):
    unreachable_database()
    response = staff_client.get(path)
    assert response.status_code == 503
    assert "Prøv igen om lidt" in response.content.decode()
    # Neither deleted (an empty session) nor replaced: still logged in afterwards.
    assert settings.SESSION_COOKIE_NAME not in response.cookies


def test_staff_member_is_still_logged_in_when_the_database_is_back(
    staff_client, unreachable_database
):
    unreachable_database()
    assert staff_client.get("/stories/").status_code == 503
    assert staff_client.get("/domains/").status_code == 503
    unreachable_database(back=True)
    response = staff_client.get("/stories/")
    assert response.status_code == 200
    assert "medarbejder" in response.content.decode()


def test_participant_without_session_gets_no_session_cookie_on_503(client, unreachable_database):
    unreachable_database()
    response = client.get("/w/ABCDEF/")
    assert response.status_code == 503
    assert settings.SESSION_COOKIE_NAME not in response.cookies
