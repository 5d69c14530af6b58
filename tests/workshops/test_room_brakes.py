"""A room on one Wi-Fi: wrong join codes never block a valid one and a participant never
loses the choices (finding 5); the brakes on ballot stuffing (finding 6): a head count
with a console warning and a mark on the results, and a bound on new ballots per
address per minute."""

import pytest
from django.core import signing
from django.test import Client

from tests.factories import cast, make_edition, make_round, open_workshop
from workshops import services
from workshops.models import Ballot, NewBallotMark, Workshop

from .helpers import csrf_of, submit_choices, ticket_of

pytestmark = pytest.mark.django_db

ROOM = "10.20.30.40"  # one municipal Wi-Fi: one address


def _wrong_codes(n, address=ROOM):
    for _ in range(n):
        Client(REMOTE_ADDR=address).get("/w/WRNG22/")


def test_wrong_codes_on_the_room_s_address_never_block_a_valid_code():
    """Finding 5: ten wrong codes from one address blocked every participant there."""
    workshop = open_workshop(code="RUMABC")
    _wrong_codes(services.JOIN_FAILURE_LIMIT)
    assert Client(REMOTE_ADDR=ROOM).get("/w/WRNG22/").status_code == 429  # still throttled
    participant = Client(REMOTE_ADDR=ROOM)
    assert participant.get("/w/RUMABC/").status_code == 200
    assert participant.get("/w/", {"code": "rumabc"}).status_code == 302
    confirm = submit_choices(participant, workshop, 1, ["glaede"])
    assert confirm.status_code == 200
    response = participant.post(
        "/w/RUMABC/bekraeft/",
        {"csrfmiddlewaretoken": csrf_of(confirm), "ticket": ticket_of(confirm)},
    )
    assert response.status_code == 302 and response["Location"] == "/w/RUMABC/tak/"
    assert Ballot.objects.filter(workshop=workshop).count() == 1


def test_a_participant_whose_confirmation_expired_gets_the_choices_back(monkeypatch):
    """Finding 5: a participant who then pressed Send lost the choices."""
    workshop = open_workshop(code="RUMABC")
    participant = Client(REMOTE_ADDR=ROOM)
    confirm = submit_choices(participant, workshop, 2, ["glaede", "laering"])
    ticket = ticket_of(confirm)
    monkeypatch.setattr(services, "TICKET_MAX_AGE", -1)  # the page was open too long
    _wrong_codes(services.JOIN_FAILURE_LIMIT)  # and the room is throttled meanwhile
    response = participant.post(
        "/w/RUMABC/bekraeft/",
        {
            "csrfmiddlewaretoken": csrf_of(confirm),
            "ticket": ticket,
            "gruppe": "2",
            "d": ["glaede", "laering"],
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Dine valg står herunder" in html
    assert html.count("checked") == 2 and 'value="glaede"' in html
    assert Ballot.objects.count() == 0


def test_a_garbled_ticket_also_keeps_the_choices():
    workshop = open_workshop(code="RUMABC")
    participant = Client()
    confirm = submit_choices(participant, workshop, 1, ["faellesskab"])
    response = participant.post(
        "/w/RUMABC/bekraeft/",
        {
            "csrfmiddlewaretoken": csrf_of(confirm),
            "ticket": signing.dumps({"x": 1}),
            "gruppe": "1",
            "d": ["faellesskab"],
        },
    )
    assert response.status_code == 400
    assert "checked" in response.content.decode()


def test_the_confirmation_page_carries_the_choices_beside_the_ticket():
    workshop = open_workshop(code="RUMABC")
    html = submit_choices(Client(), workshop, 3, ["glaede"]).content.decode()
    assert 'name="gruppe" value="3"' in html and 'name="d" value="glaede"' in html


# Ballot stuffing --------------------------------------------------------------------------


def _new_ballot(address, workshop, slugs=("glaede",)):
    """A fresh browser (a cleared cookie) votes once from `address`."""
    participant = Client(REMOTE_ADDR=address)
    confirm = submit_choices(participant, workshop, 1, list(slugs))
    return participant.post(
        f"/w/{workshop.join_code}/bekraeft/",
        {
            "csrfmiddlewaretoken": csrf_of(confirm),
            "ticket": ticket_of(confirm),
            "gruppe": "1",
            "d": list(slugs),
        },
    )


def test_new_ballots_per_address_are_bounded_and_the_refused_one_keeps_its_choices(
    monkeypatch,
):
    """Finding 6: clearing the cookie gave 25 ballots in 4 s."""
    monkeypatch.setattr(services, "NEW_BALLOTS_PER_MINUTE", 5)
    workshop = open_workshop(code="RUMABC")
    for _ in range(5):
        assert _new_ballot(ROOM, workshop).status_code == 302
    refused = _new_ballot(ROOM, workshop, ["glaede", "laering"])
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "Vent et minut" in html and html.count("checked") == 2
    assert Ballot.objects.filter(workshop=workshop).count() == 5
    # Another address (another room) is not affected.
    assert _new_ballot("10.99.0.1", workshop).status_code == 302


def test_a_room_of_thirty_on_one_address_never_meets_the_bound():
    workshop = open_workshop(code="RUMABC")
    assert services.NEW_BALLOTS_PER_MINUTE > 30
    for _ in range(31):
        assert _new_ballot(ROOM, workshop).status_code == 302


def test_changing_a_ballot_is_never_limited(monkeypatch):
    monkeypatch.setattr(services, "NEW_BALLOTS_PER_MINUTE", 1)
    workshop = open_workshop(code="RUMABC")
    participant = Client(REMOTE_ADDR=ROOM)
    for slugs in (["glaede"], ["laering"], ["faellesskab"]):
        confirm = submit_choices(participant, workshop, 1, slugs)
        response = participant.post(
            "/w/RUMABC/bekraeft/",
            {"csrfmiddlewaretoken": csrf_of(confirm), "ticket": ticket_of(confirm)},
        )
        assert response.status_code == 302
    assert Ballot.objects.filter(workshop=workshop).count() == 1
    assert NewBallotMark.objects.count() == 1


def test_the_address_is_kept_only_as_a_keyed_hash_and_never_with_a_ballot():
    workshop = open_workshop(code="RUMABC")
    _new_ballot(ROOM, workshop)
    mark = NewBallotMark.objects.get()
    assert ROOM not in mark.address_hash and len(mark.address_hash) == 64
    assert not [f for f in NewBallotMark._meta.fields if f.name == "ballot"]


def test_head_count_warns_on_the_console_and_marks_results_exports_and_report(
    facilitator_client, manager_client
):
    workshop = open_workshop(code="RUMABC", groups=1)
    Workshop.objects.filter(pk=workshop.pk).update(expected_participants=2)
    group = workshop.groups.get()
    for _ in range(2):
        cast(workshop, group, ["glaede"])
    console = facilitator_client.get(f"/workshops/{workshop.pk}/").content.decode()
    assert "data-live-over hidden" in console
    assert (
        facilitator_client.get(f"/workshops/{workshop.pk}/live/").json()["over_head_count"] is False
    )
    cast(workshop, group, ["glaede"])  # a third ballot in a room of two
    console = facilitator_client.get(f"/workshops/{workshop.pk}/").content.decode()
    assert "data-live-over>" in console and "flere stemmesedler end de 2 deltagere" in console
    assert facilitator_client.get(f"/workshops/{workshop.pk}/live/").json()["over_head_count"]
    results = manager_client.get(f"/workshops/{workshop.pk}/results/").content.decode()
    assert "der er 3 stemmesedler, men kun 2 deltagere" in results
    export = manager_client.get(f"/workshops/{workshop.pk}/export/resultat.csv")
    assert "3 stemmesedler, men kun 2 deltagere" in export.content.decode("utf-8-sig")
    round_ = make_round("Rummets runde")
    Workshop.objects.filter(pk=workshop.pk).update(status=Workshop.Status.CLOSED, round=round_)
    workshop.refresh_from_db()
    edition = make_edition([round_], ranking=[workshop])
    report = manager_client.get(edition.get_absolute_url()).content.decode()
    assert "fik 3 stemmesedler, men havde kun 2 deltagere" in report


def test_the_head_count_is_entered_on_the_workshop_form(facilitator_client):
    from domains.models import Domain

    response = facilitator_client.post(
        "/workshops/new/",
        {
            "title": "Borgerworkshop",
            "kind": "citizens",
            "held_on": "2021-04-20",
            "votes_per_participant": "3",
            "expected_participants": "25",
            "domains": [str(d.pk) for d in Domain.objects.filter(is_active=True)],
            "group_count": "3",
        },
    )
    assert response.status_code == 302
    assert Workshop.objects.get().expected_participants == 25
