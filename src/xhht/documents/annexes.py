"""The annexes of a unit's consolidated report as one .xlsx workbook: the indicators by
unit below (and, for the province, by commune), the progress of every unit's work, and the
list of nominations; numbers as numbers, dates as dates."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from django.db.models import F
from openpyxl import Workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from xhht.awards import export as awards_export
from xhht.awards.export import list_part
from xhht.awards.selectors import province_list
from xhht.campaigns.models import Campaign, Deliverable, Obligation, State
from xhht.campaigns.selectors import obligations_with_state
from xhht.documents.consolidated import STATE_WORDS
from xhht.kernel.clock import today
from xhht.orgunits.models import Level, OrgUnit
from xhht.rollup.by_unit import rollups_build
from xhht.rollup.export import DATE_FORMAT, cell_number, column_widths, header_row, styled
from xhht.rollup.services import Rollup, rollup_build

INDICATORS = "Chỉ tiêu theo đơn vị"
COMMUNES = "Chỉ tiêu theo xã"
PROGRESS = "Tiến độ"
AWARDS = "Khen thưởng"
INDICATOR_TITLES = [
    "Mã đơn vị", "Đơn vị", "Mã chỉ tiêu", "Chỉ tiêu", "Giá trị", "Đơn vị tính", "Trên tổng số",
    "Tỷ lệ (%)", "Đơn vị đã báo cáo", "Đơn vị phải báo cáo",
]  # fmt: skip
INDICATOR_WIDTHS = [10, 32, 18, 50, 12, 10, 12, 10, 10, 10]
PROGRESS_TITLES = [
    "Cấp",
    "Mã đơn vị",
    "Đơn vị",
    "Việc",
    "Hạn cuối",
    "Ngày hoàn thành",
    "Tình trạng",
    "Ngày gửi lại",
    "Ngày trả lại",
]
PROGRESS_WIDTHS = [12, 10, 32, 28, 12, 14, 22, 14, 14]
LEVELS_DOWN: dict[str, int] = {Level.AGENCY: 0, Level.DISTRICT: 1, Level.COMMUNE: 2}


def _rows_by_child(ws: WriteOnlyWorksheet, rollup: Rollup) -> None:
    """One line per unit below and indicator, in the order of the units' codes."""
    by_child = {(c.pk, row.indicator.pk): c for row in rollup.rows for c in row.children}
    # Nothing for an empty cell, not even a style: a write-only sheet then writes no cell.
    labels = {row.indicator.pk: None if row.indicator.is_ratio else row.indicator.unit_label or None
              for row in rollup.rows}  # fmt: skip
    for child in sorted(rollup.children, key=lambda c: c.code):
        for row in rollup.rows:
            found = by_child.get((child.pk, row.indicator.pk))
            if found is None:
                continue
            s = found.sums
            percent = None
            if s.percent is not None:
                percent = styled(ws, cell_number(s.percent), number_format="0.0")
            ws.append(
                [child.code, child.name, row.indicator.code, row.indicator.name, s.value,
                 labels[row.indicator.pk], s.denominator, percent, s.reported, s.expected]
            )  # fmt: skip


def _indicator_sheet(ws: WriteOnlyWorksheet, rollups: list[Rollup]) -> None:
    header_row(ws, INDICATOR_TITLES, INDICATOR_WIDTHS)
    for rollup in rollups:
        _rows_by_child(ws, rollup)


def _progress_sheet(ws: WriteOnlyWorksheet, campaign: Campaign, unit: OrgUnit, on: date) -> None:
    """Every obligation of the units below `unit`: its last day, done on (a report: first
    sent on), state on `on`, and a report's latest sending after a return, or its return."""
    header_row(ws, PROGRESS_TITLES, PROGRESS_WIDTHS)
    owed = obligations_with_state(
        Obligation.objects.planned()
        .filter(campaign=campaign, unit__path__startswith=unit.path)
        .exclude(unit=unit)
        .select_related("unit"),
        on,
    ).annotate(last_sent_on=F("report__last_sent_on"))
    ordered = sorted(
        owed, key=lambda o: (LEVELS_DOWN.get(o.unit.level, 3), o.unit.code, o.last_day)
    )
    # The get_…_display() labels, looked up once: each call hashes the field's choices.
    levels = {value: str(label) for value, label in Level.choices}
    deliverables = {value: str(label) for value, label in Deliverable.choices}
    for obligation in ordered:
        state = State(obligation.state)  # type: ignore[attr-defined]
        ws.append(
            [levels[obligation.unit.level], obligation.unit.code,
             obligation.unit.display_name, deliverables[obligation.deliverable],
             styled(ws, obligation.last_day, number_format=DATE_FORMAT),
             styled(ws, obligation.fulfilled_on, number_format=DATE_FORMAT),
             STATE_WORDS[state],
             styled(ws, _sent_again(obligation), number_format=DATE_FORMAT),
             styled(ws, obligation.returned_on, number_format=DATE_FORMAT)]
        )  # fmt: skip


def _sent_again(obligation: Obligation) -> date | None:
    """The day a done report was last sent, when not its first sending (it was returned)."""
    again: date | None = getattr(obligation, "last_sent_on", None)
    return again if obligation.fulfilled_on and again != obligation.fulfilled_on else None


def _awards_sheet(ws: WriteOnlyWorksheet, campaign: Campaign, unit: OrgUnit) -> None:
    """The accepted nominations, as the awards' own list lays them out."""
    listed = province_list(campaign, recipient=unit)
    column_widths(ws, awards_export.WIDTHS)
    ws.freeze_panes = "A3"
    list_part(
        ws,
        "I. CÁ NHÂN",
        ["TT", "Họ và tên", "Giới tính", "Năm sinh", "Chức vụ", "Đơn vị công tác", "Lĩnh vực",
         "Tóm tắt thành tích", "Đơn vị đề nghị", "Quyết định"],
        [awards_export.individual_row(row) for row in listed.individuals],
    )  # fmt: skip
    ws.append([])
    list_part(
        ws,
        "II. TẬP THỂ",
        ["TT", "Tên tập thể", "Thuộc", "Lĩnh vực", "Tóm tắt thành tích", "Đơn vị đề nghị",
         "Quyết định"],
        [awards_export.collective_row(row) for row in listed.collectives],
    )  # fmt: skip


def annexes_workbook(campaign: Campaign, unit: OrgUnit, *, on: date | None = None) -> bytes:
    """The annexes of `unit` (the province or a district) in `campaign`, as .xlsx bytes."""
    # Write-only: each row goes straight to the file; tens of thousands of cells otherwise
    # each become an object that openpyxl keeps, styles and walks again on saving.
    wb = Workbook(write_only=True)
    _indicator_sheet(wb.create_sheet(INDICATORS), [rollup_build(campaign=campaign, unit=unit)])
    if unit.level == Level.PROVINCE:
        districts = OrgUnit.objects.filter(
            parent=unit, level=Level.DISTRICT, obligations__campaign=campaign
        ).distinct()
        rollups = rollups_build(campaign=campaign, units=list(districts.order_by("code")))
        _indicator_sheet(wb.create_sheet(COMMUNES), rollups)
    _progress_sheet(wb.create_sheet(PROGRESS), campaign, unit, on or today())
    _awards_sheet(wb.create_sheet(AWARDS), campaign, unit)
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
