"""The .docx builder: a report and a letter built from plain data in the official layout of
their date, opened back with python-docx and checked element by element; and the check of
a template a province gives."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date

import pytest
from django.utils import translation
from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.section import _Footer, _Header
from docx.shared import Cm, Pt
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph

from xhht.documents.content import (
    Block,
    Issuer,
    OfficialDocument,
    Section,
    Signer,
    Table,
)
from xhht.documents.docx import default_template, render
from xhht.documents.layout import CIRCULAR_01, DECREE_30, REGIMES, Regime, regime_for
from xhht.documents.template_check import (
    BROKEN,
    NO_BODY,
    NOT_DOCX,
    UNCLOSED,
    UNKNOWN,
    WRONG_FORM,
    template_check,
)
from xhht.kernel.richtext import Run

FONT = "Times New Roman"
ON_2013 = date(2013, 7, 5)
ON_2021 = date(2021, 3, 15)
SUBJECT = "Sơ kết giữa kỳ thực hiện Nghị quyết 01-NQ/TV về xây dựng xã hội học tập"
SIGNER = Signer("TM.", "BAN CHỈ ĐẠO", "PHÓ TRƯỞNG BAN", "Nguyễn Văn Bình", "TRƯỞNG BAN")
ISSUER = Issuer(
    "UBND TỈNH QUẢNG NINH",
    "BAN CHỈ ĐẠO XÂY DỰNG XÃ HỘI HỌC TẬP",
    "BCĐXDXHHT",
    "Quảng Ninh",
    SIGNER,
)
HALONG_TEXT = "Thành phố đã mở 20 lớp bồi dưỡng kiến thức cho cán bộ cơ sở."
HALONG_ITEM = "Thu hút trên 1.500 lượt người học tại các trung tâm học tập cộng đồng."
VANDON_HEADING = "Công tác tuyên truyền"
VANDON_TEXT = "Huyện đã tuyên truyền trên đài truyền thanh của 12 xã, thị trấn."
INTRO = "Thực hiện Kế hoạch số 1395/BCĐXDXHHT, Ban Chỉ đạo báo cáo như sau:"
CLOSING = "Trên đây là báo cáo sơ kết giữa kỳ của Ban Chỉ đạo./."
TABLE = Table(
    caption="Bảng 1. Trung tâm học tập cộng đồng",
    header=["Đơn vị", "Số trung tâm", "Số học viên"],
    rows=[
        ["Thành phố Hạ Long", "20", "12.345"],
        ["Huyện Vân Đồn", "12", "3.210"],
        ["Tổng cộng", "32", "15.555"],
    ],
    numeric=frozenset({1, 2}),
    bold_rows=frozenset({2}),
)


def said_by(unit: str) -> Block:
    """A unit's name above its passage, as the compiled text has it: bold and italic."""
    return Block("paragraph", unit, (Run(unit, bold=True, italic=True),))


SECTIONS = [
    Section(
        "I",
        "Kết quả đạt được",
        blocks=[
            Block("paragraph", "Các đơn vị đã tổ chức sơ kết đúng thời hạn."),
            said_by("Thành phố Hạ Long:"),
            Block("paragraph", HALONG_TEXT),
            Block("bullet", f"- {HALONG_ITEM}"),
            said_by("Huyện Vân Đồn:"),
            Block("heading", VANDON_HEADING),
            Block("paragraph", VANDON_TEXT),
        ],
        tables=[TABLE],
        children=[Section("1", "Công tác chỉ đạo", [Block("paragraph", "Chỉ đạo kịp thời.")])],
    ),
    Section("II", "Phương hướng, nhiệm vụ", [Block("bullet", "Tiếp tục tuyên truyền.")]),
]
RECIPIENTS = [
    "Như trên",
    "Thường trực Tỉnh ủy (b/c)",
    *(f"Thành viên Ban Chỉ đạo số {n}" for n in range(1, 28)),
    "Lưu: VT, GDTX",
]


def report(
    on: date = ON_2013,
    *,
    number: str = "5",
    kind: tuple[str, str] = ("BÁO CÁO", "BC"),
    subject: str = SUBJECT,
    addressees: tuple[str, ...] = ("Ủy ban nhân dân tỉnh Quảng Ninh",),
    intro: str = INTRO,
) -> OfficialDocument:
    """The steering committee's report of `on`, with two sections and a table."""
    return OfficialDocument(
        issuer=ISSUER,
        type_name=kind[0],
        type_abbr=kind[1],
        subject=subject,
        issued_on=on,
        addressees=list(addressees),
        recipients=RECIPIENTS,
        number=number,
        intro=[Block("paragraph", intro)],
        sections=SECTIONS,
        closing=[Block("paragraph", CLOSING)],
    )


def built(document: OfficialDocument, regime: Regime | None = None) -> WordDocument:
    data = render(document, regime or regime_for(document.issued_on))
    return Document(io.BytesIO(data))


@dataclass(frozen=True)
class Look:
    size: float
    bold: bool = False
    italic: bool = False


def look(paragraph: Paragraph) -> Look:
    """The one look of the paragraph's runs."""
    looks = {
        Look(run.font.size.pt if run.font.size else 0, bool(run.bold), bool(run.italic))
        for run in paragraph.runs
    }
    assert len(looks) == 1, (paragraph.text, looks)
    return looks.pop()


def has_rule(paragraph: Paragraph) -> bool:
    """An empty paragraph with a bottom border, shorter than the line."""
    border = paragraph._p.xpath("./w:pPr/w:pBdr/w:bottom")
    indent = paragraph.paragraph_format.left_indent or 0
    return paragraph.text == "" and len(border) == 1 and indent > 0


def cell_texts(table: WordTable, row: int, column: int) -> list[str]:
    return [p.text for p in table.rows[row].cells[column].paragraphs]


def paragraph(doc: WordDocument, text: str) -> Paragraph:
    return next(p for p in doc.paragraphs if p.text == text)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The messages are asserted on their English source strings."""
    with translation.override("en"):
        yield


@pytest.mark.parametrize("regime", REGIMES.values(), ids=REGIMES.keys())
def test_the_page_is_a4_portrait_with_the_regimes_margins(regime: Regime) -> None:
    section = built(report(), regime).sections[0]
    lengths = (
        *(section.page_width, section.page_height),
        *(section.top_margin, section.bottom_margin, section.left_margin, section.right_margin),
    )
    assert [m.mm if m else 0 for m in lengths] == pytest.approx([210, 297, 20, 20, 30, 15], abs=0.1)
    assert section.orientation == WD_ORIENT.PORTRAIT


def test_every_run_is_times_new_roman_black_on_every_script() -> None:
    doc = built(report())
    section = doc.sections[0]
    runs = doc.element.body.xpath(".//w:r[w:t]") + section.header._element.xpath(".//w:r")
    assert len(runs) > 60
    for run in runs:
        fonts = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        assert fonts is not None, run.xpath("string(.)")
        for script in ("ascii", "hAnsi", "eastAsia", "cs"):
            assert fonts.get(qn(f"w:{script}")) == FONT
        assert run.xpath("string(./w:rPr/w:color/@w:val)") == "000000"


def test_the_header_names_the_bodies_and_the_motto_in_their_sizes() -> None:
    header = built(report()).tables[0]
    assert header._tbl.xpath("string(./w:tblPr/w:tblBorders/w:insideV/@w:val)") == "nil"
    parent, issuer, issuer_rule = header.rows[0].cells[0].paragraphs
    assert (parent.text, look(parent)) == ("UBND TỈNH QUẢNG NINH", Look(13))
    assert (issuer.text, look(issuer)) == ("BAN CHỈ ĐẠO XÂY DỰNG XÃ HỘI HỌC TẬP", Look(13, True))
    assert has_rule(issuer_rule)
    title, motto, motto_rule = header.rows[0].cells[1].paragraphs
    assert (title.text, look(title)) == ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Look(13, True))
    assert (motto.text, look(motto)) == ("Độc lập - Tự do - Hạnh phúc", Look(14, True))
    assert has_rule(motto_rule)
    for centred in (parent, issuer, issuer_rule, title, motto, motto_rule):
        assert centred.alignment == WD_ALIGN_PARAGRAPH.CENTER
    # The number and the date stand on the same line: the second row.
    (number,) = header.rows[1].cells[0].paragraphs
    assert (number.text, look(number)) == ("Số: 05/BC-BCĐXDXHHT", Look(13))
    (place,) = header.rows[1].cells[1].paragraphs
    assert (place.text, look(place)) == (
        "Quảng Ninh, ngày 05 tháng 7 năm 2013",
        Look(14, False, True),
    )


def test_a_number_not_given_is_left_blank_for_the_clerk() -> None:
    header = built(report(number="")).tables[0]
    assert re.fullmatch(r"Số: {4,}/BC-BCĐXDXHHT", cell_texts(header, 1, 0)[0])


def test_the_type_name_and_the_subject_are_centred_bold_with_a_rule_under() -> None:
    doc = built(report())
    texts = [p.text for p in doc.paragraphs]
    at = texts.index("BÁO CÁO")
    type_name, subject, rule = doc.paragraphs[at : at + 3]
    assert look(type_name) == look(subject) == Look(14, True)
    assert subject.text == SUBJECT
    assert type_name.alignment == subject.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert has_rule(rule)
    assert doc.core_properties.title == SUBJECT
    assert doc.core_properties.author == "BAN CHỈ ĐẠO XÂY DỰNG XÃ HỘI HỌC TẬP"


def test_one_addressee_stands_on_the_line_of_kinh_gui() -> None:
    kinh_gui = paragraph(built(report()), "Kính gửi: Ủy ban nhân dân tỉnh Quảng Ninh")
    assert look(kinh_gui) == Look(14)
    assert kinh_gui.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_several_addressees_stand_one_a_line_under_the_colon() -> None:
    doc = built(report(addressees=("Ủy ban nhân dân tỉnh", "Sở Giáo dục và Đào tạo;")))
    texts = [p.text for p in doc.paragraphs]
    at = texts.index("Kính gửi:")
    assert texts[at + 1 : at + 3] == ["- Ủy ban nhân dân tỉnh;", "- Sở Giáo dục và Đào tạo."]
    label, first, second = doc.paragraphs[at : at + 3]
    assert look(label) == look(first) == look(second) == Look(14)
    items_left = first.paragraph_format.left_indent
    assert items_left == second.paragraph_format.left_indent
    assert items_left is not None and label.paragraph_format.left_indent is not None
    # The dash stands under the colon: "Kính gửi" is about 1.7 cm wide in 14 pt.
    assert Cm(1.6) < items_left - label.paragraph_format.left_indent < Cm(1.9)


def test_no_addressee_leaves_no_kinh_gui() -> None:
    texts = [p.text for p in built(report(addressees=())).paragraphs]
    assert not [text for text in texts if "Kính gửi" in text or "{{" in text]


def test_the_body_gives_every_section_and_passage_in_order() -> None:
    texts = [p.text for p in built(report()).paragraphs]
    expected = [
        INTRO,
        "I. KẾT QUẢ ĐẠT ĐƯỢC",
        "Các đơn vị đã tổ chức sơ kết đúng thời hạn.",
        "Thành phố Hạ Long:",
        HALONG_TEXT,
        f"-\t{HALONG_ITEM}",
        "Huyện Vân Đồn:",
        VANDON_HEADING,
        VANDON_TEXT,
        TABLE.caption,
        "1. Công tác chỉ đạo",
        "Chỉ đạo kịp thời.",
        "II. PHƯƠNG HƯỚNG, NHIỆM VỤ",
        "-\tTiếp tục tuyên truyền.",
        CLOSING,
    ]
    found = [texts.index(text) for text in expected]
    assert found == sorted(found)


def test_body_paragraphs_are_justified_14_pt_with_a_first_line_indent() -> None:
    doc = built(report())
    for text in (INTRO, HALONG_TEXT, VANDON_TEXT, CLOSING):
        body = paragraph(doc, text)
        assert look(body) == Look(14)
        assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert body.paragraph_format.first_line_indent == Cm(1.27)
        assert body.paragraph_format.space_after == Pt(6)
    for heading, expected in (
        ("I. KẾT QUẢ ĐẠT ĐƯỢC", Look(14, True)),
        ("1. Công tác chỉ đạo", Look(14, True)),
        (VANDON_HEADING, Look(14, True)),
        ("Thành phố Hạ Long:", Look(14, True, True)),
        ("Huyện Vân Đồn:", Look(14, True, True)),
    ):
        assert look(paragraph(doc, heading)) == expected
        assert paragraph(doc, heading).paragraph_format.keep_with_next


def test_an_item_starts_with_a_dash_and_hangs() -> None:
    item = paragraph(built(report()), f"-\t{HALONG_ITEM}")
    look_of = item.paragraph_format
    left, first_line = look_of.left_indent, look_of.first_line_indent
    assert left is not None and first_line is not None
    assert first_line < 0 and left + first_line == Cm(1.27)  # the dash where a paragraph starts
    assert [stop.position for stop in look_of.tab_stops] == [left]  # the text after the tab


def test_a_table_has_its_caption_grid_repeated_header_and_bold_totals() -> None:
    doc = built(report())
    caption = paragraph(doc, TABLE.caption)
    assert look(caption) == Look(14, True)
    assert caption.alignment == WD_ALIGN_PARAGRAPH.CENTER
    grid = doc.tables[1]
    assert [[cell.text for cell in row.cells] for row in grid.rows] == [
        TABLE.header,
        *TABLE.rows,
    ]
    assert grid._tbl.xpath("string(./w:tblPr/w:tblBorders/w:insideH/@w:val)") == "single"
    header, halong, _vandon, totals = grid.rows
    assert header._tr.xpath("./w:trPr/w:tblHeader")
    assert not halong._tr.xpath("./w:trPr/w:tblHeader")
    assert {look(cell.paragraphs[0]) for cell in header.cells} == {Look(12, True)}
    assert {look(cell.paragraphs[0]) for cell in halong.cells} == {Look(12)}
    assert {look(cell.paragraphs[0]) for cell in totals.cells} == {Look(12, True)}
    aligned = [cell.paragraphs[0].alignment for cell in halong.cells]
    assert aligned == [WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.RIGHT]


def test_noi_nhan_lists_the_recipients_with_their_punctuation() -> None:
    footer = built(report()).tables[-1]
    assert footer._tbl.xpath("string(./w:tblPr/w:tblBorders/w:insideV/@w:val)") == "nil"
    title, *lines = footer.rows[0].cells[0].paragraphs
    assert (title.text, look(title)) == ("Nơi nhận:", Look(12, True, True))
    assert [line.text for line in lines] == [
        *(f"- {name};" for name in RECIPIENTS[:-1]),
        "- Lưu: VT, GDTX.",
    ]
    assert {look(line) for line in lines} == {Look(11)}


def test_the_signer_lines_room_to_sign_and_name() -> None:
    footer = built(report()).tables[-1]
    signer = footer.rows[0].cells[1].paragraphs
    texts = [p.text for p in signer]
    assert texts[:3] == ["TM. BAN CHỈ ĐẠO", "KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]
    assert texts[-1] == "Nguyễn Văn Bình"
    assert 3 <= texts[3:-1].count("") == len(texts[3:-1]) <= 4
    for line in (*signer[:3], signer[-1]):
        assert look(line) == Look(14, True)
        assert line.alignment == WD_ALIGN_PARAGRAPH.CENTER


def page_fields(part: _Header | _Footer) -> list[Paragraph]:
    return [p for p in part.paragraphs if p._p.xpath(".//w:instrText[contains(., 'PAGE')]")]


@pytest.mark.parametrize(
    ("on", "regime", "where", "align"),
    [
        (ON_2013, CIRCULAR_01, "footer", WD_ALIGN_PARAGRAPH.RIGHT),
        (ON_2021, DECREE_30, "header", WD_ALIGN_PARAGRAPH.CENTER),
    ],
)
def test_page_numbers_stand_where_the_regime_of_the_date_puts_them_but_not_on_page_1(
    on: date, regime: Regime, where: str, align: WD_ALIGN_PARAGRAPH
) -> None:
    assert regime_for(on) == regime
    section = built(report(on)).sections[0]
    assert section._sectPr.xpath("./w:titlePg")
    assert section.different_first_page_header_footer
    other = "footer" if where == "header" else "header"
    (number,) = page_fields(getattr(section, where))
    assert number.alignment == align
    assert look(number) == Look(13)
    assert not page_fields(getattr(section, other))
    assert not page_fields(section.first_page_header)
    assert not page_fields(section.first_page_footer)


def test_a_letter_has_no_type_name_and_its_subject_under_the_number() -> None:
    letter = report(kind=("", ""), subject="tổ chức sơ kết giữa kỳ", number="1395")
    doc = built(letter)
    header = doc.tables[0]
    number, subject = header.rows[1].cells[0].paragraphs
    assert number.text.startswith("Số: 1395/")
    assert (subject.text, look(subject)) == ("V/v tổ chức sơ kết giữa kỳ", Look(12))
    texts = [p.text for p in doc.paragraphs]
    assert "BÁO CÁO" not in texts and "tổ chức sơ kết giữa kỳ" not in texts
    assert "Kính gửi: Ủy ban nhân dân tỉnh Quảng Ninh" in texts


def test_a_submission_takes_its_own_template_and_type_name() -> None:
    doc = built(report(kind=("Tờ trình", "TTr")))
    assert look(paragraph(doc, "TỜ TRÌNH")) == Look(14, True)
    assert cell_texts(doc.tables[0], 1, 0) == ["Số: 05/TTr-BCĐXDXHHT"]


def test_text_with_markup_characters_is_written_as_text() -> None:
    subject = 'Phối hợp với Sở GD&ĐT <"thí điểm"> {{ x }}'
    doc = built(report(subject=subject, intro="a < b & c {{ x }}"))
    assert paragraph(doc, subject)
    assert paragraph(doc, "a < b & c {{ x }}")
    assert doc.core_properties.title == subject


# --- Template check -----------------------------------------------------------------------


def edited(replacements: dict[str, str], kind: str = "BC") -> bytes:
    """The default template with runs replaced, as a province would type them in Word."""
    doc = Document(io.BytesIO(default_template(kind)))
    paragraphs = [*doc.paragraphs]
    for table in doc.tables:
        paragraphs += [p for row in table.rows for cell in row.cells for p in cell.paragraphs]
    seen = set()
    for para in paragraphs:
        for run in para.runs:
            if run.text in replacements:
                seen.add(run.text)
                run.text = replacements[run.text]
    assert seen == set(replacements)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.mark.parametrize("kind", ["BC", "", "CV", "TTr", "KH"])
def test_the_default_templates_pass_the_check(kind: str) -> None:
    assert template_check(default_template(kind)) == []


def test_a_placeholder_left_open_is_refused_by_name() -> None:
    template = edited({"{{ parent_body }}": "{{ parent_body"})
    assert template_check(template) == [UNCLOSED % {"placeholder": "{{ parent_body"}]


def test_an_unknown_placeholder_is_refused_by_name() -> None:
    messages = template_check(edited({"{{ signer_name }}": "{{ unknown_thing }}"}))
    assert len(messages) == 1
    assert messages[0].startswith(
        UNKNOWN.split("%(known)s")[0]
        % {"name": "unknown_thing", "placeholder": "{{ unknown_thing }}", "known": ""}
    )


def test_a_placeholder_that_jinja_cannot_read_is_refused_by_name() -> None:
    broken = BROKEN.split("(%(detail)s)")[0]
    for typed in ("{{ subject | nofilter }}", "{{ subject + }}", "{% for x in recipients %}"):
        (message,) = template_check(edited({"{{ subject }}": typed}))
        assert message.startswith(broken % {"placeholder": typed})


@pytest.mark.parametrize(
    "typed", ["{{ body }}", "{{p subject }}", "{{r body }}", "{{ addressees|length }}"]
)
def test_a_placeholder_in_the_wrong_form_is_refused(typed: str) -> None:
    replaced = "{{p body }}" if "body" in typed else "{{ subject }}"
    messages = template_check(edited({replaced: typed}))
    assert WRONG_FORM % {"placeholder": typed} in messages


def test_a_template_without_the_body_is_refused() -> None:
    assert template_check(edited({"{{p body }}": "Nội dung"})) == [NO_BODY]


def test_statements_with_known_names_and_filters_pass() -> None:
    template = edited(
        {
            "{{ subject }}": "{{ subject|upper }}",
            "Nơi nhận:": "{% if recipients %}Nơi nhận:{% endif %}",
        }
    )
    assert template_check(template) == []
    doc = Document(io.BytesIO(render(report(), CIRCULAR_01, template)))
    assert paragraph(doc, SUBJECT.upper())


@pytest.mark.parametrize("data", [b"", b"\x00\x01 not a word file", b"PK\x03\x04 broken zip"])
def test_a_file_that_is_not_a_docx_is_refused(data: bytes) -> None:
    assert template_check(data) == [NOT_DOCX]


def test_a_province_template_keeps_its_own_text() -> None:
    template = edited({"Nơi nhận:": "Nơi nhận (bản điện tử):"}, kind="CV")
    assert template_check(template) == []
    footer = Document(io.BytesIO(render(report(), DECREE_30, template))).tables[-1]
    assert cell_texts(footer, 0, 0)[:2] == ["Nơi nhận (bản điện tử):", "- Như trên;"]


MINISTRY = Issuer("", "BỘ GIÁO DỤC VÀ ĐÀO TẠO", "BGDĐT", "Hà Nội", SIGNER)


@pytest.mark.parametrize("kind", [("BÁO CÁO", "BC"), ("", "")], ids=["report", "letter"])
def test_an_issuer_with_no_parent_body_starts_the_header_with_its_own_name(
    kind: tuple[str, str],
) -> None:
    document = replace(report(kind=kind), issuer=MINISTRY)
    header = built(document).tables[0]
    issuer, issuer_rule = header.rows[0].cells[0].paragraphs
    assert (issuer.text, look(issuer)) == ("BỘ GIÁO DỤC VÀ ĐÀO TẠO", Look(13, True))
    assert has_rule(issuer_rule)
    assert cell_texts(header, 0, 1)[:2] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]


def test_a_province_template_s_own_parent_body_line_goes_too_when_there_is_none() -> None:
    template = edited({"{{ parent_body }}": "{{parent_body}}"})
    assert template_check(template) == []
    ministry = replace(report(), issuer=MINISTRY)
    header = Document(io.BytesIO(render(ministry, DECREE_30, template))).tables[0]
    assert cell_texts(header, 0, 0) == ["BỘ GIÁO DỤC VÀ ĐÀO TẠO", ""]
    province = Document(io.BytesIO(render(report(), DECREE_30, template))).tables[0]
    assert cell_texts(province, 0, 0) == [
        "UBND TỈNH QUẢNG NINH",
        "BAN CHỈ ĐẠO XÂY DỰNG XÃ HỘI HỌC TẬP",
        "",
    ]
