"""Headers every response gets (Permissions-Policy; no-store where story text may be) and
the bound on request bodies."""

import pytest

from tests.factories import make_story

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/healthz", "/w/", "/accounts/login/"])
def test_every_response_has_a_permissions_policy(client, url):
    policy = client.get(url)["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy
    # Security keys and passkeys for two-factor sign-in: this site only.
    assert "publickey-credentials-get=(self)" in policy


def test_pages_with_story_text_are_never_stored_in_a_cache(staff_client, manager_client):
    story = make_story(title="Min historie", consent=("report", "publish"))
    for client, url in (
        (staff_client, f"/stories/{story.pk}/"),
        (staff_client, "/stories/"),
        (manager_client, f"/stories/{story.pk}/"),
        (manager_client, "/report/"),
        (manager_client, "/domains/glaede/"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url


def test_the_public_stories_page_is_not_stored_either(client):
    make_story(title="Offentlig", consent=("publish",))
    assert "no-store" in client.get("/public/stories/")["Cache-Control"]


def test_a_request_body_over_the_bound_is_refused_before_it_is_read(staff_client, settings):
    settings.REQUEST_MAX_BYTES = 1000
    response = staff_client.post(
        "/stories/new/", {"title": "x" * 2000}, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413


def test_upload_settings_bound_fields_and_files(settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 2_621_440
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES == 1
    assert settings.REQUEST_MAX_BYTES < 25 * 1024 * 1024
