"""The analysis workshops' answers: each group's answer to the seed's two questions per
domain, written down, and shown beside the domain's texts while they are written."""

import pytest

from aktiv.models import AuditEvent
from domains.models import Domain
from tests.factories import make_workshop
from workshops.models import AnalysisNote, Workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_ws(db):
    return make_workshop("Analyseworkshop", Workshop.Kind.STAFF, status=Workshop.Status.CLOSED)


def _data(workshop, **changes):
    data = {
        "domain": Domain.objects.get(slug="glaede").pk,
        "question": "changes",
        "group": workshop.groups.get(number=2).pk,
        "text": "De glæder sig til at komme på arbejde.",
        "save": "Gem svaret",
    }
    data.update(changes)
    return data


def test_a_groups_answer_is_written_down_edited_and_deleted(facilitator_client, staff_ws):
    url = f"/workshops/{staff_ws.pk}/analysis/"
    page = facilitator_client.get(url).content.decode()
    assert "Hvad er det, der forandrer sig i borgernes liv?" in page
    assert "Hvad er det i Aalborg AKTIVs arbejde, som bidrager til at skabe den forandring?" in page
    assert facilitator_client.post(url, _data(staff_ws)).status_code == 302
    note = AnalysisNote.objects.get()
    assert (note.group.number, note.domain.slug, note.question) == (2, "glaede", "changes")
    assert "De glæder sig til at komme på arbejde." in facilitator_client.get(url).content.decode()

    edit = f"/workshops/{staff_ws.pk}/analysis/{note.pk}/edit/"
    response = facilitator_client.post(edit, _data(staff_ws, question="creates", text="Drømmen."))
    assert response.status_code == 302
    note.refresh_from_db()
    assert (note.question, note.text) == ("creates", "Drømmen.")

    delete = f"/workshops/{staff_ws.pk}/analysis/{note.pk}/delete/"
    assert facilitator_client.post(delete).status_code == 302
    assert not AnalysisNote.objects.exists()
    actions = list(
        AuditEvent.objects.filter(object_type="workshops.analysisnote").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["create", "delete", "edit"]


def test_an_empty_answer_or_unknown_question_keeps_the_text_and_saves_nothing(
    facilitator_client, staff_ws
):
    url = f"/workshops/{staff_ws.pk}/analysis/"
    response = facilitator_client.post(url, _data(staff_ws, text="   "))
    assert "Skriv gruppens svar." in response.content.decode()
    response = facilitator_client.post(url, _data(staff_ws, question="other", text="Mit svar"))
    body = response.content.decode()
    assert "Vælg hvilket spørgsmål gruppen svarede på." in body and "Mit svar" in body
    assert not AnalysisNote.objects.exists()


def test_citizens_workshops_give_quotes_not_analysis_answers(facilitator_client):
    citizens = make_workshop(status=Workshop.Status.CLOSED)
    assert facilitator_client.get(f"/workshops/{citizens.pk}/analysis/").status_code == 404


def test_the_answers_stand_beside_the_domain_texts_while_they_are_written(
    facilitator_client, staff_ws
):
    glaede = Domain.objects.get(slug="glaede")
    group = staff_ws.groups.get(number=1)
    for question, text in (
        ("changes", "Arbejdsglæde smitter af."),
        ("creates", "At starte med drømmen."),
    ):
        AnalysisNote.objects.create(
            workshop=staff_ws, group=group, domain=glaede, question=question, text=text
        )
    rehearsal = make_workshop(
        "Øvelse", Workshop.Kind.STAFF, status=Workshop.Status.CLOSED, is_rehearsal=True
    )
    AnalysisNote.objects.create(
        workshop=rehearsal, domain=glaede, question="changes", text="Fra øvelsen"
    )
    url = "/domains/glaede/texts/"
    body = facilitator_client.get(url).content.decode()
    assert body.index("Arbejdsglæde smitter af.") < body.index("At starte med drømmen.")
    assert "Gruppe 1" in body and "Fra øvelsen" not in body
    response = facilitator_client.post(
        url, {"what_changes": "Ny tekst om glæde.", "what_creates_change": "Drømmen først."}
    )
    assert response.status_code == 302
    glaede.refresh_from_db()
    assert (glaede.what_changes, glaede.what_creates_change) == (
        "Ny tekst om glæde.",
        "Drømmen først.",
    )
    assert AuditEvent.objects.filter(action="edit", object_type="domains.domain").exists()


def test_managers_do_not_write_domain_texts(manager_client):
    assert manager_client.get("/domains/glaede/texts/").status_code == 403
