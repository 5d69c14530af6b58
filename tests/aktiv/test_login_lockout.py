"""Login throttling: username + address together, 15 minutes, never extended, Danish."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.utils import timezone

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def fail(client, username="medarbejder", ip="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": "forkert"}, REMOTE_ADDR=ip)


def succeed(client, username="medarbejder", ip="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": "correct-horse-9"}, REMOTE_ADDR=ip)


def test_five_failures_lock_the_username_from_that_address_with_a_danish_page(client, staff_user):
    for _ in range(4):
        assert fail(client).status_code == 200
    response = fail(client)
    assert response.status_code == 429
    body = response.content.decode()
    assert "Vent lidt, før du prøver igen" in body
    assert "15 minutter" in body
    # Even the right password is refused while locked.
    assert succeed(client).status_code == 429


def test_lock_is_per_username_and_address_together(client, staff_user, manager_user):
    for _ in range(5):
        fail(client)
    assert succeed(client, ip="10.0.0.2").status_code == 302  # same user, other address
    assert succeed(client, username="leder", ip="10.0.0.1").status_code == 302


def test_attempts_while_locked_do_not_extend_the_lock_and_it_ends_after_15_minutes(
    client, staff_user
):
    for _ in range(5):
        fail(client)
    attempt = AccessAttempt.objects.get(username="medarbejder")
    locked_at, failures = attempt.attempt_time, attempt.failures_since_start
    for _ in range(3):
        assert fail(client).status_code == 429
    attempt.refresh_from_db()
    assert (attempt.attempt_time, attempt.failures_since_start) == (locked_at, failures)
    AccessAttempt.objects.filter(pk=attempt.pk).update(
        attempt_time=timezone.now() - timedelta(minutes=15, seconds=1)
    )
    assert succeed(client).status_code == 302


def test_successful_login_resets_the_failure_count(client, staff_user):
    for _ in range(4):
        fail(client)
    assert succeed(client).status_code == 302
    client.logout()
    for _ in range(4):
        assert fail(client).status_code == 200
