"""Writes the default Word templates of official documents into src/xhht/documents/word/.

Run `.venv/bin/python tools/docx_templates.py` after changing the layout here; the .docx
files it writes are committed, byte for byte the same on every run. The placeholders and
what the builder adds (page size, margins, page numbers, the body) are described in
xhht.documents.docx.
"""

from __future__ import annotations

import sys
import zipfile
from datetime import datetime
from io import BytesIO

from django.conf import settings
from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Length, Pt
from docx.table import Table as WordTable

if not settings.configured:
    settings.configure()  # the builder's module marks its messages for translation

from xhht.documents.docx import (
    BLACK,
    FONT,
    TEMPLATES,
    Container,
    add_paragraph,
    element,
    emptied,
    page_setup,
    set_borders,
    set_widths,
    text_width,
)
from xhht.documents.layout import DECREE_30

# Sizes and margins are the same in both regimes; the builder sets the page numbers.
REGIME = DECREE_30
# The header: the bodies on the left; on the right the motto, whose first line, 13 pt bold,
# is 9.6 cm long in Times New Roman.
BODIES, MOTTO = Cm(6.3), Cm(10.2)
RECIPIENTS, SIGNER = Cm(7.5), Cm(9.0)
ISSUER_RULE, MOTTO_RULE, SUBJECT_RULE = Cm(2.5), Cm(6.0), Cm(3.5)
SIGNATURE_LINES = 4  # room for the signature and the seal
STAMP = datetime(2020, 3, 5)  # the documents' properties; zip entries take 1980-01-01
MOTTO_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_TEXT = "Độc lập - Tự do - Hạnh phúc"
# file → whether it is a letter (công văn: no type name, "V/v" under the number)
KINDS = {"bao-cao.docx": False, "to-trinh.docx": False, "cong-van.docx": True}

CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT


def add_rule(container: Container, length: Length, width: Length) -> None:
    """A rule `length` long, centred in `width`: an empty 1 pt paragraph with a border below
    (under the issuing body, the motto and the subject)."""
    side = Emu((width - length) // 2)
    paragraph = add_paragraph(container, size=1, align=CENTER, left=side, right=side)
    border = OxmlElement("w:pBdr")
    border.append(element("w:bottom", val="single", sz="6", space="1", color="000000"))
    # w:pBdr comes before w:spacing, w:ind and w:jc (the schema's order, which Word checks).
    properties = paragraph._p.get_or_add_pPr()
    properties.insert_element_before(border, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc")


def _styles(doc: WordDocument) -> None:
    """Times New Roman 14 pt, black, Vietnamese, single spacing, nothing before or after."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    assert defaults is not None
    run_defaults = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    assert run_defaults is not None
    for old in list(run_defaults):
        run_defaults.remove(old)
    fonts = {f"w:{script}": FONT for script in ("ascii", "hAnsi", "eastAsia", "cs")}
    run_defaults.append(element("w:rFonts", **{k[2:]: v for k, v in fonts.items()}))
    run_defaults.append(element("w:sz", val="28"))
    run_defaults.append(element("w:lang", val="vi-VN", eastAsia="en-US", bidi="ar-SA"))
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size, normal.font.color.rgb = FONT, Pt(14), BLACK
    style_fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute, font in fonts.items():
        style_fonts.set(qn(attribute), font)
    look = normal.paragraph_format
    look.space_before, look.space_after, look.line_spacing = Pt(0), Pt(0), 1.0


def _layout_table(doc: WordDocument, rows: int, widths: list[Length]) -> WordTable:
    """A borderless table whose cells have no side margins, for the header and signature."""
    table: WordTable = doc.add_table(rows=rows, cols=len(widths))
    set_borders(table, "nil")
    set_widths(table, widths)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(element(f"w:{side}", w="0", type="dxa"))
    table._tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption")
    for row in table.rows:
        for cell in row.cells:
            emptied(cell)
    return table


def _header(doc: WordDocument, letter: bool) -> None:
    """Bodies | motto, then number (and, for a letter, "V/v …") | place and date: a row each,
    so that the number and the date stand on the same line."""
    table = _layout_table(doc, 2, [BODIES, MOTTO])
    bodies, motto = table.rows[0].cells
    add_paragraph(bodies, "{{ parent_body }}", size=REGIME.body_name_pt, align=CENTER)
    add_paragraph(bodies, "{{ issuing_body }}", size=REGIME.body_name_pt, bold=True, align=CENTER)
    add_rule(bodies, ISSUER_RULE, BODIES)
    add_paragraph(motto, MOTTO_TITLE, size=REGIME.motto_title_pt, bold=True, align=CENTER)
    add_paragraph(motto, MOTTO_TEXT, size=REGIME.motto_pt, bold=True, align=CENTER)
    add_rule(motto, MOTTO_RULE, MOTTO)
    number, place = table.rows[1].cells
    add_paragraph(number, "{{ number_and_symbol }}", size=REGIME.number_pt, align=CENTER, before=6)
    if letter:
        add_paragraph(number, "V/v {{ subject }}", size=12, align=CENTER, before=6)
    add_paragraph(
        place,
        "{{ place_and_date }}",
        size=REGIME.place_date_pt,
        italic=True,
        align=CENTER,
        before=6,
    )


def _title(doc: WordDocument) -> None:
    size = REGIME.type_pt
    add_paragraph(doc, "{{ type_name }}", size=size, bold=True, align=CENTER, before=18)
    add_paragraph(doc, "{{ subject }}", size=size, bold=True, align=CENTER)
    add_rule(doc, SUBJECT_RULE, text_width(REGIME))


def _signature(doc: WordDocument) -> None:
    """ "Nơi nhận" bottom left, the signer bottom right, in the same row."""
    table = _layout_table(doc, 1, [RECIPIENTS, SIGNER])
    recipients, signer = table.rows[0].cells
    add_paragraph(recipients, "Nơi nhận:", size=REGIME.recipients_title_pt, bold=True, italic=True)
    add_paragraph(recipients, "{{ recipients }}", size=REGIME.recipients_pt)
    size = REGIME.signer_pt
    add_paragraph(signer, "{{ signer_lines }}", size=size, bold=True, align=CENTER)
    for _line in range(SIGNATURE_LINES):
        add_paragraph(signer, size=size, align=CENTER)
    add_paragraph(signer, "{{ signer_name }}", size=size, bold=True, align=CENTER)


def template(letter: bool) -> bytes:
    """A default template: a letter (công văn) or a document with a type name."""
    doc = Document()
    _styles(doc)
    section = doc.sections[0]
    page_setup(section, REGIME)
    section.different_first_page_header_footer = True
    for part in (section.header, section.footer, section.first_page_header):
        part.is_linked_to_previous = False
    section.first_page_footer.is_linked_to_previous = False
    _header(doc, letter)
    if not letter:
        _title(doc)
    add_paragraph(doc, "{{p addressees }}", size=REGIME.addressee_pt)
    add_paragraph(doc, "{{p body }}", size=REGIME.body_pt)
    add_paragraph(doc, size=REGIME.body_pt)
    _signature(doc)
    _properties(doc)
    out = BytesIO()
    doc.save(out)
    return _steady(out.getvalue())


def _properties(doc: WordDocument) -> None:
    """Empty properties (the builder sets title and author), fixed dates, no thumbnail."""
    properties = doc.core_properties
    for name in ("title", "subject", "author", "keywords", "comments", "category"):
        setattr(properties, name, "")
    properties.last_modified_by = ""
    properties.revision = 1
    properties.created = properties.modified = STAMP
    package_rels = doc.part.package.rels
    for key, relation in list(package_rels.items()):
        if relation.reltype == RT.THUMBNAIL:
            del package_rels[key]


def _steady(docx: bytes) -> bytes:
    """The same .docx with fixed zip dates, so that rerunning changes no byte."""
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(docx)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            steady = zipfile.ZipInfo(entry.filename, date_time=(1980, 1, 1, 0, 0, 0))
            steady.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(steady, source.read(entry))
    return out.getvalue()


def main() -> int:
    TEMPLATES.mkdir(exist_ok=True)
    for name, letter in KINDS.items():
        path = TEMPLATES / name
        path.write_bytes(template(letter))
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
