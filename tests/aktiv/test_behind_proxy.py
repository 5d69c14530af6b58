"""Behind the proxy every client has its own address (aktiv.clients): for the login
lockout (finding 4), failed join codes and new ballots. The admin's login refuses an
overlong username with a message, not a 500 (finding 12). Failed sign-ins across many
usernames and addresses are noticed."""

import logging

import pytest
from axes import helpers as axes_helpers
from django.test import RequestFactory

from aktiv.clients import client_address

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PROXY = "127.0.0.1"


@pytest.fixture
def behind_proxy(settings, monkeypatch):
    """Production behind the documented proxy (nginx appending to X-Forwarded-For). The
    old settings told axes to read the header through django-ipware, which the project
    did not install: axes then fell back to REMOTE_ADDR, the proxy's address."""
    settings.AKTIV_TRUSTED_PROXIES = 1
    settings.AXES_IPWARE_PROXY_COUNT = 1
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    monkeypatch.setattr(axes_helpers, "IPWARE_INSTALLED", False)  # as in a clean install


def _login(client, client_ip, password, username="medarbejder"):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=client_ip,
    )


def test_an_attacker_behind_the_proxy_cannot_lock_another_client_out(
    client, staff_user, behind_proxy
):
    for _ in range(5):
        _login(client, "203.0.113.66", "forkert")
    assert _login(client, "203.0.113.66", "forkert").status_code == 429  # the attacker
    assert _login(client, "198.51.100.7", "correct-horse-9").status_code == 302  # the user


def test_a_spoofed_left_entry_does_not_change_the_address(behind_proxy):
    factory = RequestFactory()
    honest = factory.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    spoofed = factory.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.7")
    assert client_address(honest) == client_address(spoofed) == "198.51.100.7"


def test_without_a_proxy_the_header_is_ignored(settings):
    settings.AKTIV_TRUSTED_PROXIES = 0
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="10.1.1.1")
    assert client_address(request) == "192.0.2.1"


def test_garbage_in_the_header_falls_back_to_the_connection(behind_proxy):
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="<script>")
    assert client_address(request) == PROXY


def test_axes_uses_the_same_address_as_the_app(settings):
    assert settings.AXES_CLIENT_IP_CALLABLE == "aktiv.clients.client_address"


# The admin's login --------------------------------------------------------------------------


def test_the_admin_login_refuses_a_very_long_username_with_a_message(client):
    """Finding 12: a username over 255 characters reached django-axes' failure record."""
    client.raise_request_exception = False
    # The admin signs in through the app's sign-in, whose form has the same limits.
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "x" * 300, "password": "forkert"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    response = client.post(
        "/accounts/login/?next=/admin/", {"username": "x" * 300, "password": "forkert"}
    )
    assert response.status_code == 200
    assert "højst være 254 tegn" in response.content.decode()


# Failed sign-ins across usernames and addresses --------------------------------------------


def test_many_failures_across_usernames_and_addresses_are_logged_and_shown(
    client, admin_client_, settings, caplog
):
    settings.AKTIV_FAILED_LOGIN_ALERT = 6
    with caplog.at_level(logging.WARNING, logger="aktiv.security"):
        for n in range(6):  # six usernames from six addresses: no lockout is met
            response = client.post(
                LOGIN, {"username": f"bruger{n}", "password": "forkert"}, REMOTE_ADDR=f"10.0.0.{n}"
            )
            assert response.status_code == 200
    assert "Many failed sign-ins" in caplog.text
    page = admin_client_.get("/audit/").content.decode()
    assert "6 mislykkede logins de seneste 15 minutter" in page
    assert "nogen prøver måske at gætte adgangskoder" in page


def test_a_few_failures_are_counted_without_an_alarm(client, admin_client_, caplog):
    with caplog.at_level(logging.WARNING, logger="aktiv.security"):
        client.post(LOGIN, {"username": "nogen", "password": "forkert"})
    assert "Many failed sign-ins" not in caplog.text
    page = admin_client_.get("/audit/").content.decode()
    assert "1 mislykket login de seneste 15 minutter" in page
    assert "gætte adgangskoder" not in page
