"""The conference kit of a unit's review conference: the invitation ("giấy mời"), the
programme with the selected papers ("tham luận") in order, the list of exhibits, and the
budget estimate the finance body is asked to provide for.

Time and place stay "…" blanks for the clerk until the unit records its conference; the
budget's unit prices are named constants below, an estimate the officer edits in Word.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from xhht.awards.models import Paper
from xhht.awards.selectors import programme, province_list
from xhht.campaigns.models import Campaign, Conference, Deliverable, Obligation
from xhht.documents.citing import directive_reference
from xhht.documents.consolidated import vn_number
from xhht.documents.content import Block, OfficialDocument, Section, Table
from xhht.documents.issuers import Heading, heading_of, in_sentence
from xhht.kernel.clock import today
from xhht.orgunits.models import Level, OrgUnit

BLANK = "…"
# Unit prices of the budget estimate, in đồng (2013): what the officer starts from.
HALL_PER_DAY = 5_000_000  # hall, sound, decoration for one day
PRINTING_PER_PARTICIPANT = 50_000  # the conference's documents for one participant
AWARD_INDIVIDUAL = 1_150_000  # Bằng khen of the province's chairman: 1.0 × the base salary
AWARD_COLLECTIVE = 2_300_000  # … and 2.0 × for a collective (NĐ 42/2010, Điều 71)
PAPER_FEE = 500_000  # writing and presenting a paper
DELEGATES_PER_INVITEE = 2  # each invited body sends its head and an officer
HOSTS = 20  # the standing unit, the steering committee and guests


def _conference(campaign: Campaign, unit: OrgUnit) -> Conference | None:
    """The unit's own conference, once recorded."""
    return Conference.objects.filter(obligation__campaign=campaign, obligation__unit=unit).first()


def invitees(campaign: Campaign, unit: OrgUnit) -> list[OrgUnit]:
    """Who is invited: the member bodies, then the units below (districts, or communes),
    each in the order of its code."""
    below = OrgUnit.objects.filter(parent=unit, obligations__campaign=campaign).distinct()
    agencies = sorted((u for u in below if u.level == Level.AGENCY), key=lambda u: u.code)
    others = sorted((u for u in below if u.level != Level.AGENCY), key=lambda u: u.code)
    return [*agencies, *others]


def _when_and_where(campaign: Campaign, unit: OrgUnit) -> tuple[str, str]:
    """ "Thời gian" and "Địa điểm": the recorded conference's, else blanks in its month."""
    held = _conference(campaign, unit)
    if held is not None:
        return f"ngày {held.held_on:%d/%m/%Y}", held.venue
    owed = Obligation.objects.filter(
        campaign=campaign, unit=unit, deliverable=Deliverable.CONFERENCE
    ).first()
    month = f"tháng {owed.last_day.month} năm {owed.last_day.year}" if owed else f"năm {BLANK}"
    return f"{BLANK} giờ {BLANK}, ngày {BLANK} {month}", BLANK


def _level_words(unit: OrgUnit) -> str:
    return "cấp tỉnh" if unit.level == Level.PROVINCE else in_sentence(unit.display_name)


def _title(campaign: Campaign, unit: OrgUnit) -> str:
    return f"Hội nghị sơ kết {_level_words(unit)}"


def agenda(campaign: Campaign, unit: OrgUnit, papers: list[Paper]) -> list[tuple[str, str]]:
    """(what, who) of the conference in order; the papers each on their own line."""
    issuing = heading_of(campaign, unit).issuer.issuing_body.capitalize()
    items = [
        ("Tuyên bố lý do, giới thiệu đại biểu", "Ban tổ chức"),
        ("Khai mạc hội nghị", "Lãnh đạo Ban Chỉ đạo"),
        ("Báo cáo kết quả sơ kết", issuing),
    ]
    items += [
        (f"Tham luận: {p.title}", f"{p.author}, {p.author_unit} ({p.unit.display_name})")
        for p in papers
    ]
    items += [
        ("Thảo luận", "Đại biểu dự hội nghị"),
        ("Công bố quyết định và trao khen thưởng", "Lãnh đạo Ban Chỉ đạo"),
        ("Phát biểu chỉ đạo, kết luận và bế mạc hội nghị", "Lãnh đạo Ban Chỉ đạo"),
    ]
    return items


def _document(
    heading: Heading,
    *,
    type_name: str,
    type_abbr: str,
    subject: str,
    on: date | None,
    number: str,
    addressees: list[str] | None = None,
    sections: list[Section],
    intro: list[Block] | None = None,
) -> OfficialDocument:
    return OfficialDocument(
        issuer=heading.issuer,
        type_name=type_name,
        type_abbr=type_abbr,
        subject=subject,
        issued_on=on or today(),
        addressees=addressees or [],
        recipients=["Như trên", *[r for r in heading.recipients if r.startswith("Lưu")]],
        number=number,
        intro=intro or [],
        sections=sections,
    )


def invitation(
    campaign: Campaign, unit: OrgUnit, *, issued_on: date | None = None, number: str = ""
) -> OfficialDocument:
    """The invitation to `unit`'s review conference: who, when, where, what."""
    heading = heading_of(campaign, unit)
    when, where = _when_and_where(campaign, unit)
    invited = [
        Block("bullet", f"Đại diện lãnh đạo {u.display_name}") for u in invitees(campaign, unit)
    ]
    steps = [
        Block("bullet", what) for what, _who in agenda(campaign, unit, programme(campaign, unit))
    ]
    body = [
        Block("paragraph", f"Thực hiện {directive_reference(campaign)}, "
              f"{heading.issuer.issuing_body.capitalize()} tổ chức {_title(campaign, unit)}."),
        Block("paragraph", "Trân trọng kính mời:"),
        *invited,
        Block("paragraph", f"Tới dự {_title(campaign, unit)}."),
        Block("paragraph", f"Thời gian: {when}."),
        Block("paragraph", f"Địa điểm: {where}."),
        Block("paragraph", "Nội dung:"),
        *steps,
        Block("paragraph", "Đề nghị các đơn vị cử đại biểu đến dự đúng thành phần, thời gian./."),
    ]  # fmt: skip
    return _document(
        heading,
        type_name="GIẤY MỜI",
        type_abbr="GM",
        subject=f"Dự {_title(campaign, unit)}",
        on=issued_on,
        number=number,
        sections=[Section("", "", blocks=body)],
    )


def conference_programme(
    campaign: Campaign, unit: OrgUnit, *, issued_on: date | None = None, number: str = ""
) -> OfficialDocument:
    """The programme of `unit`'s conference, the selected papers in their order."""
    heading = heading_of(campaign, unit)
    when, where = _when_and_where(campaign, unit)
    rows = [
        [str(i), BLANK, what, who]
        for i, (what, who) in enumerate(agenda(campaign, unit, programme(campaign, unit)), 1)
    ]
    table = Table(
        "Chương trình", ["TT", "Thời gian", "Nội dung", "Thực hiện"], rows, frozenset({0})
    )
    return _document(
        heading,
        type_name="CHƯƠNG TRÌNH",
        type_abbr="CTr",
        subject=_title(campaign, unit),
        on=issued_on,
        number=number,
        intro=[
            Block("paragraph", f"Thời gian: {when}."),
            Block("paragraph", f"Địa điểm: {where}."),
        ],
        sections=[Section("", "", tables=[table])],
    )


def exhibitions_held(campaign: Campaign, unit: OrgUnit) -> list[Conference]:
    """The conferences below `unit` that held an exhibition, by unit code."""
    return list(
        Conference.objects.filter(
            obligation__campaign=campaign,
            obligation__unit__path__startswith=unit.path,
            exhibition_held=True,
        )
        .exclude(obligation__unit=unit)
        .select_related("obligation__unit")
        .order_by("obligation__unit__code")
    )


def exhibits(
    campaign: Campaign, unit: OrgUnit, *, issued_on: date | None = None, number: str = ""
) -> OfficialDocument:
    """The list of exhibits: the units that showed an exhibition at their conference, and
    the units whose papers were selected."""
    shows = [
        [str(i), c.obligation.unit.display_name, c.obligation.unit.get_level_display(),
         f"{c.held_on:%d/%m/%Y}", c.venue]
        for i, c in enumerate(exhibitions_held(campaign, unit), start=1)
    ]  # fmt: skip
    papers = [
        [str(i), p.unit.display_name, p.title, f"{p.author}, {p.author_unit}"]
        for i, p in enumerate(programme(campaign, unit), start=1)
    ]
    sections = [
        Section("I.", "CÁC ĐƠN VỊ ĐÃ TRƯNG BÀY, TRIỂN LÃM TẠI HỘI NGHỊ SƠ KẾT", tables=[
            Table("Đơn vị trưng bày", ["TT", "Đơn vị", "Cấp", "Ngày hội nghị", "Địa điểm"],
                  shows, frozenset({0}))]),
        Section("II.", "CÁC ĐƠN VỊ CÓ THAM LUẬN", tables=[
            Table("Đơn vị có tham luận", ["TT", "Đơn vị", "Tham luận", "Tác giả"], papers,
                  frozenset({0}))]),
    ]  # fmt: skip
    return _document(
        heading_of(campaign, unit),
        type_name="DANH SÁCH",
        type_abbr="DS",  # not in NĐ 30's table: a type name needs the typed layout
        subject=f"Các đơn vị trưng bày, triển lãm tại {_title(campaign, unit)}",
        on=issued_on,
        number=number,
        sections=sections,
    )


@dataclass(frozen=True)
class BudgetLine:
    item: str
    measure: str
    quantity: int
    unit_price: int

    @property
    def amount(self) -> int:
        return self.quantity * self.unit_price


def budget_lines(campaign: Campaign, unit: OrgUnit) -> list[BudgetLine]:
    """The estimate's lines: counts from the database times the unit prices above."""
    listed = province_list(campaign, recipient=unit)
    papers = len(programme(campaign, unit))
    participants = HOSTS + DELEGATES_PER_INVITEE * len(invitees(campaign, unit)) + listed.total
    return [
        BudgetLine("Thuê hội trường, âm thanh, trang trí", "ngày", 1, HALL_PER_DAY),
        BudgetLine("In tài liệu hội nghị", "người", participants, PRINTING_PER_PARTICIPANT),
        BudgetLine("Khen thưởng cá nhân", "cá nhân", len(listed.individuals), AWARD_INDIVIDUAL),
        BudgetLine("Khen thưởng tập thể", "tập thể", len(listed.collectives), AWARD_COLLECTIVE),
        BudgetLine("Bồi dưỡng tác giả tham luận", "bài", papers, PAPER_FEE),
    ]


def _finance_body(unit: OrgUnit) -> str:
    if unit.level == Level.PROVINCE:
        return f"Sở Tài chính {in_sentence(unit.display_name)}"
    return f"Phòng Tài chính – Kế hoạch {in_sentence(unit.display_name)}"


def budget(
    campaign: Campaign, unit: OrgUnit, *, issued_on: date | None = None, number: str = ""
) -> OfficialDocument:
    """The budget estimate of `unit`'s conference, addressed to its finance body."""
    lines = budget_lines(campaign, unit)
    rows = [
        [
            str(i),
            b.item,
            b.measure,
            vn_number(b.quantity),
            vn_number(b.unit_price),
            vn_number(b.amount),
        ]
        for i, b in enumerate(lines, start=1)
    ]
    rows.append(["", "Tổng cộng", "", "", "", vn_number(sum(b.amount for b in lines))])
    header = ["TT", "Nội dung", "Đơn vị tính", "Số lượng", "Đơn giá (đồng)", "Thành tiền (đồng)"]
    table = Table(
        "Dự toán kinh phí", header, rows, frozenset({0, 3, 4, 5}), frozenset({len(lines)})
    )
    note = (
        "Dự toán tạm tính: số lượng lấy theo số đơn vị được mời, số cá nhân, tập thể được đề "
        "nghị khen thưởng và số bài tham luận; đơn giá là mức dự kiến, đề nghị điều chỉnh "
        "theo định mức hiện hành trước khi trình."
    )
    return _document(
        heading_of(campaign, unit),
        type_name="DỰ TOÁN KINH PHÍ",
        type_abbr="DT",  # likewise
        subject=_title(campaign, unit),
        on=issued_on,
        number=number,
        addressees=[_finance_body(unit)],
        intro=[Block("paragraph", f"Căn cứ {directive_reference(campaign)};"),
               Block("paragraph", note)],
        sections=[Section("", "", tables=[table])],
    )  # fmt: skip
