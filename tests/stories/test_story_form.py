"""Creating and editing stories: bad input gets a Danish message, keeps what was typed,
saves nothing; good input is saved, with consent recorded by the logged-in user."""

import datetime

import pytest
from django.utils import timezone

from aktiv.models import AuditEvent
from aktiv.text import find_cpr
from domains.models import Domain
from stories.models import Story
from tests.factories import make_round, make_story, story_form_data

pytestmark = pytest.mark.django_db


def post_new(client, **changes):
    return client.post("/stories/new/", story_form_data(**changes))


def assert_rejected(response, message, typed=None):
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body, body[:3000]
    assert "Ret de markerede felter. Intet er gemt endnu." in body
    if typed is not None:
        assert typed in body
    assert not Story.objects.exists()


# Good input ------------------------------------------------------------------------------


def test_staff_creates_a_story_with_two_domains_and_consent(staff_client, staff_user):
    round_ = make_round("2019–2021")
    domains = Domain.objects.filter(slug__in=["glaede", "laering"])
    response = post_new(
        staff_client,
        round=str(round_.pk),
        domains=[str(d.pk) for d in domains],
        consent_analysis="on",
        consent_analysis_on="2021-03-05",
        consent_report="on",
        consent_report_on="2021-03-06",
        consent_giver="guardian",
        consent_how="written",
    )
    story = Story.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/stories/{story.pk}/"
    assert set(story.domains.values_list("slug", flat=True)) == {"glaede", "laering"}
    assert story.consent_analysis_on == datetime.date(2021, 3, 5)
    assert story.consent_analysis_by == staff_user
    assert story.consent_report_by == staff_user
    assert story.consent_publish_on is None and story.consent_publish_by is None
    assert story.collected_by == staff_user  # default: the logged-in user
    assert story.round == round_
    assert (story.consent_giver, story.consent_how) == ("guardian", "written")
    actions = sorted(AuditEvent.objects.values_list("action", "object_label"))
    assert actions == [
        ("consent", f"Fortælling #{story.pk}"),
        ("consent", f"Fortælling #{story.pk}"),
        ("consent", f"Fortælling #{story.pk}"),  # who gave it and how
        ("create", f"Fortælling #{story.pk}"),
    ]


def test_storyteller_code_is_stored_in_upper_case(staff_client):
    post_new(staff_client, storyteller_code="b-17")
    assert Story.objects.get().storyteller_code == "B-17"


def test_a_draft_may_have_no_domain(staff_client):
    response = post_new(staff_client, status="draft", domains=[])
    assert response.status_code == 302
    assert Story.objects.get().status == "draft"


def test_form_shows_each_domain_with_its_statement(staff_client):
    body = staff_client.get("/stories/new/").content.decode()
    assert "GLÆDE" in body
    assert "»Jeg oplever mere glæde i hverdagen«" in body
    assert body.count('name="domains"') == 10


def test_edit_audits_changed_field_names_never_the_text(staff_client):
    story = make_story(title="Gammel titel")
    data = story_form_data(
        title="Ny hemmelig titel", text=story.text, significance=story.significance
    )
    response = staff_client.post(f"/stories/{story.pk}/edit/", data)
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="edit")
    assert "title" in event.detail["felter"]
    assert "hemmelig" not in str(event.detail) and "hemmelig" not in event.object_label


def test_removing_a_consent_on_edit_clears_date_and_recorder_and_is_audited(staff_client):
    story = make_story(consent=("analysis", "report"))
    data = story_form_data(
        title=story.title,
        consent_analysis="on",
        consent_analysis_on="2020-05-02",
        consent_giver="storyteller",
        consent_how="written",
    )
    staff_client.post(f"/stories/{story.pk}/edit/", data)
    story.refresh_from_db()
    assert story.consent_analysis_on == datetime.date(2020, 5, 2)
    assert story.consent_report_on is None and story.consent_report_by is None
    event = AuditEvent.objects.get(action="consent", detail__omfang="report")
    assert event.detail == {"omfang": "report", "aendring": "fjernet"}


def test_withdrawn_story_consent_cannot_be_given_again_through_the_form(staff_client):
    story = make_story()
    story.withdraw(None)
    story.save()
    staff_client.post(
        f"/stories/{story.pk}/edit/",
        story_form_data(title=story.title, consent_publish="on", consent_publish_on="2021-01-01"),
    )
    story.refresh_from_db()
    assert story.withdrawn_at is not None
    assert story.consent_publish_on is None


# Bad input (each a test) ------------------------------------------------------------------


def test_empty_title_is_rejected(staff_client):
    response = post_new(staff_client, title="   ", text="Min tekst bliver stående")
    assert_rejected(response, "Skriv en titel.", typed="Min tekst bliver stående")


def test_title_over_200_characters_is_rejected(staff_client):
    title = "Å" * 201
    response = post_new(staff_client, title=title)
    assert_rejected(response, "Titlen må højst være 200 tegn (den har 201).", typed=title)


def test_story_text_over_50000_characters_is_rejected(staff_client):
    response = post_new(staff_client, text="æ" * 50_001)
    assert_rejected(response, "Fortællingen må højst være 50000 tegn (den har 50001).")


@pytest.mark.parametrize("field", ["title", "text", "significance"])
@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1f", "\x85"])
def test_control_characters_are_rejected(staff_client, field, char):
    response = post_new(staff_client, **{field: f"Før{char}efter"})
    assert_rejected(response, "usynligt styretegn")


@pytest.mark.parametrize("field", ["title", "text", "significance"])
@pytest.mark.parametrize("cpr", ["010190-1234", "0101901234", "311299-4321"])
def test_cpr_shaped_number_is_rejected_in_every_text_field(staff_client, field, cpr):
    response = post_new(staff_client, **{field: f"Han hedder noget med {cpr} i papirerne"})
    assert_rejected(response, "ser ud til at indeholde et CPR-nummer")
    body = response.content.decode()
    assert "xxxxxx-xxxx" in body or "xxxxxxxxxx" in body
    assert cpr not in body.split("</textarea>")[-1]  # not repeated in the message


def test_cpr_check_ignores_numbers_that_are_not_plausible_dates():
    assert find_cpr("Telefon 12 34 56 78, ordrenummer 9999991234") is None
    assert find_cpr("Kontonummer 1234-5678901234") is None
    assert find_cpr("Lønnen var 4000 kr. i 2020") is None
    assert find_cpr("cpr 311299-4321") == "311299-4321"


def test_storyteller_code_that_looks_like_a_name_is_rejected(staff_client):
    response = post_new(staff_client, storyteller_code="Hanne Hansen")
    assert_rejected(response, "Brug en kode som B-017", typed="Hanne Hansen")


def test_collected_date_in_the_future_is_rejected(staff_client):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = post_new(staff_client, collected_on=tomorrow)
    assert_rejected(response, "Datoen for indsamlingen kan ikke ligge i fremtiden.", tomorrow)


def test_invalid_date_is_rejected_in_danish(staff_client):
    response = post_new(staff_client, collected_on="31-02-2021")
    assert_rejected(response, "Skriv en gyldig dato, fx 2024-03-15.")


def test_ready_with_no_domain_is_rejected(staff_client):
    response = post_new(staff_client, status="ready", domains=[])
    assert_rejected(response, "Vælg mindst ét forandringsområde")


@pytest.mark.parametrize("scope", ["analysis", "report", "publish"])
def test_consent_scope_without_a_date_is_rejected(staff_client, scope):
    response = post_new(staff_client, **{f"consent_{scope}": "on"})
    assert_rejected(response, "Skriv datoen, hvor fortælleren gav samtykket.")


def test_consent_date_without_the_yes_box_is_rejected(staff_client):
    response = post_new(staff_client, consent_report_on="2021-03-05")
    assert_rejected(response, "Sæt kryds, hvis fortælleren har givet dette samtykke")


def test_consent_date_in_the_future_is_rejected(staff_client):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = post_new(staff_client, consent_analysis="on", consent_analysis_on=tomorrow)
    assert_rejected(response, "Datoen for samtykket kan ikke ligge i fremtiden.")


def test_missing_employment_type_is_rejected(staff_client):
    response = post_new(staff_client, employment_type="")
    assert_rejected(response, "Vælg borgerens beskæftigelse.")


def test_html_and_script_are_stored_as_typed_and_shown_escaped(staff_client):
    html = '<script>alert("x")</script><b>fed</b>'
    response = post_new(
        staff_client, title=f"Titel {html}", text=f"Tekst {html}", significance=f"Hvorfor {html}"
    )
    assert response.status_code == 302
    story = Story.objects.get()
    assert story.title == f"Titel {html}"
    assert story.text == f"Tekst {html}"
    assert story.significance == f"Hvorfor {html}"
    body = staff_client.get(story.get_absolute_url()).content.decode()
    assert "<script>alert" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;fed&lt;/b&gt;" in body
    edit = staff_client.get(f"/stories/{story.pk}/edit/").content.decode()
    assert "<script>alert" not in edit
    listing = staff_client.get("/stories/").content.decode()
    assert "<script>alert" not in listing and "&lt;script&gt;" in listing
