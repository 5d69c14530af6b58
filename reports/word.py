"""The learning report as a Word file (python-docx) with real heading styles.

The sequence of headings is the HTML report's: h1 is the document's Title style, h2
"Heading 1", h3 "Heading 2" (see HEADING_STYLE), so the Word navigation pane and a
generated table of contents work, and staff can finish the report in Word.

Every string goes through aktiv.text on its way in: only characters XML allows (one
stray control character used to make python-docx fail the whole file), and the text of
a table cell gets no formula (tables are pasted into spreadsheets).
"""

import io

from django.utils import formats
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Pt

from aktiv.text import spreadsheet_cell, xml_text

# HTML heading level -> Word style
HEADING_STYLE = {1: "Title", 2: "Heading 1", 3: "Heading 2", 4: "Heading 3"}

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _date(value):
    return formats.date_format(value, "j. F Y")


class _Writer:
    def __init__(self):
        self.doc = Document()
        self.doc.core_properties.language = "da-DK"
        style = self.doc.styles["Normal"]
        style.font.size = Pt(11)

    def heading(self, level, text):
        text = xml_text(text)
        if level == 1:
            return self.doc.add_paragraph(text, style=HEADING_STYLE[1])
        return self.doc.add_heading(text, level=level - 1)

    def paragraphs(self, text):
        for block in xml_text(text).replace("\r\n", "\n").split("\n\n"):
            block = block.strip()
            if not block:
                continue
            if all(line.startswith("• ") for line in block.split("\n")):
                for line in block.split("\n"):
                    self.bullet(line[2:])
            else:
                self.doc.add_paragraph(block)

    def para(self, text, bold=False, italic=False):
        paragraph = self.doc.add_paragraph()
        run = paragraph.add_run(xml_text(text))
        run.bold = bold
        run.italic = italic
        return paragraph

    def bullet(self, text):
        return self.doc.add_paragraph(xml_text(text), style="List Bullet")

    def numbered(self, text):
        return self.doc.add_paragraph(xml_text(text), style="List Number")

    def page_break(self):
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def table(self, header, rows):
        table = self.doc.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(str(spreadsheet_cell(text))).bold = True
        for row in rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.text = str(spreadsheet_cell(text))
        return table

    def bytes(self):
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


def render_docx(report):
    w = _Writer()
    texts = report.texts
    w.heading(1, report.title)
    w.para(report.subtitle)
    if report.workshop is not None:
        w.para(
            _("Domænerne er ordnet efter prioriteringen på workshoppen »%(title)s« den %(date)s.")
            % {"title": report.workshop.title, "date": _date(report.workshop.held_on)}
        )
    w.page_break()

    w.heading(2, _("Indhold"))
    for entry in (texts["preface"].title, texts["introduction"].title, texts["method"].title):
        w.numbered(entry)
    w.numbered(_("Forandringsdomæner"))
    for section in report.sections:
        w.bullet(section.domain.name)
    w.numbered(texts["closing"].title)
    w.page_break()

    w.heading(2, texts["preface"].title)
    w.paragraphs(texts["preface"].body)
    w.para(report.total_sentence)
    for line in report.employment_lines:
        w.bullet(line)
    w.paragraphs(texts["preface_closing"].body)

    w.heading(2, texts["introduction"].title)
    w.paragraphs(texts["introduction"].body)

    w.heading(2, texts["method"].title)
    w.paragraphs(texts["method"].body)
    w.heading(3, _("Evalueringsprocessen"))
    for step in report.cycle_steps:
        w.numbered(step)
    w.heading(3, _("Workshops i runden"))
    if report.workshops:
        w.table(
            [_("Dato"), _("Workshop"), _("Deltagere"), _("Antal deltagere"), _("Grupper")],
            [
                (
                    _date(ws.held_on),
                    ws.title,
                    ws.get_kind_display(),
                    ws.participants,
                    ws.group_count,
                )
                for ws in report.workshops
            ],
        )
    else:
        w.para(_("Der er ikke holdt workshops i runden endnu."))

    w.heading(2, _("Forandringsdomæner"))
    if report.over_head_count_note:
        w.para(report.over_head_count_note, bold=True)
    rows = []
    for section in report.sections:
        result = section.result
        rank = "–"
        if result is not None and result.rank:
            rank = str(result.rank) + (f" ({_('delt')})" if result.tied else "")
        votes = str(result.votes) if result is not None else "–"
        rows.append((rank, section.domain.name, f"”{section.domain.statement}”", votes))
    w.table([_("Plads"), _("Domæne"), _("Udsagn"), _("Stemmer")], rows)

    for section in report.sections:
        w.page_break()
        domain = section.domain
        w.heading(2, domain.name)
        w.para(f"”{domain.statement}”", italic=True)
        w.heading(3, section.examples_heading)
        if section.examples:
            for story in section.examples:
                w.bullet(story["title"])
            shown, total = len(section.examples), section.examples[0]["total"]
            if total > shown:
                w.para(
                    _("Viser %(shown)s af %(total)s fortællinger.")
                    % {"shown": shown, "total": total}
                )
        else:
            w.para(_("Ingen fortællinger med samtykke til rapporten."))
        w.heading(3, _("Hvad forandrer sig i borgernes liv?"))
        w.paragraphs(domain.what_changes)
        w.heading(3, report.learn_heading)
        w.paragraphs(domain.what_creates_change)
        if section.selections:
            w.heading(3, _("Udvalgt som den mest betydningsfulde fortælling"))
            for selection in section.selections:
                w.bullet(
                    f"{selection.story.title} – "
                    + _("valgt på »%(title)s« den %(date)s, fordi:")
                    % {"title": selection.workshop.title, "date": _date(selection.workshop.held_on)}
                    + f" {selection.reason}"
                )
        if section.has_quotes:
            w.heading(3, section.citizens_heading)
            w.para(section.groups_sentence)
            if section.quotes_why:
                w.para(_("Om hvad det er, og hvorfor det er vigtigt:"), bold=True)
                for quote in section.quotes_why:
                    w.bullet(f"”{quote}”")
            if section.quotes_role:
                w.para(_("… og om %(org)ss rolle:") % {"org": report.organisation}, bold=True)
                for quote in section.quotes_role:
                    w.bullet(f"”{quote}”")
        if section.not_prioritised:
            w.para(section.not_prioritised_note, italic=True)

    w.page_break()
    w.heading(2, texts["closing"].title)
    w.paragraphs(texts["closing"].body)
    return w.bytes()
