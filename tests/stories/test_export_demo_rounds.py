"""Export (role-limited, formula-safe), demo content, collection rounds."""

import csv
import io
from collections import Counter

import pytest
from openpyxl import load_workbook

from aktiv import demo as aktiv_demo
from aktiv.models import AuditEvent
from aktiv.text import spreadsheet_cell as neutralise
from domains import seed
from stories import demo
from stories.models import CollectionRound, Story
from tests.factories import make_round, make_story

pytestmark = pytest.mark.django_db


def read_csv(response):
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


# Export ---------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["=SUM(A1)", "+1", "-2+3", "@cmd", "\tx", "\rx"])
def test_cells_that_a_spreadsheet_would_run_are_neutralised(value):
    assert neutralise(value) == "'" + value
    assert neutralise("Almindelig tekst") == "Almindelig tekst"


def test_staff_csv_export_has_bom_all_columns_and_no_withdrawn_stories(staff_client, staff_user):
    make_story(title='=HYPERLINK("http://x")', storyteller_code="B-1", consent=("analysis",))
    make_story(title="Kladde", status="draft")
    gone = make_story(title="Trukket tilbage", consent=("report",))
    gone.withdraw(staff_user)
    gone.save()
    response = staff_client.get("/stories/export.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    assert rows[0][:3] == ["id", "titel", "fortælling"]
    titles = {r[1] for r in rows[1:]}
    assert titles == {'\'=HYPERLINK("http://x")', "Kladde"}
    event = AuditEvent.objects.get(action="export")
    assert event.detail["format"] == "csv"


def test_export_applies_the_list_filters(staff_client):
    make_story(title="Frivillig", employment_type="voluntary")
    make_story(title="Løntilskud", employment_type="wage_subsidy")
    rows = read_csv(staff_client.get("/stories/export.csv?employment_type=voluntary"))
    assert [r[1] for r in rows[1:]] == ["Frivillig"]


def test_manager_export_holds_only_report_stories_and_four_columns(manager_client):
    make_story(title="Rapport", consent=("report",), storyteller_code="Q-555")
    make_story(title="Analyse", consent=("analysis",))
    rows = read_csv(manager_client.get("/stories/export.csv"))
    assert rows[0] == ["titel", "domæner", "beskæftigelse", "fortælling"]
    assert [r[0] for r in rows[1:]] == ["Rapport"]
    assert "Q-555" not in str(rows)


def test_facilitator_and_roleless_users_cannot_export(facilitator_client, participant_client):
    assert facilitator_client.get("/stories/export.csv").status_code == 403
    assert participant_client.get("/stories/export.xlsx").status_code == 403


def test_xlsx_export_is_formula_safe(staff_client):
    make_story(title="=1+1", text="@SUM(1)\x01 kontroltegn")
    response = staff_client.get("/stories/export.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][1] == "titel"
    assert values[1][1] == "'=1+1"
    assert values[1][2] == "'@SUM(1)\ufffd kontroltegn"  # aktiv.text.xml_text


def test_staff_export_can_be_imported_again(staff_client, staff_user):
    from stories import importer

    make_round("2019–2021")
    make_story(title="Rundtur", domains=("glaede", "laering"), consent=("analysis",))
    raw = b"".join(staff_client.get("/stories/export.csv").streaming_content)
    result = importer.parse(raw)
    assert result.counts["problems"] == 0, result.problems
    assert result.counts["duplicates"] == 1  # the same story is already there


# Demo ------------------------------------------------------------------------------------


def _load_demo():
    users = aktiv_demo.load()
    demo.load(users)
    return users


def test_demo_has_the_twenty_report_stories_with_the_seed_domain_tags():
    _load_demo()
    main = CollectionRound.objects.get(name="2019–2021")
    report = Story.objects.for_report()
    assert report.count() == 20
    assert set(report.values_list("round", flat=True)) == {main.pk}
    for entry in seed.stories():
        story = report.get(title=entry["title"])
        assert set(story.domains.values_list("slug", flat=True)) == set(entry["domains"])
        assert story.text.startswith("(Fiktiv demotekst)")
        assert story.consent_analysis_by.username == "medarbejder"
        assert story.collected_by.username == "medarbejder"
        assert 2019 <= story.collected_on.year <= 2021
    assert Counter(report.values_list("employment_type", flat=True)) == {
        "wage_subsidy": 7,
        "voluntary": 4,
        "unreferred": 2,
        "sheltered_103": 5,
        "activity_104": 2,
    }
    assert 8 <= report.filter(consent_publish_on__isnull=False).count() <= 12


def test_demo_shows_consent_at_work_and_the_longitudinal_view():
    _load_demo()
    assert Story.objects.filter(status="draft").count() == 1
    assert Story.objects.filter(withdrawn_at__isnull=False).count() == 1
    assert Story.objects.for_analysis().exclude(consent_report_on__isnull=False).count() == 3
    codes = Counter(Story.objects.values_list("storyteller_code", flat=True))
    assert sorted(code for code, n in codes.items() if n > 1) == ["B-002", "B-009"]


def test_demo_is_idempotent():
    _load_demo()
    before = list(Story.objects.order_by("pk").values())
    links = Story.domains.through.objects.count()
    _load_demo()
    assert list(Story.objects.order_by("pk").values()) == before
    assert Story.domains.through.objects.count() == links


# Collection rounds -----------------------------------------------------------------------


def test_staff_creates_a_round(staff_client):
    response = staff_client.post(
        "/stories/rounds/new/",
        {"name": "2022–2023", "starts_on": "2022-01-01", "ends_on": "2023-12-31"},
    )
    assert response.status_code == 302
    assert CollectionRound.objects.filter(name="2022–2023").exists()
    assert AuditEvent.objects.filter(action="create", object_type="stories.collectionround")


def test_round_ending_before_it_starts_is_rejected_in_danish(staff_client):
    response = staff_client.post(
        "/stories/rounds/new/",
        {"name": "Baglæns", "starts_on": "2022-01-01", "ends_on": "2021-12-31"},
    )
    assert "Slutdatoen skal ligge efter startdatoen." in response.content.decode()
    assert not CollectionRound.objects.exists()


def test_round_name_must_be_unique(staff_client):
    make_round("2019–2021")
    response = staff_client.post("/stories/rounds/new/", {"name": "2019–2021"})
    assert "Der findes allerede en runde med det navn." in response.content.decode()


def test_round_list_counts_stories(staff_client):
    round_ = make_round("R1")
    make_story(round=round_)
    make_story(round=round_)
    response = staff_client.get("/stories/rounds/")
    assert response.context["rounds"][0].story_count == 2


def test_managers_cannot_create_rounds(manager_client):
    assert manager_client.post("/stories/rounds/new/", {"name": "x"}).status_code == 403
