"""CSV (Danish Excel: UTF-8 with BOM, `;`) and XLSX exports, safe against formula injection:
every cell goes through aktiv.text.spreadsheet_cell (characters the format allows, then
no formula on the final text)."""

import csv
import io

from django.http import HttpResponse
from django.utils.text import slugify

from aktiv.text import spreadsheet_cell


def _filename(workshop, what, ext):
    return f"workshop-{workshop.pk}-{slugify(what)}.{ext}"


def csv_response(workshop, what, header, rows):
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([spreadsheet_cell(h) for h in header])
    for row in rows:
        writer.writerow([spreadsheet_cell(cell) for cell in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(workshop, what, "csv")}"'
    return response


def xlsx_response(workshop, what, header, rows):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = what[:31]
    sheet.append([spreadsheet_cell(h) for h in header])
    for row in rows:
        sheet.append([spreadsheet_cell(cell) for cell in row])
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(workshop, what, "xlsx")}"'
    return response
