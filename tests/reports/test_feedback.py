"""Feedback to storytellers: recording it and the easy-read letter."""

import datetime

import pytest

from aktiv.models import AuditEvent
from stories.models import Feedback, Story
from tests.factories import ANALYSIS_ONLY_TITLE, make_story

pytestmark = pytest.mark.django_db


def test_staff_records_feedback_with_date_who_and_how(staff_client, scenario, staff_user):
    story = scenario.stories["Det rette match"]
    response = staff_client.post(
        f"/stories/{story.pk}/feedback/", {"given_on": "2021-05-10", "how": "letter"}
    )
    assert response.status_code == 302
    feedback = Feedback.objects.get(story=story)
    assert (feedback.given_on, feedback.given_by, feedback.how) == (
        datetime.date(2021, 5, 10),
        staff_user,
        "letter",
    )
    event = AuditEvent.objects.get(action="create", object_type="stories.feedback")
    assert event.object_label.startswith(f"Fortælling #{story.pk}")
    assert "Det rette match" not in str(event.detail) + event.object_label
    body = staff_client.get(f"/stories/{story.pk}/feedback/").content.decode()
    assert "10. maj 2021" in body and "Brev" in body


@pytest.mark.parametrize(
    "data, message",
    [
        ({"given_on": "", "how": "letter"}, "Skriv datoen for tilbagemeldingen."),
        ({"given_on": "i går", "how": "letter"}, "Skriv en dato som 2021-05-27."),
        ({"given_on": "2999-01-01", "how": "letter"}, "Datoen må ikke ligge i fremtiden."),
        ({"given_on": "2021-05-10", "how": ""}, "Vælg, hvordan fortælleren fik tilbagemeldingen."),
        ({"given_on": "2021-05-10", "how": "brevdue"}, "gyldig valgmulighed"),
    ],
)
def test_bad_feedback_input_shows_message_keeps_input_saves_nothing(
    staff_client, scenario, data, message
):
    story = scenario.stories["Det rette match"]
    response = staff_client.post(f"/stories/{story.pk}/feedback/", data)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    if data["given_on"]:
        assert data["given_on"] in body
    assert not Feedback.objects.exists()
    assert not AuditEvent.objects.exists()


def test_letter_names_the_workshops_that_read_the_story_and_why_it_was_selected(
    staff_client, scenario
):
    story = scenario.stories["Det rette match"]
    body = staff_client.get(f"/stories/{story.pk}/feedback/letter/").content.decode()
    assert "Tak for din fortælling" in body
    assert "1. okt. 2020" in body and "15. okt. 2020" in body  # staff + partners
    assert "20. apr. 2021" not in body  # the citizens' workshop reads domains, not stories
    assert "valgt som den vigtigste fortælling om GLÆDE" in body
    assert "Den viser, hvordan det rette match giver arbejdsglæde." in body
    assert "Hovedmenu" not in body
    assert story.storyteller_code not in body
    event = AuditEvent.objects.get(action="view")
    assert event.object_label == f"Fortælling #{story.pk}"


def test_letter_for_a_story_collected_after_the_workshops_or_without_consent(
    staff_client, scenario
):
    late = make_story(
        "Sent indsamlet",
        ["glaede"],
        scenario.round,
        consent=("analysis", "report"),
        collected_on=datetime.date(2021, 1, 5),
    )
    body = staff_client.get(f"/stories/{late.pk}/feedback/letter/").content.decode()
    assert "ikke blevet læst på et møde endnu" in body
    assert "Nej, ikke denne gang." in body
    no_consent = make_story("Uden samtykke", ["glaede"], scenario.round, consent=("report",))
    body = staff_client.get(f"/stories/{no_consent.pk}/feedback/letter/").content.decode()
    assert "ikke blevet læst på et møde endnu" in body


def test_letter_counts_the_selecting_workshop_even_without_analysis_consent_now(
    staff_client, scenario
):
    story = Story.objects.get(title=ANALYSIS_ONLY_TITLE)  # selected for LÆRING by staff
    body = staff_client.get(f"/stories/{story.pk}/feedback/letter/").content.decode()
    assert "valgt som den vigtigste fortælling om LÆRING" in body


@pytest.mark.parametrize("fixture", ["manager_client", "facilitator_client"])
def test_only_staff_reach_feedback_pages(request, scenario, fixture):
    client = request.getfixturevalue(fixture)
    story = scenario.stories["Det rette match"]
    assert client.get(f"/stories/{story.pk}/feedback/").status_code == 403
    assert client.get(f"/stories/{story.pk}/feedback/letter/").status_code == 403


def test_unknown_story_feedback_is_404(staff_client):
    assert staff_client.get("/stories/999999/feedback/").status_code == 404
