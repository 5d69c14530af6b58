"""The participant's side: join by code, group, ballot, confirmation, refusals, throttling."""

import io
import re
from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client, override_settings
from django.utils import timezone

from tests.factories import make_workshop, open_workshop
from workshops import services
from workshops.models import Ballot, JoinAttempt, Vote, Workshop

from .helpers import csrf_of, submit_choices, ticket_of, vote

pytestmark = pytest.mark.django_db

CSRF_VALUE = re.compile(r'value="[A-Za-z0-9]{64}"')


def votes_of(workshop):
    return sorted(
        Vote.objects.filter(ballot__workshop=workshop).values_list("domain__slug", flat=True)
    )


def test_enter_page_shows_a_code_form_without_login(client):
    response = client.get("/w/")
    assert response.status_code == 200
    assert 'name="code"' in response.content.decode()


def test_enter_with_a_lower_case_code_redirects_to_the_upper_case_participant_url(open_ws):
    response = Client().get("/w/", {"code": " testab "})
    assert response.status_code == 302
    assert response["Location"] == "/w/TESTAB/"


def test_lower_case_code_in_the_url_redirects_to_upper_case(open_ws):
    response = Client().get("/w/testab/")
    assert response.status_code == 302
    assert response["Location"] == "/w/TESTAB/"


def test_wrong_code_gives_a_friendly_page_and_counts_a_failure(db):
    response = Client().get("/w/ZZZZZZ/")
    assert response.status_code == 404
    assert "Koden virker ikke" in response.content.decode()
    assert JoinAttempt.objects.count() == 1


def test_draft_and_closed_codes_look_exactly_like_wrong_codes(db):
    make_workshop(status=Workshop.Status.DRAFT, code="DRAFTX")
    make_workshop(status=Workshop.Status.CLOSED, code="CXSSED")

    def main(code):
        response = Client().get(f"/w/{code}/")
        html = response.content.decode()
        html = html[html.index("<main") : html.index("</main>")]
        return response.status_code, CSRF_VALUE.sub("", html).replace(code, "")

    wrong = main("WRNGXY")
    for code in ("DRAFTX", "CXSSED"):
        status, page = main(code)
        assert "Koden virker ikke" in page
        assert (status, page) == wrong


def test_join_shows_group_buttons_and_sets_a_secure_httponly_token_cookie(open_ws):
    response = Client().get("/w/TESTAB/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hvilken gruppe er du i?" in html
    assert html.count("?gruppe=") == 3
    cookie = response.cookies[services.TOKEN_COOKIE]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert "sessionid" not in response.cookies


@override_settings(SESSION_COOKIE_SECURE=True)
def test_token_cookie_is_secure_when_session_cookies_are(open_ws):
    response = Client().get("/w/TESTAB/")
    assert response.cookies[services.TOKEN_COOKIE]["secure"]


def test_server_stores_only_a_hash_of_the_token(open_ws, participant):
    vote(participant, open_ws, 1, ["glaede"])
    signed = participant.cookies[services.TOKEN_COOKIE].value
    raw = signing.Signer(salt=services.TOKEN_SALT).unsign(signed)
    ballot = Ballot.objects.get()
    assert raw not in ballot.token
    assert ballot.token == services.token_hash(open_ws, raw)


def test_ballot_page_lists_every_domain_as_a_labelled_checkbox_with_a_counter(open_ws):
    client = Client()
    client.get("/w/TESTAB/")
    html = client.get("/w/TESTAB/stem/?gruppe=2").content.decode()
    assert html.count('type="checkbox" name="d"') == 10
    assert 'for="d-glaede"' in html and 'id="d-glaede"' in html
    assert "Jeg er mere glad i min hverdag." in html  # the easy-read statement
    assert "Du har valgt 0 af 3" in html
    assert "domains/icons/glaede" in html


def test_full_flow_stores_one_ballot_after_confirmation_only(open_ws, participant):
    confirm = submit_choices(participant, open_ws, 2, ["glaede", "laering", "indflydelse"])
    assert "Er det rigtigt?" in confirm.content.decode()
    assert Ballot.objects.count() == 0  # nothing stored before "Bekræft"
    response = participant.post(
        "/w/TESTAB/bekraeft/",
        {"csrfmiddlewaretoken": csrf_of(confirm), "ticket": ticket_of(confirm)},
    )
    assert response.status_code == 302
    assert response["Location"] == "/w/TESTAB/tak/"
    ballot = Ballot.objects.get()
    assert ballot.group.number == 2 and not ballot.is_paper
    assert votes_of(open_ws) == ["glaede", "indflydelse", "laering"]
    thanks = participant.get("/w/TESTAB/tak/").content.decode()
    assert "Tak for din stemme" in thanks


def test_coming_back_shows_the_ballot_to_change_and_changing_replaces_the_choices(
    open_ws, participant
):
    vote(participant, open_ws, 1, ["glaede", "laering"])
    again = participant.get("/w/TESTAB/")
    assert again.status_code == 302
    page = participant.get(again["Location"]).content.decode()
    assert "Du har allerede stemt" in page
    assert 'value="glaede" id="d-glaede" checked' in page
    vote(participant, open_ws, 3, ["tryghed-og-mod"])
    assert Ballot.objects.count() == 1
    assert Ballot.objects.get().group.number == 3
    assert votes_of(open_ws) == ["tryghed-og-mod"]


def test_fewer_than_n_choices_get_a_reminder_but_are_allowed(open_ws, participant):
    confirm = submit_choices(participant, open_ws, 1, ["glaede"])
    assert "Du må vælge 3" in confirm.content.decode()
    vote(participant, open_ws, 1, ["glaede"])
    assert votes_of(open_ws) == ["glaede"]


@pytest.mark.parametrize(
    "slugs, message",
    [
        ([], "Vælg mindst ét område."),
        (["glaede", "laering", "indflydelse", "tryghed-og-mod"], "Du må højst vælge 3"),
        (["glaede", "glaede"], "det samme område to gange"),
        (["findes-ikke"], "ikke på stemmesedlen"),
    ],
)
def test_bad_choices_are_refused_with_a_message_and_kept_on_the_page(
    open_ws, participant, slugs, message
):
    response = submit_choices(participant, open_ws, 1, slugs)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    for slug in set(slugs) - {"findes-ikke"}:
        assert f'value="{slug}" id="d-{slug}" checked' in html
    assert Ballot.objects.count() == 0


def test_domain_not_on_this_workshops_ballot_is_refused(db, participant):
    from domains.models import Domain

    workshop = open_workshop(code="SMAKEB", domains=Domain.objects.filter(slug="glaede"))
    response = submit_choices(participant, workshop, 1, ["laering"])
    assert response.status_code == 400
    assert "ikke på stemmesedlen" in response.content.decode()
    assert Ballot.objects.count() == 0


def test_forged_ticket_with_other_choices_is_refused(open_ws, participant):
    confirm = submit_choices(participant, open_ws, 1, ["glaede"])
    ticket = ticket_of(confirm)
    forged = ticket[:-3] + ("AAA" if not ticket.endswith("AAA") else "BBB")
    response = participant.post(
        "/w/TESTAB/bekraeft/", {"csrfmiddlewaretoken": csrf_of(confirm), "ticket": forged}
    )
    assert response.status_code == 400
    assert "Din stemme er ikke gemt" in response.content.decode()
    assert Ballot.objects.count() == 0


def test_ticket_replayed_from_another_browser_is_refused(open_ws, participant):
    confirm = submit_choices(participant, open_ws, 1, ["glaede"])
    other = Client(enforce_csrf_checks=True)
    page = other.get("/w/TESTAB/stem/?gruppe=1")
    other.get("/w/TESTAB/")
    page = other.get("/w/TESTAB/stem/?gruppe=1")
    response = other.post(
        "/w/TESTAB/bekraeft/", {"csrfmiddlewaretoken": csrf_of(page), "ticket": ticket_of(confirm)}
    )
    assert response.status_code == 400
    assert Ballot.objects.count() == 0


def test_forged_token_cookie_is_refused(open_ws, participant):
    confirm = submit_choices(participant, open_ws, 1, ["glaede"])
    participant.cookies[services.TOKEN_COOKIE] = "made-up-token:signature"
    response = participant.post(
        "/w/TESTAB/bekraeft/",
        {"csrfmiddlewaretoken": csrf_of(confirm), "ticket": ticket_of(confirm)},
    )
    assert response.status_code == 400
    assert "genkende din stemmeseddel" in response.content.decode()
    assert Ballot.objects.count() == 0


def test_missing_csrf_token_is_refused(open_ws, participant):
    confirm = submit_choices(participant, open_ws, 1, ["glaede"])
    response = participant.post("/w/TESTAB/bekraeft/", {"ticket": ticket_of(confirm)})
    assert response.status_code == 403
    assert Ballot.objects.count() == 0


def test_voting_after_the_workshop_closed_is_refused(open_ws, participant):
    confirm = submit_choices(participant, open_ws, 1, ["glaede"])
    services.close_workshop(open_ws, user=None)
    response = participant.post(
        "/w/TESTAB/bekraeft/",
        {"csrfmiddlewaretoken": csrf_of(confirm), "ticket": ticket_of(confirm)},
    )
    # The participant is told the vote has ended (not that the code is wrong).
    assert response.status_code == 200
    assert "Afstemningen er slut." in response.content.decode()
    assert Ballot.objects.count() == 0


def test_cast_ballot_refuses_a_group_of_another_workshop(open_ws):
    other = make_workshop(title="Anden")
    domains = list(open_ws.domains.all()[:1])
    with pytest.raises(services.VoteRefused):
        services.cast_ballot(open_ws, other.groups.first(), domains, token="x" * 64)
    assert Ballot.objects.count() == 0


def test_cast_ballot_refuses_a_draft_workshop(draft_ws):
    with pytest.raises(services.VoteRefused):
        services.cast_ballot(
            draft_ws, draft_ws.groups.first(), list(draft_ws.domains.all()[:1]), token="t" * 64
        )
    assert Ballot.objects.count() == 0


def test_a_ballot_link_with_an_unknown_group_says_so_at_the_group_choice(open_ws):
    client = Client()
    client.get("/w/TESTAB/")
    response = client.get("/w/TESTAB/stem/?gruppe=99")
    body = response.content.decode()
    assert response.status_code == 200 and "Hvilken gruppe er du i?" in body
    assert "Gruppen i linket findes ikke i denne workshop." in body
    assert 'name="d"' not in body  # nothing to fill in before the group is right
    body = client.get("/w/TESTAB/stem/").content.decode()
    assert "Linket mangler din gruppe." in body


def test_a_ballot_link_on_a_new_device_says_so_before_anything_is_filled_in(open_ws):
    """A ballot link copied to another phone has no participant token: the confirmation
    would refuse it, so the page says it first and gives the phone its token."""
    response = Client().get("/w/TESTAB/stem/?gruppe=2")
    body = response.content.decode()
    assert "Vi kan ikke genkende din telefon." in body and 'name="d"' not in body
    assert services.TOKEN_COOKIE in response.cookies


def test_a_new_device_after_closing_is_told_the_vote_has_ended(open_ws, participant):
    vote(participant, open_ws, 1, ["glaede"])
    services.close_workshop(open_ws, user=None)
    for path in ("/w/TESTAB/", "/w/TESTAB/stem/?gruppe=1", "/w/TESTAB/tak/"):
        response = Client().get(path)
        body = response.content.decode()
        assert response.status_code == 200, path
        assert "Afstemningen er slut." in body and "Koden virker ikke" not in body
        assert "1. plads" not in body  # the result is for those who voted
    assert not JoinAttempt.objects.exists()  # not counted as a wrong code
    Workshop.objects.filter(pk=open_ws.pk).update(closed_at=timezone.now() - timedelta(days=15))
    assert "Koden virker ikke" in Client().get("/w/TESTAB/").content.decode()


def test_too_many_choices_without_javascript_put_the_notice_after_the_last_ticked_card(
    open_ws, participant
):
    response = submit_choices(
        participant, open_ws, 1, ["glaede", "laering", "indflydelse", "faellesskab"]
    )
    body = response.content.decode()
    assert response.status_code == 400
    fieldset = body[body.index("<fieldset") : body.index("</fieldset>")]
    notice = fieldset.index('id="limit-notice"')
    # After the last ticked card in ballot order (INDFLYDELSE), before the next card.
    assert fieldset.index('id="d-indflydelse"') < notice < fieldset.index('id="d-uundvaerlighed"')
    assert "Du må højst vælge 3. Du har valgt 4." in fieldset
    assert 'aria-describedby="areas-explained limit-notice"' in fieldset


def test_after_closing_a_voter_sees_closed_page_with_results(open_ws, participant):
    vote(participant, open_ws, 1, ["glaede"])
    services.close_workshop(open_ws, user=None)
    html = participant.get("/w/TESTAB/").content.decode()
    assert "Afstemningen er lukket" in html
    assert "GLÆDE" in html and "1. plads" in html


def test_results_are_hidden_from_participants_while_open_unless_allowed(open_ws, participant):
    vote(participant, open_ws, 1, ["glaede"])
    assert "Resultatet" not in participant.get("/w/TESTAB/tak/").content.decode()
    Workshop.objects.filter(pk=open_ws.pk).update(results_visible=True)
    assert "Resultatet" in participant.get("/w/TESTAB/tak/").content.decode()


def test_locked_joining_stops_new_participants_but_not_those_already_in(open_ws, participant):
    vote(participant, open_ws, 1, ["glaede"])
    Workshop.objects.filter(pk=open_ws.pk).update(joining_locked=True)
    newcomer = Client()
    assert "lukket for nye deltagere" in newcomer.get("/w/TESTAB/").content.decode()
    vote(participant, open_ws, 1, ["laering"])
    assert votes_of(open_ws) == ["laering"]


def test_failed_joins_are_throttled_with_a_friendly_429(db):
    client = Client()
    for _ in range(services.JOIN_FAILURE_LIMIT):
        assert client.get("/w/", {"code": "WRNG22"}).status_code == 302
        assert client.get("/w/WRNG22/").status_code == 404
    response = client.get("/w/WRNG22/")
    assert response.status_code == 429
    assert "Vent et øjeblik" in response.content.decode()
    assert JoinAttempt.objects.count() == services.JOIN_FAILURE_LIMIT


def test_successful_joins_from_one_address_never_throttle(open_ws):
    for _ in range(services.JOIN_FAILURE_LIMIT * 3):
        assert Client().get("/w/TESTAB/").status_code == 200
    assert JoinAttempt.objects.count() == 0


def test_throttle_counts_per_address_so_another_address_still_guesses(open_ws):
    for _ in range(services.JOIN_FAILURE_LIMIT):
        Client(REMOTE_ADDR="10.0.0.1").get("/w/WRNG22/")
    assert Client(REMOTE_ADDR="10.0.0.1").get("/w/WRNG23/").status_code == 429
    assert Client(REMOTE_ADDR="10.0.0.2").get("/w/WRNG23/").status_code == 404
    # A valid code is never throttled (tests/workshops/test_room_brakes.py).
    assert Client(REMOTE_ADDR="10.0.0.1").get("/w/TESTAB/").status_code == 200


def test_old_failures_fall_out_of_the_window(db):
    from django.utils import timezone

    for _ in range(services.JOIN_FAILURE_LIMIT):
        Client().get("/w/WRNG22/")
    JoinAttempt.objects.update(at=timezone.now() - services.JOIN_FAILURE_WINDOW * 2)
    assert Client().get("/w/WRNG22/").status_code == 404


def test_ballot_submission_uses_a_fixed_small_number_of_queries(
    open_ws, participant, django_assert_max_num_queries
):
    confirm = submit_choices(participant, open_ws, 1, ["glaede", "laering", "indflydelse"])
    data = {"csrfmiddlewaretoken": csrf_of(confirm), "ticket": ticket_of(confirm)}
    # workshop, group, domains; then (a savepoint here) insert the ballot unless there is
    # one, lock it, count and mark a new ballot of this address (one statement), insert
    # the votes and the audit event
    with django_assert_max_num_queries(10):
        assert participant.post("/w/TESTAB/bekraeft/", data).status_code == 302
    with django_assert_max_num_queries(12):  # replacing an existing ballot (rare)
        assert participant.post("/w/TESTAB/bekraeft/", data).status_code == 302
    assert Ballot.objects.count() == 1


def test_participant_pages_never_create_a_session(open_ws, participant):
    response = vote(participant, open_ws, 1, ["glaede"])
    assert "sessionid" not in participant.cookies
    assert response.status_code == 302


def test_prune_command_removes_only_old_attempts(db):
    from django.core.management import call_command
    from django.utils import timezone

    JoinAttempt.objects.create(address="10.0.0.9")
    old = JoinAttempt.objects.create(address="10.0.0.9")
    JoinAttempt.objects.filter(pk=old.pk).update(
        at=timezone.now() - services.JOIN_FAILURE_WINDOW * 2
    )
    out = io.StringIO()
    call_command("prune_join_attempts", stdout=out)
    assert "Deleted 1" in out.getvalue()
    assert JoinAttempt.objects.count() == 1
