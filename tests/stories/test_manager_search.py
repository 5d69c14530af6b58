"""Finding 10: a manager's search matched text in fields managers may not see (a word
only in "why significant" found the story). A manager searches title and text only."""

import pytest

from tests.factories import make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(db):
    return make_story(
        title="Jeg har fået et arbejde",
        text="Nu møder jeg ind hver dag.",
        significance="Hemmelighedsfuld betydning om zebrafinker",
        consent=("report",),
    )


def _found(client, query):
    response = client.get("/stories/", {"q": query})
    assert response.status_code == 200
    return "Jeg har fået et arbejde" in response.content.decode()


def test_a_word_only_in_significance_finds_nothing_for_a_manager(manager_client, story):
    assert not _found(manager_client, "zebrafinker")
    assert _found(manager_client, "arbejde")  # title
    assert _found(manager_client, "møder")  # text


def test_the_manager_export_follows_the_same_search(manager_client, story):
    raw = b"".join(
        manager_client.get("/stories/export.csv", {"q": "zebrafinker"}).streaming_content
    ).decode("utf-8-sig")
    assert "Jeg har fået et arbejde" not in raw


def test_staff_still_search_every_field(staff_client, story):
    assert _found(staff_client, "zebrafinker")
