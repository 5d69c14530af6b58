"""Passwords outside the tests: hashed with Django's slow default, never a fast hash.

The suite hashes with MD5 for speed (tests/conftest.py); this checks that what it
overrides is the strong default, so the shortcut cannot reach production.
"""

from django.conf import global_settings, settings
from django.contrib.auth.hashers import get_hasher
from django.test import override_settings

import aktiv.settings as production


def test_production_hashes_passwords_with_pbkdf2_and_at_least_a_million_rounds():
    assert not hasattr(production, "PASSWORD_HASHERS")  # Django's own list applies
    with override_settings(PASSWORD_HASHERS=global_settings.PASSWORD_HASHERS):
        hasher = get_hasher()
        assert hasher.algorithm == "pbkdf2_sha256"
        assert hasher.iterations >= 1_000_000


def test_the_suite_itself_hashes_fast():
    assert settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]
