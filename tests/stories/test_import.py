"""Import of stories from CSV/XLSX: encodings, separators, preview, all-or-nothing, bad files."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aktiv.models import AuditEvent
from stories import importer
from stories.models import PendingImport, Story
from tests.factories import make_round, make_story

pytestmark = pytest.mark.django_db

HEADER = [
    "titel",
    "fortælling",
    "betydning",
    "fortalt_af",
    "fortællerkode",
    "beskæftigelse",
    "runde",
    "indsamlet_dato",
    "metode",
    "genlæst_dato",
    "status",
    "domæner",
    "samtykke_analyse",
    "samtykke_rapport",
    "samtykke_offentliggørelse",
]


def row(**values):
    base = {
        "titel": "Jeg har fået et arbejde",
        "fortælling": "Nu møder jeg ind hver dag på værkstedet.",
        "betydning": "Jeg hører til.",
        "fortalt_af": "borger",
        "fortællerkode": "B-001",
        "beskæftigelse": "løntilskud",
        "runde": "",
        "indsamlet_dato": "2021-03-04",
        "metode": "interview",
        "genlæst_dato": "",
        "status": "klar",
        "domæner": "GLÆDE, læring",
        "samtykke_analyse": "2021-03-05",
        "samtykke_rapport": "",
        "samtykke_offentliggørelse": "",
    }
    base.update(values)
    return base


def csv_bytes(rows, sep=";", encoding="utf-8", header=HEADER, bom=False):
    lines = [sep.join(header)]
    for r in rows:
        cells = []
        for column in header:
            value = str(r.get(column, ""))
            if sep in value or '"' in value or "\n" in value:
                value = '"' + value.replace('"', '""') + '"'
            cells.append(value)
        lines.append(sep.join(cells))
    data = ("\r\n".join(lines) + "\r\n").encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(rows, header=HEADER):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for r in rows:
        sheet.append([r.get(column, "") for column in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, content, name="fortaellinger.csv"):
    return client.post("/stories/import/", {"file": SimpleUploadedFile(name, content)})


def assert_file_rejected(response, message):
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body, body[-4000:]
    assert "Filen kunne ikke indlæses." in body
    assert not PendingImport.objects.exists()
    assert not Story.objects.exists()


# Reading files ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoding, bom, sep",
    [("utf-8", False, ";"), ("utf-8", True, ";"), ("cp1252", False, ";"), ("utf-8", False, ",")],
)
def test_csv_in_utf8_bom_or_windows_1252_with_either_separator(encoding, bom, sep):
    raw = csv_bytes([row(titel="Æbler, øl og årstider", betydning="Glæde")], sep, encoding, bom=bom)
    result = importer.parse(raw)
    assert result.counts == {"total": 1, "ok": 1, "problems": 0, "duplicates": 0}
    assert result.rows[0]["title"] == "Æbler, øl og årstider"
    assert result.rows[0]["significance"] == "Glæde"


def test_xlsx_is_read_with_real_dates():
    raw = xlsx_bytes([row(indsamlet_dato=datetime.date(2020, 2, 3))])
    result = importer.parse(raw)
    assert result.file_format == "xlsx"
    assert result.rows[0]["collected_on"] == "2020-02-03"


def test_domains_match_by_name_or_slug_case_insensitively_with_danish_letters():
    raw = csv_bytes(
        [row(domæner="glæde; SELVTILLID OG SELVRESPEKT | laering, Tryghed og mod, uundvaerlighed")]
    )
    result = importer.parse(raw)
    assert result.counts["problems"] == 0, result.problems
    from domains.models import Domain

    chosen = Domain.objects.filter(pk__in=result.rows[0]["domain_ids"])
    names = set(chosen.values_list("slug", flat=True))
    assert names == {
        "glaede",
        "selvtillid-og-selvrespekt",
        "laering",
        "tryghed-og-mod",
        "uundvaerlighed",
    }


def test_headers_may_be_written_without_danish_letters_and_in_any_case():
    header = [h.upper().replace("æ", "ae").replace("ø", "oe").replace("å", "aa") for h in HEADER]
    raw = csv_bytes([dict(zip(header, row().values(), strict=True))], header=header)
    assert importer.parse(raw).counts["ok"] == 1


def test_choices_accept_keys_and_danish_labels():
    raw = csv_bytes(
        [
            row(beskæftigelse="§103", fortalt_af="Arbejdspladsen", metode="Gruppesamtale"),
            row(titel="b", beskæftigelse="activity_104", status="draft", domæner=""),
            row(titel="c", beskæftigelse="Frivilligt arbejde", metode="skrevet"),
        ]
    )
    result = importer.parse(raw)
    assert result.counts["problems"] == 0, result.problems
    assert [r["employment_type"] for r in result.rows] == [
        "sheltered_103",
        "activity_104",
        "voluntary",
    ]
    assert result.rows[0]["told_by"] == "workplace"
    assert result.rows[0]["method"] == "group"


# The preview and saving -----------------------------------------------------------------


def test_preview_then_confirm_saves_every_row_with_consent_by_the_importer(
    staff_client, staff_user
):
    round_ = make_round("2019–2021")
    raw = csv_bytes([row(runde="2019–2021"), row(titel="Anden", samtykke_rapport="2021-03-06")])
    response = upload(staff_client, raw)
    assert response.status_code == 302
    pending = PendingImport.objects.get()
    assert response["Location"] == f"/stories/import/{pending.token}/"
    preview = staff_client.get(response["Location"])
    body = preview.content.decode()
    assert "2 rækker i alt" in body and "Intet er gemt endnu." in body
    assert "Jeg har fået et arbejde" in body
    assert not Story.objects.exists()

    response = staff_client.post(response["Location"], {"action": "confirm"})
    assert response.status_code == 302
    assert Story.objects.count() == 2
    first = Story.objects.get(title="Jeg har fået et arbejde")
    assert first.round == round_
    assert first.collected_by == staff_user
    assert first.consent_analysis_by == staff_user
    assert first.consent_analysis_on == datetime.date(2021, 3, 5)
    assert set(first.domains.values_list("slug", flat=True)) == {"glaede", "laering"}
    assert Story.objects.get(title="Anden").consent_report_on == datetime.date(2021, 3, 6)
    assert not PendingImport.objects.exists()
    event = AuditEvent.objects.get(action="import")
    assert event.detail["antal"] == 2


def test_a_file_with_any_bad_row_saves_nothing_and_lists_problems_first(staff_client):
    raw = csv_bytes(
        [
            row(titel="God række"),
            row(titel="", indsamlet_dato="31-02-2021"),
            row(titel="Ukendt domæne", domæner="GLÆDE, Lykke"),
        ]
    )
    response = upload(staff_client, raw)
    page = staff_client.get(response["Location"])
    body = page.content.decode()
    entries = page.context["page"].object_list
    assert [e["line"] for e in entries] == [3, 4, 2]  # problems first
    assert "Linje 3, kolonnen »titel«: Feltet er tomt." in body
    assert "Linje 3, kolonnen »indsamlet_dato«: »31-02-2021« er ikke en dato." in body
    assert "Linje 4, kolonnen »domæner«: Ukendt forandringsområde: »Lykke«." in body
    assert "Filen kan ikke gemmes, før problemerne er rettet" in body
    assert 'value="confirm"' not in body
    response = staff_client.post(f"/stories/import/{PendingImport.objects.get().token}/",
                                 {"action": "confirm"})  # fmt: skip
    assert not Story.objects.exists()


@pytest.mark.parametrize(
    "values, column, message",
    [
        ({"titel": "x" * 201}, "titel", "Teksten er for lang: højst 200 tegn"),
        ({"fortælling": "y" * 50_001}, "fortælling", "højst 50000 tegn"),
        ({"fortælling": "CPR 010190-1234"}, "fortælling", "CPR-nummer"),
        ({"fortællerkode": "Hanne"}, "fortællerkode", "Brug en kode som B-017"),
        ({"beskæftigelse": "astronaut"}, "beskæftigelse", "Ukendt beskæftigelse"),
        ({"indsamlet_dato": "2999-01-01"}, "indsamlet_dato", "kan ikke ligge i fremtiden."),
        (  # the story form's rule too (they used to differ): read back after collecting
            {"indsamlet_dato": "2021-03-04", "genlæst_dato": "2021-03-01"},
            "genlæst_dato",
            "Fortællingen kan ikke være læst op, før den blev indsamlet.",
        ),
        ({"samtykke_rapport": "i går"}, "samtykke_rapport", "er ikke en dato"),
        ({"domæner": ""}, "domæner", "Vælg mindst ét forandringsområde, før fortællingen"),
        ({"runde": "1999"}, "runde", "Indsamlingsrunden »1999« findes ikke."),
    ],
)
def test_row_problems_name_line_column_and_message(values, column, message):
    result = importer.parse(csv_bytes([row(**values)]))
    assert result.rows == []
    ((line, found_column, found_message),) = result.problems
    assert (line, found_column) == (2, column)
    assert message in found_message


def test_likely_duplicates_are_flagged_and_can_be_skipped(staff_client):
    make_story(
        title="Jeg har fået et arbejde",
        storyteller_code="B-001",
        collected_on=datetime.date(2021, 3, 4),
    )
    raw = csv_bytes([row(), row(titel="Ny"), row(titel="Ny")])
    response = upload(staff_client, raw)
    page = staff_client.get(response["Location"])
    assert page.context["counts"]["duplicates"] == 2
    assert "Sandsynlig dublet" in page.content.decode()
    staff_client.post(response["Location"], {"action": "confirm", "skip_duplicates": "1"})
    assert Story.objects.filter(title="Ny").count() == 1
    assert Story.objects.filter(title="Jeg har fået et arbejde").count() == 1


def test_cancel_removes_the_pending_import(staff_client):
    response = upload(staff_client, csv_bytes([row()]))
    staff_client.post(response["Location"], {"action": "cancel"})
    assert not PendingImport.objects.exists() and not Story.objects.exists()


def test_confirming_twice_imports_once(staff_client):
    response = upload(staff_client, csv_bytes([row()]))
    staff_client.post(response["Location"], {"action": "confirm"})
    second = staff_client.post(response["Location"], {"action": "confirm"})
    assert second.status_code == 302
    assert Story.objects.count() == 1


def test_another_user_cannot_see_or_confirm_my_pending_import(staff_client, client):
    from aktiv import roles
    from tests.factories import make_user

    response = upload(staff_client, csv_bytes([row()]))
    client.force_login(make_user(roles.STAFF))
    assert client.get(response["Location"]).status_code == 404
    client.post(response["Location"], {"action": "confirm"})
    assert not Story.objects.exists()


def test_preview_is_paginated_for_thousands_of_rows(staff_client):
    raw = csv_bytes([row(titel=f"Række {i}") for i in range(1500)])
    response = upload(staff_client, raw)
    page = staff_client.get(response["Location"])
    assert len(page.context["page"].object_list) == 100
    assert "1500 rækker i alt" in page.content.decode()
    assert "Side 1 af 15" in page.content.decode()


def test_import_of_5000_rows_in_one_transaction_with_bulk_inserts(staff_user):
    rows = [row(titel=f"Fortælling {i}", fortællerkode=f"B-{i}") for i in range(5000)]
    result = importer.parse(csv_bytes(rows))
    assert result.counts["ok"] == 5000
    with CaptureQueriesContext(connection) as ctx:
        created = importer.save_rows(result.rows, staff_user)
    assert created == 5000
    assert Story.objects.count() == 5000
    assert Story.domains.through.objects.count() == 10_000
    inserts = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("INSERT")]
    assert len(inserts) <= 7  # 5 batches of stories + 2 of domain links
    statements = [q["sql"] for q in ctx.captured_queries]
    # One transaction (a savepoint inside the test's transaction) around every insert.
    assert statements[0].startswith("SAVEPOINT")
    assert statements[-1].startswith("RELEASE SAVEPOINT")


def test_save_is_all_or_nothing_when_the_database_refuses_a_row(staff_user):
    rows = importer.parse(csv_bytes([row(titel="a"), row(titel="b")])).rows
    rows[1]["employment_type"] = "x" * 50  # too long for the column: the insert fails
    with pytest.raises(Exception):  # noqa: B017
        importer.save_rows(rows, staff_user)
    assert not Story.objects.exists()


# Bad files (each a test) ---------------------------------------------------------------


def test_empty_file_is_rejected(staff_client):
    assert_file_rejected(upload(staff_client, b""), "Filen er tom.")


def test_file_with_only_a_header_is_rejected(staff_client):
    assert_file_rejected(upload(staff_client, csv_bytes([])), "ingen rækker med fortællinger")


def test_binary_file_is_rejected(staff_client):
    assert_file_rejected(
        upload(staff_client, bytes(range(256)) * 10, "data.csv"),
        "Filen ser ikke ud til at være en CSV- eller Excel-fil.",
    )


def test_renamed_image_is_rejected(staff_client):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
    assert_file_rejected(upload(staff_client, png, "fortaellinger.csv"), "Filen er et billede")


def test_file_of_20_mb_is_rejected(staff_client):
    big = csv_bytes([row()]) + b"x" * (20 * 1024 * 1024)
    assert_file_rejected(upload(staff_client, big), "Filen er for stor")


def test_missing_columns_are_named(staff_client):
    header = [h for h in HEADER if h not in ("titel", "beskæftigelse")]
    assert_file_rejected(
        upload(staff_client, csv_bytes([row()], header=header)),
        "Kolonner, der mangler: »titel«, »beskæftigelse«.",
    )


def test_unknown_columns_are_named(staff_client):
    raw = csv_bytes([row()], header=[*HEADER, "Navn"])
    assert_file_rejected(upload(staff_client, raw), "Ukendte kolonner: »Navn«.")


def test_unknown_domains_are_named_per_row(staff_client):
    response = upload(staff_client, csv_bytes([row(domæner="Kærlighed")]))
    body = staff_client.get(response["Location"]).content.decode()
    assert "Ukendt forandringsområde: »Kærlighed«." in body
    assert not Story.objects.exists()


def test_bad_dates_are_named_per_row():
    result = importer.parse(csv_bytes([row(indsamlet_dato="2021-13-45")]))
    assert result.problems[0][1:] == (
        "indsamlet_dato",
        "»2021-13-45« er ikke en dato. Skriv fx 2024-03-15 eller 15-03-2024.",
    )


def test_invalid_utf8_is_rejected_with_the_line_number(staff_client):
    good = csv_bytes([row(titel="Æble")])
    broken = good + "Ødelagt;".encode() + b"\xc3\x28 \xff;x\r\n"
    message = "Filen er ikke gyldig UTF-8: der er et ugyldigt tegn på linje 3."
    assert_file_rejected(upload(staff_client, broken), message)


def test_invalid_utf8_after_a_bom_is_rejected():
    with pytest.raises(importer.ImportFileError, match="ikke gyldig UTF-8"):
        importer.parse(b"\xef\xbb\xbftitel;fort\xe6lling\r\n")


def test_a_broken_xlsx_is_rejected(staff_client):
    raw = xlsx_bytes([row()])[:500]
    assert_file_rejected(upload(staff_client, raw, "f.xlsx"), "Excel-filen kan ikke læses.")


def test_no_file_chosen_is_rejected(staff_client):
    response = staff_client.post("/stories/import/", {})
    assert "Vælg en fil." in response.content.decode()


def test_bad_quoting_never_gives_a_500(staff_client):
    raw = ";".join(HEADER).encode() + b'\r\n"uafsluttet;' + b"x" * 100
    response = upload(staff_client, raw)
    assert response.status_code in (200, 302)


# The management command ----------------------------------------------------------------


def test_import_stories_command_saves_a_good_file(tmp_path, staff_user):
    path = tmp_path / "f.csv"
    path.write_bytes(csv_bytes([row(), row(titel="To")]))
    out = io.StringIO()
    call_command("import_stories", str(path), user=staff_user.username, stdout=out)
    assert Story.objects.count() == 2
    assert "2 fortællinger er importeret." in out.getvalue()
    assert AuditEvent.objects.get(action="import").username == staff_user.username


def test_import_stories_command_saves_nothing_from_a_bad_file(tmp_path, staff_user):
    path = tmp_path / "f.csv"
    path.write_bytes(csv_bytes([row(), row(domæner="Lykke")]))
    out = io.StringIO()
    with pytest.raises(CommandError, match="Intet er gemt"):
        call_command("import_stories", str(path), user=staff_user.username, stdout=out)
    assert "linje 3, kolonnen »domæner«: Ukendt forandringsområde: »Lykke«." in out.getvalue()
    assert not Story.objects.exists()


def test_import_stories_command_dry_run_saves_nothing(tmp_path, staff_user):
    path = tmp_path / "f.csv"
    path.write_bytes(csv_bytes([row()]))
    call_command("import_stories", str(path), user=staff_user.username, dry_run=True,
                 stdout=io.StringIO())  # fmt: skip
    assert not Story.objects.exists()
