"""The manager's start page lists the storytellers still waiting for feedback: those whose
story a workshop read (the feedback letter's rule) and who have had no feedback."""

import datetime

import pytest

from aktiv import roles
from stories.models import Feedback, Story
from tests.factories import bulk_stories, make_story, make_user, make_workshop
from workshops import report_selectors, selectors
from workshops.models import Selection, Workshop

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


def test_the_waiting_storytellers_are_those_the_feedback_letter_says_were_read(scenario):
    round_ = scenario.round
    # Collected after the round's reading workshops: not read yet.
    make_story("Efter workshoppen", round=round_, consent=("analysis",),
               collected_on=datetime.date(2021, 1, 5), storyteller_code="L-001")  # fmt: skip
    # Without a code, selected by a closed workshop of another round: read.
    other = make_workshop("Anden runde", Workshop.Kind.STAFF, status=Workshop.Status.CLOSED)
    lone = make_story("Uden kode", consent=("analysis",))
    Selection.objects.create(workshop=other, domain=lone.domains.get(), story=lone, reason="R")
    # Feedback given: no longer waiting.
    heard = scenario.stories["Det rette match"]
    Feedback.objects.create(story=heard, given_on=datetime.date(2021, 5, 1), how="letter")

    rows, total = selectors.storytellers_waiting_for_feedback(limit=100)
    assert {row["teller"]: row["stories"] for row in rows} == _by_the_letters_rule()
    assert total == len(rows) == 21  # 19 + the analysis-only story (K-003) + the lone one
    assert "L-001" not in {row["teller"] for row in rows}
    assert f"#{lone.pk}" in {row["teller"] for row in rows}
    assert rows[0]["since"] == datetime.date(2020, 10, 1)  # the staff workshop


def test_the_manager_sees_them_numbered_and_staff_see_codes_with_feedback_links(
    manager_client, client, scenario
):
    body = manager_client.get("/").content.decode()
    assert "Fortællere, der venter på en tilbagemelding" in body
    assert "21 fortællere har fået deres fortællinger læst på en workshop" in body
    assert (
        "Fortæller 1</li>" not in body
        and "Fortæller 1: 1 fortælling, venter siden 1. okt. 2020" in body
    )
    assert "Og 1 fortæller mere." in body
    assert "B-001" not in body and "/feedback/" not in body
    both = make_user(roles.MANAGER, roles.STAFF, username="leder-og-medarbejder")
    client.force_login(both)
    body = client.get("/").content.decode()
    first = scenario.stories[next(iter(scenario.stories))]
    assert f'<a href="/stories/{first.pk}/feedback/">B-001</a>' in body


def test_the_start_page_asks_the_same_number_of_queries_whatever_the_data(
    manager_client, scenario, django_assert_max_num_queries
):
    with django_assert_max_num_queries(60) as small:
        manager_client.get("/")
    bulk_stories(scenario.round, 300)
    with django_assert_max_num_queries(len(small.captured_queries)):
        body = manager_client.get("/").content.decode()
    _rows, total = selectors.storytellers_waiting_for_feedback()
    assert total > 300 and f"Og {total - 20} fortællere mere." in body
