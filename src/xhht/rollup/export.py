"""A roll-up as plain data (the command's JSON) and as an .xlsx workbook (the page's export)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from xhht.rollup.services import IndicatorRow, Rollup, Sums, TargetShown

HEADER_FILL = PatternFill("solid", fgColor="DCE6F0")
BELOW_FILL = PatternFill("solid", fgColor="F4D3D4")
DATE_FORMAT = "dd/mm/yyyy"


def _sums_plain(sums: Sums) -> dict[str, Any]:
    return {
        "value": sums.value,
        "denominator": sums.denominator,
        "percent": None if sums.percent is None else float(sums.percent),
        "baseline": sums.baseline,
        "baseline_denominator": sums.baseline_denominator,
        "baseline_percent": None if sums.baseline_percent is None else float(sums.baseline_percent),
        "units_reported": sums.reported,
        "units_expected": sums.expected,
    }


def _target_plain(t: TargetShown) -> dict[str, Any]:
    return {
        "year": t.year,
        "value": float(t.value),
        "source": t.source,
        "in_force_from": t.in_force_from.isoformat(),
        "national": t.national,
    }


def rollup_plain(rollup: Rollup) -> dict[str, Any]:
    """Every indicator's rolled-up figures for the unit and each of its children, with the
    targets in force at the cut-off: what `xhht rollup --json` prints."""
    indicators = []
    for row in rollup.rows:
        indicators.append(
            {
                "code": row.indicator.code,
                "name": row.indicator.name,
                "kind": row.indicator.kind,
                "level": row.indicator.level,
                **_sums_plain(row.sums),
                "targets": [_target_plain(t) for y in sorted(row.targets) for t in row.targets[y]],
                "pulling_down": [c.code for c in row.pulling_down],
            }
        )
    children = []
    for child in rollup.children:
        figures = {}
        for row in rollup.rows:
            found = next((c for c in row.children if c.pk == child.pk), None)
            if found is not None:
                figures[row.indicator.code] = _sums_plain(found.sums)
        children.append(
            {"code": child.code, "name": child.name, "level": child.level, "indicators": figures}
        )
    return {
        "campaign": {"id": rollup.campaign.pk, "title": rollup.campaign.title},
        "unit": {"code": rollup.unit.code, "name": rollup.unit.display_name},
        "data_cutoff": rollup.cutoff.isoformat(),
        "reports_counted": "all" if rollup.include_drafts else "sent_or_accepted",
        "indicators": indicators,
        "children": children,
    }


def target_years(rollup: Rollup) -> list[int]:
    return sorted({year for row in rollup.rows for year in row.targets})


def _target_keys(rollup: Rollup) -> list[tuple[int, bool]]:
    """(year, national?) of every target shown: the province's own before the national one."""
    keys = {(t.year, t.national) for row in rollup.rows for ts in row.targets.values() for t in ts}
    return sorted(keys)


def _target_of(row: IndicatorRow, year: int, national: bool) -> TargetShown | None:
    return next((t for t in row.targets.get(year, []) if t.national == national), None)


def _target_title(year: int, national: bool) -> str:
    if national:
        return _("Target %(year)s, national") % {"year": year}
    return _("Target %(year)s, the province's own") % {"year": year}


Sheet = Worksheet | WriteOnlyWorksheet
BOLD = Font(bold=True)
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="top")


def styled(ws: Sheet, value: Any, **style: Any) -> Cell:
    """A cell with its style, to append to a sheet of either kind (a write-only sheet
    keeps no style given after the row is written)."""
    cell = WriteOnlyCell(ws, value)
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def column_widths(ws: Sheet, widths: Sequence[int]) -> None:
    for i, width in enumerate(widths, start=1):
        # types-openpyxl leaves the attribute out of the write-only sheet; _setup makes it.
        ws.column_dimensions[get_column_letter(i)].width = width  # type: ignore[union-attr]


def header_row(ws: Sheet, titles: list[str], widths: list[int]) -> None:
    """The header row, bold on blue and wrapped, and the panes frozen under it (a sheet
    written row by row takes it as its first row: its panes go before any row)."""
    column_widths(ws, widths)
    if isinstance(ws, WriteOnlyWorksheet):
        ws.freeze_panes = "A2"
    ws.append(
        [styled(ws, t, font=BOLD, fill=HEADER_FILL, alignment=HEADER_ALIGNMENT) for t in titles]
    )
    if isinstance(ws, Worksheet):
        ws.freeze_panes = f"A{ws.max_row + 1}"


def cell_number(value: Decimal | int | None) -> float | int | None:
    return float(value) if isinstance(value, Decimal) else value


def _low(row: IndicatorRow) -> str:
    """The units pulling the indicator down, as the page lists them."""
    return "; ".join(
        f"{c.name} ({number_format(c.sums.percent, 1)}%)"
        for c in row.pulling_down
        if c.sums.percent is not None
    )


def _indicator_sheet(ws: Worksheet, rollup: Rollup) -> None:
    ws.append([f"{rollup.campaign.title} — {rollup.unit.display_name}"])
    ws.append([_("Figures as of"), rollup.cutoff])
    ws.cell(row=ws.max_row, column=2).number_format = DATE_FORMAT
    counted = (
        _("all reports, drafts included")
        if rollup.include_drafts
        else _("sent and accepted reports")
    )
    ws.append([_("Counted"), counted])
    keys = _target_keys(rollup)
    titles = [
        _("Code"), _("Indicator"), _("Value"), _("Unit"), _("Out of"), _("%"), _("Baseline"),
        _("Baseline, out of"), _("Baseline %"), _("Units reported"), _("Units expected"),
    ]  # fmt: skip
    for year, national in keys:
        titles += [_target_title(year, national), _("Set by")]
    titles += [_("Below the target"), _("Units pulling it down")]
    widths = [18, 50, 12, 10, 12, 8, 12, 12, 10, 10, 10, *[12, 20] * len(keys), 10, 40]
    header_row(ws, titles, widths)
    for row in rollup.rows:
        s = row.sums
        line: list[object] = [
            row.indicator.code, row.indicator.name, s.value,
            "" if row.indicator.is_ratio else row.indicator.unit_label, s.denominator,
            cell_number(s.percent), s.baseline, s.baseline_denominator,
            cell_number(s.baseline_percent), s.reported, s.expected,
        ]  # fmt: skip
        for year, national in keys:
            target = _target_of(row, year, national)
            line += [cell_number(target.value), target.source] if target else [None, None]
        line += [_("yes") if row.below else "", _low(row)]
        ws.append(line)
        at = ws.max_row
        for column in (6, 9):
            ws.cell(row=at, column=column).number_format = "0.0"
        if row.below:
            ws.cell(row=at, column=6).fill = BELOW_FILL


def rollup_workbook(rollup: Rollup) -> bytes:
    """The roll-up table and its breakdown by unit below, as .xlsx bytes."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = _("Indicators")[:31]
    _indicator_sheet(ws, rollup)
    by_unit = wb.create_sheet(_("By unit")[:31])
    header_row(
        by_unit,
        [_("Unit code"), _("Unit"), _("Code"), _("Indicator"), _("Value"), _("Out of"), _("%"),
         _("Units reported"), _("Units expected"), _("Below the target")],
        [10, 32, 18, 50, 12, 12, 8, 10, 10, 10],
    )  # fmt: skip
    for row in rollup.rows:
        below = row.children_below
        for child in row.children:
            s = child.sums
            percent = WriteOnlyCell(by_unit, cell_number(s.percent))
            percent.number_format = "0.0"
            if child.pk in below:
                percent.fill = BELOW_FILL
            by_unit.append(
                [child.code, child.name, row.indicator.code, row.indicator.name, s.value,
                 s.denominator, percent, s.reported, s.expected,
                 _("yes") if child.pk in below else ""]
            )  # fmt: skip
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
