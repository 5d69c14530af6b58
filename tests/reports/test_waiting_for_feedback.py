"""The manager's start page lists the storytellers still waiting for feedback: a story with
analysis consent in a round whose staff, partners' or mixed workshop has closed (the
feedback letter's rule, per round), and no feedback on it. Read from the tallies."""

import datetime

import pytest

from aktiv import roles
from stories.models import Feedback, Story
from tests.factories import bulk_stories, make_round, make_story, make_user, make_workshop
from workshops import report_selectors, selectors
from workshops.models import Workshop

pytestmark = pytest.mark.django_db


def _by_the_letters_rule():
    """{teller: stories} counted story by story with the feedback letter's own function."""
    expected = {}
    for story in Story.objects.all():
        analysis = Story.objects.for_analysis().filter(pk=story.pk).exists()
        read = report_selectors.workshops_that_read(story, analysis)["read"]
        if read and not story.feedback.exists():
            teller = story.storyteller_code or f"#{story.pk}"
            expected[teller] = expected.get(teller, 0) + 1
    return expected


def test_the_waiting_storytellers_are_those_whose_story_the_letter_says_was_read(scenario):
    # A round without a reading workshop (only a citizens' one): nobody waits there.
    other = make_round("2022")
    make_workshop("Borgere", Workshop.Kind.CITIZENS, round=other, status=Workshop.Status.CLOSED)
    make_story("Ny runde", round=other, consent=("analysis",), storyteller_code="L-001")
    # Without a code, in the scenario's round: waits under its story number.
    lone = make_story("Uden kode", round=scenario.round, consent=("analysis",))
    # Two stories by one storyteller, one with feedback: one story still waits.
    heard = scenario.stories["Det rette match"]
    make_story("Samme fortæller", round=scenario.round, consent=("analysis",),
               storyteller_code=heard.storyteller_code)  # fmt: skip
    Feedback.objects.create(story=heard, given_on=datetime.date(2021, 5, 1), how="letter")

    rows, total = selectors.storytellers_waiting_for_feedback(limit=100)
    assert {row["teller"]: row["stories"] for row in rows} == _by_the_letters_rule()
    assert total == len(rows) == 22  # 20 + the analysis-only story (K-003) + the lone one
    assert f"#{lone.pk}" in {row["teller"] for row in rows}
    assert {row["since"] for row in rows} == {datetime.date(2020, 10, 1)}  # staff workshop
    Feedback.objects.bulk_create(
        Feedback(story=story, given_on=datetime.date(2021, 5, 1), how="letter")
        for story in Story.objects.all()
    )
    assert selectors.storytellers_waiting_for_feedback() == ([], 0)


def test_the_manager_sees_them_numbered_and_staff_see_codes_with_links(
    manager_client, client, scenario
):
    body = manager_client.get("/").content.decode()
    assert "Fortællere, der venter på en tilbagemelding" in body
    assert "21 fortællere har fået deres fortællinger læst på en workshop" in body
    assert "Fortæller 1: 1 fortælling, venter siden 1. okt. 2020" in body
    assert "Og 1 fortæller mere." in body
    assert "B-001" not in body and "storyteller_code=" not in body
    both = make_user(roles.MANAGER, roles.STAFF, username="leder-og-medarbejder")
    client.force_login(both)
    body = client.get("/").content.decode()
    assert '<a href="/stories/?storyteller_code=B-001">B-001</a>' in body


def test_the_start_page_asks_the_same_number_of_queries_whatever_the_data(
    manager_client, scenario, django_assert_max_num_queries
):
    with django_assert_max_num_queries(60) as small:
        manager_client.get("/")
    bulk_stories(scenario.round, 300)
    with django_assert_max_num_queries(len(small.captured_queries)):
        body = manager_client.get("/").content.decode()
    _rows, total = selectors.storytellers_waiting_for_feedback()
    assert total == 321 and "Og 301 fortællere mere." in body
