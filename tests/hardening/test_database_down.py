"""A story form posted while PostgreSQL is unreachable: never a 500, and nothing typed
is lost silently."""

import pytest
from django.db import connections

from stories import services
from stories.models import Story
from tests.factories import make_story, story_form_data

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Jeg tør nu tage bussen alene"
TEXT = "Før turde jeg ikke. Nu tager jeg bussen hver dag – også når det regner 🌧."


def _break_database():
    conn = connections["default"]
    conn.close()
    conn.settings_dict["PORT"] = "1"  # nothing listens there


@pytest.fixture
def database_port():
    conn = connections["default"]
    original = conn.settings_dict["PORT"]
    yield original
    conn.close()
    conn.settings_dict["PORT"] = original


def test_story_form_posted_while_database_is_down_gives_danish_503(staff_client, database_port):
    data = story_form_data(title=TITLE, text=TEXT)
    _break_database()
    response = staff_client.post("/stories/new/", data)
    assert response.status_code == 503
    body = response.content.decode()
    assert "Prøv igen om lidt" in body
    assert "ikke gemt" in body and "Gå tilbage" in body


def test_database_lost_during_save_shows_the_form_again_with_what_was_typed(
    staff_client, database_port, monkeypatch
):
    data = story_form_data(
        title=TITLE,
        text=TEXT,
        consent_analysis="on",
        consent_analysis_on="2021-03-05",
        consent_giver="storyteller",
        consent_how="written",
    )
    real_save = services.create_story

    def save_after_losing_the_database(*args, **kwargs):
        _break_database()
        return real_save(*args, **kwargs)

    monkeypatch.setattr(services, "create_story", save_after_losing_the_database)
    response = staff_client.post("/stories/new/", data)
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    body = response.content.decode()
    assert "fortællingen er IKKE gemt" in body
    assert f'value="{TITLE}"' in body
    assert "Nu tager jeg bussen hver dag – også når det regner 🌧." in body
    assert 'value="2021-03-05"' in body
    # The user is not logged out: the session cookie is neither deleted nor replaced.
    assert "sessionid" not in response.cookies

    # The database is back: the same form, sent again, is saved once.
    monkeypatch.setattr(services, "create_story", real_save)
    connections["default"].close()
    connections["default"].settings_dict["PORT"] = database_port
    assert not Story.objects.filter(title=TITLE).exists()
    response = staff_client.post("/stories/new/", data)
    assert response.status_code == 302
    assert Story.objects.get(title=TITLE).text == TEXT


def test_database_lost_while_saving_an_edit_keeps_the_edit_in_the_form(
    staff_client, database_port, monkeypatch
):
    story = make_story(title="Den gamle titel")
    real_save = services.update_story

    def save_after_losing_the_database(*args, **kwargs):
        _break_database()
        return real_save(*args, **kwargs)

    monkeypatch.setattr(services, "update_story", save_after_losing_the_database)
    response = staff_client.post(f"/stories/{story.pk}/edit/", story_form_data(title=TITLE))
    assert response.status_code == 503
    body = response.content.decode()
    assert f'value="{TITLE}"' in body and "IKKE gemt" in body
