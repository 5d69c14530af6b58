"""The import template (CSV and XLSX), the preview's consent column and messages in the
file's own column names, and exports in Danish with real dates."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from stories import importer
from stories.models import PendingImport, Story
from tests.factories import make_round, make_story

pytestmark = pytest.mark.django_db

HEADER = [
    "titel", "fortælling", "betydning", "fortalt_af", "fortællerkode", "beskæftigelse", "runde",
    "indsamlet_dato", "metode", "genlæst_dato", "status", "domæner", "samtykke_analyse",
    "samtykke_rapport", "samtykke_offentliggørelse", "samtykke_givet_af", "samtykke_form",
    "samtykke_vidne",
]  # fmt: skip


def _sheet(content):
    return load_workbook(io.BytesIO(content)).active


def test_the_csv_template_has_danish_headers_and_two_rows_that_import_as_they_stand(
    staff_client,
):
    response = staff_client.get("/stories/import/skabelon.csv")
    assert response["Content-Disposition"] == 'attachment; filename="importskabelon.csv"'
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].split(";") == HEADER and len(lines) == 3
    assert "Job med løntilskud" in text and "wage_subsidy" not in text
    result = importer.parse(response.content)
    assert result.counts == {"total": 2, "ok": 2, "problems": 0, "duplicates": 0}
    oral = result.rows[1]
    assert (oral["consent_how"], oral["consent_witness_role"]) == ("oral", "contact")


def test_the_xlsx_template_has_real_dates_a_frozen_filtered_header_and_imports(staff_client):
    response = staff_client.get("/stories/import/skabelon.xlsx")
    sheet = _sheet(response.content)
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER and len(rows) == 3
    collected = sheet.cell(row=2, column=HEADER.index("indsamlet_dato") + 1)
    assert isinstance(collected.value, datetime.datetime)
    assert collected.number_format == "[$-406]d. mmm. yyyy"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:R3"
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["E"].width >= 10
    assert sheet.cell(row=1, column=1).font.bold
    assert importer.parse(response.content).counts["problems"] == 0


def test_the_staff_export_writes_danish_values_and_dates(staff_client, staff_user):
    make_round("2019–2021")
    make_story(
        title="Rundtur",
        consent=("analysis",),
        consent_giver="guardian",
        consent_how="oral",
        consent_witness=staff_user,
        collected_on=datetime.date(2020, 4, 21),
    )
    text = b"".join(staff_client.get("/stories/export.csv").streaming_content).decode()
    for danish in ("Borgeren selv", "Job med løntilskud", "Interview", "Klar", "En værge"):
        assert danish in text
    for key in ("wage_subsidy", ";citizen;", ";ready;", ";interview;", "guardian"):
        assert key not in text
    assert "21. apr. 2020" in text and "2020-04-21" not in text
    sheet = _sheet(staff_client.get("/stories/export.xlsx").content)
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("indsamlet_dato") + 1)
    assert cell.value == datetime.datetime(2020, 4, 21) and cell.is_date
    assert sheet.cell(row=2, column=header.index("status") + 1).value == "Klar"
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")


def test_the_workshop_results_export_has_a_frozen_filtered_header(facilitator_client):
    from tests.factories import open_workshop

    workshop = open_workshop()
    response = facilitator_client.get(f"/workshops/{workshop.pk}/export/resultat.xlsx")
    sheet = _sheet(response.content)
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")


def test_the_preview_shows_each_rows_consent_and_problems_in_the_files_own_column_names(
    staff_client,
):
    header = ["Titel", "Fortælling", "Beskæftigelse", "Indsamlet dato", "Domæner", "Status",
              "Samtykke analyse", "Samtykke rapport", "Samtykke givet af",
              "Samtykke form"]  # fmt: skip
    good = ["Med samtykke", "Tekst", "løntilskud", "04-03-2021", "GLÆDE", "klar",
            "05-03-2021", "6. mar. 2021", "værge", "skriftligt"]  # fmt: skip
    bad = ["Uden", "Tekst", "astronaut", "04-03-2021", "Lykke", "klar", "", "", "", ""]
    raw = "\n".join(";".join(cells) for cells in (header, good, bad)).encode()
    response = staff_client.post("/stories/import/", {"file": io.BytesIO(raw)})
    page = staff_client.get(response["Location"])
    body = page.content.decode()
    assert "Linje 3, kolonnen »Beskæftigelse«: Ukendt beskæftigelse: »astronaut«." in body
    assert "Linje 3, kolonnen »Domæner«: Ukendt forandringsområde: »Lykke«." in body
    assert "Analyse: 5. mar. 2021" in body and "Rapport: 6. mar. 2021" in body
    assert "En værge, skriftligt (underskrevet)" in body
    assert "Intet samtykke" in body
    assert "4. mar. 2021" in body
    assert PendingImport.objects.get().counts["problems"] == 1
    assert not Story.objects.exists()


def test_an_oral_consent_in_a_file_needs_a_witness_that_is_a_user_or_a_role(staff_user):
    header = "titel;fortælling;beskæftigelse;indsamlet_dato;samtykke_analyse;samtykke_form;vidne"
    rows = [
        "A;Tekst;andet;2021-03-04;2021-03-05;mundtligt;",
        "B;Tekst;andet;2021-03-04;2021-03-05;mundtligt;Hanne Hansen",
        f"C;Tekst;andet;2021-03-04;2021-03-05;mundtligt;{staff_user.username}",
        "D;Tekst;andet;2021-03-04;2021-03-05;skriftligt;pårørende",
    ]
    result = importer.parse("\n".join([header, *rows]).encode())
    problems = {line: (column, message) for line, column, message in result.problems}
    assert problems[2] == ("vidne", "Mundtligt samtykke kræver et vidne.")
    assert problems[3][0] == "vidne" and "Skriv aldrig et navn" in problems[3][1]
    assert 4 not in problems
    assert problems[5] == ("vidne", "Et vidne hører kun til mundtligt samtykke.")
