"""Static file URLs (aktiv.static_storage): the hashed names, each looked up once."""

import re

import pytest
from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage

from aktiv.static_storage import StaticFilesStorage


def test_the_site_uses_it():
    assert settings.STORAGES["staticfiles"]["BACKEND"] == "aktiv.static_storage.StaticFilesStorage"


def test_a_url_is_the_hashed_name_and_is_looked_up_once(monkeypatch):
    storage = StaticFilesStorage()
    first = storage.url("css/aktiv.css")
    assert re.fullmatch(r"/static/css/aktiv\.[0-9a-f]{12}\.css", first), first
    looked_up = []
    monkeypatch.setattr(
        CompressedManifestStaticFilesStorage,
        "url",
        lambda self, name, force=False: looked_up.append(name),
    )
    assert storage.url("css/aktiv.css") == first
    assert looked_up == []


def test_a_file_missing_from_the_manifest_fails_every_time():
    storage = StaticFilesStorage()
    for _attempt in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("css/nowhere.css")
