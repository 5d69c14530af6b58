"""The report's Word file: A4, a real table of contents, page numbers, document
properties, Danish proofing, and the organisation's own template.

python-docx reads every file back; where LibreOffice is installed (Debian's
libreoffice-writer-nogui; .ci/run installs it, and under CI=true it is required) the file
is converted to PDF, as a reader's program would show it, and the PDF is checked for its
page size, the table of contents and the page numbers.
"""

import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from docx import Document
from docx.shared import Mm, Pt, RGBColor

from aktiv.models import AuditEvent
from reports.builder import build_report
from reports.models import WordTemplate
from reports.word import TEMPLATE_MAIN, render_docx

pytestmark = pytest.mark.django_db

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
A4_POINTS = (595.3, 841.9)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx(scenario, template=None):
    with translation.override("da"):
        return render_docx(build_report(scenario.edition), template)


def _xml(content, part):
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read(part).decode()


def _footer_xml(content):
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "".join(
            archive.read(name).decode()
            for name in archive.namelist()
            if re.match(r"word/footer\d*\.xml", name)
        )


def test_the_word_file_is_a4_with_a_toc_field_page_numbers_and_properties(scenario):
    content = _docx(scenario)
    doc = Document(io.BytesIO(content))
    for section in doc.sections:
        assert abs(section.page_width - Mm(210)) < Mm(0.5)
        assert abs(section.page_height - Mm(297)) < Mm(0.5)
    body = _xml(content, "word/document.xml")
    assert 'TOC \\o "1-1" \\h \\z \\u' in body
    footer = _footer_xml(content)
    assert ">Side <" in footer and " PAGE " in footer and " NUMPAGES " in footer
    assert '<w:updateFields w:val="true"/>' in _xml(content, "word/settings.xml")
    properties = doc.core_properties
    assert properties.title == "Læringsrapport 2019–2021"
    assert properties.author == "Aalborg AKTIV"
    assert properties.language == "da-DK"
    styles = _xml(content, "word/styles.xml")
    default = styles[styles.index("<w:docDefaults>") : styles.index("</w:docDefaults>")]
    assert 'w:val="da-DK"' in default
    assert 'w:val="en-US"' not in styles


def _template():
    """An organisation's .dotx: its own heading font and colour, and a header with its
    name and a logo (a PNG)."""
    doc = Document()
    heading = doc.styles["Heading 1"]
    heading.font.name = "Georgia"
    heading.font.color.rgb = RGBColor(0x00, 0x55, 0x7A)
    heading.font.size = Pt(20)
    header = doc.sections[0].header.paragraphs[0]
    header.text = "Aalborg Kommune · Handicap"
    header.add_run().add_picture(io.BytesIO(_png()), width=Mm(20))
    doc.add_paragraph("Skabelonens egen tekst, som ikke må komme med.")
    buffer = io.BytesIO()
    doc.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = re.sub(
                    rb"application/vnd\.openxmlformats-officedocument\.wordprocessingml\."
                    rb"document\.main\+xml",
                    TEMPLATE_MAIN.encode(),
                    data,
                )
            target.writestr(item, data)
    return out.getvalue()


def _png():
    import struct
    import zlib

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    raw = b"".join(b"\x00" + b"\x00\x55\x7a" * 8 for _ in range(8))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def test_the_organisations_template_gives_its_styles_header_and_logo(scenario):
    content = _docx(scenario, _template())
    doc = Document(io.BytesIO(content))
    assert doc.styles["Heading 1"].font.name == "Georgia"
    header = doc.sections[0].header
    assert "Aalborg Kommune · Handicap" in header.paragraphs[0].text
    assert any(rel.reltype.endswith("/image") for rel in header.part.rels.values())
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Skabelonens egen tekst" not in text
    assert "GLÆDE" in text
    assert abs(doc.sections[0].page_width - Mm(210)) < Mm(0.5)


def test_an_administrator_uploads_the_template_and_the_report_uses_it(
    admin_client_, manager_client, scenario
):
    upload = SimpleUploadedFile("kommune.dotx", _template())
    response = admin_client_.post("/report/word-template/", {"file": upload})
    assert response.status_code == 302
    assert WordTemplate.objects.get().name == "kommune.dotx"
    assert AuditEvent.objects.filter(object_type="reports.wordtemplate", action="create").exists()
    word = manager_client.get("/report/word/").content
    assert Document(io.BytesIO(word)).styles["Heading 1"].font.name == "Georgia"
    admin_client_.post("/report/word-template/", {"remove": "1"})
    assert not WordTemplate.objects.exists()


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("tekst.dotx", b"ikke en zip", "kan ikke læses som en Word-skabelon"),
        ("regneark.xlsx", b"PK\x03\x04" + b"\x00" * 30, "kan ikke læses som en Word-skabelon"),
        ("stor.dotx", b"x" * (5 * 1024 * 1024 + 1), "Filen er for stor"),
    ],
)
def test_a_bad_template_is_refused_beside_the_field(admin_client_, name, content, message):
    response = admin_client_.post(
        "/report/word-template/", {"file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not WordTemplate.objects.exists()


def test_a_spreadsheet_is_no_word_template(admin_client_):
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    response = admin_client_.post(
        "/report/word-template/", {"file": SimpleUploadedFile("ark.dotx", buffer.getvalue())}
    )
    assert "kan ikke læses som en Word-skabelon" in response.content.decode()


def test_only_administrators_change_the_template(manager_client, facilitator_client):
    assert manager_client.get("/report/word-template/").status_code == 403
    assert facilitator_client.get("/report/word-template/").status_code == 403


# --- as a reader's program shows it -------------------------------------------------------------

HELPER = Path(__file__).resolve().parent / "libreoffice_pdf.py"


def _has_uno():
    python = shutil.which("python3", path="/usr/bin")
    if not (SOFFICE and python):
        return False
    return subprocess.run([python, "-c", "import uno"], capture_output=True).returncode == 0


@pytest.mark.skipif(
    not _has_uno() and os.environ.get("CI", "").lower() not in {"1", "true", "yes"},
    reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui python3-uno)",
)
def test_the_word_file_opens_as_a4_with_a_table_of_contents_and_page_numbers(scenario, tmp_path):
    assert _has_uno(), "CI=true but LibreOffice (with python3-uno) is missing: .ci/run installs it"
    from pypdf import PdfReader

    source = tmp_path / "rapport.docx"
    source.write_bytes(_docx(scenario))
    opened, updated = tmp_path / "aabnet.pdf", tmp_path / "opdateret.pdf"
    result = subprocess.run(
        ["/usr/bin/python3", str(HELPER), str(source), str(opened), str(updated),
         str(tmp_path / "profile")],
        capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    assert result.stdout.strip().splitlines()[-1] == "1"  # the TOC field is a real index

    # As it opens: A4 pages, the table of contents with its entries, page numbers.
    pages = [page.extract_text() for page in PdfReader(opened).pages]
    for page in PdfReader(opened).pages:
        box = page.mediabox
        assert (round(float(box.width), 1), round(float(box.height), 1)) == A4_POINTS
    toc = pages[1]
    assert toc.lstrip().startswith("Indhold")
    for entry in ("Forord", "Evaluering gennem forandringsfortællinger", "GLÆDE", "LÆRING"):
        assert entry in toc, toc
    total = len(pages)
    assert total > 12
    assert f"Side 2 af {total}" in pages[1] and f"Side {total} af {total}" in pages[-1]

    # Updated (as Word does on opening): each entry carries the page its heading is on.
    pages = [page.extract_text() for page in PdfReader(updated).pages]
    entries = dict(
        (name.strip(), int(number))
        for name, number in re.findall(r"^(.+?)\.{3,}\s*(\d+)\s*$", pages[1], re.M)
    )
    assert set(entries) >= {"Forord", "GLÆDE", "VÆRDIGHED OG LIGEVÆRDIGHED"}, pages[1]
    for name in ("Forord", "GLÆDE", "VÆRDIGHED OG LIGEVÆRDIGHED"):
        assert pages[entries[name] - 1].lstrip().startswith(name), name
