"""Export of stories as CSV (UTF-8 with BOM, ";") or XLSX.

Only what the exporting role may see: staff get every story that is not withdrawn,
with the import columns (an export can be imported again); managers get stories with
report consent and only title, domains, employment type and text. Every cell that a
spreadsheet could run as a formula is neutralised, and only characters the format
allows are written (aktiv.text.spreadsheet_cell, on the final text of every cell).
"""

import codecs
import csv
import io

from django.utils.translation import gettext as _

from aktiv.text import spreadsheet_cell

STAFF_COLUMNS = [
    "id",
    "titel",
    "fortælling",
    "betydning",
    "fortalt_af",
    "fortællerkode",
    "beskæftigelse",
    "runde",
    "indsamlet_dato",
    "indsamlet_af",
    "metode",
    "genlæst_dato",
    "status",
    "domæner",
    "samtykke_analyse",
    "samtykke_rapport",
    "samtykke_offentliggørelse",
]
MANAGER_COLUMNS = ["titel", "domæner", "beskæftigelse", "fortælling"]


def _date(value):
    return value.isoformat() if value else ""


def staff_rows(queryset):
    for story in queryset.iterator(chunk_size=2000):
        yield [
            story.pk,
            story.title,
            story.text,
            story.significance,
            story.told_by,
            story.storyteller_code,
            story.employment_type,
            story.round.name if story.round_id else "",
            _date(story.collected_on),
            story.collected_by.get_username() if story.collected_by_id else "",
            story.method,
            _date(story.read_back_on),
            story.status,
            ", ".join(d.name for d in story.domains.all()),
            _date(story.consent_analysis_on),
            _date(story.consent_report_on),
            _date(story.consent_publish_on),
        ]


def manager_rows(queryset):
    for story in queryset.iterator(chunk_size=2000):
        yield [
            story.title,
            ", ".join(d.name for d in story.domains.all()),
            story.get_employment_type_display(),
            story.text,
        ]


def staff_queryset(queryset):
    return (
        queryset.not_withdrawn()
        .select_related("round", "collected_by")
        .prefetch_related("domains")
        .order_by("-created_at", "-id")
    )


def manager_queryset(queryset):
    return (
        queryset.for_report()
        .only("id", "title", "text", "employment_type", "created_at")
        .prefetch_related("domains")
        .order_by("-created_at", "-id")
    )


class _Echo:
    def write(self, value):
        return value


def csv_chunks(columns, rows):
    """UTF-8 with BOM, ';'-separated (what Danish Excel expects), streamed row by row."""
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")
    yield codecs.BOM_UTF8.decode("utf-8") + writer.writerow(columns)
    for row in rows:
        yield writer.writerow([spreadsheet_cell(cell) for cell in row])


def xlsx_bytes(columns, rows):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Fortællinger"))
    sheet.append(columns)
    for row in rows:
        sheet.append([spreadsheet_cell(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
