"""The learning report as a Word file (python-docx) with real heading styles.

- A4 portrait, page numbers in the footer ("Side 3 af 40", PAGE and NUMPAGES fields), a
  real table of contents (a TOC field over the chapters and domains, heading level 1,
  which Word fills in with page numbers when the file is opened: `updateFields`; until
  then it lists the headings), document properties (title, the organisation as
  author, subject) and Danish as the proofing language of every style.
- The sequence of headings is the HTML report's: h1 is the document's Title style, h2
  "Heading 1", h3 "Heading 2", h4 "Heading 3" (HEADING_STYLE), so the navigation pane
  and the table of contents work, and staff can finish the report in Word.
- With the organisation's own template (reports.models.WordTemplate, a .dotx or .docx),
  the report is written into it: its styles, page header and footer and logo are kept,
  its body is replaced. A style the template lacks is added.

Every string goes through aktiv.text on its way in: only characters XML allows (one
stray control character used to make python-docx fail the whole file), and the text of
a table cell gets no formula (tables are pasted into spreadsheets).
"""

import io
import zipfile

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from aktiv.dates import short_date
from aktiv.text import spreadsheet_cell, xml_text

# HTML heading level -> Word style
HEADING_STYLE = {1: "Title", 2: "Heading 1", 3: "Heading 2", 4: "Heading 3"}

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOCUMENT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
TEMPLATE_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
LANGUAGE = "da-DK"
TOC_FIELD = ' TOC \\o "1-1" \\h \\z \\u '

# Elements that come after w:updateFields in w:settings (ECMA-376 CT_Settings order).
_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
    "decimalSymbol", "listSeparator",
)  # fmt: skip


def as_document(content):
    """The bytes of a .docx or .dotx as a .docx python-docx opens: a template's main
    part has its own content type, which python-docx refuses; the rest is the same."""
    source = zipfile.ZipFile(io.BytesIO(content))
    types = source.read("[Content_Types].xml")
    if TEMPLATE_MAIN.encode() not in types:
        return content
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(TEMPLATE_MAIN.encode(), DOCUMENT_MAIN.encode())
            target.writestr(item, data)
    return out.getvalue()


def _field_start(paragraph, instruction):
    """The start of a complex field: begin, the instruction, separate (its cached result
    follows, then _field_end)."""
    for kind, text in (("begin", None), (None, instruction), ("separate", None)):
        run = paragraph.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            if kind == "begin":
                char.set(qn("w:dirty"), "true")
            run._r.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)


def _field_end(paragraph):
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


def _field(paragraph, instruction, result):
    _field_start(paragraph, instruction)
    paragraph.add_run(result)
    _field_end(paragraph)


class _Writer:
    def __init__(self, report, template=None):
        self.report = report
        if template:
            self.doc = Document(io.BytesIO(as_document(template)))
            body = self.doc.element.body
            for child in list(body):
                if child.tag != qn("w:sectPr"):
                    body.remove(child)
        else:
            self.doc = Document()
            self.doc.styles["Normal"].font.size = Pt(11)
        self.styles = {style.name for style in self.doc.styles}
        self._ensure_styles()
        self._a4(margins=not template)
        self._danish()
        self._update_fields_on_open()
        self._properties()
        self._page_numbers()

    # --- the document around the text ----------------------------------------------------

    def _ensure_styles(self):
        """Styles the report uses that a template may lack, added with plain looks."""
        wanted = [
            ("Title", 26, None),
            ("Heading 1", 16, 0),
            ("Heading 2", 13, 1),
            ("Heading 3", 11, 2),
            ("List Bullet", None, None),
            ("List Number", None, None),
        ]
        for name, size, outline in wanted:
            if name in self.styles:
                continue
            style = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = self.doc.styles["Normal"]
            if size:
                style.font.size = Pt(size)
                style.font.bold = True
            if outline is not None:
                level = OxmlElement("w:outlineLvl")
                level.set(qn("w:val"), str(outline))
                style.element.get_or_add_pPr().append(level)
            self.styles.add(name)

    def _a4(self, margins):
        for section in self.doc.sections:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = Mm(210), Mm(297)
            if margins:
                section.left_margin = section.right_margin = Mm(25)
                section.top_margin, section.bottom_margin = Mm(25), Mm(25)

    def _danish(self):
        """Danish proofing: the document default and every style that names a language."""
        styles = self.doc.styles.element
        defaults = styles.find(qn("w:docDefaults"))
        if defaults is None:
            defaults = OxmlElement("w:docDefaults")
            styles.insert(0, defaults)
        r_default = defaults.find(qn("w:rPrDefault"))
        if r_default is None:
            r_default = OxmlElement("w:rPrDefault")
            defaults.insert(0, r_default)
        r_pr = r_default.find(qn("w:rPr"))
        if r_pr is None:
            r_pr = OxmlElement("w:rPr")
            r_default.append(r_pr)
        languages = [r_pr.find(qn("w:lang"))] + styles.findall(".//" + qn("w:lang"))
        if languages[0] is None:
            languages[0] = OxmlElement("w:lang")
            r_pr.append(languages[0])
        for lang in languages:
            if lang is not None:
                lang.set(qn("w:val"), LANGUAGE)
                lang.set(qn("w:eastAsia"), LANGUAGE)
                lang.set(qn("w:bidi"), "ar-SA")

    def _update_fields_on_open(self):
        settings = self.doc.settings.element
        if settings.find(qn("w:updateFields")) is not None:
            return
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        for name in _AFTER_UPDATE_FIELDS:
            found = settings.find(qn(f"w:{name}"))
            if found is not None:
                found.addprevious(update)
                return
        settings.append(update)

    def _properties(self):
        report = self.report
        properties = self.doc.core_properties
        properties.title = xml_text(report.title)[:255]
        properties.subject = xml_text(report.subtitle)[:255]
        properties.author = xml_text(report.organisation)[:255]
        properties.last_modified_by = xml_text(report.organisation)[:255]
        properties.language = LANGUAGE
        properties.keywords = "forandringsfortællinger; Most Significant Change"
        properties.category = _("Læringsrapport")
        properties.comments = ""

    def _page_numbers(self):
        """ "Side 3 af 40" in the footer of every section, unless it has page numbers."""
        for section in self.doc.sections:
            footer = section.footer
            if b"PAGE" in footer._element.xml.encode():
                continue
            paragraph = footer.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(_("Side") + " ")
            _field(paragraph, " PAGE ", "1")
            paragraph.add_run(" " + _("af") + " ")
            _field(paragraph, " NUMPAGES ", "1")

    # --- text ------------------------------------------------------------------------------

    def heading(self, level, text):
        return self.doc.add_paragraph(xml_text(text), style=HEADING_STYLE[level])

    def blocks(self, items, italic=False):
        for kind, content in items:
            if kind == "ul":
                for item in content:
                    self.bullet(item)
            else:
                self.para(content, italic=italic)

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

    def toc(self):
        """The table of contents as a TOC field; its cached text lists the headings, which
        Word replaces (with page numbers) when it updates the field on opening."""
        headings = [text for level, text in self.report.headings() if level == 2][1:]
        paragraph = self.doc.add_paragraph()
        _field_start(paragraph, TOC_FIELD)
        for index, text in enumerate(headings):
            if index:
                paragraph = self.doc.add_paragraph()
            if "TOC 1" in self.styles:
                paragraph.style = "TOC 1"
            paragraph.add_run(xml_text(text))
        _field_end(paragraph)

    def table(self, header, rows):
        table = self.doc.add_table(rows=1, cols=len(header))
        if "Table Grid" in self.styles:
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


def render_docx(report, template=None):
    """The report as .docx bytes; `template` is the bytes of the organisation's Word
    template (.dotx or .docx), or None for python-docx's plain one."""
    w = _Writer(report, template)
    texts = report.texts
    w.heading(1, report.title)
    w.para(report.subtitle)
    w.para(report.dated)
    w.para(report.basis_sentence)
    w.page_break()

    w.heading(2, _("Indhold"))
    w.toc()
    w.page_break()

    w.heading(2, texts["preface"].title)
    w.blocks(report.preface)
    w.para(report.total_sentence)
    for line in report.employment_lines:
        w.bullet(line)
    w.blocks(report.preface_closing)

    w.heading(2, texts["introduction"].title)
    w.blocks(report.introduction)

    w.heading(2, texts["method"].title)
    w.blocks(report.method)
    w.heading(3, _("Evalueringsprocessen"))
    for step in report.cycle_steps:
        w.numbered(step)
    w.heading(3, _("Workshops i rapporten"))
    if report.workshops:
        w.table(
            [_("Dato"), _("Workshop"), _("Deltagere"), _("Antal deltagere"), _("Grupper")],
            [
                (
                    short_date(ws.held_on),
                    ws.title,
                    ws.get_kind_display(),
                    ws.participants,
                    ws.groups_voting,
                )
                for ws in report.workshops
            ],
        )
    else:
        w.para(_("Udgaven bygger ikke på nogen workshop."))

    w.heading(2, _("Forandringsdomæner"))
    if report.over_head_count_note:
        w.para(report.over_head_count_note, bold=True)
    w.para(report.basis_sentence)
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
        w.blocks(section.what_changes)
        w.heading(3, report.learn_heading)
        w.blocks(section.what_creates_change)
        if section.selections:
            w.heading(3, report.selection_heading)
            for selection in section.selections:
                w.heading(4, selection.story.title)
                w.blocks(selection.story_blocks, italic=True)
                w.para(
                    _("Valgt på »%(title)s« den %(date)s, fordi:")
                    % {
                        "title": selection.workshop.title,
                        "date": short_date(selection.workshop.held_on),
                    }
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
        if section.candidates:
            w.heading(3, section.candidates_heading)
            for passage in section.candidates:
                w.bullet(f"”{passage}”")
        if section.not_prioritised:
            w.para(section.not_prioritised_note, italic=True)

    w.page_break()
    w.heading(2, texts["closing"].title)
    w.blocks(report.closing)
    return w.bytes()
