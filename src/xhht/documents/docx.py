"""The .docx builder: an official document filled into a Word template, in the layout of the
regime in force on its date (`layout.Regime`).

Templates: one per kind in `word/`, written by `tools/docx_templates.py`. `bao-cao.docx`, a
document with a type name (NĐ 30 Phụ lục III model 1.4; also for kinds with no template of
their own), `to-trinh.docx` (the same shape), `cong-van.docx` (model 1.5: no type name, "V/v
<subject>" under the number). One file serves both regimes: on every section the builder
sets A4 portrait, the margins and the page number (a PAGE field, centred in the header
under Decree 30, at the right of the footer under Circular 01; none on page 1, through
"different first page"). The header and footer of the later pages are the builder's; all
else, the first page's header and footer included, is the template's, for the province to
edit in Word.

Placeholders a template may use (docxtpl: Jinja typed in Word; `template_check` refuses
other names):

    {{ parent_body }}        the parent body, upper case: "UBND TỈNH QUẢNG NINH"; when there
                             is none (a ministry), a paragraph holding it alone is removed
    {{ issuing_body }}       the issuing body, upper case
    {{ number_and_symbol }}  "Số: 05/BC-BCĐXDXHHT" (a blank number for the clerk to fill)
    {{ place_and_date }}     "Quảng Ninh, ngày 05 tháng 7 năm 2013"
    {{ type_name }}          "BÁO CÁO"
    {{ subject }}            the trích yếu; a công văn writes "V/v {{ subject }}"
    {{ signer_lines }}       "TM. BAN CHỈ ĐẠO", "KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"
    {{ signer_name }}        the signer's name
    {{ recipients }}         the lines of "Nơi nhận": "- X;" … "- Lưu: VT."
    {{p addressees }}        "Kính gửi: …": one addressee on the line, several one a line
    {{p body }}              the text: sections, the units' passages, tables

A text placeholder takes the formatting of its run; `signer_lines` and `recipients` repeat
their paragraph for each line. A `{{p … }}` stands alone in its paragraph, which the builder
replaces by its own (none without addressees). Statements (`{% if … %}`) may use the names.

The body is formatted directly (Times New Roman on every script, the regime's sizes), so
it looks the same whatever the template's styles; tables are set in 12 pt, as is usual.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from io import BytesIO
from pathlib import Path
from typing import Protocol

from docx import Document
from docx.document import Document as WordDocument
from docx.document import _Body
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section as PageSection
from docx.shared import Cm, Emu, Length, Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table as WordTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from docxtpl import DocxTemplate
from lxml import etree

from xhht.documents.content import (
    Block,
    OfficialDocument,
    Section,
    Table,
)
from xhht.documents.layout import Regime
from xhht.kernel.richtext import Run as TextRun

FONT = "Times New Roman"
BLACK = RGBColor(0, 0, 0)
TABLE_PT = 12
KINH_GUI = "Kính gửi:"
# Where a list of addressees starts, and the width of "Kính gửi" in Times New Roman (in
# ems), so that the dashes stand under the colon.
ADDRESSEES_LEFT = Cm(2.5)
KINH_GUI_EMS = 3.55
BULLET_HANG = Cm(0.5)

TEMPLATES = Path(__file__).resolve().parent / "word"
LETTER, OTHER_KINDS = "cong-van.docx", "bao-cao.docx"
KIND_TEMPLATES = {"BC": "bao-cao.docx", "TTr": "to-trinh.docx", "": LETTER, "CV": LETTER}

TEXT_PLACEHOLDERS = tuple(
    "parent_body issuing_body number_and_symbol place_and_date type_name subject "
    "signer_lines signer_name recipients".split()
)
BLOCK_PLACEHOLDERS = ("addressees", "body")
PLACEHOLDERS = (*TEXT_PLACEHOLDERS, *BLOCK_PLACEHOLDERS)


# --- Formatting, shared with tools/docx_templates.py -------------------------------------


class Container(Protocol):
    """What holds paragraphs: a document, a table cell, a header or footer."""

    def add_paragraph(
        self, text: str = "", style: str | ParagraphStyle | None = None
    ) -> Paragraph: ...


# A run's properties for each (size, bold, italic), built once and copied into every run of
# that look: setting them through python-docx, property by property, cost most of the time
# of a long document.
_RUN_LOOKS: dict[tuple[float, bool, bool], BaseOxmlElement] = {}


def format_run(run: Run, size: float, *, bold: bool = False, italic: bool = False) -> Run:
    """Times New Roman for every script (so Word substitutes nothing), black, `size` pt."""
    if run._r.rPr is not None:  # a run of a template, with properties of its own: keep them
        return _format_run(run, size, bold=bold, italic=italic)
    key = (size, bold, italic)
    look = _RUN_LOOKS.get(key)
    if look is None:
        scratch = Document().add_paragraph().add_run()
        look = _RUN_LOOKS[key] = _format_run(
            scratch, size, bold=bold, italic=italic
        )._r.get_or_add_rPr()
    run._r.insert(0, copy.deepcopy(look))
    return run


def _format_run(run: Run, size: float, *, bold: bool, italic: bool) -> Run:
    run.font.name = FONT
    fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    run.font.size = Pt(size)
    run.font.bold, run.font.italic = bold, italic
    run.font.color.rgb = BLACK
    return run


def add_paragraph(
    container: Container,
    text: str = "",
    *,
    size: float,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.LEFT,
    first_line: Length | None = None,
    left: Length | None = None,
    right: Length | None = None,
    before: float = 0,
    after: float = 0,
    keep_next: bool = False,
) -> Paragraph:
    """A paragraph of one run, formatted directly: single spacing, `before`/`after` in pt."""
    paragraph = container.add_paragraph()
    key = (size, align, first_line, left, right, before, after, keep_next)
    look = _PARAGRAPH_LOOKS.get(key)
    if look is None:
        scratch = Document().add_paragraph()
        look = _PARAGRAPH_LOOKS[key] = _paragraph_look(scratch, *key)._p.get_or_add_pPr()
    if paragraph._p.pPr is None:
        paragraph._p.insert(0, copy.deepcopy(look))
    else:  # a paragraph of a template, with properties of its own
        _paragraph_look(paragraph, *key)
    if text:
        format_run(paragraph.add_run(text), size, bold=bold, italic=italic)
    return paragraph


# A paragraph's properties for each look, built once and copied (see _RUN_LOOKS).
_PARAGRAPH_LOOKS: dict[tuple[object, ...], BaseOxmlElement] = {}


def _paragraph_look(
    paragraph: Paragraph,
    size: float,
    align: WD_ALIGN_PARAGRAPH,
    first_line: Length | None,
    left: Length | None,
    right: Length | None,
    before: float,
    after: float,
    keep_next: bool,
) -> Paragraph:
    look = paragraph.paragraph_format
    look.alignment = align
    look.first_line_indent = first_line if first_line is not None else Emu(0)
    look.left_indent = left if left is not None else Emu(0)
    look.right_indent = right if right is not None else Emu(0)
    look.space_before, look.space_after = Pt(before), Pt(after)
    look.line_spacing = 1.0
    if keep_next:
        look.keep_with_next = True
    mark = OxmlElement("w:rPr")  # the paragraph mark's size: the height of an empty line
    mark.append(element("w:sz", val=str(round(size * 2))))
    paragraph._p.get_or_add_pPr().insert_element_before(mark, "w:sectPr", "w:pPrChange")
    return paragraph


def element(tag: str, **attributes: str) -> BaseOxmlElement:
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def set_borders(table: WordTable, value: str) -> None:
    """Every border of `table`: "single" (a grid) or "nil" (a layout table)."""
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = {"sz": "4", "space": "0", "color": "000000"} if value == "single" else {}
        borders.append(element(f"w:{side}", val=value, **line))
    properties = table._tbl.tblPr
    for old in properties.findall(qn("w:tblBorders")):
        properties.remove(old)
    properties.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")


def set_widths(table: WordTable, widths: list[Length]) -> None:
    """Fixed column widths, centred; Word and LibreOffice both keep them."""
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    width = table._tbl.tblPr.find(qn("w:tblW"))
    if width is not None:
        width.set(qn("w:type"), "dxa")
        width.set(qn("w:w"), str(sum(w.twips for w in widths)))
    for column, column_width in zip(table.columns, widths, strict=True):
        column.width = column_width
    for row in table.rows:
        for cell, cell_width in zip(row.cells, widths, strict=True):
            cell.width = cell_width


def emptied(cell: _Cell) -> _Cell:
    """`cell` without the empty paragraph a new cell has (fill it before saving)."""
    for paragraph in cell.paragraphs:
        cell._tc.remove(paragraph._p)
    return cell


def text_width(regime: Regime) -> Length:
    _top, _bottom, left, right = regime.margins_mm
    return Mm(210 - left - right)


def page_setup(section: PageSection, regime: Regime) -> None:
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    top, bottom, left, right = (Mm(margin) for margin in regime.margins_mm)
    section.top_margin, section.bottom_margin = top, bottom
    section.left_margin, section.right_margin = left, right


def _cleaned(items: Iterable[str]) -> list[str]:
    stripped = (item.strip().rstrip(";.").strip() for item in items)
    return [item for item in stripped if item]


def punctuated(items: Iterable[str]) -> list[str]:
    """ "- A;" … "- Z.": the lines of "Kính gửi" and "Nơi nhận"."""
    cleaned = _cleaned(items)
    return [f"- {item}{'.' if n == len(cleaned) - 1 else ';'}" for n, item in enumerate(cleaned)]


# --- Page numbers -------------------------------------------------------------------------


def _page_numbers(section: PageSection, regime: Regime) -> None:
    """The PAGE field where the regime puts it, on every page but the first."""
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    section.first_page_footer.is_linked_to_previous = False
    on_top = regime.page_numbers == "top-centre"
    align = WD_ALIGN_PARAGRAPH.CENTER if on_top else WD_ALIGN_PARAGRAPH.RIGHT
    for part, holds in ((section.header, on_top), (section.footer, not on_top)):
        part.is_linked_to_previous = False
        for child in list(part._element):
            part._element.remove(child)
        paragraph = add_paragraph(part, size=regime.page_number_pt, align=align)
        if holds:
            _page_field(paragraph, regime.page_number_pt)


def _page_field(paragraph: Paragraph, size: float) -> None:
    for kind in ("begin", "instr", "separate", "shown", "end"):
        run = format_run(paragraph.add_run("2" if kind == "shown" else ""), size)
        if kind == "instr":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = " PAGE "
            run._r.append(instruction)
        elif kind != "shown":
            run._r.append(element("w:fldChar", fldCharType=kind))


# --- The body -----------------------------------------------------------------------------


class _Blocks:
    """Paragraphs and tables built with python-docx in a body of their own, beside the
    document being filled, and placed by a `{{p name }}` placeholder (docxtpl's
    `new_subdoc()` needs docxcompose, not installed, to merge files only). The body is
    the document's (its styles and page width) but never in it: no scratch document to
    parse, nothing to take out."""

    def __init__(self, document: WordDocument) -> None:
        self.element = OxmlElement("w:body")
        self._body = _Body(self.element, document)
        self._width = document._block_width

    def add_paragraph(self, text: str = "", style: str | ParagraphStyle | None = None) -> Paragraph:
        return self._body.add_paragraph(text, style)

    def add_table(self, rows: int, cols: int) -> WordTable:
        return self._body.add_table(rows, cols, self._width)

    def xml(self) -> str:
        return "".join(etree.tostring(e, encoding="unicode") for e in self.element)

    __html__ = __str__ = xml


def _addressees(into: WordDocument, names: list[str], regime: Regime) -> _Blocks:
    """ "Kính gửi: X" on one line; several: "Kính gửi:", then one a line, dashes under the
    colon, ";" … "." (NĐ 30, Phụ lục I, box 9a)."""
    blocks, size = _Blocks(into), regime.addressee_pt
    lines = punctuated(names)
    if len(lines) == 1:
        text = f"{KINH_GUI} {_cleaned(names)[0]}"
        add_paragraph(blocks, text, size=size, align=WD_ALIGN_PARAGRAPH.CENTER, before=6)
    elif lines:
        add_paragraph(blocks, KINH_GUI, size=size, left=ADDRESSEES_LEFT, before=6)
        items_left = Emu(ADDRESSEES_LEFT + Pt(KINH_GUI_EMS * size))
        for line in lines:
            add_paragraph(blocks, line, size=size, left=items_left)
    return blocks


def _body(into: WordDocument, document: OfficialDocument, regime: Regime) -> _Blocks:
    blocks = _Blocks(into)
    add_paragraph(blocks, size=regime.body_pt, after=regime.space_after_pt)
    for block in document.intro:
        _add_block(blocks, block, regime)
    for section in document.sections:
        _add_section(blocks, section, regime, depth=0)
    for block in document.closing:
        _add_block(blocks, block, regime)
    return blocks


def _text(
    doc: _Blocks,
    text: str,
    regime: Regime,
    *,
    bold: bool = False,
    italic: bool = False,
    hanging: bool = False,
    keep_next: bool = False,
) -> Paragraph:
    """A paragraph of the body: justified, first-line indent (or, `hanging`, the text
    indented past a tab), the regime's size and space after; bold and italic ones are
    headings, kept with what follows."""
    indent = Cm(regime.first_line_indent_cm)
    left, first_line = (Emu(indent + BULLET_HANG), Emu(-BULLET_HANG)) if hanging else (None, indent)
    paragraph = add_paragraph(
        doc, text, size=regime.body_pt, bold=bold, italic=italic, first_line=first_line,
        left=left, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=regime.space_after_pt,
        keep_next=bold or keep_next,
    )  # fmt: skip
    if left is not None:
        paragraph.paragraph_format.tab_stops.add_tab_stop(left, WD_TAB_ALIGNMENT.LEFT)
    return paragraph


def _add_block(doc: _Blocks, block: Block | Table, regime: Regime) -> None:
    """A paragraph, a heading (bold), an item ("-", a tab, the text hanging under it), or
    a table a unit wrote; a unit's bold and italic words stay so."""
    if isinstance(block, Table):
        _add_table(doc, block, regime)
        return
    text = block.text.strip()
    hanging = block.kind == "bullet"
    if hanging:
        text = "-\t" + re.sub(r"^[-–•+]\s*", "", text)  # a dash the writer typed: ours now
    if not block.runs:
        _text(doc, text, regime, bold=block.kind == "heading", hanging=hanging)
        return
    bold = all(run.bold for run in block.runs)  # a heading the writer made: kept with the next
    paragraph = _text(doc, "-\t" if hanging else "", regime, hanging=hanging, keep_next=bold)
    runs = list(block.runs)
    runs[0] = TextRun(runs[0].text.lstrip(), runs[0].bold, runs[0].italic)
    for run in runs:
        if run.text:
            format_run(
                paragraph.add_run(run.text), regime.body_pt, bold=run.bold, italic=run.italic
            )


def _add_section(doc: _Blocks, section: Section, regime: Regime, depth: int) -> None:
    """ "I. TITLE" (top level, upper case) or "1. Title", bold; its blocks, its tables,
    then its sub-sections."""
    number = section.number.strip()
    if number and not number.endswith((".", ")")):
        number += "."
    title = section.title.strip().upper() if depth == 0 else section.title.strip()
    heading = " ".join(part for part in (number, title) if part)
    if heading:
        _text(doc, heading, regime, bold=True).paragraph_format.space_before = Pt(6)
    for block in section.blocks:
        _add_block(doc, block, regime)
    for table in section.tables:
        _add_table(doc, table, regime)
    for child in section.children:
        _add_section(doc, child, regime, depth + 1)


def _weights(rows: list[list[str]], columns: int) -> list[int]:
    """Each column's share of the width, from what it holds: its longest text (up to a
    long line's worth, which then wraps) and its header's longest word, which must not
    break."""
    weights = []
    for column in range(columns):
        cells = [row[column] for row in rows if column < len(row)]
        longest = max((len(text) for text in cells), default=1)
        word = max((len(w) for text in cells[:1] for w in text.split()), default=1)
        weights.append(max(word + 4, min(longest, 24), 5))
    return weights


def _add_table(doc: _Blocks, table: Table, regime: Regime) -> None:
    """Caption above, a grid, the header row bold and repeated on every page, numbers set
    right, totals bold; an empty line after it, so that it never joins a following table."""
    columns = max([len(table.header), *(len(row) for row in table.rows)])
    if not columns:
        return
    if table.caption:
        caption = _text(doc, table.caption, regime, bold=True)
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption.paragraph_format.first_line_indent = Emu(0)
    rows = [table.header, *table.rows] if table.header else list(table.rows)
    grid = doc.add_table(rows=len(rows), cols=columns)
    set_borders(grid, "single")
    weights = _weights(rows, columns)
    width = text_width(regime)
    set_widths(grid, [Emu(width * weight // sum(weights)) for weight in weights])
    for n, (row, values) in enumerate(zip(grid.rows, rows, strict=True)):
        is_header = bool(table.header) and n == 0
        data_row = n - 1 if table.header else n
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if is_header:
            properties.append(OxmlElement("w:tblHeader"))
        for column, cell in enumerate(row.cells):
            text = values[column] if column < len(values) else ""
            align = WD_ALIGN_PARAGRAPH.LEFT
            if is_header:
                align = WD_ALIGN_PARAGRAPH.CENTER
            elif column in table.numeric:
                align = WD_ALIGN_PARAGRAPH.RIGHT
            bold = is_header or data_row in table.bold_rows
            add_paragraph(emptied(cell), text, size=TABLE_PT, bold=bold, align=align, after=2)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    add_paragraph(doc, size=regime.body_pt)


# --- Render -------------------------------------------------------------------------------


def template_name(type_abbr: str) -> str:
    """The template file a kind of document is filled into ("bao-cao.docx", …)."""
    return KIND_TEMPLATES.get(type_abbr, OTHER_KINDS)


def default_template(type_abbr: str) -> bytes:
    """The template of a kind of document, by its type abbreviation ("BC", "TTr", "" or "CV"
    for a công văn); a kind with a type name and no template of its own takes the report's."""
    return (TEMPLATES / template_name(type_abbr)).read_bytes()


def _context(into: WordDocument, document: OfficialDocument, regime: Regime) -> dict[str, object]:
    issuer, signer = document.issuer, document.issuer.signer
    return {
        "parent_body": issuer.parent_body.upper(),
        "issuing_body": issuer.issuing_body.upper(),
        "number_and_symbol": document.number_and_symbol,
        "place_and_date": document.place_and_date,
        "type_name": document.type_name.upper(),
        "subject": document.subject,
        # docxtpl turns "\a" into a new paragraph with the placeholder's formatting.
        "signer_lines": "\a".join(line.upper() for line in signer.lines),
        "signer_name": signer.name,
        "recipients": "\a".join(punctuated(document.recipients)),
        "addressees": _addressees(into, document.addressees, regime),
        "body": _body(into, document, regime),
    }


_PARENT_BODY_ALONE = re.compile(r"\{\{-?\s*parent_body\s*-?\}\}")


def _drop_parent_body_line(word: WordDocument) -> None:
    """Take out the paragraphs that hold nothing but `{{ parent_body }}`, in the body and in
    the headers and footers: an issuer with no parent body (a ministry) starts its header
    with its own name, not with an empty line. A table cell keeps its last paragraph."""
    roots = [word.element.body]
    roots += [
        rel.target_part.element
        for rel in word.part.rels.values()
        if not rel.is_external and rel.reltype in (RT.HEADER, RT.FOOTER)
    ]
    for root in roots:
        for paragraph in list(root.iter(qn("w:p"))):
            text = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
            holder = paragraph.getparent()
            if not _PARENT_BODY_ALONE.fullmatch(text.strip()) or holder is None:
                continue
            if holder.tag == qn("w:tc") and len(holder.findall(qn("w:p"))) == 1:
                continue
            holder.remove(paragraph)


def render(document: OfficialDocument, regime: Regime, template: bytes | None = None) -> bytes:
    """`document` as a .docx in `regime`'s layout, filled into `template` (a .docx that
    passes `template_check`), or into the default template of its kind when None."""
    source = default_template(document.type_abbr) if template is None else template
    word = DocxTemplate(BytesIO(source))
    for section in word.get_docx().sections:
        page_setup(section, regime)
        _page_numbers(section, regime)
    if not document.issuer.parent_body.strip():
        _drop_parent_body_line(word.get_docx())
    word.render(_context(word.get_docx(), document, regime), autoescape=True)
    # After rendering: docxtpl fills the template's properties as Jinja, and a subject may
    # hold braces.
    properties = word.docx.core_properties
    properties.title = document.subject
    properties.author = document.issuer.issuing_body
    out = BytesIO()
    word.save(out)
    return out.getvalue()
