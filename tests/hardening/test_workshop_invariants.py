"""The workshop invariants of tests/invariants.py can each fail; selections respect consent."""

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone

from aktiv import roles
from domains.models import Domain
from stories.models import CollectionRound, Story
from tests.factories import (
    cast,
    make_edition,
    make_story,
    make_user,
    make_workshop,
    open_workshop,
)
from tests.invariants import assert_invariants, invariant_violations
from workshops import services
from workshops.models import Ballot, Selection, Vote, Workshop

pytestmark = pytest.mark.django_db


def _only(problem_part):
    problems = invariant_violations()
    assert len(problems) == 1 and problem_part in problems[0], problems


def test_a_ballot_in_a_workshop_never_opened_is_caught():
    workshop = open_workshop(code="INVDRF")
    cast(workshop, workshop.groups.first(), ["glaede"])
    Workshop.objects.filter(pk=workshop.pk).update(status=Workshop.Status.DRAFT)
    _only("som ikke er åbnet")


@pytest.mark.parametrize("paper", [False, True])
def test_the_database_refuses_a_vote_in_a_workshop_that_is_not_open(paper):
    workshop = make_workshop(status=Workshop.Status.DRAFT)
    ballot = Ballot.objects.create(
        workshop=workshop, group=workshop.groups.first(), token="draft-1", is_paper=paper
    )
    glaede = Domain.objects.get(slug="glaede")
    with pytest.raises(IntegrityError, match="does not take votes"), transaction.atomic():
        Vote.objects.create(ballot=ballot, slot=1, domain=glaede)
    Workshop.objects.filter(pk=workshop.pk).update(status=Workshop.Status.CLOSED)
    if paper:  # a paper ballot may be entered after the vote closed
        Vote.objects.create(ballot=ballot, slot=1, domain=glaede)
    else:
        with pytest.raises(IntegrityError, match="does not take votes"), transaction.atomic():
            Vote.objects.create(ballot=ballot, slot=1, domain=glaede)


def test_a_participant_ballot_after_closing_is_caught_but_a_paper_ballot_is_not():
    workshop = open_workshop(code="INVWKS")
    ballot = cast(workshop, workshop.groups.first(), ["glaede"])
    services.close_workshop(workshop, user=None)
    assert invariant_violations() == []
    paper = cast(workshop, workshop.groups.first(), ["glaede"], paper=True)
    assert invariant_violations() == []  # paper ballots may be entered after the workshop
    Ballot.objects.filter(pk=paper.pk).update(is_paper=False)
    _only("efter workshop")
    Ballot.objects.filter(pk=paper.pk).delete()
    Ballot.objects.filter(pk=ballot.pk).update(updated_at=timezone.now())  # changed later
    _only("efter workshop")


def test_closing_refuses_a_participant_ballot_and_accepts_a_paper_one():
    workshop = open_workshop(code="INVWKS")
    services.close_workshop(workshop, user=None)
    group, domains = workshop.groups.first(), list(Domain.objects.filter(slug="glaede"))
    with pytest.raises(services.VoteRefused):
        services.cast_ballot(workshop, group, domains, token="t-1")
    services.cast_ballot(workshop, group, domains, token=services.paper_token(), paper=True)
    assert Ballot.objects.filter(workshop=workshop).count() == 1
    assert_invariants()


def test_a_vote_for_a_domain_off_the_ballot_is_caught():
    workshop = open_workshop(code="INVWKS")
    cast(workshop, workshop.groups.first(), ["glaede"])
    assert invariant_violations() == []
    workshop.domains.remove(Domain.objects.get(slug="glaede"))
    _only("ikke er på workshoppens stemmeseddel")


def test_a_ballot_without_votes_is_caught():
    workshop = open_workshop(code="INVWKS")
    ballot = cast(workshop, workshop.groups.first(), ["glaede"])
    Vote.objects.filter(ballot=ballot).delete()
    _only("har ingen stemmer")


# --- selections respect consent ---------------------------------------------------------------


@pytest.fixture
def staff_workshop(db):
    round_ = CollectionRound.objects.create(name="Runde X")
    workshop = make_workshop(kind=Workshop.Kind.STAFF, round=round_)
    return workshop


@pytest.mark.parametrize("state", ["none", "withdrawn", "draft", "other-domain", "unknown"])
def test_a_forged_selection_of_a_story_without_analysis_consent_is_refused(
    facilitator_client, staff_workshop, state
):
    glaede = Domain.objects.get(slug="glaede")
    story = {
        "none": lambda: make_story(domains=["glaede"]),
        "withdrawn": lambda: make_story(domains=["glaede"], withdrawn=True),
        "draft": lambda: make_story(domains=["glaede"], consent=("analysis",)),
        "other-domain": lambda: make_story(domains=["faellesskab"], consent=("analysis",)),
        "unknown": lambda: None,
    }[state]()
    if state == "draft":
        Story.objects.filter(pk=story.pk).update(status=Story.Status.DRAFT)
    prefix = f"d{glaede.pk}"
    response = facilitator_client.post(
        f"/workshops/{staff_workshop.pk}/selection/{glaede.pk}/",
        {f"{prefix}-story": str(story.pk if story else 999_999), f"{prefix}-reason": "Fordi"},
    )
    assert response.status_code == 200
    assert "story" in response.context["form"].errors
    assert "Den fortælling kan ikke vælges" in response.content.decode()
    assert not Selection.objects.exists()


def test_a_withdrawn_selected_story_shows_nowhere(staff_client, staff_workshop):
    """Withdrawal deletes the selection: its reason (which may retell the story) is gone."""
    facilitator = make_user(roles.FACILITATOR)
    manager = make_user(roles.MANAGER)
    story = make_story(
        domains=["glaede"],
        title="HEMMELIG-TITEL-4711",
        round=staff_workshop.round,
        consent=("analysis",),
        consent_report_on=timezone.localdate(),
    )
    Selection.objects.create(
        workshop=staff_workshop,
        domain=Domain.objects.get(slug="glaede"),
        story=story,
        reason="HEMMELIG-BEGRUNDELSE-4711",
    )
    Workshop.objects.filter(pk=staff_workshop.pk).update(status=Workshop.Status.CLOSED)
    staff_workshop.refresh_from_db()
    make_edition([staff_workshop.round], workshops=[staff_workshop])  # the report shown
    pages = {
        facilitator: [
            f"/workshops/{staff_workshop.pk}/selection/",
            f"/workshops/{staff_workshop.pk}/",
            "/domains/glaede/",
        ],
        manager: ["/domains/glaede/", "/report/"],
    }

    def shown():
        found = []
        for user, urls in pages.items():
            client = Client()
            client.force_login(user)
            for url in urls:
                html = client.get(url).content.decode()
                found += [(url, s) for s in ("HEMMELIG-TITEL", "HEMMELIG-BEGRUNDELSE") if s in html]
        letter = staff_client.get(f"/stories/{story.pk}/feedback/letter/").content.decode()
        found += [("letter", "HEMMELIG-BEGRUNDELSE")] if "HEMMELIG-BEGRUNDELSE" in letter else []
        return found

    before = shown()
    assert ("/report/", "HEMMELIG-BEGRUNDELSE") in before  # the check can see it
    assert (f"/workshops/{staff_workshop.pk}/selection/", "HEMMELIG-TITEL") in before

    response = staff_client.post(
        f"/stories/{story.pk}/withdraw/", {"scope": "all", "confirm": "on"}
    )
    assert response.status_code == 302
    assert not Selection.objects.exists()
    assert shown() == []
    assert_invariants()


def test_a_selection_whose_story_lost_analysis_consent_is_hidden(
    facilitator_client, staff_workshop
):
    story = make_story(domains=["glaede"], title="SKJULT-TITEL-815", consent=("analysis",))
    Selection.objects.create(
        workshop=staff_workshop,
        domain=Domain.objects.get(slug="glaede"),
        story=story,
        reason="SKJULT-BEGRUNDELSE-815",
    )
    url = f"/workshops/{staff_workshop.pk}/selection/"
    assert "SKJULT-BEGRUNDELSE" in facilitator_client.get(url).content.decode()
    Story.objects.filter(pk=story.pk).update(consent_analysis_on=None)
    html = facilitator_client.get(url).content.decode()
    assert "SKJULT-TITEL" not in html and "SKJULT-BEGRUNDELSE" not in html
    console = facilitator_client.get(f"/workshops/{staff_workshop.pk}/")
    assert console.context["selection_count"] == 0
