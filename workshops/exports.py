"""CSV (Danish Excel: UTF-8 with BOM, `;`) and XLSX exports of a workshop, in the one style
of aktiv.spreadsheets: safe against formula injection (characters the format allows,
then no formula on the final text of every cell), and in XLSX a frozen, filtered header
row with readable column widths."""

from django.http import HttpResponse
from django.utils.text import slugify

from aktiv import spreadsheets


def _filename(workshop, what, ext):
    return f"workshop-{workshop.pk}-{slugify(what)}.{ext}"


def _attachment(content, content_type, name):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def csv_response(workshop, what, header, rows):
    return _attachment(
        spreadsheets.csv_text(header, rows),
        spreadsheets.CSV_CONTENT_TYPE,
        _filename(workshop, what, "csv"),
    )


def xlsx_response(workshop, what, header, rows):
    return _attachment(
        spreadsheets.xlsx_bytes(header, rows, what),
        spreadsheets.XLSX_CONTENT_TYPE,
        _filename(workshop, what, "xlsx"),
    )
