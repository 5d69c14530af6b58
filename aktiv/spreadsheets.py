"""CSV and XLSX files in one style, for every export and the import template.

CSV: UTF-8 with BOM and ";" (what Danish Excel expects), dates as "21. apr. 2020"
(aktiv.dates). XLSX: a frozen header row with a filter, columns wide enough to read,
and real date cells shown the Danish way. Every text cell goes through
aktiv.text.spreadsheet_cell (only characters the format allows, then no formula on the
final text); dates and numbers stay what they are.
"""

import codecs
import csv
import datetime
import io
import itertools

from .dates import short_date
from .text import spreadsheet_cell

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Danish (locale 406) day, short month and year: "21. apr. 2020".
DANISH_DATE_FORMAT = "[$-406]d. mmm. yyyy"
MIN_WIDTH, MAX_WIDTH = 10, 60
WIDTH_SAMPLE_ROWS = 200  # columns are sized from the header and the first rows


def _is_date(value):
    return isinstance(value, datetime.date)


def _date_of(value):
    return value.date() if isinstance(value, datetime.datetime) else value


def csv_cell(value):
    if _is_date(value):
        return short_date(_date_of(value), "da")
    return spreadsheet_cell(value)


class _Echo:
    def write(self, value):
        return value


def csv_chunks(columns, rows):
    """The file as text chunks (header first, then one chunk per row), for streaming."""
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")
    yield codecs.BOM_UTF8.decode("utf-8") + writer.writerow([csv_cell(c) for c in columns])
    for row in rows:
        yield writer.writerow([csv_cell(cell) for cell in row])


def csv_text(columns, rows):
    return "".join(csv_chunks(columns, rows))


def _width(value):
    if value is None:
        return 0
    if _is_date(value):
        return 13
    longest_line = max((len(line) for line in str(value).splitlines()), default=0)
    return longest_line + 2


def _column_letter(number):
    from openpyxl.utils import get_column_letter

    return get_column_letter(number)


def xlsx_bytes(columns, rows, title):
    """One sheet named `title`: the header row frozen and filtered, sensible widths, real
    dates. A row that is empty ends the filtered table (notes may follow below it)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    rows = iter(rows)
    sample = list(itertools.islice(rows, WIDTH_SAMPLE_ROWS))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    for index, column in enumerate(columns):
        widths = [_width(column), *(_width(row[index]) for row in sample if len(row) > index)]
        letter = _column_letter(index + 1)
        sheet.column_dimensions[letter].width = min(max(*widths, MIN_WIDTH), MAX_WIDTH)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)

    def cell(value, header=False):
        if _is_date(value):
            written = WriteOnlyCell(sheet, value=_date_of(value))
            written.number_format = DANISH_DATE_FORMAT
            return written
        written = WriteOnlyCell(sheet, value=spreadsheet_cell(value))
        if header:
            written.font = bold
        return written

    sheet.append([cell(column, header=True) for column in columns])
    table_rows, in_table = 1, True
    for row in itertools.chain(sample, rows):
        if not row:
            in_table = False
        elif in_table:
            table_rows += 1
        sheet.append([cell(value) for value in row])
    if columns:
        sheet.auto_filter.ref = f"A1:{_column_letter(len(columns))}{table_rows}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
