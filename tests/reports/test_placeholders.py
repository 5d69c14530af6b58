"""Placeholders in the report texts: filled from the data, refused when unknown, shown in
a preview while the text is written; the texts are edited by those who prepare and sign."""

import datetime

import pytest

from aktiv import roles
from aktiv.models import AuditEvent
from reports import placeholders
from reports.models import Edition, EditionText
from tests.factories import make_user

VALUES = placeholders.values(
    placeholders.Facts(
        stories=20,
        collected=22,
        participants=14,
        groups=3,
        votes=42,
        votes_per_participant=3,
        domains=10,
        not_prioritised=1,
        ranked=True,
        ranking_dates=[datetime.date(2021, 4, 20)],
        analysis_dates=[datetime.date(2020, 10, 6), datetime.date(2020, 11, 10)],
        dated=datetime.date(2021, 6, 1),
        rounds=["2019–2021"],
        employment={"wage_subsidy": 7, "voluntary": 4},
    )
)


@pytest.mark.parametrize(
    "text, filled",
    [
        ("{deltagere} borgere", "14 borgere"),
        ("{Grupper_ord} grupper", "Tre grupper"),
        ("{grupper_ord} grupper", "tre grupper"),
        ("I {borgerworkshops_tid}: {borgerworkshops_tekst}", "I foråret 2021: en analyseworkshop"),
        ("I {analyseworkshops_tid}: {analyseworkshops_ord}", "I efteråret 2020: to"),
        ("{analyseworkshops_tekst}", "to analyseworkshops"),
        ("{ikke_prioriteret}", placeholders.not_prioritised_sentence(1, True)),
        ("{beskæftigelse_løntilskud}, {beskæftigelse_andet}", "7, 0"),
        ("{dato} · {år} · {runde}", "1. jun. 2021 · 2021 · 2019–2021"),
        ("{{deltagere}} og {{", "{deltagere} og {"),
        ("{ukendt} bliver stående", "{ukendt} bliver stående"),
        ("{underskriver}", "–"),
    ],
)  # fmt: skip
def test_placeholders_are_filled_in_danish(text, filled):
    assert placeholders.fill(text, VALUES) == filled


def test_unknown_placeholders_are_found_once_each_in_order():
    text = "{deltagere} {Deltagere} {deltager} {grupper_ord} {grupper_ord_ord} {deltager} { x}"
    assert placeholders.unknown(text) == ["deltager", "grupper_ord_ord", " x"]
    assert placeholders.unknown("{{deltager}} {runde_ord}") == ["runde_ord"]


@pytest.mark.parametrize(
    "days, phrase",
    [
        ([datetime.date(2021, 4, 20)], "foråret 2021"),
        ([datetime.date(2020, 12, 3), datetime.date(2021, 2, 1)], "vinteren 2020–21"),
        ([datetime.date(2021, 3, 1), datetime.date(2021, 9, 1)],
         "perioden foråret 2021–efteråret 2021"),
        ([], "–"),
    ],
)  # fmt: skip
def test_seasons_name_when_the_workshops_were_held(days, phrase):
    assert placeholders.period(days) == phrase


def test_the_sentence_on_domains_nobody_voted_for_follows_the_number():
    one = "Et enkelt domæne blev ikke prioriteret af nogen grupper og derfor ikke drøftet."
    assert placeholders.not_prioritised_sentence(1, True) == one
    assert placeholders.not_prioritised_sentence(0, True).startswith("Alle domæner")
    assert placeholders.not_prioritised_sentence(2, True).startswith("To domæner blev ikke")
    assert placeholders.not_prioritised_sentence(0, False) == "Domænerne er ikke prioriteret endnu."


# --- editing an edition's texts ---------------------------------------------------------------


@pytest.fixture
def signer(db):
    return make_user(roles.MANAGER, username="chef")


@pytest.fixture
def signed(scenario, signer):
    Edition.objects.filter(pk=scenario.edition.pk).update(signed_by=signer)
    return scenario.edition


def _url(edition, key="method"):
    return f"/report/editions/{edition.pk}/texts/{key}/"


@pytest.mark.django_db
def test_the_editor_shows_the_placeholders_filled_in_a_preview(facilitator_client, signed):
    body = facilitator_client.get(_url(signed)).content.decode()
    assert "<code>{deltagere}</code>" in body
    assert "Forhåndsvisning" in body
    assert "Tre grupper med i alt 14 borgere" in body  # the preview of the saved text
    response = facilitator_client.post(
        _url(signed),
        {"title": "Metode", "body": "Der var {deltagere} med.", "preview": "1"},
    )
    assert response.status_code == 200
    assert "Der var 14 med." in response.content.decode()
    assert EditionText.objects.get(edition=signed, key="method").title != "Metode"


@pytest.mark.django_db
def test_an_unknown_placeholder_is_refused_beside_the_field_and_the_text_kept(
    facilitator_client, signed
):
    before = EditionText.objects.get(edition=signed, key="method").body
    typed = "Der var {deltagerne} med i {runde}."
    response = facilitator_client.post(
        _url(signed), {"title": "Metode", "body": typed, "save": "Gem"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Aktiv kender ikke pladsholderen {deltagerne}" in body
    assert "Der var {deltagerne} med i {runde}." in body
    assert EditionText.objects.get(edition=signed, key="method").body == before
    assert not AuditEvent.objects.filter(action="edit").exists()


@pytest.mark.django_db
def test_the_signing_manager_edits_the_texts_other_managers_do_not(
    client, signed, signer, manager_client, staff_client
):
    assert manager_client.get(_url(signed)).status_code == 403
    assert staff_client.get(_url(signed)).status_code == 403
    client.force_login(signer)
    response = client.post(
        _url(signed, "closing"),
        {"title": "Afrunding", "body": "Tak til {organisation}.", "save": "Gem"},
    )
    assert response.status_code == 302
    text = EditionText.objects.get(edition=signed, key="closing")
    assert text.body == "Tak til {organisation}."
    event = AuditEvent.objects.get(action="edit", object_type="reports.edition")
    assert event.detail == {"tekst": "closing", "felter": ["body", "title"]}
    page = client.get(signed.get_absolute_url()).content.decode()
    assert "Tak til Aalborg AKTIV." in page


@pytest.mark.django_db
def test_the_facilitator_prepares_an_edition_through_the_form(facilitator_client, scenario, signer):
    body = facilitator_client.get("/report/editions/new/").content.decode()
    assert "Borgerworkshop" in body and "Åben demo-workshop" not in body
    response = facilitator_client.post(
        "/report/editions/new/",
        {
            "title": "Læringsrapport, anden udgave",
            "dated": "2021-06-15",
            "rounds": [scenario.round.pk],
            "ranking_workshops": [scenario.citizens.pk],
            "workshops": [scenario.staff.pk],
            "signed_by": signer.pk,
            "signer_title": "Leder",
        },
    )
    assert response.status_code == 302
    edition = Edition.objects.get(title="Læringsrapport, anden udgave")
    assert set(edition.workshops.values_list("pk", flat=True)) == {
        scenario.citizens.pk,
        scenario.staff.pk,
    }
    assert edition.texts.count() == 5


@pytest.mark.django_db
def test_a_workshop_outside_the_chosen_rounds_is_refused_beside_the_field(
    facilitator_client, scenario
):
    from tests.factories import make_round

    other = make_round("Anden runde")
    response = facilitator_client.post(
        "/report/editions/new/",
        {
            "title": "Forkert",
            "dated": "2021-06-15",
            "rounds": [other.pk],
            "ranking_workshops": [scenario.citizens.pk],
        },
    )
    assert response.status_code == 200
    assert "»Borgerworkshop« hører ikke til de valgte indsamlingsrunder." in (
        response.content.decode()
    )
    assert not Edition.objects.filter(title="Forkert").exists()


@pytest.mark.django_db
def test_two_citizens_workshops_in_the_round_the_form_says_which_is_used(
    facilitator_client, scenario
):
    from tests.factories import make_workshop
    from workshops.models import Workshop

    make_workshop(
        "Ekstra borgerworkshop",
        held_on=datetime.date(2021, 5, 20),
        round=scenario.round,
        status=Workshop.Status.CLOSED,
    )
    body = facilitator_client.get(f"/report/editions/new/?round={scenario.round.pk}").content
    body = body.decode()
    assert "Der er 2 lukkede borgerworkshops i runden." in body
    assert "Den nyeste, »Ekstra borgerworkshop« (20. maj 2021), er valgt" in body
