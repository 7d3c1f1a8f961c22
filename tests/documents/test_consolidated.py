"""The province's consolidated report of the demo campaign: every district present, every
figure equal to the roll-up, every passage attributed to its unit, the nominations the
province accepted; and the same in the .docx the builder writes from it."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.utils import translation
from django.utils.formats import number_format
from docx import Document

from tests.conftest import unit
from xhht.awards.models import Kind, Nomination, State
from xhht.campaigns.models import Campaign, Deliverable
from xhht.documents.consolidated import blocks_of, consolidated_report
from xhht.documents.consolidated import consolidated_report as _report
from xhht.documents.content import Block, OfficialDocument, Section, Table
from xhht.documents.kinds import consolidated_made
from xhht.kernel.richtext import Run
from xhht.reports.models import Report, SectionText
from xhht.rollup.services import COUNTED, rollup_build

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(demo_campaign: Campaign) -> Campaign:
    return demo_campaign


def tables(section: Section) -> list[Table]:
    return [*section.tables, *(t for child in section.children for t in tables(child))]


def all_tables(document: OfficialDocument) -> dict[str, Table]:
    return {t.caption: t for s in document.sections for t in tables(s)}


def test_every_district_and_every_figure_is_the_database_s(campaign: Campaign) -> None:
    with translation.override("vi"):
        document = consolidated_report(campaign, campaign.root, issued_on=date(2013, 7, 5))
    assert document.number_and_symbol == "Số:       /BC-BCĐXDXHHT"
    assert document.place_and_date == "Quảng Ninh, ngày 05 tháng 7 năm 2013"
    assert document.subject.startswith("Kết quả sơ kết giữa kỳ")
    found = all_tables(document)
    by_unit = found["Kết quả thực hiện của từng đơn vị"]
    districts = campaign.obligations.filter(deliverable=Deliverable.REPORT, unit__level="district")
    assert [row[0] for row in by_unit.rows] == [
        o.unit.display_name for o in districts.order_by("unit__code")
    ]
    # each indicator's result is the roll-up's
    rollup = rollup_build(campaign=campaign, unit=campaign.root)
    indicators = next(
        t for caption, t in found.items() if caption.startswith("Kết quả các chỉ tiêu")
    )
    assert len(indicators.rows) == len(rollup.rows) > 5
    with translation.override("vi"):
        for line, row in zip(indicators.rows, rollup.rows, strict=True):
            assert line[1] == row.indicator.name
            assert number_format(row.sums.value or 0, 0, force_grouping=True) in line[2]
            assert line[4] == f"{row.sums.reported}/{row.sums.expected}"


def test_passages_are_the_units_own_text_attributed_to_them(campaign: Campaign) -> None:
    document = consolidated_report(campaign, campaign.root)
    results = next(s for s in document.sections if s.title == "KẾT QUẢ THỰC HIỆN")
    written = SectionText.objects.filter(
        report__obligation__campaign=campaign,
        report__obligation__unit__level="district",
        report__status__in=COUNTED,
        section__agency__isnull=True,
    ).exclude(text="")
    compiled = [tuple(child.blocks) for child in results.children]
    assert written.exists()
    for text in written.select_related("report__obligation__unit"):
        name = f"{text.report.obligation.unit.display_name}:"
        passage = (Block("paragraph", name, (Run(name, True, True),)), *blocks_of(text.text))
        assert any(within(passage, blocks) for blocks in compiled), name
    # drafts are not compiled
    drafts = Report.objects.filter(obligation__campaign=campaign).exclude(status__in=COUNTED)
    draft_units = {
        f"{r.obligation.unit.display_name}:" for r in drafts.select_related("obligation__unit")
    }
    said = {b.text for blocks in compiled for b in blocks if isinstance(b, Block) and b.runs}
    assert not draft_units & said


def within(part: tuple[object, ...], whole: tuple[object, ...]) -> bool:
    return any(whole[i : i + len(part)] == part for i in range(len(whole) - len(part) + 1))


def test_the_nominations_are_those_the_province_accepted(campaign: Campaign) -> None:
    document = consolidated_report(campaign, campaign.root)
    section = next(s for s in document.sections if s.title == "ĐỀ NGHỊ KHEN THƯỞNG")
    accepted = Nomination.objects.filter(campaign=campaign, state=State.ACCEPTED)
    people = next(t for t in section.tables if t.caption == "Cá nhân")
    assert sorted(row[1] for row in people.rows) == sorted(
        accepted.filter(kind=Kind.INDIVIDUAL).values_list("name", flat=True)
    )
    assert f"{accepted.filter(kind=Kind.INDIVIDUAL).count()} cá nhân" in section.paragraphs()[0]


def test_a_district_s_report_covers_its_communes(campaign: Campaign) -> None:
    document = consolidated_report(campaign, unit("193"))
    assert document.issuer.parent_body == "UBND THÀNH PHỐ HẠ LONG"
    by_unit = all_tables(document)["Kết quả thực hiện của từng đơn vị"]
    communes = campaign.obligations.filter(deliverable=Deliverable.REPORT, unit__parent=unit("193"))
    assert len(by_unit.rows) == communes.count() > 10


def test_text_keeps_its_paragraphs_and_lists() -> None:
    assert blocks_of("Đoạn một.\n\n- ý a\n+ ý b\nĐoạn hai.") == [
        Block("paragraph", "Đoạn một."),
        Block("bullet", "ý a"),
        Block("bullet", "ý b"),
        Block("paragraph", "Đoạn hai."),
    ]


def test_the_docx_holds_every_district_and_the_signer(campaign: Campaign) -> None:
    document = _report(campaign, campaign.root, number="25")
    data = consolidated_made(campaign, campaign.root, None, "25").data
    text = "\n".join(
        [p.text for p in Document(BytesIO(data)).paragraphs]
        + [
            cell.text
            for table in Document(BytesIO(data)).tables
            for row in table.rows
            for cell in row.cells
        ]
    )
    assert "Số: 25/BC-BCĐXDXHHT" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    for district in campaign.obligations.filter(
        deliverable=Deliverable.REPORT, unit__level="district"
    ).select_related("unit"):
        assert district.unit.display_name in text
    assert document.issuer.signer.name in text and "PHÓ TRƯỞNG BAN" in text


def test_a_unit_s_table_and_bold_reach_the_docx_as_a_table(campaign: Campaign) -> None:
    """ "Report text keeps its shape": a district's table is a Word table in the province's
    report, its bold words bold, never "a | b | c"."""
    text = (
        SectionText.objects.filter(
            report__obligation__campaign=campaign,
            report__obligation__unit__level="district",
            report__status__in=COUNTED,
            section__agency__isnull=True,
        )
        .exclude(text="")
        .first()
    )
    assert text is not None
    text.text = (
        "Kết quả **nổi bật** năm *2013*:\n"
        "| Xã | Số lớp |\n|---|---|\n| Bãi Cháy | 12 |\n| Hà Lầm \\| Hà Khánh | 3 |\n- một ý"
    )
    text.save()
    assert blocks_of(text.text)[1] == Table(
        "", ["Xã", "Số lớp"], [["Bãi Cháy", "12"], ["Hà Lầm | Hà Khánh", "3"]]
    )
    doc = Document(BytesIO(consolidated_made(campaign, campaign.root, None, "").data))
    grids = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    assert [["Xã", "Số lớp"], ["Bãi Cháy", "12"], ["Hà Lầm | Hà Khánh", "3"]] in grids
    paragraph = next(p for p in doc.paragraphs if p.text.startswith("Kết quả nổi bật năm"))
    assert [(r.text, bool(r.bold), bool(r.italic)) for r in paragraph.runs] == [
        ("Kết quả ", False, False),
        ("nổi bật", True, False),
        (" năm ", False, False),
        ("2013", False, True),
        (":", False, False),
    ]
    assert not any("Bãi Cháy | 12" in p.text for p in doc.paragraphs)
    assert any(p.text == "-\tmột ý" for p in doc.paragraphs)
