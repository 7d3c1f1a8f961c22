"""The Word form of a report (.docx): the outline to write in, and the upload split back.

The form follows the official layout basics (NĐ 30/2020, Phụ lục I): A4, margins
20/20/30/15 mm, Times New Roman 14 pt, justified body with a 1.27 cm first-line
indent and 6 pt after each paragraph. A short title block names the unit, the
campaign and the data cut-off; then each section of the report's template is a
heading (Heading 1, or Heading 2 for a sub-section) "number. title", followed by
the text already saved or one empty paragraph.

The upload is split by its headings. A heading is matched to a section by its
title (on xhht.text.match_key, so tone placement, case and spacing never
decide), then by its number with a title close enough, then by a close title
alone: renumbered or slightly edited headings still land. Text before the first
heading and headings that match no section are kept as pieces for the user to
place (or leave out) in the preview; nothing is dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from io import BytesIO
from typing import IO, Any

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from xhht.campaigns.attachments import DOC, DOCX, sniff
from xhht.reports.models import Report, TemplateSection
from xhht.text import clean_spaces, match_key, nfc

FONT = "Times New Roman"
MAX_DOCX_BYTES = 10 * 1024 * 1024
IDENTIFIER = "xhht-report:%d"
# "4.1. Title", "4 Title", "II. TITLE", "2) Title": the number and the rest.
_NUMBERED = re.compile(
    r"^\s*(?:(?P<arabic>\d+(?:\.\d+)*)\.?(?:[):]|\s)|(?P<roman>[IVXLC]+)[.)])\s*(?P<title>.*)$"
)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
NUMBER_AND_TITLE = 0.5  # same number: a title this close is the same section
TITLE_ONLY = 0.75  # another number: the title must be this close


class WordError(ValueError):
    """The uploaded file cannot be read as a Word document; the message is for the user."""


@dataclass
class Piece:
    """Text of the upload that no section took: before the first heading, or under an
    unknown (or repeated) heading. `suggested`: the section it would join by default."""

    heading: str
    text: str
    reason: str
    suggested: int | None = None


@dataclass
class WordSplit:
    texts: dict[int, str] = field(default_factory=dict)  # section id → text from the file
    headings: dict[int, str] = field(default_factory=dict)  # section id → heading as written
    pieces: list[Piece] = field(default_factory=list)
    identifier: str = ""


def heading_text(section: TemplateSection) -> str:
    return f"{section.number}. {section.title}" if section.number else section.title


def preamble_lines(report: Report) -> list[str]:
    """The title block written above the first heading (left out when read back)."""
    campaign = report.obligation.campaign
    lines = [
        report.obligation.unit.display_name.upper(),
        _("REPORT"),
        campaign.title,
    ]
    if campaign.data_cutoff is not None:
        lines.append(_("Figures as of %(date)s") % {"date": f"{campaign.data_cutoff:%d/%m/%Y}"})
    return lines


# -- writing the form ---------------------------------------------------------------------


def _font(style: Any, size: int, bold: bool = False) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)


def _layout(doc: Any) -> None:
    page = doc.sections[0]
    page.page_width, page.page_height = Mm(210), Mm(297)
    page.top_margin, page.bottom_margin = Mm(20), Mm(20)
    page.left_margin, page.right_margin = Mm(30), Mm(15)
    normal = doc.styles["Normal"]
    _font(normal, 14)
    normal.paragraph_format.first_line_indent = Cm(1.27)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.0
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for name in ("Heading 1", "Heading 2"):
        style = doc.styles[name]
        _font(style, 14, bold=True)
        style.paragraph_format.first_line_indent = Cm(1.27)
        style.paragraph_format.space_before = Pt(6)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _centred(doc: Any, text: str, *, bold: bool = False, italic: bool = False) -> None:
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Cm(0)
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic


def outline_docx(report: Report, sections: Sequence[TemplateSection]) -> bytes:
    """The report's outline as a .docx form, with the text saved so far."""
    doc = Document()
    _layout(doc)
    lines = preamble_lines(report)
    _centred(doc, lines[0], bold=True)
    _centred(doc, lines[1], bold=True)
    _centred(doc, lines[2], bold=True)
    for line in lines[3:]:
        _centred(doc, line, italic=True)
    saved = {t.section_id: t.text for t in report.texts.all()}
    for section in sections:
        doc.add_heading(heading_text(section), level=2 if section.depth > 1 else 1)
        paragraphs = [p for p in saved.get(section.pk, "").splitlines() if p.strip()] or [""]
        for text in paragraphs:
            doc.add_paragraph(text)
    properties = doc.core_properties
    properties.identifier = IDENTIFIER % report.obligation_id
    properties.title = f"{lines[1]} — {report.obligation.unit.display_name}"
    properties.subject = report.obligation.campaign.title
    properties.author = "XHHT"
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# -- reading it back ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Block:
    text: str
    heading: bool


def _heading_level(paragraph: Paragraph) -> bool:
    style = paragraph.style
    names = []
    while style is not None:
        names.append((style.name or "").casefold())
        names.append((style.style_id or "").casefold())
        outline = style.element.find(qn("w:pPr") + "/" + qn("w:outlineLvl"))
        if outline is not None:
            return True
        style = style.base_style
    own = paragraph._p.find(qn("w:pPr") + "/" + qn("w:outlineLvl"))
    if own is not None and own.get(qn("w:val")) not in (None, "9"):
        return True
    return any(n.startswith("heading") or n.startswith("tiêu đề") for n in names)


def _blocks(doc: Any) -> Iterable[_Block]:
    for element in doc.element.body.iterchildren():
        if element.tag == qn("w:p"):
            paragraph = Paragraph(element, doc)
            yield _Block(nfc(paragraph.text).strip(), _heading_level(paragraph))
        elif element.tag == qn("w:tbl"):
            table = Table(element, doc)
            for row in table.rows:
                cells = [clean_spaces(cell.text) for cell in row.cells]
                line = " | ".join(c for c in cells if c)
                if line:
                    yield _Block(line, False)


def read_docx(stream: IO[bytes], name: str) -> tuple[list[_Block], str]:
    """The blocks of an uploaded file, in order, and its XHHT identifier if it has one."""
    kind = sniff(stream)
    if kind == DOC:
        raise WordError(
            _("“%(name)s” is an old Word file (.doc): save it as .docx and upload it again.")
            % {"name": name}
        )
    if kind != DOCX:
        raise WordError(_("“%(name)s” is not a Word document (.docx).") % {"name": name})
    try:
        doc = Document(stream)
    except Exception:  # python-docx raises many kinds on a damaged file
        raise WordError(
            _("“%(name)s” is damaged: Word cannot open it either.") % {"name": name}
        ) from None
    return list(_blocks(doc)), doc.core_properties.identifier or ""


def _number(text: str) -> tuple[str, str]:
    """("4.1", "Các mục tiêu.") from "4.1. Các mục tiêu."; ("", text) without a number."""
    found = _NUMBERED.match(text)
    if not found:
        return "", text
    if found.group("arabic"):
        return found.group("arabic"), found.group("title")
    roman = found.group("roman")
    total = 0
    for i, char in enumerate(roman):
        value = _ROMAN[char]
        total += -value if i + 1 < len(roman) and _ROMAN[roman[i + 1]] > value else value
    return str(total), found.group("title")


def _similar(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _match(
    heading: str, sections: Sequence[TemplateSection], taken: set[int]
) -> TemplateSection | None:
    number, title = _number(heading)
    key = match_key(title)
    whole = match_key(heading)
    free = [s for s in sections if s.pk not in taken]
    for section in free:
        if key and (match_key(section.title) in (key, whole)):
            return section
    if number:
        for section in free:
            if section.number.rstrip(".") == number and (
                not key or _similar(key, match_key(section.title)) >= NUMBER_AND_TITLE
            ):
                return section
    best = max(free, key=lambda s: _similar(key, match_key(s.title)), default=None)
    if best is not None and _similar(key, match_key(best.title)) >= TITLE_ONLY:
        return best
    return None


def split_upload(
    blocks: Sequence[_Block], sections: Sequence[TemplateSection], preamble: Sequence[str]
) -> WordSplit:
    """Cut the blocks into the sections' texts; what no section takes becomes a piece."""
    result = WordSplit()
    ignored = {match_key(line) for line in preamble}
    by_pk = {s.pk: s for s in sections}
    taken: set[int] = set()
    current: int | None = None  # the section being filled
    piece: Piece | None = Piece("", "", _("Text before the first heading"))
    gathered: dict[int, list[str]] = {}
    loose: list[str] = []
    last_matched: int | None = None

    def close_piece() -> None:
        if piece is not None and (piece.heading or loose):
            piece.text = "\n".join(loose)
            result.pieces.append(piece)

    for block in blocks:
        if not block.text:
            continue
        if block.heading or _is_outline(block.text, sections, taken):
            section = _match(block.text, sections, taken)
            close_piece()
            loose = []
            if section is not None:
                taken.add(section.pk)
                current, piece, last_matched = section.pk, None, section.pk
                gathered[section.pk] = []
                result.headings[section.pk] = block.text
            else:
                repeated = _number(block.text)[1] and any(
                    match_key(by_pk[t].title) == match_key(_number(block.text)[1]) for t in taken
                )
                current = None
                piece = Piece(
                    block.text,
                    "",
                    _("This heading appears twice")
                    if repeated
                    else _("No section has this heading"),
                    suggested=last_matched,
                )
            continue
        if current is not None:
            gathered[current].append(block.text)
        elif piece is not None and not piece.heading and match_key(block.text) in ignored:
            continue  # the form's own title block
        else:
            loose.append(block.text)
    close_piece()
    result.texts = {pk: "\n".join(lines).strip() for pk, lines in gathered.items()}
    return result


def _is_outline(text: str, sections: Sequence[TemplateSection], taken: set[int]) -> bool:
    """A plain paragraph that repeats a section's heading exactly also opens it (a heading
    style lost by copy and paste)."""
    key = match_key(text)
    return any(
        s.pk not in taken and key in (match_key(heading_text(s)), match_key(s.title))
        for s in sections
    )
