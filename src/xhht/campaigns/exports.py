"""The status sheet and the conference calendar (.xlsx), from plain rows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from io import BytesIO
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from xhht.campaigns.dashboards import STATE_ORDER, LevelRow, Tally
from xhht.campaigns.listings import CalendarEntry, StatusRow

# A write-only sheet; openpyxl's stubs miss the attributes it proxies (widths, filter, panes).
Sheet = Any

DATE_FORMAT = "dd/mm/yyyy"
HEADER_FILL = PatternFill("solid", fgColor="DCE6F0")
STATE_FILLS = {
    "on_time": PatternFill("solid", fgColor="D7EBD8"),
    "late": PatternFill("solid", fgColor="FBEFC5"),
    "returned": PatternFill("solid", fgColor="E6DCF0"),
    "overdue": PatternFill("solid", fgColor="F4D3D4"),
}


def _header(ws: Sheet, titles: Sequence[str]) -> list[Cell]:
    cells = []
    for title in titles:
        cell = WriteOnlyCell(ws, value=title)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cells.append(cell)
    return cells


def _cell(ws: Sheet, value: Any, fill: PatternFill | None = None) -> Cell:
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, date):
        cell.number_format = DATE_FORMAT
    if fill is not None:
        cell.fill = fill
    return cell


def _layout(ws: Sheet, widths: Sequence[int], rows: int) -> None:
    """Widths, frozen header and autofilter; set before any row is written."""
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(widths))}{max(rows, 1) + 1}"


def status_workbook(
    *, title: str, as_of: date, rows: Sequence[StatusRow], summary: Sequence[LevelRow]
) -> bytes:
    """The workbook: a sheet of obligations and a summary sheet, as .xlsx bytes."""
    wb = Workbook(write_only=True)
    _obligations_sheet(wb, rows)
    _summary_sheet(wb, title, as_of, summary)
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _obligations_sheet(wb: Workbook, rows: Sequence[StatusRow]) -> None:
    ws = wb.create_sheet(_("Obligations"))
    columns = [
        (_("Unit code"), 10),
        (_("Unit"), 32),
        (_("Level"), 16),
        (_("District"), 26),
        (_("Deliverable"), 26),
        (_("Rule as written"), 26),
        (_("Last day"), 12),
        (_("Done on"), 12),
        (_("State"), 16),
        (_("Contact person"), 26),
        (_("Telephone"), 18),
        (_("Sent again on"), 12),
        (_("Returned on"), 12),
    ]
    _layout(ws, [w for _t, w in columns], len(rows))
    ws.append(_header(ws, [t for t, _w in columns]))
    for row in rows:
        fill = STATE_FILLS.get(row.state)
        ws.append(
            [
                _cell(ws, row.unit_code),
                _cell(ws, row.unit_name),
                _cell(ws, row.level_label),
                _cell(ws, row.district),
                _cell(ws, row.deliverable_label),
                _cell(ws, row.rule_text),
                _cell(ws, row.last_day),
                _cell(ws, row.fulfilled_on),
                _cell(ws, row.state_label, fill),
                _cell(ws, row.contact_name),
                _cell(ws, row.contact_phone),
                _cell(ws, row.last_sent_on if row.resent else None),
                _cell(ws, row.returned_on),
            ]
        )


def _summary_sheet(wb: Workbook, title: str, as_of: date, summary: Sequence[LevelRow]) -> None:
    ws = wb.create_sheet(_("Summary"))
    states = [str(s.label) for s in STATE_ORDER]
    widths = [18, 28, *[14] * len(states), 10, 12]
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A4"
    ws.append([_cell(ws, title)])
    ws.append([_cell(ws, _("As of")), _cell(ws, as_of)])
    ws.append(_header(ws, [_("Level"), _("Deliverable"), *states, _("Total"), _("% done")]))
    for line in summary:
        tally = line.tally
        ws.append(
            [
                line.level_label,
                line.deliverable_label,
                *[tally.count(s.value) for s in STATE_ORDER],
                tally.total,
                tally.percent_done,
            ]
        )
    total = sum((line.tally for line in summary), Tally())
    cells = [
        _cell(ws, value)
        for value in (
            _("Total"),
            "",
            *[total.count(s.value) for s in STATE_ORDER],
            total.total,
            total.percent_done,
        )
    ]
    for cell in cells:
        cell.font = Font(bold=True)
    ws.append(cells)


def calendar_workbook(*, entries: Sequence[CalendarEntry]) -> bytes:
    """The conference calendar for the press: one row per conference, planned or held."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("Conferences"))
    columns = [
        (_("Date"), 12),
        (_("Status"), 12),
        (_("Unit"), 32),
        (_("Within"), 26),
        (_("Venue"), 36),
        (_("Chaired by"), 28),
        (_("Exhibition"), 12),
    ]
    _layout(ws, [w for _t, w in columns], len(entries))
    ws.append(_header(ws, [t for t, _w in columns]))
    for entry in entries:
        ws.append(
            [
                _cell(ws, entry.on),
                _cell(ws, entry.status_label),
                _cell(ws, entry.unit_name),
                _cell(ws, entry.parent_name),
                _cell(ws, entry.venue),
                _cell(ws, entry.chair),
                _cell(ws, _("yes") if entry.exhibition else _("no")),
            ]
        )
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
