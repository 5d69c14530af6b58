"""The database invariants hold on the demo data, and each check can fail."""

import datetime

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from domains.models import Domain
from stories.models import Erasure, Story
from tests.factories import make_story
from tests.invariants import assert_invariants, invariant_violations
from workshops.models import Ballot, Group, Selection, Vote, Workshop

pytestmark = pytest.mark.django_db


def test_invariants_hold_on_the_demo_data():
    call_command("load_demo", force=True, verbosity=0)
    assert Story.objects.exists()
    assert_invariants()


def _workshop(votes=3):
    workshop = Workshop.objects.create(
        title="W",
        kind="citizens",
        held_on=datetime.date(2021, 1, 1),
        votes_per_participant=votes,
        status=Workshop.Status.OPEN,
        opened_at=timezone.now(),
    )
    workshop.domains.set(Domain.objects.all())
    group = Group.objects.create(workshop=workshop, number=1, name="Gruppe 1")
    return workshop, group


def test_invariants_catch_a_withdrawn_story_in_a_selection():
    workshop, _group = _workshop()
    story = make_story()
    Selection.objects.create(
        workshop=workshop, domain=Domain.objects.first(), story=story, reason="Fordi"
    )
    assert invariant_violations() == []
    Story.objects.filter(pk=story.pk).update(withdrawn_at=timezone.now())
    assert "udvalgt i workshop" in invariant_violations()[0]


def test_invariants_catch_too_many_votes_on_a_ballot():
    workshop, group = _workshop(votes=3)
    ballot = Ballot.objects.create(workshop=workshop, group=group, token="t1")
    for slot, domain in enumerate(Domain.objects.all()[:3], start=1):
        Vote.objects.create(ballot=ballot, slot=slot, domain=domain)
    assert invariant_violations() == []
    # The database refuses this itself (trigger of workshops 0003); switch the trigger off
    # inside the test's transaction to simulate a database that lost the rule.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no deferred checks pending
        cursor.execute("ALTER TABLE workshops_workshop DISABLE TRIGGER workshop_limit_covers_votes")
        Workshop.objects.filter(pk=workshop.pk).update(votes_per_participant=2)
        cursor.execute("ALTER TABLE workshops_workshop ENABLE TRIGGER workshop_limit_covers_votes")
    problems = invariant_violations()
    assert any("har 3 stemmer (højst 2)" in p for p in problems)


def test_invariants_catch_an_erased_story_that_came_back():
    story = make_story()
    Erasure.objects.create(story_id=story.pk, erased_at=timezone.now())
    assert "er slettet, men findes igen" in invariant_violations()[0]


def test_the_database_refuses_a_consent_recorder_without_a_date(staff_user):
    story = make_story(consent=("analysis",), user=staff_user)
    assert invariant_violations() == []
    with pytest.raises(IntegrityError, match="story_consent_analysis_recorded_with_date"):
        with transaction.atomic():
            Story.objects.filter(pk=story.pk).update(consent_analysis_on=None)


def test_withdrawing_a_selected_story_removes_it_from_the_selections(staff_client):
    workshop, _group = _workshop()
    story = make_story(consent=("analysis", "report"))
    Selection.objects.create(
        workshop=workshop, domain=Domain.objects.first(), story=story, reason="Fordi"
    )
    response = staff_client.post(
        f"/stories/{story.pk}/withdraw/", {"scope": "all", "confirm": "on"}
    )
    assert response.status_code == 302
    assert not Selection.objects.filter(story=story).exists()
    assert_invariants()
