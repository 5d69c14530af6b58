"""The REFI-QDA export (.qdpx, .qdc) and the codebook import: valid against the vendored
official schemas, round-trips, consent filters hold, every export is audited."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from aktiv.models import AuditEvent
from coding import refi, services
from coding.models import Code
from domains.models import Domain
from stories import services as story_services
from tests.factories import make_round, make_story, make_workshop
from workshops.models import Selection

from .refi_check import CODEBOOK_NS, read_project, validate

pytestmark = pytest.mark.django_db

TEXT = "Jeg har fået et arbejde.\nDer bliver jeg mødt – hver dag 😀. Jeg er glad om morgenen."


@pytest.fixture
def coded(staff_user):
    """Two coded stories with analysis consent, and three that must never be exported."""
    glaede, laering = (Domain.objects.get(slug=s) for s in ("glaede", "laering"))
    code = services.create_code(
        user=staff_user, domain=laering, name="Nye rutiner", description="Faste tider"
    )
    round_ = make_round("2019–2021")
    first = make_story(
        "Et arbejde",
        text=TEXT,
        consent=("analysis", "report"),
        storyteller_code="B-017",
        round=round_,
        domains=("glaede", "laering"),
    )
    second = make_story(
        "Igen", text="Nu tør jeg tage bussen.", consent=("analysis",), storyteller_code="B-017"
    )
    one = services.create_excerpt(
        first.pk, user=staff_user, domains=[glaede], passage="hver dag 😀", quote=True
    )
    two = services.create_excerpt(
        first.pk, user=staff_user, domains=[], codes=[code], passage="glad om morgenen"
    )
    services.create_excerpt(second.pk, user=staff_user, domains=[glaede], passage="bussen")
    services.save_memo(user=staff_user, text="Memo om fortællingen", story_id=first.pk)
    services.save_memo(user=staff_user, text="Memo om glæde", domain=glaede)
    workshop = make_workshop()
    Selection.objects.create(
        workshop=workshop, domain=glaede, story=first, reason="Fordi den rørte"
    )
    never = [
        make_story("Kun rapport", text="Hemmelig A", consent=("report",)),
        make_story("Kladde", text="Hemmelig B", consent=("analysis",), status="draft"),
        make_story("Trukket", text="Hemmelig C", consent=("analysis",)),
    ]
    services.create_excerpt(never[2].pk, user=staff_user, domains=[glaede], passage="Hemmelig")
    story_services.withdraw_consent(never[2].pk, user=staff_user)
    return {"first": first, "second": second, "excerpts": (one, two), "code": code}


def test_the_project_validates_and_round_trips(coded):
    data, counts = refi.project()
    project = read_project(data)
    names = set(project["sources"])
    assert names == {f"#{coded['first'].pk} Et arbejde", f"#{coded['second'].pk} Igen"}
    first = project["sources"][f"#{coded['first'].pk} Et arbejde"]
    assert first["text"] == TEXT
    selections = {s["text"]: s for s in first["selections"]}
    one, two = coded["excerpts"]
    assert (selections["hver dag 😀"]["start"], selections["hver dag 😀"]["end"]) == (
        one.start,
        one.end,
    )
    assert selections["hver dag 😀"]["codes"] == ["GLÆDE"]
    assert selections["hver dag 😀"]["description"] == "Kandidat til citat"
    assert selections["glad om morgenen"]["codes"] == sorted(["LÆRING", "Nye rutiner"])
    for source in project["sources"].values():
        for selection in source["selections"]:
            assert source["text"][selection["start"] : selection["end"]] == selection["text"]
    assert first["tags"] == ["GLÆDE", "LÆRING"]
    assert set(project["codes"].values()) >= {"GLÆDE", "LÆRING", "Nye rutiner"}
    second = project["sources"][f"#{coded['second'].pk} Igen"]
    assert project["cases"] == {"B-017": [first["guid"], second["guid"]]}
    assert set(project["variables"].values()) == {
        "Indsamlingsrunde",
        "Beskæftigelse",
        "Fortalt af",
    }
    assert "2019–2021" in first["variables"].values()
    note_texts = {project["notes"][guid][1] for guid in first["notes"]}
    assert note_texts == {"Memo om fortællingen", "Fordi den rørte"}
    assert "Memo om glæde" in {text for _name, text in project["notes"].values()}
    assert counts == {"kilder": 2, "uddrag": 3, "noter": 3}


def test_stories_without_analysis_consent_never_appear(coded):
    data, _counts = refi.project()
    raw = data.decode("latin-1")
    for secret in ("Hemmelig", "Kun rapport", "Kladde", "Trukket"):
        assert secret not in raw
    project = read_project(data)
    assert all("Hemmelig" not in s["text"] for s in project["sources"].values())


def test_an_excerpt_flagged_for_review_is_left_out(coded, staff_user):
    one, _two = coded["excerpts"]
    one.__class__.objects.filter(pk=one.pk).update(needs_review=True)
    project = read_project(refi.project()[0])
    texts = [s["text"] for src in project["sources"].values() for s in src["selections"]]
    assert "hver dag 😀" not in texts


def test_the_codebook_validates_and_imports_back_as_sub_codes(coded, staff_user):
    xml = refi.codebook_xml()
    root = validate(xml, "Codebook-mrt2019.xsd")
    assert root.find("c:Codes", CODEBOOK_NS) is not None
    Code.objects.all().delete()
    found, unknown = refi.read_codebook(xml)
    assert unknown == []
    added, skipped = services.import_codebook(user=staff_user, domain_codes=found)
    assert (added, skipped) == (1, 0)
    code = Code.objects.get()
    assert (code.domain.slug, code.name) == ("laering", "Nye rutiner")
    assert code.description == "Faste tider"
    assert services.import_codebook(user=staff_user, domain_codes=found) == (0, 1)


def test_a_codebook_with_a_dtd_or_entities_is_refused():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>'
        b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="x" name="&a;" '
        b'isCodable="true"/></Codes></CodeBook>'
    )
    with pytest.raises(refi.CodebookError):
        refi.read_codebook(bomb)
    with pytest.raises(refi.CodebookError):
        refi.read_codebook(b"x" * refi.MAX_CODEBOOK_BYTES)
    with pytest.raises(refi.CodebookError):
        refi.read_codebook(b"<html>not a codebook</html>")


def test_the_import_page_reports_problems_beside_the_field(staff_client):
    response = staff_client.post(
        "/coding/import/", {"file": SimpleUploadedFile("x.qdc", b"<nej", "application/xml")}
    )
    assert response.status_code == 200
    assert "kunne ikke læses" in response.content.decode()
    good = (
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
        '<Code guid="8d5a3e52-0c1e-4c36-9a4f-2f7f0d1a3b11" name="glæde" isCodable="true">'
        '<Code guid="8d5a3e52-0c1e-4c36-9a4f-2f7f0d1a3b12" name="Små ting" isCodable="true">'
        "<Description>Hverdagen</Description></Code></Code>"
        '<Code guid="8d5a3e52-0c1e-4c36-9a4f-2f7f0d1a3b13" name="Andet" isCodable="true"/>'
        "</Codes></CodeBook>"
    ).encode()
    response = staff_client.post(
        "/coding/import/", {"file": SimpleUploadedFile("k.qdc", good, "application/xml")}
    )
    assert response.status_code == 302
    assert Code.objects.get(domain__slug="glaede").name == "Små ting"
    assert AuditEvent.objects.filter(action="import", object_type="coding.code").exists()


def test_every_export_is_audited(staff_client, coded):
    response = staff_client.get("/coding/export/aktiv.qdpx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="aktiv.qdpx"'
    read_project(response.content)
    response = staff_client.get("/coding/export/aktiv-kodebog.qdc")
    validate(response.content, "Codebook-mrt2019.xsd")
    events = AuditEvent.objects.filter(action="export", object_type="coding")
    assert events.count() == 2
    assert {e.detail.get("kilder") for e in events} == {2, None}


def test_exports_answer_the_same_data_with_the_same_guids(coded):
    first = read_project(refi.project()[0])
    again = read_project(refi.project()[0])
    assert first["codes"] == again["codes"]
    assert [s["guid"] for s in first["sources"].values()] == [
        s["guid"] for s in again["sources"].values()
    ]
