"""The Word form of a report (.docx): the outline to write in, and the upload split back.

The form follows the official layout basics (NĐ 30/2020, Phụ lục I): A4, margins
20/20/30/15 mm, Times New Roman 14 pt, justified body with a 1.27 cm first-line
indent and 6 pt after each paragraph. A short title block names the unit, the
campaign and the data cut-off; then each section of the report's template is a
heading (Heading 1, or Heading 2 for a sub-section) "number. title", followed by
the text already saved or one empty paragraph.

The upload is split by its headings: paragraphs in a heading style, and plain
paragraphs that look like one (short and all bold, or starting with a section
number such as "1.", "4.1", "II." or "a)") when they match a section. A heading
is matched to a section by its title (on xhht.kernel.text.match_key with the accents
folded, so tone marks, case and spacing never decide), then by its number with
a title close enough, then by a close title alone: renumbered or slightly
edited headings still land. A form downloaded before a long instruction of the
directive became a section's guidance under a short title still has the
instruction as its heading: it names the section too (`_names`). Text before the first heading and headings that
match no section are kept as pieces for the user to place (or leave out) in the
preview; nothing is dropped silently.

The form carries the version it was made from (custom document properties, kept
by Word and LibreOffice): the Seen token of the stored texts, for the three-way
merge of report_save, and a digest of each section's text as the form shows it,
to tell which sections the user changed in the file.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from io import BytesIO
from typing import IO, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from xhht.campaigns.attachments import DOC, DOCX, sniff
from xhht.kernel.richtext import canonical, markup_of, parse
from xhht.kernel.text import ascii_fold, clean_spaces, match_key, nfc
from xhht.kernel.uploads import UploadRefused, zip_check
from xhht.offline.word_text import paragraph_piece, pieces_write, table_piece
from xhht.reports.models import Report, TemplateSection
from xhht.reports.seen import Seen, seen_decode, seen_encode, seen_of, text_key

FONT = "Times New Roman"
MAX_DOCX_BYTES = 10 * 1024 * 1024
IDENTIFIER = "xhht-report:%d"
# "4.1. Title", "4 Title", "II. TITLE", "2) Title", "a) Title": the number and the rest.
_NUMBERED = re.compile(
    r"^\s*(?:(?P<arabic>\d+(?:\.\d+)*)\.?(?:[):]|\s)|(?P<roman>[IVXLC]+)[.)]|(?P<letter>[a-zđ])\))"
    r"\s*(?P<title>.*)$"
)
# How a plain paragraph that opens a section starts: "1.", "4.1", "II.", "a)".
_SECTION_NUMBER = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.):]|\d+(?:\.\d+)+\s|[IVXLC]+[.)]|[a-zđ]\))")
_TONE_DIGIT = re.compile(r"(?<=[^\W\d_])[1-5]\b")  # the tone match_key appends to a syllable
SHORT_HEADING = 250  # a longer plain paragraph is text (unless the outline's titles are longer)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
NUMBER_AND_TITLE = 0.5  # same number: a title this close is the same section
TITLE_ONLY = 0.75  # another number: the title must be this close
# A paragraph without a heading style: list items and bold phrases are often 0.5–0.6 close.
PLAIN_NUMBER_AND_TITLE = 0.7
PLAIN_TITLE_ONLY = 0.85  # bold, no number


# The form's version, in custom document properties cut in pieces Word keeps whole.
SEEN_PROPERTY = "xhht-seen"
SHOWN_PROPERTY = "xhht-shown"
PROPERTY_CHUNK = 240
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"

TEXT_BEFORE = gettext_noop("Text before the first heading")
HEADING_TWICE = gettext_noop("This heading appears twice")
HEADING_UNKNOWN = gettext_noop("No section has this heading")


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


@dataclass(frozen=True)
class FormVersion:
    """What a downloaded form showed: `seen`, the stored texts' digests (for report_save);
    `shown`, section id → form_digest of the text the form carried."""

    seen: Seen
    shown: dict[int, str]

    def changed(self, section_id: int, text: str) -> bool:
        """Did the user change this section's text in the file?"""
        return form_digest(text) != self.shown.get(section_id, form_digest(""))


def form_key(text: str | None) -> str:
    """A section's text as the Word form carries it: a paragraph a line, no blank line,
    the markup written one way, spacing folded (what a download and upload untouched
    gives back)."""
    lines = (clean_spaces(line) for line in canonical(text_key(text)).split("\n"))
    return "\n".join(line for line in lines if line)


def form_digest(text: str | None) -> str:
    return hashlib.sha256(form_key(text).encode()).hexdigest()[:20]


def form_numbers(sections: Sequence[TemplateSection]) -> dict[int, str]:
    """The number each section shows in the form. An outline that numbers some top-level
    sections and not others (an agency's tasks, then its closing sections) is numbered
    by place, so the form reads 1., 2., 3. …; otherwise the template's numbers stand."""
    tops = [s for s in sections if s.depth <= 1]
    if all(s.number for s in tops) or not any(s.number for s in tops):
        return {s.pk: s.number for s in sections}
    numbers: dict[int, str] = {}
    path: list[int] = []
    for section in sections:
        depth = max(section.depth, 1)
        del path[depth:]
        path.extend([0] * (depth - len(path)))
        path[depth - 1] += 1
        numbers[section.pk] = ".".join(str(n) for n in path)
    return numbers


def heading_text(section: TemplateSection, number: str | None = None) -> str:
    number = section.number if number is None else number
    return f"{number}. {section.title}" if number else section.title


def heading_differs(written: str, section: TemplateSection) -> bool:
    """Does the file's heading say something else than the section's title? Its number,
    case, spacing and punctuation do not count."""
    said = match_key(_number(written)[1])
    return bool(written) and said not in {match_key(name) for name in _names(section)}


def _names(section: TemplateSection) -> list[str]:
    """What a form may call the section: its title, and the directive's words it was titled
    by before they became its guidance (templates_build.section_title, 600 characters)."""
    return [section.title, section.guidance.strip()[:600]] if section.guidance else [section.title]


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
    numbers = form_numbers(sections)
    for section in sections:
        level = 2 if section.depth > 1 else 1
        doc.add_heading(heading_text(section, numbers[section.pk]), level=level)
        pieces = parse(saved.get(section.pk, ""))
        if pieces:
            pieces_write(doc, pieces)
        else:
            doc.add_paragraph()
    seen = Seen(texts=seen_of(report).texts)  # the texts are all a Word form changes
    shown = {s.pk: form_digest(saved.get(s.pk, "")) for s in sections}
    _write_properties(
        doc,
        {
            SEEN_PROPERTY: seen_encode(seen),
            SHOWN_PROPERTY: json.dumps(shown, separators=(",", ":")),
        },
    )
    properties = doc.core_properties
    properties.identifier = IDENTIFIER % report.obligation_id
    properties.title = f"{lines[1]} — {report.obligation.unit.display_name}"
    properties.subject = report.obligation.campaign.title
    properties.author = "XHHT"
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _write_properties(doc: Any, values: dict[str, str]) -> None:
    """Custom document properties, each value cut into pieces "name.1", "name.2" … short
    enough for Word to keep."""
    root = etree.Element(qn_custom("Properties"), nsmap={None: _CUSTOM_NS, "vt": _VT_NS})
    pid = 1
    for name, value in values.items():
        chunks = [value[i : i + PROPERTY_CHUNK] for i in range(0, len(value), PROPERTY_CHUNK)]
        for index, chunk in enumerate(chunks or [""], start=1):
            pid += 1
            prop = etree.SubElement(
                root, qn_custom("property"), fmtid=_FMTID, pid=str(pid), name=f"{name}.{index}"
            )
            etree.SubElement(prop, f"{{{_VT_NS}}}lpwstr").text = chunk
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    package = doc.part.package
    part = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, blob, package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


def qn_custom(tag: str) -> str:
    return f"{{{_CUSTOM_NS}}}{tag}"


def _read_properties(doc: Any) -> dict[str, str]:
    """The custom properties written by _write_properties, pieces joined again."""
    try:
        part = doc.part.package.part_related_by(RT.CUSTOM_PROPERTIES)
        root = etree.fromstring(part.blob)
    except (KeyError, etree.XMLSyntaxError, ValueError):
        return {}
    pieces: dict[str, dict[int, str]] = {}
    for prop in root.iter(qn_custom("property")):
        name, _dot, index = (prop.get("name") or "").rpartition(".")
        if name and index.isdigit():
            pieces.setdefault(name, {})[int(index)] = "".join(prop.itertext())
    return {
        name: "".join(parts[i] for i in sorted(parts))
        for name, parts in pieces.items()
        if sorted(parts) == list(range(1, len(parts) + 1))
    }


def _form_version(doc: Any) -> FormVersion | None:
    """The version a form was made from; None for a form without one (or a damaged one)."""
    properties = _read_properties(doc)
    seen = seen_decode(properties.get(SEEN_PROPERTY))
    try:
        raw = json.loads(properties.get(SHOWN_PROPERTY) or "null")
        shown = {int(k): str(v) for k, v in raw.items()}
    except (ValueError, TypeError, AttributeError):
        return None
    return None if seen is None else FormVersion(seen=seen, shown=shown)


# -- reading it back ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Block:
    """A paragraph or table of the upload: its words (to match headings on) and its
    markup (what a section keeps, `kernel.richtext`)."""

    text: str
    heading: bool
    bold: bool = False
    markup: str | None = None  # None: the text itself

    @property
    def content(self) -> str:
        return self.text if self.markup is None else self.markup


@dataclass
class WordFile:
    blocks: list[_Block]
    identifier: str
    version: FormVersion | None


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


def _style_bold(style: Any) -> bool | None:
    while style is not None:
        if style.font.bold is not None:
            return bool(style.font.bold)
        style = style.base_style
    return None


def _all_bold(paragraph: Paragraph) -> bool:
    """Is every run that has text bold (by itself, its character style or the paragraph's)?"""
    runs = [Run(r, paragraph) for r in paragraph._p.xpath("./w:r | ./w:hyperlink/w:r")]
    runs = [run for run in runs if run.text.strip()]
    if not runs:
        return False
    in_paragraph = _style_bold(paragraph.style)
    for run in runs:
        bold = run.bold
        if bold is None:
            bold = _style_bold(run.style)
        if bold is None:
            bold = in_paragraph
        if not bold:
            return False
    return True


def _blocks(doc: Any) -> Iterable[_Block]:
    for element in doc.element.body.iterchildren():
        if element.tag == qn("w:p"):
            paragraph = Paragraph(element, doc)
            piece = paragraph_piece(paragraph)
            yield _Block(
                nfc(paragraph.text).strip(),
                _heading_level(paragraph),
                _all_bold(paragraph),
                markup_of([piece]) if piece.runs else "",
            )
        elif element.tag == qn("w:tbl"):
            grid = table_piece(Table(element, doc))
            if any(any(cell) for row in grid.rows for cell in row):
                words = " ".join(" ".join(row) for row in grid.texts())
                yield _Block(clean_spaces(words), False, markup=markup_of([grid]))


def read_docx(stream: IO[bytes], name: str) -> WordFile:
    """The blocks of an uploaded file, in order, its XHHT identifier and the version of
    the form it was made from, if it has them."""
    kind = sniff(stream)
    if kind == DOC:
        raise WordError(
            _("“%(name)s” is an old Word file (.doc): save it as .docx and upload it again.")
            % {"name": name}
        )
    if kind != DOCX:
        raise WordError(_("“%(name)s” is not a Word document (.docx).") % {"name": name})
    try:
        zip_check(stream, name)
    except UploadRefused as refused:
        raise WordError(str(refused)) from None
    try:
        doc = Document(stream)
    except Exception:  # python-docx raises many kinds on a damaged file
        raise WordError(
            _("“%(name)s” is damaged: Word cannot open it either.") % {"name": name}
        ) from None
    return WordFile(list(_blocks(doc)), doc.core_properties.identifier or "", _form_version(doc))


def _number(text: str) -> tuple[str, str]:
    """("4.1", "Các mục tiêu.") from "4.1. Các mục tiêu."; ("", text) without a number."""
    found = _NUMBERED.match(text)
    if not found:
        return "", text
    if found.group("arabic"):
        return found.group("arabic"), found.group("title")
    if found.group("letter"):
        return found.group("letter"), found.group("title")
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


def _loose(text: str) -> str:
    """match_key with the accents folded too: "NHUNG TON TAI" = "Những tồn tại"."""
    return ascii_fold(_TONE_DIGIT.sub("", match_key(text)))


def _match(
    heading: str,
    sections: Sequence[TemplateSection],
    taken: set[int],
    numbers: dict[int, str] | None = None,
    *,
    plain: bool = False,
) -> TemplateSection | None:
    """The free section a heading names. `plain`: a paragraph without a heading style, which
    may as well be a numbered list item or a bold phrase of the text, so it must name the
    section more closely (a numbered one by its own number)."""
    number, title = _number(heading)
    key = _loose(title)
    whole = _loose(heading)
    free = [s for s in sections if s.pk not in taken]
    names = {s.pk: [_loose(name) for name in _names(s)] for s in free}
    for section in free:
        if key and any(name in (key, whole) for name in names[section.pk]):
            return section
    if plain and not key:
        return None

    def closeness(section: TemplateSection) -> float:
        return max(_similar(key, name) for name in names[section.pk])

    def cut(section: TemplateSection) -> bool:  # a long title cut ("Các đơn vị căn cứ…")
        return key.count(" ") >= 2 and any(n.startswith(key) for n in names[section.pk])

    if number:
        for section in free:
            shown = (numbers or {}).get(section.pk, section.number)
            if number in (shown.rstrip("."), section.number.rstrip(".")) and (
                not key
                or closeness(section) >= (PLAIN_NUMBER_AND_TITLE if plain else NUMBER_AND_TITLE)
                or cut(section)
            ):
                return section
        if plain:
            return None
    best = max(free, key=closeness, default=None)
    if best is not None and closeness(best) >= (PLAIN_TITLE_ONLY if plain else TITLE_ONLY):
        return best
    former = [s for s in free if len(names[s.pk]) > 1 and key.count(" ") >= 4 and cut(s)]
    return former[0] if len(former) == 1 else None


def split_upload(
    blocks: Sequence[_Block], sections: Sequence[TemplateSection], preamble: Sequence[str]
) -> WordSplit:
    """Cut the blocks into the sections' texts; what no section takes becomes a piece."""
    result = WordSplit()
    ignored = {match_key(line) for line in preamble}
    by_pk = {s.pk: s for s in sections}
    numbers = form_numbers(sections)
    short = max([SHORT_HEADING, *(len(max(_names(s), key=len)) + 60 for s in sections)])
    taken: set[int] = set()
    current: int | None = None  # the section being filled
    piece: Piece | None = Piece("", "", _(TEXT_BEFORE))
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
        if current is None and piece is not None and not piece.heading:
            if match_key(block.text) in ignored:
                continue  # the form's own title block
        section = None
        if block.heading or _is_outline(block.text, sections, taken, numbers):
            section = _match(block.text, sections, taken, numbers)
        elif _looks_like_heading(block, short):  # opens a section only if it matches one
            section = _match(block.text, sections, taken, numbers, plain=True)
        if block.heading or section is not None:
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
                    _(HEADING_TWICE) if repeated else _(HEADING_UNKNOWN),
                    suggested=last_matched,
                )
            continue
        if current is not None:
            gathered[current].append(block.content)
        else:
            loose.append(block.content)
    close_piece()
    result.texts = {pk: "\n".join(lines).strip() for pk, lines in gathered.items()}
    return result


def _is_outline(
    text: str, sections: Sequence[TemplateSection], taken: set[int], numbers: dict[int, str]
) -> bool:
    """A plain paragraph that repeats a section's heading exactly also opens it (a heading
    style lost by copy and paste)."""
    key = match_key(text)
    return any(
        s.pk not in taken
        and key
        in {
            match_key(f"{n}. {name}" if n else name)
            for n in (s.number, numbers[s.pk], "")
            for name in _names(s)
        }
        for s in sections
    )


def _looks_like_heading(block: _Block, short: int) -> bool:
    """A short plain paragraph, all bold or starting with a section number: a heading typed
    by hand, if it matches a section."""
    return len(block.text) <= short and (
        block.bold or _SECTION_NUMBER.match(block.text) is not None
    )
