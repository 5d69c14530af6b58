"""Consent one scope at a time: withdraw one and keep the others; who gave it and how; the
printable easy-read consent form."""

import datetime
import re

import pytest
from django.db import IntegrityError, transaction

from aktiv.models import AuditEvent
from stories import services
from stories.models import Story
from tests.factories import make_story, make_user, make_workshop, story_form_data
from workshops.models import Selection, Workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def selected(staff_user):
    """A story with all three consents, selected by a staff workshop."""
    story = make_story(consent=("analysis", "report", "publish"), user=staff_user)
    workshop = make_workshop(kind=Workshop.Kind.STAFF, status=Workshop.Status.CLOSED)
    Selection.objects.create(
        workshop=workshop, domain=story.domains.get(), story=story, reason="Fordi."
    )
    return story


def test_withdrawing_publish_consent_keeps_the_others_and_the_workshop_selection(
    staff_client, selected
):
    response = staff_client.post(
        f"/stories/{selected.pk}/withdraw/", {"scope": "publish", "confirm": "on"}
    )
    assert response.status_code == 302
    selected.refresh_from_db()
    assert not selected.is_withdrawn
    assert selected.consent_publish_on is None and selected.consent_publish_withdrawn_at
    assert selected.consent_analysis_on and selected.consent_report_on
    assert Story.objects.for_report().filter(pk=selected.pk).exists()
    assert not Story.objects.for_public().filter(pk=selected.pk).exists()
    assert Selection.objects.filter(story=selected).exists()
    event = AuditEvent.objects.get(action="withdraw")
    assert event.detail == {"omfang": "publish"}
    body = staff_client.get(f"/stories/{selected.pk}/").content.decode()
    assert "Trukket tilbage" in body


def test_withdrawing_analysis_consent_takes_the_story_out_of_the_workshops(staff_user, selected):
    services.withdraw_consent(selected.pk, user=staff_user, scope="analysis")
    selected.refresh_from_db()
    assert selected.consent_report_on is not None
    assert not Story.objects.for_analysis().filter(pk=selected.pk).exists()
    assert not Selection.objects.filter(story=selected).exists()
    event = AuditEvent.objects.get(action="withdraw")
    assert event.detail == {"omfang": "analysis", "udvalg_fjernet": 1}


def test_unticking_analysis_consent_on_the_form_also_leaves_the_workshops(staff_client, selected):
    data = story_form_data(
        title=selected.title,
        consent_report="on",
        consent_report_on="2020-05-02",
        consent_giver="storyteller",
        consent_how="written",
    )
    assert staff_client.post(f"/stories/{selected.pk}/edit/", data).status_code == 302
    assert not Selection.objects.filter(story=selected).exists()
    event = AuditEvent.objects.get(action="consent", detail__omfang="analysis")
    assert event.detail["udvalg_fjernet"] == 1


def test_consent_given_again_after_a_scope_was_withdrawn_clears_the_withdrawal(staff_user):
    story = make_story(consent=("report",), user=staff_user)
    services.withdraw_consent(story.pk, user=staff_user, scope="report")
    services.update_story(
        story.pk,
        user=staff_user,
        values={},
        domains=story.domains.all(),
        consent={"report": datetime.date(2021, 2, 1)},
    )
    story.refresh_from_db()
    assert story.consent_report_on == datetime.date(2021, 2, 1)
    assert story.consent_report_withdrawn_at is None


def test_the_withdraw_page_offers_only_the_scopes_given_and_all(staff_client, staff_user):
    story = make_story(consent=("report",), user=staff_user)
    body = staff_client.get(f"/stories/{story.pk}/withdraw/?omfang=report").content.decode()
    assert 'value="report" ' in body and "checked" in body
    assert 'value="analysis"' not in body and 'value="all"' in body
    response = staff_client.post(f"/stories/{story.pk}/withdraw/", {"scope": "analysis"})
    assert response.status_code == 200
    assert "Vælg et af samtykkerne på listen." in response.content.decode()
    story.refresh_from_db()
    assert story.consent_report_on is not None


def test_who_gave_consent_and_how_is_required_with_consent_and_oral_needs_a_witness(
    staff_client, staff_user
):
    data = story_form_data(consent_analysis="on", consent_analysis_on="2021-03-05")
    body = staff_client.post("/stories/new/", data).content.decode()
    assert "Vælg, hvem der sagde ja." in body and "Vælg, hvordan der blev sagt ja." in body
    data.update(consent_giver="guardian", consent_how="oral")
    body = staff_client.post("/stories/new/", data).content.decode()
    assert "Mundtligt samtykke kræver et vidne." in body
    assert not Story.objects.exists()
    data["consent_witness_choice"] = "role:contact"
    assert staff_client.post("/stories/new/", data).status_code == 302
    story = Story.objects.get()
    assert (story.consent_giver, story.consent_how) == ("guardian", "oral")
    assert story.consent_witness_role == "contact" and story.consent_witness is None
    assert "En kontaktperson eller bostøtte" in (
        staff_client.get(f"/stories/{story.pk}/").content.decode()
    )


def test_a_witness_is_a_staff_user_never_a_typed_name(staff_client, staff_user):
    data = story_form_data(
        consent_analysis="on",
        consent_analysis_on="2021-03-05",
        consent_giver="storyteller",
        consent_how="oral",
        consent_witness_choice="Hanne Hansen",
    )
    body = staff_client.post("/stories/new/", data).content.decode()
    assert "Vælg et vidne fra listen." in body
    data["consent_witness_choice"] = f"user:{staff_user.pk}"
    assert staff_client.post("/stories/new/", data).status_code == 302
    assert Story.objects.get().consent_witness == staff_user


def test_the_database_refuses_oral_consent_without_a_witness_and_two_witnesses():
    story = make_story(consent=("analysis",))
    user = make_user()
    for values in (
        {"consent_how": "oral"},
        {"consent_how": "written", "consent_witness_role": "relative"},
        {"consent_how": "oral", "consent_witness": user, "consent_witness_role": "relative"},
        {"consent_giver": "neighbour"},
        {"consent_analysis_withdrawn_at": "2021-01-01T00:00:00Z"},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            Story.objects.filter(pk=story.pk).update(**values)


def test_the_consent_form_prints_the_code_and_the_scopes_never_the_story(staff_client, staff_user):
    story = make_story(title="Hemmelig titel", storyteller_code="B-017", consent=())
    response = staff_client.get(f"/stories/{story.pk}/consent-form/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "B-017" in body and "Hemmelig titel" not in body and story.text not in body
    for line in ("1. Møder", "2. Rapport", "3. Hjemmeside", "Min værge"):
        assert line in body
    assert body.count('class="paper-box"') == 10
    assert AuditEvent.objects.filter(action="print", object_id=str(story.pk)).exists()


def _cells_of(html, title):
    """The list row of the story with `title`, from its title on."""
    row = html[html.index(f">{title}<") :]
    return row[: row.index("</tr>")]


def _consent_cell_of(html, title):
    cells = _cells_of(html, title)
    return cells[cells.index("<td>", cells.index("badge")) :]


def test_the_list_shows_each_rows_consent_per_scope_in_the_readers_language(staff_client):
    make_story("Med analyse og rapport", consent=("analysis", "report"))
    make_story("Trukket helt tilbage", consent=("analysis",), withdrawn=True)
    html = staff_client.get("/stories/").content.decode()
    given = _consent_cell_of(html, "Med analyse og rapport")
    assert '<span class="consent-yes">Ja</span> analyse' in given
    assert '<span class="consent-yes">Ja</span> rapport' in given
    assert '<span class="consent-no">Nej</span> offentlig' in given
    gone = _consent_cell_of(html, "Trukket helt tilbage")
    assert '<span class="badge consent-withdrawn">Trukket tilbage</span>' in gone
    assert "consent-yes" not in gone
    staff_client.cookies["django_language"] = "en"
    english = staff_client.get("/stories/").content.decode()
    assert '<span class="consent-no">No</span>' in english
    assert "consent-withdrawn" in english and ">Nej<" not in english


def test_the_list_shows_each_rows_domains_and_status_in_the_readers_language(staff_client):
    make_story("To områder", domains=("laering", "glaede"))
    make_story("Uden område", domains=(), status=Story.Status.DRAFT)
    html = staff_client.get("/stories/").content.decode()
    two = _cells_of(html, "To områder")
    assert re.findall(r'class="badge text-bg-light border domain-badge">([^<]+)<', two) == [
        "GLÆDE",
        "LÆRING",
    ]  # in the domains' order, not the order they were tagged
    assert '<span class="badge text-bg-success">Klar</span>' in two
    none = _cells_of(html, "Uden område")
    assert '<span class="text-body-secondary">Ingen</span>' in none and "domain-badge" not in none
    assert '<span class="badge text-bg-secondary">Kladde</span>' in none
    staff_client.cookies["django_language"] = "en"
    english = _cells_of(staff_client.get("/stories/").content.decode(), "Uden område")
    assert '<span class="text-body-secondary">None</span>' in english
    assert '<span class="badge text-bg-secondary">Draft</span>' in english
